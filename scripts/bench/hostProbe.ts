// Loaded by the extension host as its tests module (`extensionTestsPath`) by the host benchmark
// (hostBench.ts): reads which step to run from the file named in QCM_BENCH_STEP_FILE, measures it inside
// the real extension host, and prints one line `QCM_BENCH {json}` per figure for the runner to collect.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import { walkFiles } from '../../src/cli/files';
import { excludeGlob, folderFiles } from '../../src/scanner/workspaceFiles';
import { SimulatorClient } from '../../test/simulator/client';
import { type ListingTimes, type MemoryFigures, type ProbeReport, type ProbeStep, REPORT_MARK } from './hostProtocol';

const EXTENSION_ID = 'qwen-cloud-meter.qwen-cloud-meter';

function report(data: ProbeReport): void {
  console.log(`${REPORT_MARK}${JSON.stringify(data)}`);
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A full garbage collection, so heap figures show what is kept rather than what is not yet collected.
 * The host does not start with --expose-gc; turning the flag on now and taking gc() from a new context is
 * the usual way in Node (for this benchmark only).
 */
function collectGarbage(): boolean {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof gc !== 'function') {
    return false;
  }
  (gc as () => void)();
  return true;
}

function memory(): MemoryFigures {
  const collected = collectGarbage();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, collected };
}

async function extensionApi(): Promise<QwenCloudMeterApi> {
  const extension = vscode.extensions.getExtension<QwenCloudMeterApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not loaded in the host`);
  }
  // It activates on startup by itself; activate() only waits for that (or starts it, if it has not yet).
  return extension.isActive ? extension.exports : await extension.activate();
}

async function start(api: QwenCloudMeterApi): Promise<void> {
  const shown = await waitFor(() => api.statusBar.firstQuotaShown, 'the first quota on the status bar');
  report({
    kind: 'start',
    activationMs: api.activationMs,
    firstQuotaMs: shown.at - api.activationStartedAt,
    source: shown.source,
    focused: vscode.window.state.focused,
  });
}

async function signIn(api: QwenCloudMeterApi): Promise<void> {
  const url = process.env.QCM_SIMULATOR_URL;
  if (!url) {
    throw new Error('QCM_SIMULATOR_URL is not set');
  }
  const simulator = new SimulatorClient(url);
  await api.ready;
  const signing = vscode.commands.executeCommand('qwenCloud.signIn');
  await waitFor(async () => ((await simulator.set({})).pendingDevices === 1 ? true : undefined), 'a pending sign-in');
  await simulator.set({ approveDevice: true });
  await signing;
  await waitFor(() => (api.store.get('codingPlan').source?.kind === 'qwenCloud' ? true : undefined), 'the account\'s Coding Plan');
  report({ kind: 'signedIn' });
}

/**
 * A timer-lag probe: a 1 ms timer that notes the longest gap between its runs. While the thread works on
 * something, the timer waits; the gap minus the timer is how long that stretch of work was.
 */
class BlockProbe {
  private longest = 0;
  private last = performance.now();
  private readonly timer = setInterval(() => {
    const now = performance.now();
    this.longest = Math.max(this.longest, now - this.last - 1);
    this.last = now;
  }, 1);

  /** The longest stretch so far, and starts again. */
  take(): number {
    const longest = Math.max(this.longest, performance.now() - this.last - 1);
    this.longest = 0;
    this.last = performance.now();
    return Math.max(0, longest);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

async function timeListing(method: string, runs: number, list: () => Promise<number>): Promise<ListingTimes> {
  const ms: number[] = [];
  let files = 0;
  for (let i = 0; i < Math.max(1, runs); i++) {
    const started = performance.now();
    files = await list();
    ms.push(performance.now() - started);
  }
  return { method, files, ms };
}

async function scan(api: QwenCloudMeterApi, rescans: number): Promise<void> {
  await api.ready;
  // Let start-up settle (views, the first refresh) so "before" is the host at rest, not mid-start.
  await new Promise((r) => setTimeout(r, 3_000));
  const before = memory();
  // The runner starts this host with the scanner off (a scan then finds nothing to do); turning it on
  // starts the full workspace scan.
  const idle = api.scanner.lastWorkspaceScan;
  const blocks = new BlockProbe();
  blocks.take();
  const started = performance.now();
  await vscode.workspace.getConfiguration('qwenCloud').update('scanner.enabled', true, vscode.ConfigurationTarget.Global);
  const first = await waitFor(() => {
    const last = api.scanner.lastWorkspaceScan;
    return last !== idle && last && last.filesScanned > 0 ? last : undefined;
  }, 'the first workspace scan', 300_000);
  await api.scanner.whenIdle();
  const firstScanMs = performance.now() - started;
  const firstScanBlock = blocks.take();
  const afterFirstScan = memory();
  const rescanMs: number[] = [];
  let rescanStretch = 0;
  blocks.take();
  for (let i = 0; i < rescans; i++) {
    const summary = await api.scanner.rescanWorkspace();
    rescanMs.push(summary.durationMs);
    rescanStretch = Math.max(rescanStretch, summary.longestStretchMs);
  }
  const rescanBlock = blocks.take();
  blocks.stop();
  const afterRescans = memory();
  // How much of a scan is VS Code listing the files (the same call the scan makes), the rest being reading.
  const listingMs: number[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (let i = 0; i < Math.max(1, rescans); i++) {
      const listed = performance.now();
      await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(folder));
      listingMs.push(performance.now() - listed);
    }
  }
  // The other ways to list the same files, each timed alone (the scan itself takes the first that works).
  const listings: ListingTimes[] = [];
  const token = new vscode.CancellationTokenSource().token;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    listings.push(await timeListing('ripgrep inside VS Code (rg --files, excludes as globs)', rescans, async () => (await folderFiles(folder, token, 'ripgrep')).paths.length));
    listings.push(await timeListing('workspace.findFiles, then .gitignore (ignore package)', rescans, async () => (await folderFiles(folder, token, 'findFiles')).paths.length));
    // The CLI's readdir walk, without the settings' excludes or .gitignore (the tree is node_modules, which
    // it would skip otherwise): the floor for a walk in JavaScript. Synchronous: it blocks the host while it runs.
    listings.push(await timeListing('readdir walk in JavaScript (the CLI\'s; no excludes, synchronous)', rescans, () => Promise.resolve([...walkFiles(folder.uri.fsPath, { noIgnore: true })].length)));
  }
  report({
    kind: 'scan',
    before,
    afterFirstScan,
    afterRescans,
    firstScanMs,
    rescanMs,
    listingMs,
    listings,
    longestBlockMs: { firstScan: firstScanBlock, rescans: rescanBlock },
    longestStretchMs: { firstScan: first.longestStretchMs, rescans: rescanStretch },
    filesScanned: first.filesScanned,
    firstScanOwnMs: first.durationMs,
  });
}

async function steady(api: QwenCloudMeterApi, doneFile: string): Promise<void> {
  await waitFor(() => (api.statusBar.firstQuotaShown?.source === 'qwenCloud' ? true : undefined), 'the account\'s quota');
  report({ kind: 'focus', focused: vscode.window.state.focused, ready: true });
  const listener = vscode.window.onDidChangeWindowState((state) => report({ kind: 'focus', focused: state.focused, ready: true }));
  try {
    await waitFor(() => (existsSync(doneFile) ? true : undefined), 'the end of the steady-state count', 60 * 60_000);
  } finally {
    listener.dispose();
  }
}

export async function run(): Promise<void> {
  const stepFile = process.env.QCM_BENCH_STEP_FILE;
  if (!stepFile) {
    throw new Error('QCM_BENCH_STEP_FILE is not set: run the host benchmark through scripts/bench/hostBench');
  }
  const step = JSON.parse(readFileSync(stepFile, 'utf8')) as ProbeStep;
  try {
    const api = await extensionApi();
    switch (step.kind) {
      case 'start':
        return await start(api);
      case 'signIn':
        return await signIn(api);
      case 'scan':
        return await scan(api, step.rescans);
      case 'steady':
        return await steady(api, step.doneFile);
    }
  } catch (error) {
    report({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
