// "At most once per period": remembers which alerts already went out in which period (a quota window's
// reset period, a billing month), so a warning is not repeated on every refresh or after a reload.
// The meter and the spending alerts share it; the VS Code side persists it in globalState.

export interface LedgerStorage {
  load(): Readonly<Record<string, string>>;
  save(entries: Readonly<Record<string, string>>): void;
}

export class MemoryLedgerStorage implements LedgerStorage {
  private entries: Record<string, string> = {};
  load(): Readonly<Record<string, string>> {
    return this.entries;
  }
  save(entries: Readonly<Record<string, string>>): void {
    this.entries = { ...entries };
  }
}

/** Keeps at most this many alert ids, dropping the least recently notified. */
const MAX_ENTRIES = 500;

export class AlertLedger {
  constructor(private readonly storage: LedgerStorage) {}

  /**
   * True, and remembered, the first time `alertId` fires in `periodId` (for example
   * "quota:fiveHour:warning" in the period "2026-11-26T13:00Z"); false when it already did.
   */
  claim(alertId: string, periodId: string): boolean {
    const entries = this.storage.load();
    if (entries[alertId] === periodId) {
      return false;
    }
    const next: Record<string, string> = { ...entries };
    delete next[alertId];
    next[alertId] = periodId;
    const keys = Object.keys(next);
    for (const stale of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) {
      delete next[stale];
    }
    this.storage.save(next);
    return true;
  }

  /** Whether `alertId` already fired in `periodId`, without claiming it. */
  hasFired(alertId: string, periodId: string): boolean {
    return this.storage.load()[alertId] === periodId;
  }
}
