// Model usage statistics (the console's Analytics page): calls and tokens per model and per period, from
// the itemised records, over the same range and filters as the spending chart. Pure, so the spending
// panel, its CSV export and the benchmark share it.
import type { DimensionFilter } from '../account/source';
import type { Granularity, LineItem } from '../account/model';
import { matchesFilter, OTHER_GROUP_KEY, periodsBetween } from './spending';

export interface UsageCounts {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What the chart can show. */
export type UsageMetric = keyof UsageCounts;
export const USAGE_METRICS: readonly UsageMetric[] = ['calls', 'inputTokens', 'outputTokens'];

/** Counts with the spend and the number of records behind them. */
export interface UsageFigures extends UsageCounts {
  readonly amount: number;
  readonly records: number;
}

export interface ModelFigures extends UsageFigures {
  /** The model's key: its name as billed; `OTHER_GROUP_KEY` for folded models. */
  readonly model: string;
  readonly name: string;
}

export interface ModelUsagePeriod {
  /** "YYYY-MM-DD" or "YYYY-MM". */
  readonly period: string;
  readonly total: UsageFigures;
  /** Per model, in the order of `ModelUsage.models`; models without records in the period are left out. */
  readonly models: readonly ModelFigures[];
}

export interface ModelUsage {
  readonly granularity: Granularity;
  readonly currency: string;
  /** Every period of the range, oldest first, even empty ones. */
  readonly periods: readonly ModelUsagePeriod[];
  /** Every model with records in the range, most used first. */
  readonly models: readonly ModelFigures[];
  readonly total: UsageFigures;
  /** Whether any record reported calls, or tokens: sources that do not report them leave them out. */
  readonly reported: { readonly calls: boolean; readonly tokens: boolean };
}

export interface ModelUsageQuery {
  readonly granularity: Granularity;
  /** Inclusive "YYYY-MM-DD" bounds. */
  readonly from: string;
  readonly to: string;
  readonly filter?: DimensionFilter;
}

/** Money adds up in integer micro-units, as the spending aggregation does, so long ranges do not drift. */
const MICRO = 1_000_000;

interface Acc {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  micro: number;
  records: number;
}

const emptyAcc = (): Acc => ({ calls: 0, inputTokens: 0, outputTokens: 0, micro: 0, records: 0 });

function add(acc: Acc, item: LineItem): void {
  acc.calls += item.calls ?? 0;
  acc.inputTokens += item.inputTokens ?? 0;
  acc.outputTokens += item.outputTokens ?? 0;
  acc.micro += Math.round(item.amount * MICRO);
  acc.records++;
}

const figures = (acc: Acc): UsageFigures => ({
  calls: acc.calls,
  inputTokens: acc.inputTokens,
  outputTokens: acc.outputTokens,
  amount: acc.micro / MICRO,
  records: acc.records,
});

export const totalTokens = (c: UsageCounts): number => c.inputTokens + c.outputTokens;

/**
 * Calls, tokens and spend per model and per period. Records outside the range or the filter are left
 * out. Models are ordered by calls where the records report them, else by tokens, then by spend.
 */
export function aggregateModelUsage(items: Iterable<LineItem>, query: ModelUsageQuery, currency: string): ModelUsage {
  const periods = periodsBetween(query.from, query.to, query.granularity);
  const index = new Map(periods.map((p, i) => [p, i]));
  const perPeriod = periods.map(() => ({ total: emptyAcc(), models: new Map<string, Acc>() }));
  const perModel = new Map<string, Acc>();
  const total = emptyAcc();
  let callsReported = false;
  let tokensReported = false;
  for (const item of items) {
    if (item.billingDate < query.from || item.billingDate > query.to || !matchesFilter(item, query.filter)) {
      continue;
    }
    const slot = index.get(query.granularity === 'day' ? item.billingDate : item.billingMonth);
    const bucket = slot === undefined ? undefined : perPeriod[slot];
    if (!bucket) {
      continue;
    }
    callsReported ||= item.calls !== undefined;
    tokensReported ||= item.inputTokens !== undefined || item.outputTokens !== undefined;
    let inPeriod = bucket.models.get(item.model);
    if (!inPeriod) {
      inPeriod = emptyAcc();
      bucket.models.set(item.model, inPeriod);
    }
    let overall = perModel.get(item.model);
    if (!overall) {
      overall = emptyAcc();
      perModel.set(item.model, overall);
    }
    add(inPeriod, item);
    add(bucket.total, item);
    add(overall, item);
    add(total, item);
  }
  const models = [...perModel]
    .map(([model, acc]): ModelFigures => ({ model, name: model, ...figures(acc) }))
    .sort((a, b) => (callsReported ? b.calls - a.calls : 0) || totalTokens(b) - totalTokens(a) || b.amount - a.amount || a.model.localeCompare(b.model));
  const order = new Map(models.map((m, i) => [m.model, i]));
  return {
    granularity: query.granularity,
    currency,
    periods: periods.map((period, i) => {
      const bucket = perPeriod[i];
      return {
        period,
        total: figures(bucket?.total ?? emptyAcc()),
        models: [...(bucket?.models ?? new Map<string, Acc>())]
          .map(([model, acc]): ModelFigures => ({ model, name: model, ...figures(acc) }))
          .sort((a, b) => (order.get(a.model) ?? 0) - (order.get(b.model) ?? 0)),
      };
    }),
    models,
    total: figures(total),
    reported: { calls: callsReported, tokens: tokensReported },
  };
}

/**
 * Keeps the `max` most used models apart in each period and adds the rest up as one "other" entry, so a
 * chart stays legible with dozens of models. The per-model totals and the period totals are unchanged.
 */
export function foldModelUsage(usage: ModelUsage, max: number, otherName: string): ModelUsage {
  if (usage.models.length <= max) {
    return usage;
  }
  const kept = new Set(usage.models.slice(0, Math.max(0, max)).map((m) => m.model));
  return {
    ...usage,
    periods: usage.periods.map((p) => {
      const rest = p.models.filter((m) => !kept.has(m.model));
      if (rest.length === 0) {
        return p;
      }
      const other = emptyAcc();
      for (const m of rest) {
        other.calls += m.calls;
        other.inputTokens += m.inputTokens;
        other.outputTokens += m.outputTokens;
        other.micro += Math.round(m.amount * MICRO);
        other.records += m.records;
      }
      return { ...p, models: [...p.models.filter((m) => kept.has(m.model)), { model: OTHER_GROUP_KEY, name: otherName, ...figures(other) }] };
    }),
  };
}
