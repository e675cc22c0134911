// Drives the store from VS Code: polls only while a window is focused and only what is being shown,
// follows the refresh-interval setting, and refreshes on demand.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { Logger } from '../core/common/logger';
import { Poller, type PollerOptions } from '../core/account/poller';
import { type MaxAges, type AccountStore, type RefreshOutcome, type ResourceKey, RESOURCE_KEYS } from '../core/account/store';
import type { Settings, SettingsService } from '../config/settings';

const MINUTE_MS = 60_000;
const MAX_BACKOFF_MS = 30 * MINUTE_MS;

/** The refresh interval the settings ask for, in milliseconds. */
export function intervalOf(settings: Settings): number {
  return settings.refreshIntervalMinutes * MINUTE_MS;
}

/** The quota moves fastest, so it follows the interval; slower-moving data is fetched less often. */
export function maxAgesFor(interval: number): MaxAges {
  return {
    codingPlan: interval,
    // Credits move with use, as the Coding Plan's windows do.
    tokenPlan: interval,
    monthSpend: 3 * interval,
    usageLimit: 3 * interval,
    bills: 6 * interval,
    apiKeys: 6 * interval,
    workspaces: 6 * interval,
    balance: 6 * interval,
    freeQuota: 6 * interval,
  };
}

/** Poll timings that replace the settings' (the integration tests' seam; see `setTestTimings`). */
export interface PollTimings {
  readonly intervalMs: number;
  readonly minBackoffMs: number;
}

export class AccountController extends DisposableOwner {
  private readonly poller: Poller;
  private readonly demand = new Map<ResourceKey, number>();
  /** Reads that views make themselves (pages, chart series) and that failed: retried on each tick until they load. */
  private readonly retries = new Set<() => Promise<RefreshOutcome>>();
  private testTimings: PollTimings | undefined;

  constructor(
    private readonly store: AccountStore,
    private readonly settings: SettingsService,
    private readonly log: Logger,
  ) {
    super();
    this.poller = this.register(new Poller(() => this.tick(), this.pollerOptions()));
    this.register(vscode.window.onDidChangeWindowState((state) => this.poller.setActive(state.focused)));
    // Another account: fetch what is on screen now, whatever the window's focus (the user just acted).
    this.register(store.onDidChangeRouter(() => void this.poller.runNow()));
    this.register(settings.onDidChange(({ changed }) => changed.has('refreshIntervalMinutes') && this.applyTimings()));
  }

  private pollerOptions(): PollerOptions {
    const t = this.testTimings;
    return t
      ? { intervalMs: t.intervalMs, minBackoffMs: t.minBackoffMs, maxBackoffMs: Math.max(t.intervalMs, 16 * t.minBackoffMs) }
      : { intervalMs: intervalOf(this.settings.value), maxBackoffMs: MAX_BACKOFF_MS };
  }

  private applyTimings(): void {
    const options = this.pollerOptions();
    this.store.setMaxAges(maxAgesFor(options.intervalMs));
    this.poller.setOptions(options);
  }

  /**
   * For the integration tests only: poll every `intervalMs` and back off from `minBackoffMs`, so that
   * recovery after a fault can be watched in seconds; `undefined` goes back to the settings. The user's
   * minimums (1 minute, 30 s) stay as they are.
   */
  setTestTimings(timings: PollTimings | undefined): void {
    this.testTimings = timings;
    this.applyTimings();
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

  /**
   * A view's own read (a page of orders, a chart series) failed: `load` is called again on each tick, with
   * the polled data's back-off, until the view disposes the returned disposable (when a read succeeds, or
   * when it no longer shows). So a view recovers by itself once the account answers again.
   */
  retryUntilLoaded(load: () => Promise<RefreshOutcome>, failure: RefreshOutcome = { ok: false }): vscode.Disposable {
    this.retries.add(load);
    this.poller.reportFailure(failure.retryAfterMs);
    return new vscode.Disposable(() => this.retries.delete(load));
  }

  private async tick(): Promise<RefreshOutcome> {
    const outcomes = [await this.store.refresh(this.shown())];
    for (const load of [...this.retries]) {
      outcomes.push(await load().catch((): RefreshOutcome => ({ ok: false })));
    }
    const waits = outcomes.flatMap((o) => (o.retryAfterMs === undefined ? [] : [o.retryAfterMs]));
    const outcome: RefreshOutcome = { ok: outcomes.every((o) => o.ok), ...(waits.length > 0 ? { retryAfterMs: Math.max(...waits) } : {}) };
    if (!outcome.ok) {
      this.log.warn(`Refresh failed; retrying with back-off${outcome.retryAfterMs ? ` (server asked for ${Math.round(outcome.retryAfterMs / 1000)} s)` : ''}.`);
    }
    return outcome;
  }

  /**
   * Fetches `keys` now, whatever their age: after a change the user made (a key revoked, the limit saved),
   * a passed reset, or a Retry. The one way, besides polling, that anything asks the store for data.
   */
  refresh(keys: readonly ResourceKey[]): Promise<RefreshOutcome> {
    return this.store.refresh(keys, { force: true });
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
