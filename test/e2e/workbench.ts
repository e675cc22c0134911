// One real workbench for the UI tests: code-server with the extension installed from the .vsix that
// `npm run package` builds (through code-server's own `--install-extension`, as a user installs it), opened
// in headless Chromium. So a file missing from the package fails these tests. Shared by every UI test
// through mocha root hooks.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, type RunningCodeServer, startCodeServer } from '../host/codeServer';
import { packageExtension } from '../host/packageExtension';
import { REPO_ROOT } from '../host/stageExtension';
import { ensureTestHost } from '../host/testHost';

export const SCREENSHOTS_DIR = join(REPO_ROOT, '.test-results', 'screenshots');

export interface Workbench {
  readonly page: Page;
  readonly server: RunningCodeServer;
  readonly browser: Browser;
  readonly workspace: string;
  /** Where code-server installed the extension from the .vsix. */
  readonly extensionDir: string;
}

let current: Workbench | undefined;
let cleanup: (() => Promise<void>) | undefined;

export function workbench(): Workbench {
  if (!current) {
    throw new Error('The workbench is not open: run UI tests with the e2e mocha config.');
  }
  return current;
}

export async function openWorkbench(settings: Record<string, unknown> = {}): Promise<Workbench> {
  const host = ensureTestHost({ browser: true });
  const scratch = mkdtempSync(join(tmpdir(), 'qcm-e2e-'));
  const vsix = packageExtension(join(scratch, 'qwen-cloud-meter.vsix'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(REPO_ROOT, 'samples', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer(host, { installVsix: [vsix], settings: { 'workbench.colorTheme': 'Default Dark Modern', ...settings } });
  const extensionsDir = join(server.runDir, 'extensions');
  const installed = readdirSync(extensionsDir).filter((name) => name.startsWith('qwen-cloud-meter.qwen-cloud-meter-'));
  if (installed.length !== 1 || !installed[0]) {
    throw new Error(`Expected the extension installed once from the .vsix, found: ${installed.join(', ') || 'nothing'}`);
  }
  const extensionDir = join(extensionsDir, installed[0]);
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.on('pageerror', (e) => console.error('    [pageerror]', e.message.slice(0, 200)));
  await page.goto(server.url({ folder: workspace }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  // Until the extension has activated (its status bar item is there), its contributions may be missing.
  await page.locator('#workbench\\.parts\\.statusbar [id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]').waitFor({ timeout: 90_000 });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  current = { page, server, browser, workspace, extensionDir };
  cleanup = async () => {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  return current;
}

export async function closeWorkbench(): Promise<void> {
  await cleanup?.();
  current = undefined;
  cleanup = undefined;
}

export function statusBar(page: Page): Locator {
  return page.locator('#workbench\\.parts\\.statusbar');
}

/** Runs a command from the palette by its title, as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  // The palette's filter does not match a typed "…", though titles end with one.
  await input.fill(`>${title.replace(/…$/, '')}`);
  await acceptFocusedRow(page, title);
}

/**
 * Presses Enter once the quick pick's focused row is the one wanted. Waiting for the row merely to exist
 * is not enough: the list filters after the input event, and an early Enter accepts the old first row.
 */
export async function acceptFocusedRow(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
