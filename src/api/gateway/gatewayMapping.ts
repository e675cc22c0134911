// The account gateway's answers, once validated against gatewaySchemas.ts, mapped into the core model: the
// Coding Plan quota, orders, bills, the cost series, itemised records, the spending limit and free quotas.
// Readings follow the public CLI, except where it is known to go wrong (noted where it does).
import * as v from 'valibot';
import { parseAnswer } from '../validate';
import type { CostQuery, SpendingSeries } from '../../core/account/source';
import { ShapeError } from '../../core/account/errors';
import type { CodingPlan, FreeQuota, FreeQuotaStatus, LineItem, MonthlyBill, Order, OrderStatus, OrderType, PlanTier, QuotaWindow, RequestWindowKind, UsageLimit } from '../../core/account/model';
import { sumAmounts } from '../../core/spending/spending';
import { billStatus } from '../../core/spending/bills';
import { DEFAULT_ALERT_THRESHOLD } from '../../core/spending/usageLimitForm';
import { type CostSlice, spendingSeries } from '../costSeries';
import {
  type billsSchema,
  codingPlanInstance,
  type codingPlanPayload,
  type CostAnswer,
  type freeQuotaSchema,
  type limitSchema,
  type linesSchema,
  orderRow,
  type ordersPage,
  planStatusOf,
  timeOf,
} from './gatewaySchemas';
import { TOKEN_PLAN_COMMODITIES } from './tokenPlanReader';

export const CODING_PLAN_COMMODITY = 'sfm_codingplan_public_intl';

const COMMODITY_NAMES: Readonly<Record<string, string>> = {
  [CODING_PLAN_COMMODITY]: 'Coding Plan',
  [TOKEN_PLAN_COMMODITIES.personal]: 'Token Plan Personal',
  [TOKEN_PLAN_COMMODITIES.team]: 'Token Plan Team',
  [TOKEN_PLAN_COMMODITIES.addon]: 'Token Plan add-on',
};

/** "20261101" / "202611" / "2026-11" back to the model's "2026-11-01" / "2026-11". */
function periodKey(period: string): string {
  const compact = period.replace(/-/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}` : `${compact.slice(0, 4)}-${compact.slice(4, 6)}`;
}

// --- Coding Plan -------------------------------------------------------------------------------------

/** What the Coding Plan's subscription adds to its quota: the period, and whether it can be renewed now. */
export interface CodingSubscription {
  readonly instanceId?: string;
  readonly periodStart?: number;
  readonly periodEnd?: number;
  readonly canRenew?: boolean;
}

function tierOf(type: string): PlanTier {
  const t = type.toLowerCase();
  return t === 'pro' ? 'pro' : t === 'starter' || t === 'lite' ? 'lite' : 'other';
}

/** The plan from the quota payload and its subscription; `null` when the account holds no Coding Plan. */
export function codingPlanOf(payload: v.InferOutput<typeof codingPlanPayload>, subscription: CodingSubscription): CodingPlan | null {
  const instances = payload?.codingPlanInstanceInfos ?? payload?.DataV2?.data?.data?.codingPlanInstanceInfos ?? [];
  if (instances.length === 0) {
    return null;
  }
  // The request asks for the latest instance only (onlyLatestOne).
  const instance = parseAnswer(codingPlanInstance, instances[0], 'Coding Plan instance');
  const q = instance.codingPlanQuotaInfo ?? {};
  const windows: Partial<Record<RequestWindowKind, QuotaWindow>> = {};
  const add = (kind: RequestWindowKind, used: number | null | undefined, total: number | null | undefined, resetsAt: number | null | undefined): void => {
    // A window the backend does not report (no total, or 0) is left out; a missing used count is 0, as in the CLI.
    if (total !== null && total !== undefined && total > 0 && resetsAt !== null && resetsAt !== undefined && resetsAt > 0) {
      windows[kind] = { kind, used: used ?? 0, total, resetsAt };
    }
  };
  add('fiveHour', q.per5HourUsedQuota, q.per5HourTotalQuota, q.per5HourQuotaNextRefreshTime);
  add('weekly', q.perWeekUsedQuota, q.perWeekTotalQuota, q.perWeekQuotaNextRefreshTime);
  add('monthly', q.perBillMonthUsedQuota, q.perBillMonthTotalQuota, q.perBillMonthQuotaNextRefreshTime);
  const type = instance.instanceType ?? 'unknown';
  const status = instance.status ?? 'UNKNOWN';
  return {
    instanceId: subscription.instanceId ?? CODING_PLAN_COMMODITY,
    tier: tierOf(type),
    rawType: type,
    status: planStatusOf(status),
    rawStatus: status,
    ...(subscription.periodStart !== undefined ? { periodStart: subscription.periodStart } : {}),
    ...(subscription.periodEnd !== undefined ? { periodEnd: subscription.periodEnd } : {}),
    ...(subscription.canRenew !== undefined ? { canRenew: subscription.canRenew } : {}),
    windows,
  };
}

// --- Orders ------------------------------------------------------------------------------------------

const ORDER_TYPES: Readonly<Record<string, OrderType>> = { BUY: 'buy', PURCHASE: 'buy', NEW: 'buy', RENEW: 'renew', UPGRADE: 'upgrade' };

function orderStatusOf(status: string | null | undefined): OrderStatus {
  const s = (status ?? '').toUpperCase();
  return s === 'PAID' ? 'paid' : s === 'UNPAID' ? 'unpaid' : s === 'CANCELED' || s === 'CANCELLED' ? 'cancelled' : s === 'REFUNDED' || s === 'REFUND' ? 'refunded' : 'other';
}

/**
 * A page's orders. Rows the page cannot read are left out and counted in `dropped`; a page with none
 * readable is not an order list.
 */
export function ordersOf(data: v.InferOutput<typeof ordersPage>): { readonly items: Order[]; readonly dropped: number } {
  const items: Order[] = [];
  for (const raw of data.Data) {
    const row = v.safeParse(orderRow, raw);
    const o = row.success ? row.output : undefined;
    const createdAt = o ? [o.GmtCreate, o.GmtPay, o.OrderTime].map(timeOf).find((t) => t !== undefined) : undefined;
    if (!o || createdAt === undefined) {
      continue;
    }
    // The CLI's chain, except that an empty field is no amount and the chain goes on (its `??` stops at "" and shows 0).
    const amount = [o.PayAmount, o.TradeAmount, o.CashAmount, o.OriginalAmount, o.PostTaxAmount, o.PretaxAmount, o.Amount].find((a) => a !== null && a !== undefined);
    const rawType = o.OrderType ?? '';
    items.push({
      id: o.OrderId,
      type: ORDER_TYPES[rawType.toUpperCase()] ?? 'other',
      rawType,
      createdAt,
      plan: o.CommodityName ?? (o.CommodityCode ? (COMMODITY_NAMES[o.CommodityCode] ?? o.CommodityCode) : 'Coding Plan'),
      ...(amount !== null && amount !== undefined ? { amount: { amount, currency: o.Currency ?? o.SettCurrency ?? 'USD' } } : {}),
      status: orderStatusOf(o.OrderStatus ?? o.Status),
    });
  }
  const dropped = data.Data.length - items.length;
  if (dropped > 0 && items.length === 0) {
    throw new ShapeError(`Orders: none of the ${data.Data.length} orders on the page can be read.`);
  }
  return { items, dropped };
}

// --- Bills, cost analysis, itemised records ---------------------------------------------------------------

/** The monthly bills, newest first. */
export function billsOf(data: v.InferOutput<typeof billsSchema>, now: number): MonthlyBill[] {
  return data.Data.map((b): MonthlyBill => {
    const month = periodKey(b.BillingCycle);
    const currency = b.Currency ?? data.Currency ?? 'USD';
    const preTax = b.TotalPriceSettleFee ?? b.PretaxAmount ?? 0;
    const tax = b.TotalPriceTaxFee ?? b.Tax ?? 0;
    const total = b.TotalPricePostTaxFee ?? b.AftertaxAmount ?? sumAmounts([preTax, tax]);
    return { month, preTax: { amount: preTax, currency }, tax: { amount: tax, currency }, total: { amount: total, currency }, status: billStatus(month, now) };
  }).sort((a, b) => b.month.localeCompare(a.month));
}

/**
 * The series from the answers for the query's parts (a daily series is asked a month at a time): each
 * period as its answer has it, the group totals added up over the answers, the last currency named.
 */
export function costSeriesOf(query: CostQuery, answers: readonly CostAnswer[]): SpendingSeries {
  const slices = new Map<string, CostSlice>();
  const totals = new Map<string, { name: string; amount: number }>();
  let currency = 'USD';
  for (const answer of answers) {
    currency = answer.CostTotals?.Currency ?? answer.Currency ?? currency;
    for (const slice of answer.ResultByTime) {
      const parts = new Map(slice.PeriodDetails.map((d) => [d.Key, { name: d.Name ?? d.Key, amount: d.Amount }]));
      slices.set(periodKey(slice.Period), {
        total: slice.Total?.Amount ?? sumAmounts(slice.PeriodDetails.map((d) => d.Amount)),
        parts: [...parts].map(([key, p]) => ({ key, name: p.name, amount: p.amount })),
      });
      currency = slice.Total?.Currency ?? currency;
    }
    for (const g of answer.GroupByTotal) {
      const previous = totals.get(g.Key);
      totals.set(g.Key, { name: g.Name ?? g.Key, amount: sumAmounts([previous?.amount ?? 0, g.Amount]) });
    }
  }
  return spendingSeries(
    query,
    currency,
    slices,
    [...totals].map(([key, t]) => ({ key, name: t.name, amount: t.amount })),
  );
}

/** One page of a month's itemised records; `month` and `page` make the id of a record that has none. */
export function lineItemsOf(data: v.InferOutput<typeof linesSchema>, month: string, page: number): LineItem[] {
  return data.Data.map((row, i): LineItem => {
    const amount = row.RequireAmount ?? row.Amount;
    if (amount === null || amount === undefined) {
      throw new ShapeError(`Line items: the row of ${row.BillingDate} has no amount.`);
    }
    const quantity = row.BillQuantity ?? 0;
    const unit = row.StepQuantityUnit ?? '';
    const tokens = /token/i.test(unit) ? quantity * (/^1?K\b|^1K/i.test(unit) ? 1000 : /^1?M\b/i.test(unit) ? 1_000_000 : 1) : undefined;
    const name = row.BillingItemName ?? row.BillingItemCode ?? row.LineItemCategory ?? '';
    return {
      id: row.InstanceId ?? `${row.BillingDate}-${month}-${page}-${i}`,
      billingDate: row.BillingDate,
      billingMonth: row.BillingMonth ?? row.BillingDate.slice(0, 7),
      productionStep: row.MaasTypeName ?? row.LineItemCategory ?? '',
      ...(row.JobId ? { jobId: row.JobId } : {}),
      model: row.ModelName ?? row.Model ?? '',
      usage: { quantity, unit },
      amount,
      currency: 'USD',
      workspaceId: row.WorkspaceId ?? '',
      ...(row.ApiKeyId ? { apiKeyId: row.ApiKeyId } : {}),
      lineItem: name,
      ...(tokens !== undefined && /output/i.test(name) ? { outputTokens: tokens } : tokens !== undefined ? { inputTokens: tokens } : {}),
    };
  });
}

// --- Spending limit, free quota ----------------------------------------------------------------------

/** The limit; `null` when none has ever been set (no amount, not enabled, nobody to tell). */
export function usageLimitOf(data: v.InferOutput<typeof limitSchema>): UsageLimit | null {
  const currency = data.Currency ?? 'USD';
  // No amount (missing, null or ""): no limit amount, which is not a limit of 0.
  const amount = data.LimitAmount ?? undefined;
  const status = (data.Status ?? '').toLowerCase();
  const enabled = amount !== undefined && amount > 0 && status !== 'disabled' && status !== 'off';
  const emails = data.Receivers ?? [];
  if (!enabled && amount === undefined && emails.length === 0) {
    return null;
  }
  // An unset threshold is the form's default, not 0% (which the CLI shows, and which would alert on the first cent).
  return { enabled, amount: { amount: amount ?? 0, currency }, alertThreshold: data.AlertThreshold ?? DEFAULT_ALERT_THRESHOLD, emails };
}

/** The free quota states the console shows; others (released, frozen) are not quotas the user can use. */
const FREE_QUOTA_STATUS: Readonly<Record<string, FreeQuotaStatus>> = {
  valid: 'valid',
  exhaust: 'exhausted',
  exhausted: 'exhausted',
  expire: 'expired',
  expired: 'expired',
};

/** The backend's display unit ("Tokens", "Million Tokens", "Images", "Seconds", "Characters") as a plain unit name. */
export function freeQuotaUnit(showUnit: string | null | undefined): string {
  const u = (showUnit ?? '').trim().toLowerCase();
  if (u === '' || u.includes('token')) {
    return 'tokens';
  }
  if (u.includes('image') || u.includes('piece') || u.includes('page')) {
    return 'images';
  }
  if (u.includes('sec')) {
    return 'seconds';
  }
  if (u.includes('char') || u.includes('word')) {
    return 'characters';
  }
  return u;
}

/** The quotas the user can use, or has used up; amounts are the capacities' base values, in the unit the backend shows. */
export function freeQuotasOf(data: v.InferOutput<typeof freeQuotaSchema>): FreeQuota[] {
  const out: FreeQuota[] = [];
  for (const item of data.Data) {
    const status = FREE_QUOTA_STATUS[item.Status.trim().toLowerCase()];
    const model = item.Template?.Name ?? item.Template?.Code ?? item.InstanceName;
    if (!status || !model) {
      continue;
    }
    const cycleEnd = timeOf(item.CurrentCycleEndTime) ?? timeOf(item.EndTime);
    const total = item.InitCapacity.BaseValue;
    out.push({
      model,
      total,
      remaining: Math.min(total, Math.max(0, item.CurrCapacity.BaseValue)),
      unit: freeQuotaUnit(item.InitCapacity.ShowUnit ?? item.CurrCapacity.ShowUnit),
      status,
      ...(cycleEnd !== undefined ? { cycleEnd } : {}),
    });
  }
  return out;
}
