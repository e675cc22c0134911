// Drives the store from VS Code: polls only while a window is focused and only what is being shown,
// follows the refresh-interval setting, and refreshes on demand.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { Logger } from '../core/logger';
import { Poller } from '../core/poller';
import { type MaxAges, type AccountStore, type RefreshOutcome, type ResourceKey, RESOURCE_KEYS } from '../core/store';
import type { Settings, SettingsService } from '../config/settings';

const MINUTE_MS = 60_000;

/** The quota moves fastest, so it follows the interval; slower-moving data is fetched less often. */
export function maxAgesFor(settings: Settings): MaxAges {
  const interval = settings.refreshIntervalMinutes * MINUTE_MS;
  return {
    codingPlan: interval,
    monthSpend: 3 * interval,
    usageLimit: 3 * interval,
    bills: 6 * interval,
    apiKeys: 6 * interval,
    workspaces: 6 * interval,
    balance: 6 * interval,
    freeQuota: 6 * interval,
  };
}

export class AccountController extends DisposableOwner {
  private readonly poller: Poller;
  private readonly demand = new Map<ResourceKey, number>();

  constructor(
    private readonly store: AccountStore,
    settings: SettingsService,
    private readonly log: Logger,
  ) {
    super();
    this.poller = this.register(
      new Poller(() => this.tick(), { intervalMs: settings.value.refreshIntervalMinutes * MINUTE_MS, maxBackoffMs: 30 * MINUTE_MS }),
    );
    this.register(vscode.window.onDidChangeWindowState((state) => this.poller.setActive(state.focused)));
    // Another account: fetch what is on screen now, whatever the window's focus (the user just acted).
    this.register(store.onDidChangeRouter(() => void this.poller.runNow()));
    this.register(
      settings.onDidChange((value) => {
        this.store.setMaxAges(maxAgesFor(value));
        this.poller.setOptions({ intervalMs: value.refreshIntervalMinutes * MINUTE_MS, maxBackoffMs: 30 * MINUTE_MS });
      }),
    );
  }

  /** Starts polling after activation has returned, so activation itself makes no request. */
  start(): void {
    const handle = setTimeout(() => this.poller.setActive(vscode.window.state.focused, true), 0);
    this.register(toDisposable(() => clearTimeout(handle)));
  }

  /**
   * Declares that something on screen shows `keys`: they are polled until the returned disposable is
   * disposed, and fetched now if they are due.
   */
  show(keys: readonly ResourceKey[]): vscode.Disposable {
    for (const key of keys) {
      this.demand.set(key, (this.demand.get(key) ?? 0) + 1);
    }
    // Deferred so that views created during activation do not make activation wait for data.
    const handle = setTimeout(() => void this.store.refresh(keys), 0);
    return new vscode.Disposable(() => {
      clearTimeout(handle);
      for (const key of keys) {
        const n = (this.demand.get(key) ?? 1) - 1;
        if (n <= 0) {
          this.demand.delete(key);
        } else {
          this.demand.set(key, n);
        }
      }
    });
  }

  private shown(): ResourceKey[] {
    return RESOURCE_KEYS.filter((k) => this.demand.has(k));
  }

  private async tick(): Promise<RefreshOutcome> {
    const outcome = await this.store.refresh(this.shown());
    if (!outcome.ok) {
      this.log.warn(`Refresh failed; retrying with back-off${outcome.retryAfterMs ? ` (server asked for ${Math.round(outcome.retryAfterMs / 1000)} s)` : ''}.`);
    }
    return outcome;
  }

  /** Refreshes everything on screen now, whatever its age (the Refresh command). */
  async refreshNow(): Promise<RefreshOutcome> {
    // Parameterised answers (order pages, chart series) are dropped too: their views ask again.
    this.store.invalidate(['orders', 'costAnalysis', 'lineItems', 'apiKeys', 'usageLimit']);
    const outcome = await this.store.refresh(this.shown(), { force: true });
    // Restart the interval from now so a manual refresh is not followed by an immediate poll.
    this.poller.setActive(vscode.window.state.focused, false);
    return outcome;
  }
}
