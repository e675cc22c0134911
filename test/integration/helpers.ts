// Shared helpers for tests that run inside the extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi, TestingSeams } from '../../src/extension';

export const EXTENSION_ID = 'qwen-cloud-meter.qwen-cloud-meter';

export async function activateExtension(): Promise<QwenCloudMeterApi> {
  const extension = vscode.extensions.getExtension<QwenCloudMeterApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in the host`);
  return extension.isActive ? extension.exports : await extension.activate();
}

/**
 * The time the extension reads, for the data a test builds or expects: the run may put it on another
 * date (QCM_CLOCK_START). Waits and deadlines stay on the machine's clock.
 */
export function now(): number {
  const extension = vscode.extensions.getExtension<QwenCloudMeterApi>(EXTENSION_ID);
  return extension?.isActive ? extension.exports.clock.now() : Date.now();
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sets a user setting for the duration of a test; returns a function that restores it. */
export async function withSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const [section, ...rest] = key.split('.');
  const name = rest.join('.');
  const config = vscode.workspace.getConfiguration(section);
  const previous = config.inspect(name)?.globalValue;
  await config.update(name, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration(section).update(name, previous, vscode.ConfigurationTarget.Global);
  };
}

/**
 * Resolves once the account has stopped changing for `quietMs`: an earlier suite's teardown (signing out,
 * restoring endpoint settings) rebuilds the sources a moment later, which would replace a router a test
 * has just set.
 */
export async function accountSettled(api: QwenCloudMeterApi, quietMs = 1_500, timeoutMs = 15_000): Promise<void> {
  let last = Date.now();
  const sub = api.store.onDidChangeRouter(() => (last = Date.now()));
  try {
    await waitFor(() => (Date.now() - last >= quietMs ? true : undefined), 'the account to settle', timeoutMs);
  } finally {
    sub.dispose();
  }
}

/** The extension's test seams: present because the tests run it as a development extension, never in production. */
export function seams(api: QwenCloudMeterApi): TestingSeams {
  if (!api.testing) {
    throw new Error('The extension runs in production mode: its test seams are not there.');
  }
  return api.testing;
}

/** The sample workspace's first folder, which the host tests open. */
export function workspaceFolderUri(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the sample workspace is open');
  return f.uri;
}

/** Writes a file in the sample workspace (relative path), as a user's save would. */
export async function writeWorkspaceFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolderUri(), relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** A diagnostic's code as text: the scanner's rule id, whether the code is plain or carries a link. */
export function diagnosticCode(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}
