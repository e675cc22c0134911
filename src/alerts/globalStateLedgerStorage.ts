// Keeps an AlertLedger in globalState, so an alert that went out is not repeated after a reload.
import type * as vscode from 'vscode';
import type { LedgerStorage } from '../core/alertLedger';

export class GlobalStateLedgerStorage implements LedgerStorage {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly key: string,
  ) {}

  load(): Readonly<Record<string, string>> {
    const value = this.memento.get<unknown>(this.key);
    if (typeof value !== 'object' || value === null) {
      return {};
    }
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  save(entries: Readonly<Record<string, string>>): void {
    void this.memento.update(this.key, entries);
  }
}
