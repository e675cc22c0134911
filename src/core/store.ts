// The one owner of account data. Views read snapshots and subscribe to changes; they never fetch.
// A refresh is single-flight per resource (status bar, trees and panels share it), a failure keeps the
// last good value (shown as stale, with its age), and switching accounts drops late answers.
import type { AccountRouter, AccountSource, CallOptions, Feature, SourceInfo } from './account';
import type { Clock } from './clock';
import { type QwenCloudError, RateLimitedError, toQwenCloudError } from './errors';
import { Emitter, type Event } from './events';
import type { ApiKey, Balance, CodingPlan, MonthSpend, MonthlyBill, UsageLimit, Workspace } from './model';

export interface ResourceValues {
  codingPlan: CodingPlan | null;
  usageLimit: UsageLimit | null;
  monthSpend: MonthSpend;
  bills: readonly MonthlyBill[];
  apiKeys: readonly ApiKey[];
  workspaces: readonly Workspace[];
  balance: Balance | null;
}
export type ResourceKey = keyof ResourceValues;
export const RESOURCE_KEYS: readonly ResourceKey[] = ['codingPlan', 'usageLimit', 'monthSpend', 'bills', 'apiKeys', 'workspaces', 'balance'];

export interface Snapshot<T> {
  /** The last good value, kept when a later refresh fails. */
  readonly value?: T;
  readonly fetchedAt?: number;
  /** Where `value` came from. */
  readonly source?: SourceInfo;
  /** The latest refresh's failure; cleared by the next success. */
  readonly error?: QwenCloudError;
  readonly loading: boolean;
  /** No connected source serves this resource (for example API keys without an AccessKey). */
  readonly unavailable: boolean;
}

const FETCHERS: { readonly [K in ResourceKey]: readonly [Feature, (s: AccountSource, o: CallOptions) => Promise<ResourceValues[K]> | undefined] } = {
  codingPlan: ['codingPlan', (s, o) => s.getCodingPlan?.(o)],
  usageLimit: ['usageLimit', (s, o) => s.getUsageLimit?.(o)],
  monthSpend: ['monthSpend', (s, o) => s.getMonthSpend?.(o)],
  bills: ['bills', (s, o) => s.listBills?.(o)],
  apiKeys: ['apiKeys', (s, o) => s.listApiKeys?.(o)],
  workspaces: ['workspaces', (s, o) => s.listWorkspaces?.(o)],
  balance: ['balance', (s, o) => s.getBalance?.(o)],
};

/** How old each resource may get before a due refresh fetches it again. */
export type MaxAges = Readonly<Record<ResourceKey, number>>;

export interface RefreshOutcome {
  /** Every refreshed resource succeeded. */
  readonly ok: boolean;
  /** The longest wait a rate-limited answer asked for. */
  readonly retryAfterMs?: number;
}

interface Entry {
  snapshot: Snapshot<unknown>;
  inflight?: Promise<void>;
}

export class AccountStore {
  private entries = new Map<ResourceKey, Entry>();
  private generation = 0;
  private abort = new AbortController();
  private readonly changed: Emitter<ResourceKey>;
  /** Fires with the key of a resource whose snapshot changed. */
  readonly onDidChange: Event<ResourceKey>;

  constructor(
    private routerValue: AccountRouter,
    private readonly clock: Clock,
    private maxAges: MaxAges,
    onListenerError?: (error: unknown) => void,
  ) {
    this.changed = new Emitter<ResourceKey>(onListenerError);
    this.onDidChange = this.changed.event;
    this.reset();
  }

  get router(): AccountRouter {
    return this.routerValue;
  }

  /** Switches accounts: forgets every value, cancels work under way, and drops its late answers. */
  setRouter(router: AccountRouter): void {
    this.routerValue = router;
    this.abort.abort();
    this.abort = new AbortController();
    this.generation++;
    this.reset();
    for (const key of RESOURCE_KEYS) {
      this.changed.fire(key);
    }
  }

  setMaxAges(maxAges: MaxAges): void {
    this.maxAges = maxAges;
  }

  private reset(): void {
    this.entries = new Map(
      RESOURCE_KEYS.map((key) => [key, { snapshot: { loading: false, unavailable: this.routerValue.sourceFor(FETCHERS[key][0]) === undefined } }]),
    );
  }

  private entry(key: ResourceKey): Entry {
    const entry = this.entries.get(key);
    if (!entry) {
      throw new Error(`Unknown resource ${key}`);
    }
    return entry;
  }

  get<K extends ResourceKey>(key: K): Snapshot<ResourceValues[K]> {
    return this.entry(key).snapshot as Snapshot<ResourceValues[K]>;
  }

  /** Milliseconds since the value was fetched, or `undefined` when there is none. */
  ageOf(key: ResourceKey): number | undefined {
    const fetchedAt = this.entry(key).snapshot.fetchedAt;
    return fetchedAt === undefined ? undefined : Math.max(0, this.clock.now() - fetchedAt);
  }

  isDue(key: ResourceKey): boolean {
    const { snapshot } = this.entry(key);
    if (snapshot.unavailable) {
      return false;
    }
    const age = this.ageOf(key);
    return age === undefined || snapshot.error !== undefined || age >= this.maxAges[key];
  }

  /**
   * Fetches the given resources (all by default) that are due, or every one with `force`. Callers asking
   * while a fetch is under way share it. Never rejects: failures land in the snapshots.
   */
  async refresh(keys: readonly ResourceKey[] = RESOURCE_KEYS, options: { force?: boolean } = {}): Promise<RefreshOutcome> {
    const wanted = keys.filter((k) => options.force === true || this.isDue(k) || this.entry(k).inflight !== undefined);
    await Promise.all(wanted.map((k) => this.fetch(k)));
    let ok = true;
    let retryAfterMs: number | undefined;
    for (const key of wanted) {
      const error = this.entry(key).snapshot.error;
      if (error) {
        ok = false;
        if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
          retryAfterMs = Math.max(retryAfterMs ?? 0, error.retryAfterMs);
        }
      }
    }
    return retryAfterMs === undefined ? { ok } : { ok, retryAfterMs };
  }

  private fetch(key: ResourceKey): Promise<void> {
    const entry = this.entry(key);
    if (entry.inflight) {
      return entry.inflight;
    }
    const [feature, call] = FETCHERS[key];
    const source = this.routerValue.sourceFor(feature);
    if (!source) {
      return Promise.resolve();
    }
    const generation = this.generation;
    const signal = this.abort.signal;
    this.update(key, { ...entry.snapshot, loading: true });
    const run = async (): Promise<void> => {
      try {
        const value = await call(source, { signal });
        if (generation !== this.generation) {
          return;
        }
        this.update(key, { value, fetchedAt: this.clock.now(), source: source.info, loading: false, unavailable: false });
      } catch (error) {
        if (generation !== this.generation) {
          return;
        }
        const { value, fetchedAt, source: from } = this.entry(key).snapshot;
        this.update(key, {
          ...(value !== undefined ? { value, fetchedAt, source: from } : {}),
          error: toQwenCloudError(error),
          loading: false,
          unavailable: false,
        });
      }
    };
    const inflight = run().finally(() => {
      if (this.entries.get(key) === entry) {
        entry.inflight = undefined;
      }
    });
    entry.inflight = inflight;
    return inflight;
  }

  private update(key: ResourceKey, snapshot: Snapshot<unknown>): void {
    this.entry(key).snapshot = snapshot;
    this.changed.fire(key);
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }
}
