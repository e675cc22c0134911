// The cost analysis both signed-in sources read, as the model's spending series: the same dimension codes
// and filter in the request, and the same series built from the periods an answer has (the Qwen Cloud
// gateway's MaasDescribeCostAnalysis and ModelStudio's GetBillingTrend differ only in their field names).
import type { CostQuery, DimensionFilter, SpendingGroupTotal, SpendingSeries } from '../core/account/source';
import type { MonthSpend, SpendDimension } from '../core/account/model';
import { dateKey, monthKey } from '../core/common/calendar';
import { periodsBetween } from '../core/spending/spending';

/** The backend's code for each dimension a series is grouped or filtered by. */
export const COST_DIMENSION_CODES: Readonly<Record<SpendDimension, string>> = { productionStep: 'MAAS_TYPE', model: 'BASE_MODEL', apiKey: 'API_KEY_ID', workspace: 'WORKSPACE_ID' };

/** The filter's dimensions that narrow anything (an empty list does not), by code; each source spells the fields its own way. */
export function costFilterDimensions(filter: DimensionFilter | undefined): { code: string; values: readonly string[] }[] {
  return Object.entries(filter ?? {})
    .filter(([, values]) => values && values.length > 0)
    .map(([dimension, values]) => ({ code: COST_DIMENSION_CODES[dimension as SpendDimension], values }));
}

/** Largest first; equal amounts by key, so the order does not depend on the answer's. */
const byAmount = (a: SpendingGroupTotal, b: SpendingGroupTotal): number => b.amount - a.amount || a.key.localeCompare(b.key);

/** One period as read from an answer: its total and its parts per group. */
export interface CostSlice {
  readonly total: number;
  readonly parts: readonly SpendingGroupTotal[];
}

/**
 * The series over every period of the query: a period the answer does not list had no spend, except one
 * in `leftOut` (listed, but unreadable), which is left out so it shows as a gap.
 */
export function spendingSeries(
  query: CostQuery,
  currency: string,
  slices: ReadonlyMap<string, CostSlice>,
  totals: readonly SpendingGroupTotal[],
  leftOut: ReadonlySet<string> = new Set(),
): SpendingSeries {
  return {
    currency,
    granularity: query.granularity,
    groupBy: query.groupBy,
    periods: periodsBetween(query.from, query.to, query.granularity).flatMap((period) => {
      const slice = slices.get(period);
      if (!slice && leftOut.has(period)) {
        return [];
      }
      return [{ period, total: slice?.total ?? 0, parts: [...(slice?.parts ?? [])].sort(byAmount) }];
    }),
    totals: [...totals].sort(byAmount),
  };
}

/** The month's spend is read as this month's days so far, by model. */
export function monthSpendQuery(now: number): { readonly month: string; readonly today: string; readonly query: CostQuery } {
  const month = monthKey(now);
  const today = dateKey(now);
  return { month, today, query: { granularity: 'day', from: `${month}-01`, to: today, groupBy: 'model' } };
}

/** The month's days from the series; today only once it has spend, since its records arrive late. */
export function dailySpend(series: SpendingSeries, today: string): MonthSpend['daily'] {
  return series.periods.filter((p) => p.total !== 0 || p.period < today).map((p) => ({ date: p.period, amount: p.total }));
}
