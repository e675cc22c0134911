// What the agents' tools answer from: the plans, the usage samples the pace is measured from, this month's
// spend and limit, and the month's top models and keys, as one plain JSON value. The extension builds it from
// its store (for its language model tools, and for the MCP server over the local channel); the MCP server
// builds the same from the demo account when no extension is running. Holds no credential.
import type { MonthSpend, UsageLimit } from '../account/model';
import type { SourceInfo } from '../account/source';
import type { AccountStore, ResourceKey, Snapshot } from '../account/store';
import { dateKey, daysInMonth, monthKey } from '../common/calendar';
import { combinePlans, type Plans } from '../quota/quota';
import type { UsageSamples } from '../quota/quotaMeter';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../quota/thresholds';
import type { CostQuery } from '../account/source';
import type { SpendDimension } from '../account/model';
import type { SpendTops } from '../spending/spendMeter';

export const AGENT_DATA_VERSION = 1;

/** A store snapshot as plain data: its error is the kind and message only. */
export interface PlainSnapshot<T> {
  readonly value?: T;
  readonly fetchedAt?: number;
  readonly source?: SourceInfo;
  readonly error?: { readonly kind: string; readonly message: string };
  readonly loading: boolean;
  readonly unavailable: boolean;
}

export interface AgentData {
  readonly version: typeof AGENT_DATA_VERSION;
  /** When it was put together (epoch ms, the extension's clock). */
  readonly takenAt: number;
  readonly plans: PlainSnapshot<Plans | null>;
  /** Each window's usage samples: what the status bar's pace and forecast are computed from. */
  readonly samples: UsageSamples;
  readonly spend: PlainSnapshot<MonthSpend>;
  readonly limit: PlainSnapshot<UsageLimit | null>;
  /** This month's largest models and API keys; absent when no source serves the cost analysis. */
  readonly tops?: SpendTops;
  /** The user's quota thresholds, so levels match the status bar's. */
  readonly thresholds: Thresholds;
}

/** What the tools read from the store. */
export const AGENT_RESOURCES: readonly ResourceKey[] = ['codingPlan', 'tokenPlan', 'monthSpend', 'usageLimit'];

export function plainSnapshot<T>(snapshot: Snapshot<T>): PlainSnapshot<T> {
  const { value, fetchedAt, source, error, loading, unavailable } = snapshot;
  return {
    ...(value !== undefined ? { value } : {}),
    ...(fetchedAt !== undefined ? { fetchedAt } : {}),
    ...(source ? { source: { kind: source.kind, label: source.label } } : {}),
    ...(error ? { error: { kind: error.kind, message: error.message } } : {}),
    loading,
    unavailable,
  };
}

export interface CollectOptions {
  readonly samples: UsageSamples;
  readonly thresholds?: Thresholds;
  readonly now: number;
  /** How long the month's top models and keys are reused (the spend item's cache is shared: same query). */
  readonly topsMaxAgeMs: number;
}

/**
 * The month's top models and API keys through the store, with the very query the pay-as-you-go item asks,
 * so both share one cached answer. `undefined` when no source serves it or it failed.
 */
export async function loadSpendTops(store: AccountStore, month: string, now: number, maxAgeMs: number): Promise<SpendTops | undefined> {
  if (!store.router.sourceFor('costAnalysis')) {
    return undefined;
  }
  const to = month < monthKey(now) ? `${month}-${String(daysInMonth(month)).padStart(2, '0')}` : dateKey(now);
  const totals = async (groupBy: SpendDimension) => {
    const query: CostQuery = { granularity: 'month', from: `${month}-01`, to, groupBy };
    const result = await store.query(
      'costAnalysis',
      JSON.stringify(query),
      (source, options) => {
        if (!source.getCostAnalysis) {
          throw new Error('The source serves cost analysis without getCostAnalysis.');
        }
        return source.getCostAnalysis(query, options);
      },
      { maxAgeMs },
    );
    return result.value.totals;
  };
  try {
    const [models, apiKeys] = await Promise.all([totals('model'), totals('apiKey')]);
    return { month, models, apiKeys };
  } catch {
    return undefined;
  }
}

/** The store's snapshots as the tools' data (the caller has refreshed what was due). */
export async function collectAgentData(store: AccountStore, options: CollectOptions): Promise<AgentData> {
  const spend = store.get('monthSpend');
  const month = spend.value?.month;
  const tops = month === undefined ? undefined : await loadSpendTops(store, month, options.now, options.topsMaxAgeMs);
  return {
    version: AGENT_DATA_VERSION,
    takenAt: options.now,
    plans: plainSnapshot(combinePlans(store.get('codingPlan'), store.get('tokenPlan'))),
    samples: options.samples,
    spend: plainSnapshot(spend),
    limit: plainSnapshot(store.get('usageLimit')),
    ...(tops ? { tops } : {}),
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSnapshot = (v: unknown): boolean => isRecord(v) && typeof v.loading === 'boolean' && typeof v.unavailable === 'boolean';

/** Whether a value read from the local channel has the shape of this version's data. */
export function isAgentData(value: unknown): value is AgentData {
  return (
    isRecord(value) &&
    value.version === AGENT_DATA_VERSION &&
    typeof value.takenAt === 'number' &&
    isSnapshot(value.plans) &&
    isSnapshot(value.spend) &&
    isSnapshot(value.limit) &&
    isRecord(value.samples) &&
    isRecord(value.thresholds) &&
    typeof value.thresholds.warning === 'number' &&
    typeof value.thresholds.critical === 'number'
  );
}
