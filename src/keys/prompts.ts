// The few vscode.window calls the key flows make, behind one interface: the flows run on the real window
// for users and on a scripted stand-in in the integration tests (which cannot click a quick pick).
import * as vscode from 'vscode';

export interface Prompts {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  /** A modal warning; resolves to the chosen action, undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
}

export const windowPrompts: Prompts = {
  pick: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: false }),
  pickMany: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: true }),
  confirm: async (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  input: async (options) => vscode.window.showInputBox(options),
  info: async (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
};
