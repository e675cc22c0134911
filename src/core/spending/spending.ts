// Spending aggregation over itemised records: the same maths serves the demo account, the simulator and
// the spending panel, so a chart always adds up to its list.
import type { CostQuery, DimensionFilter, SpendingGroupTotal, SpendingSeries } from '../account/source';
import { addMonths, eachDate } from '../common/calendar';
import type { LineItem, SpendDimension } from '../account/model';

export function dimensionValue(item: LineItem, dimension: SpendDimension): string {
  switch (dimension) {
    case 'productionStep':
      return item.productionStep;
    case 'apiKey':
      return item.apiKeyId ?? '';
    case 'model':
      return item.model;
    case 'workspace':
      return item.workspaceId;
  }
}

export function matchesFilter(item: LineItem, filter: DimensionFilter | undefined): boolean {
  if (!filter) {
    return true;
  }
  for (const [dimension, values] of Object.entries(filter) as [SpendDimension, readonly string[] | undefined][]) {
    if (values && values.length > 0 && !values.includes(dimensionValue(item, dimension))) {
      return false;
    }
  }
  return true;
}

/** Periods from `from` to `to` ("YYYY-MM-DD"), inclusive, at the granularity: every one, even empty ones. */
export function periodsBetween(from: string, to: string, granularity: 'day' | 'month'): string[] {
  if (granularity === 'day') {
    return eachDate(from, to);
  }
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) {
    out.push(m);
  }
  return out;
}

/** Sums money the way a bill does: in integer micro-units, so long series do not drift. */
const MICRO = 1_000_000;
const toMicro = (amount: number): number => Math.round(amount * MICRO);
const fromMicro = (micro: number): number => micro / MICRO;

/**
 * Groups records by period and by one dimension. Records outside the query's range or filter are left
 * out; `nameOf` gives display names (an API key's description, a workspace's name), defaulting to the key.
 */
export function aggregateSpending(
  items: Iterable<LineItem>,
  query: CostQuery,
  currency: string,
  nameOf: (dimension: SpendDimension, key: string) => string = (_d, key) => key,
): SpendingSeries {
  const periods = periodsBetween(query.from, query.to, query.granularity);
  const index = new Map(periods.map((p, i) => [p, i]));
  const perPeriod = periods.map(() => new Map<string, number>());
  const totals = new Map<string, number>();
  for (const item of items) {
    if (item.billingDate < query.from || item.billingDate > query.to || !matchesFilter(item, query.filter)) {
      continue;
    }
    const period = query.granularity === 'day' ? item.billingDate : item.billingMonth;
    const slot = index.get(period);
    if (slot === undefined) {
      continue;
    }
    const key = dimensionValue(item, query.groupBy);
    const micro = toMicro(item.amount);
    const bucket = perPeriod[slot];
    if (bucket) {
      bucket.set(key, (bucket.get(key) ?? 0) + micro);
    }
    totals.set(key, (totals.get(key) ?? 0) + micro);
  }
  const group = (key: string, micro: number): SpendingGroupTotal => ({
    key,
    name: nameOf(query.groupBy, key),
    amount: fromMicro(micro),
  });
  const byAmount = (a: SpendingGroupTotal, b: SpendingGroupTotal): number => b.amount - a.amount || a.key.localeCompare(b.key);
  return {
    currency,
    granularity: query.granularity,
    groupBy: query.groupBy,
    periods: periods.map((period, i) => {
      const parts = [...(perPeriod[i] ?? new Map<string, number>())].map(([k, m]) => group(k, m)).sort(byAmount);
      const total = [...(perPeriod[i]?.values() ?? [])].reduce((a, b) => a + b, 0);
      return { period, total: fromMicro(total), parts };
    }),
    totals: [...totals].map(([k, m]) => group(k, m)).sort(byAmount),
  };
}

/** Adds amounts without floating-point drift. */
export function sumAmounts(amounts: Iterable<number>): number {
  let micro = 0;
  for (const a of amounts) {
    micro += toMicro(a);
  }
  return fromMicro(micro);
}

/** The key of the group that `foldGroups` gathers the smaller groups into; no real key starts with NUL. */
export const OTHER_GROUP_KEY = '\u0000other';

/**
 * Keeps the `max` largest groups (by total over the series) and adds the rest up as one "other" group, so
 * a chart stays legible with dozens of API keys or models. Period totals are unchanged.
 */
export function foldGroups(series: SpendingSeries, max: number, otherName: string): SpendingSeries {
  if (series.totals.length <= max) {
    return series;
  }
  const kept = new Set(series.totals.slice(0, Math.max(0, max)).map((g) => g.key));
  const fold = (parts: readonly SpendingGroupTotal[]): SpendingGroupTotal[] => {
    const out = parts.filter((p) => kept.has(p.key));
    const rest = parts.filter((p) => !kept.has(p.key));
    if (rest.length > 0) {
      out.push({ key: OTHER_GROUP_KEY, name: otherName, amount: sumAmounts(rest.map((p) => p.amount)) });
    }
    return out;
  };
  return {
    ...series,
    periods: series.periods.map((p) => ({ ...p, parts: fold(p.parts) })),
    totals: fold(series.totals),
  };
}
