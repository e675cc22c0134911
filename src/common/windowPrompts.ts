// The window's prompts behind one interface: quick picks, modal confirmations, input boxes, information
// and warning messages, and the save dialog. The key flows, the panels and the spend alerts take it from
// the composition root, so the integration tests can answer in a person's place (a quick pick or a modal
// would block a test, and the smoke-test driver skips modals).
import * as vscode from 'vscode';

export interface WindowPrompts {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  /** A modal warning; resolves to the chosen action, undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** An information notification; resolves to the chosen action, undefined when closed. */
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  /** A warning notification (not modal); resolves to the chosen action, undefined when closed. */
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Where to save a file (offered in the first workspace folder), or undefined when the user cancelled. */
  saveFile(defaultName: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined>;
}

/** The real window. Each call looks `vscode.window` up when made, so whatever wraps it later sees the call. */
export const windowPrompts: WindowPrompts = {
  pick: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: false }),
  pickMany: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: true }),
  confirm: async (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  input: async (options) => vscode.window.showInputBox(options),
  info: async (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: async (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  saveFile: async (defaultName, filters) => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}),
      filters,
      saveLabel: vscode.l10n.t('Export'),
    });
  },
};

/**
 * Prompts that go to `real` except where a script answers instead: the one instance the composition
 * root hands out, so scripting it (only the test seams do) reaches every flow, panel and notifier at once.
 */
export class ScriptablePrompts implements WindowPrompts {
  /** Scripts in force, oldest first; the newest that answers a method wins. */
  private scripts: { readonly answers: Partial<WindowPrompts> }[] = [];

  constructor(private readonly real: WindowPrompts) {}

  /** Answers the methods `answers` has until the returned function is called; the others stay as they were. */
  script(answers: Partial<WindowPrompts>): () => void {
    const entry = { answers };
    this.scripts.push(entry);
    return () => {
      this.scripts = this.scripts.filter((s) => s !== entry);
    };
  }

  /** Who answers `name`: the newest script that has it (only that method is called on it), else the real one. */
  private answerer(name: keyof WindowPrompts): WindowPrompts {
    for (let i = this.scripts.length - 1; i >= 0; i--) {
      const answers = this.scripts[i]?.answers;
      if (answers?.[name]) {
        return answers as WindowPrompts;
      }
    }
    return this.real;
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    return this.answerer('pick').pick(items, options);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    return this.answerer('pickMany').pickMany(items, options);
  }

  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    return this.answerer('confirm').confirm(message, detail, ...actions);
  }

  input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.answerer('input').input(options);
  }

  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.answerer('info').info(message, ...actions);
  }

  warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.answerer('warn').warn(message, ...actions);
  }

  saveFile(defaultName: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
    return this.answerer('saveFile').saveFile(defaultName, filters);
  }
}
