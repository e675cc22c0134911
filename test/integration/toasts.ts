// Counts the notifications (toasts) the extension shows. The test driver hides them from the workbench,
// but the extension and these tests share one `vscode` API object in the host (the tests live inside the
// extension's folder), so wrapping its three show…Message functions sees every call the extension makes.
// `toastWatchWorks` proves it on a known notification before any count is trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

export interface Toast {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly at: number;
}

const shown: Toast[] = [];
let installed = false;

type Show = (message: string, ...rest: unknown[]) => Thenable<unknown>;

function isModal(options: unknown): boolean {
  return typeof options === 'object' && options !== null && 'modal' in options && (options as { modal?: unknown }).modal === true;
}

/** Starts recording; idempotent. Modal dialogs are not toasts and are not recorded. */
export function watchToasts(): void {
  if (installed) {
    return;
  }
  installed = true;
  const window = vscode.window as unknown as Record<string, Show>;
  const levels = { showInformationMessage: 'info', showWarningMessage: 'warning', showErrorMessage: 'error' } as const;
  for (const [name, level] of Object.entries(levels)) {
    const original = window[name];
    assert.ok(original, `vscode.window.${name}`);
    window[name] = (message: string, ...rest: unknown[]) => {
      if (!isModal(rest[0])) {
        shown.push({ level, message, at: Date.now() });
      }
      return original.call(vscode.window, message, ...rest);
    };
  }
}

/** Every toast since `watchToasts`, oldest first. */
export function toasts(): readonly Toast[] {
  return shown;
}

/**
 * Checks that the watch sees the extension's own notifications: a command given arguments it refuses
 * shows an error through the extension's command wrapper.
 */
export async function toastWatchWorks(): Promise<void> {
  watchToasts();
  const before = shown.length;
  await vscode.commands.executeCommand('qwenCloud.revokeKeyFromCode', { not: 'a key location' });
  await waitFor(() => (shown.slice(before).some((t) => t.level === 'error' && /location was not understood/.test(t.message)) ? true : undefined), 'the extension\'s error toast to be seen');
}
