// Stands in for the person answering the key flows' quick picks, modals and input boxes: each step is
// answered by the next scripted function, and everything shown is recorded for the assertions.
import type * as vscode from 'vscode';
import type { WindowPrompts } from '../../src/common/windowPrompts';

export interface Shown {
  readonly kind: 'pick' | 'pickMany' | 'confirm' | 'input' | 'info' | 'warn' | 'saveFile';
  readonly title?: string;
  /** A quick pick's placeholder (where the flows say that the list is not fresh). */
  readonly placeHolder?: string;
  readonly message?: string;
  readonly detail?: string;
  readonly items?: readonly vscode.QuickPickItem[];
  readonly actions?: readonly string[];
}

/** One scripted answer: given what is shown, what the person does (undefined = Escape). */
export type Answer = (shown: Shown) => unknown;

export class ScriptedPrompts implements WindowPrompts {
  readonly shown: Shown[] = [];

  constructor(private readonly answers: Answer[]) {}

  private answer(shown: Shown): unknown {
    this.shown.push(shown);
    const next = this.answers.shift();
    if (!next) {
      throw new Error(`No scripted answer left for ${shown.kind} "${shown.title ?? shown.message ?? ''}"`);
    }
    return next(shown);
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    return this.answer({ kind: 'pick', ...(options.title ? { title: options.title } : {}), ...(options.placeHolder ? { placeHolder: options.placeHolder } : {}), items }) as T | undefined;
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    return this.answer({ kind: 'pickMany', ...(options.title ? { title: options.title } : {}), items }) as readonly T[] | undefined;
  }

  async confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    return this.answer({ kind: 'confirm', message, detail, actions }) as string | undefined;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const value = this.answer({ kind: 'input', ...(options.title ? { title: options.title } : {}), ...(options.prompt ? { message: options.prompt } : {}) }) as string | undefined;
    // The real input box refuses to close on a value its validation rejects: so does this one.
    if (value !== undefined && options.validateInput) {
      const problem = await options.validateInput(value);
      if (problem) {
        throw new Error(`The input box would not accept "${value}": ${typeof problem === 'string' ? problem : problem.message}`);
      }
    }
    return value;
  }

  async info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notification('info', message, actions);
  }

  async warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notification('warn', message, actions);
  }

  /** Notifications do not wait for an answer unless they offer actions. */
  private notification(kind: 'info' | 'warn', message: string, actions: readonly string[]): string | undefined {
    if (actions.length === 0) {
      this.shown.push({ kind, message });
      return undefined;
    }
    return this.answer({ kind, message, actions }) as string | undefined;
  }

  async saveFile(defaultName: string): Promise<vscode.Uri | undefined> {
    return this.answer({ kind: 'saveFile', title: defaultName }) as vscode.Uri | undefined;
  }
}

/** Picks the item whose label or description contains `text`. */
export const pickItem =
  (text: string): Answer =>
  (shown) =>
    shown.items?.find((i) => i.label.includes(text) || (i.description ?? '').includes(text));

export const pickItems =
  (...texts: string[]): Answer =>
  (shown) =>
    shown.items?.filter((i) => texts.some((t) => i.label.includes(t)));

export const choose =
  (action: string): Answer =>
  (shown) =>
    shown.actions?.find((a) => a.startsWith(action));

export const type =
  (text: string): Answer =>
  () =>
    text;

export const escape: Answer = () => undefined;
