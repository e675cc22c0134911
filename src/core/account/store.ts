// The one owner of account data. Views read snapshots and subscribe to changes; they never fetch.
// A refresh is single-flight per resource (status bar, trees and panels share it), a failure keeps the
// last good value (shown as stale, with its age), and switching accounts drops late answers.
import type { AccountRouter, AccountSource, CallOptions, Feature, SourceInfo } from './source';
import type { Clock } from '../common/clock';
import { NotConnectedError, type QwenCloudError, RateLimitedError, toQwenCloudError } from './errors';
import { Emitter, type Event } from '../common/events';
import type { ApiKey, Balance, CodingPlan, FreeQuota, MonthSpend, MonthlyBill, TokenPlan, UsageLimit, Workspace } from './model';

export interface ResourceValues {
  codingPlan: CodingPlan | null;
  tokenPlan: TokenPlan | null;
  usageLimit: UsageLimit | null;
  monthSpend: MonthSpend;
  bills: readonly MonthlyBill[];
  apiKeys: readonly ApiKey[];
  workspaces: readonly Workspace[];
  balance: Balance | null;
  freeQuota: readonly FreeQuota[];
}
export type ResourceKey = keyof ResourceValues;
export const RESOURCE_KEYS: readonly ResourceKey[] = ['codingPlan', 'tokenPlan', 'usageLimit', 'monthSpend', 'bills', 'apiKeys', 'workspaces', 'balance', 'freeQuota'];

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
  tokenPlan: ['tokenPlan', (s, o) => s.getTokenPlan?.(o)],
  usageLimit: ['usageLimit', (s, o) => s.getUsageLimit?.(o)],
  monthSpend: ['monthSpend', (s, o) => s.getMonthSpend?.(o)],
  bills: ['bills', (s, o) => s.listBills?.(o)],
  apiKeys: ['apiKeys', (s, o) => s.listApiKeys?.(o)],
  workspaces: ['workspaces', (s, o) => s.listWorkspaces?.(o)],
  balance: ['balance', (s, o) => s.getBalance?.(o)],
  freeQuota: ['freeQuota', (s, o) => s.getFreeQuota?.(o)],
};

/** How old each resource may get before a due refresh fetches it again. */
export type MaxAges = Readonly<Record<ResourceKey, number>>;

export interface RefreshOutcome {
  /** Every refreshed resource succeeded. */
  readonly ok: boolean;
  /** The longest wait a rate-limited answer asked for. */
  readonly retryAfterMs?: number;
}

/** The outcome of a failed read, for the poller's back-off: with the wait a rate-limited answer asked for. */
export function failureOutcome(error: unknown): RefreshOutcome {
  const typed = toQwenCloudError(error);
  return typed instanceof RateLimitedError && typed.retryAfterMs !== undefined ? { ok: false, retryAfterMs: typed.retryAfterMs } : { ok: false };
}

interface Entry {
  snapshot: Snapshot<unknown>;
  inflight?: Promise<void>;
}

/** The answer to a parameterised read, with where and when it was fetched. */
export interface QueryResult<T> {
  readonly value: T;
  readonly fetchedAt: number;
  readonly source: SourceInfo;
}

interface CachedQuery {
  readonly feature: Feature;
  result?: QueryResult<unknown>;
  inflight?: Promise<QueryResult<unknown>>;
}

/** How many parameterised answers the store keeps (pages of orders, chart series). */
const QUERY_CACHE_SIZE = 64;
/** How long a parameterised answer is reused when the caller does not say. */
const DEFAULT_QUERY_MAX_AGE_MS = 5 * 60_000;

export class AccountStore {
  private entries = new Map<ResourceKey, Entry>();
  private generation = 0;
  private abort = new AbortController();
  private readonly changed: Emitter<ResourceKey>;
  /** Fires with the key of a resource whose snapshot changed. */
  readonly onDidChange: Event<ResourceKey>;
  private queries = new Map<string, CachedQuery>();
  private readonly queriesChanged: Emitter<Feature>;
  /** Fires when cached answers for a feature were dropped (after a change or an account switch): re-query. */
  readonly onDidInvalidate: Event<Feature>;
  private readonly routerChanged: Emitter<AccountRouter>;
  /** Fires after the account changed (sign-in, sign-out, a new AccessKey): what is shown must be fetched again. */
  readonly onDidChangeRouter: Event<AccountRouter>;

  constructor(
    private routerValue: AccountRouter,
    private readonly clock: Clock,
    private maxAges: MaxAges,
    onListenerError?: (error: unknown) => void,
  ) {
    this.changed = new Emitter<ResourceKey>(onListenerError);
    this.onDidChange = this.changed.event;
    this.queriesChanged = new Emitter<Feature>(onListenerError);
    this.onDidInvalidate = this.queriesChanged.event;
    this.routerChanged = new Emitter<AccountRouter>(onListenerError);
    this.onDidChangeRouter = this.routerChanged.event;
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
    const features = new Set([...this.queries.values()].map((q) => q.feature));
    this.queries = new Map();
    for (const key of RESOURCE_KEYS) {
      this.changed.fire(key);
    }
    for (const feature of features) {
      this.queriesChanged.fire(feature);
    }
    this.routerChanged.fire(router);
  }

  setMaxAges(maxAges: MaxAges): void {
    this.maxAges = maxAges;
  }

  private reset(): void {
    this.entries = new Map(
      RESOURCE_KEYS.map((key) => [
        key,
        { snapshot: { loading: this.routerValue.connecting, unavailable: !this.routerValue.connecting && this.routerValue.sourceFor(FETCHERS[key][0]) === undefined } },
      ]),
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
    await Promise.all(wanted.map((k) => this.fetch(k, options.force === true)));
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

  private fetch(key: ResourceKey, fresh = false): Promise<void> {
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
        const value = await call(source, { signal, ...(fresh ? { fresh } : {}) });
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

  /**
   * A parameterised read (a page of orders, a chart series) through the store, so views never fetch:
   * answers are cached per `key` for `maxAgeMs` (0: not kept, for documents), and callers asking the
   * same while it runs share it.
   * Rejects with a typed error; `NotConnectedError` when no connected source serves the feature.
   */
  async query<T>(
    feature: Feature,
    key: string,
    run: (source: AccountSource, options: CallOptions) => Promise<T>,
    options: { maxAgeMs?: number; force?: boolean } = {},
  ): Promise<QueryResult<T>> {
    const source = this.routerValue.sourceFor(feature);
    if (!source) {
      throw new NotConnectedError(`No connected account serves ${feature}.`, feature);
    }
    const cacheKey = `${feature}|${key}`;
    const cached = this.queries.get(cacheKey);
    const maxAge = options.maxAgeMs ?? DEFAULT_QUERY_MAX_AGE_MS;
    if (cached?.inflight) {
      return cached.inflight as Promise<QueryResult<T>>;
    }
    if (cached?.result && options.force !== true && this.clock.now() - cached.result.fetchedAt < maxAge) {
      return cached.result as QueryResult<T>;
    }
    const entry: CachedQuery = cached ?? { feature };
    const generation = this.generation;
    const inflight = (async (): Promise<QueryResult<T>> => {
      try {
        const value = await run(source, { signal: this.abort.signal });
        const result: QueryResult<T> = { value, fetchedAt: this.clock.now(), source: source.info };
        if (generation === this.generation && maxAge > 0) {
          entry.result = result;
        }
        return result;
      } catch (error) {
        throw toQwenCloudError(error);
      } finally {
        entry.inflight = undefined;
      }
    })();
    entry.inflight = inflight;
    this.queries.delete(cacheKey);
    this.queries.set(cacheKey, entry);
    while (this.queries.size > QUERY_CACHE_SIZE) {
      const oldest = this.queries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.queries.delete(oldest);
    }
    return inflight;
  }

  /**
   * A change on the account (disable a key, save the limit). Afterwards, whether it worked or not, the
   * affected resources are fetched again and cached answers for the features dropped, so what is shown
   * is what the server has.
   */
  async mutate<T>(
    feature: Feature,
    run: (source: AccountSource, options: CallOptions) => Promise<T>,
    affects: { resources?: readonly ResourceKey[]; features?: readonly Feature[] } = {},
  ): Promise<T> {
    const source = this.routerValue.sourceFor(feature);
    if (!source) {
      throw new NotConnectedError(`No connected account serves ${feature}.`, feature);
    }
    try {
      return await run(source, { signal: this.abort.signal });
    } catch (error) {
      throw toQwenCloudError(error);
    } finally {
      this.invalidate([feature, ...(affects.features ?? [])]);
      await this.refresh(affects.resources ?? [], { force: true });
    }
  }

  /** Drops cached answers for the features and tells subscribers to ask again. */
  invalidate(features: readonly Feature[]): void {
    for (const [key, entry] of this.queries) {
      if (features.includes(entry.feature) && !entry.inflight) {
        this.queries.delete(key);
      }
    }
    for (const feature of new Set(features)) {
      this.queriesChanged.fire(feature);
    }
  }

  private update(key: ResourceKey, snapshot: Snapshot<unknown>): void {
    this.entry(key).snapshot = snapshot;
    this.changed.fire(key);
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
    this.queriesChanged.dispose();
    this.routerChanged.dispose();
  }
}
