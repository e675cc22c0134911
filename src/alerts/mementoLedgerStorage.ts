// The AlertLedger's storage in a Memento (globalState), so an alert that went out is remembered across
// reloads and windows.
import type * as vscode from 'vscode';
import type { LedgerStorage } from '../core/common/alertLedger';
import type { Logger } from '../core/common/logger';

export class MementoLedgerStorage implements LedgerStorage {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly key: string,
    private readonly log: Logger,
  ) {}

  load(): Readonly<Record<string, string>> {
    const saved = this.memento.get<unknown>(this.key);
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
      return {};
    }
    return Object.fromEntries(Object.entries(saved).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  save(entries: Readonly<Record<string, string>>): void {
    // The Memento holds the new value at once; writing it to disk may finish later.
    this.memento.update(this.key, entries).then(undefined, (error: unknown) => this.log.warn(`Could not save the alert ledger: ${String(error)}`));
  }
}
