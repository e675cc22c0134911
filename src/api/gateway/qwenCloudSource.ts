// The signed-in Qwen Cloud account as an AccountSource. Each gateway answer is validated (valibot) before it
// is mapped: a malformed answer is a ShapeError, never a half-filled model. Field names follow the public
// CLI; where the CLI knows several spellings, all are accepted.
import * as v from 'valibot';
import { parseAnswer } from '../validate';
import type { AccountSource, CallOptions, CostQuery, LineItemQuery, OrderQuery, SourceInfo, SpendingSeries } from '../../core/account';
import { addMonths, dateKey, daysInMonth, monthKey } from '../../core/calendar';
import { ShapeError, UnsupportedError } from '../../core/errors';
import type { CodingPlan, FreeQuota, FreeQuotaStatus, LineItem, MonthSpend, MonthlyBill, Order, OrderStatus, OrderType, Page, PlanStatus, PlanTier, QuotaWindow, SpendDimension, UsageLimit } from '../../core/model';
import { periodsBetween, sumAmounts } from '../../core/spending';
import { BILL_HISTORY_MONTHS, billStatus } from '../../core/bills';
import type { CornerstoneParam, GatewayClient } from './gatewayClient';

/** Gateway actions by feature: defaults from the public CLI, each overridable in settings ("Product/Action"). */
export const DEFAULT_GATEWAY_ACTIONS = {
  codingPlan: 'zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2',
  subscription: 'BssOpenAPI-V3/GetSubscriptionDetail',
  orders: 'BssOpenAPI-V3/QueryOrderList',
  orderDetail: 'BssOpenAPI-V3/QueryOrderDetail',
  bills: 'BssOpenAPI-V3/ListSettleBillTotalSummary',
  costAnalysis: 'BssOpenAPI-V3/MaasDescribeCostAnalysis',
  lineItems: 'BssOpenAPI-V3/MaasListConsumeSummary',
  usageLimit: 'BssOpenAPI-V3/DescribeUsageLimit',
  /** The free quotas (the console's free tier); read from the public CLI, unverified against the live service. */
  freeQuota: 'BssOpenAPI-V3/DescribeFqInstance',
  /** Not publicly documented: the best-known name; "unknown action" means unsupported. */
  setUsageLimit: 'BssOpenAPI-V3/ModifyUsageLimit',
  logout: 'qwencloud-auth/Logout',
} as const;
export type GatewayActions = { readonly [K in keyof typeof DEFAULT_GATEWAY_ACTIONS]: string };

export const CODING_PLAN_COMMODITY = 'sfm_codingplan_public_intl';

/** A number, or a decimal string the gateway sends for one ("79.20"). */
const num = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i), v.transform(Number))]),
  v.number(),
  v.finite(),
);
const optionalText = v.nullish(v.string());
const nullishNum = v.nullish(num);
const idText = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const timeValue = v.nullish(v.union([v.string(), v.number()]));
const list = <T extends v.GenericSchema>(item: T) => v.optional(v.array(item), []);

const quotaSchema = v.object({
  per5HourUsedQuota: num,
  per5HourTotalQuota: num,
  per5HourQuotaNextRefreshTime: num,
  perWeekUsedQuota: num,
  perWeekTotalQuota: num,
  perWeekQuotaNextRefreshTime: num,
  perBillMonthUsedQuota: num,
  perBillMonthTotalQuota: num,
  perBillMonthQuotaNextRefreshTime: num,
});
const instanceSchema = v.object({
  instanceId: optionalText,
  instanceType: v.optional(v.string(), 'unknown'),
  status: v.optional(v.string(), 'UNKNOWN'),
  codingPlanQuotaInfo: quotaSchema,
});
const codingPlanSchema = v.object({ codingPlanInstanceInfos: list(v.unknown()) });

const subscriptionItem = v.object({
  InstanceId: optionalText,
  Status: optionalText,
  PlanName: optionalText,
  StartTime: timeValue,
  EndTime: timeValue,
  AutoRenewal: v.nullish(v.union([v.boolean(), v.number(), v.string()])),
});
const subscriptionSchema = v.object({
  Data: v.optional(v.union([v.array(subscriptionItem), v.object({ SubscriptionList: list(subscriptionItem) })]), []),
});

const orderItem = v.object({
  OrderId: idText,
  OrderType: v.string(),
  GmtCreate: optionalText,
  GmtPay: optionalText,
  OrderTime: optionalText,
  PayAmount: nullishNum,
  TradeAmount: nullishNum,
  CashAmount: nullishNum,
  PretaxAmount: nullishNum,
  Amount: nullishNum,
  Currency: optionalText,
  SettCurrency: optionalText,
  OrderStatus: optionalText,
  Status: optionalText,
  CommodityName: optionalText,
});
const ordersSchema = v.object({ Data: list(orderItem), TotalCount: v.optional(num), PageSize: v.optional(num), CurrentPage: v.optional(num) });

const billItem = v.object({
  BillingCycle: idText,
  TotalPriceSettleFee: nullishNum,
  TotalPriceTaxFee: nullishNum,
  TotalPricePostTaxFee: nullishNum,
  PretaxAmount: nullishNum,
  Tax: nullishNum,
  AftertaxAmount: nullishNum,
  Currency: optionalText,
});
const billsSchema = v.object({ Data: list(billItem), Currency: optionalText });

const detail = v.object({ Key: idText, Name: optionalText, Amount: num });
const costSchema = v.object({
  GroupByTotal: list(detail),
  ResultByTime: list(v.object({ Period: idText, Total: v.nullish(v.object({ Amount: num, Currency: optionalText })), PeriodDetails: list(detail) })),
  CostTotals: v.nullish(v.object({ Amount: num, Currency: optionalText })),
  Currency: optionalText,
});

const lineSchema = v.object({
  LineItemCategory: optionalText,
  BillingItemCode: optionalText,
  BillingItemName: optionalText,
  BillingDate: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
  BillingMonth: optionalText,
  ModelName: optionalText,
  Model: optionalText,
  MaasTypeName: optionalText,
  JobId: optionalText,
  BillQuantity: nullishNum,
  StepQuantityUnit: optionalText,
  RequireAmount: nullishNum,
  Amount: nullishNum,
  WorkspaceId: optionalText,
  ApiKeyId: optionalText,
  InstanceId: optionalText,
});
const linesSchema = v.object({ Data: list(lineSchema), TotalCount: v.optional(num) });

const limitSchema = v.object({
  Status: optionalText,
  LimitAmount: nullishNum,
  Currency: optionalText,
  AlertThreshold: nullishNum,
  Receivers: v.nullish(v.array(v.string())),
});

const capacity = v.object({ BaseValue: num, ShowUnit: optionalText, ShowValue: v.nullish(v.union([v.string(), v.number()])) });
const freeQuotaItem = v.object({
  Status: v.string(),
  InstanceName: optionalText,
  InitCapacity: capacity,
  CurrCapacity: capacity,
  Template: v.nullish(v.object({ Code: optionalText, Name: optionalText })),
  CurrentCycleEndTime: timeValue,
  EndTime: timeValue,
});
const freeQuotaSchema = v.object({ Data: list(freeQuotaItem), TotalCount: v.optional(num) });

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

function tierOf(type: string): PlanTier {
  const t = type.toLowerCase();
  return t === 'pro' ? 'pro' : t === 'starter' || t === 'lite' ? 'lite' : 'other';
}

function statusOf(status: string): PlanStatus {
  const s = status.toUpperCase();
  return s === 'VALID' || s === 'NORMAL' ? 'valid' : s === 'EXPIRED' || s === 'EXPIRE' ? 'expired' : s === 'SUSPENDED' || s === 'STOPPED' ? 'suspended' : 'other';
}

function timeOf(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : undefined;
}

const ORDER_TYPES: Readonly<Record<string, OrderType>> = { BUY: 'buy', PURCHASE: 'buy', NEW: 'buy', RENEW: 'renew', UPGRADE: 'upgrade' };
function orderStatusOf(status: string | null | undefined): OrderStatus {
  const s = (status ?? '').toUpperCase();
  return s === 'PAID' ? 'paid' : s === 'UNPAID' ? 'unpaid' : s === 'CANCELED' || s === 'CANCELLED' ? 'cancelled' : s === 'REFUNDED' || s === 'REFUND' ? 'refunded' : 'other';
}

const DIMENSION_CODES: Readonly<Record<SpendDimension, string>> = { productionStep: 'MAAS_TYPE', model: 'BASE_MODEL', apiKey: 'API_KEY_ID', workspace: 'WORKSPACE_ID' };

/** "20261101" / "202611" / "2026-11" back to the model's "2026-11-01" / "2026-11". */
function periodKey(period: string): string {
  const compact = period.replace(/-/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}` : `${compact.slice(0, 4)}-${compact.slice(4, 6)}`;
}

function splitAction(value: string): [string, string] {
  const slash = value.indexOf('/');
  return slash > 0 ? [value.slice(0, slash), value.slice(slash + 1)] : ['BssOpenAPI-V3', value];
}

export interface QwenCloudSourceOptions {
  readonly label: string;
  readonly actions?: Partial<GatewayActions>;
  readonly now?: () => number;
}

const LINE_PAGE_SIZE = 100;

export class QwenCloudSource implements AccountSource {
  readonly info: SourceInfo;
  private readonly actions: GatewayActions;
  private readonly now: () => number;
  private readonly cornerstone: CornerstoneParam;

  constructor(
    private readonly gateway: GatewayClient,
    options: QwenCloudSourceOptions,
  ) {
    this.info = { kind: 'qwenCloud', label: options.label };
    this.actions = { ...DEFAULT_GATEWAY_ACTIONS, ...options.actions };
    this.now = options.now ?? Date.now;
    let domain = 'cli.qwencloud.com';
    try {
      domain = new URL(gateway.base).host;
    } catch {
      // keep the default
    }
    this.cornerstone = { domain, consoleSite: 'QWENCLOUD', console: 'ONE_CONSOLE', xsp_lang: 'en-US', protocol: 'V2', productCode: 'p_efm' };
  }

  private flat(feature: keyof GatewayActions, params: Record<string, Parameters<GatewayClient['flat']>[2][string]>, options?: CallOptions, write = false): Promise<Record<string, unknown>> {
    const [product, action] = splitAction(this.actions[feature]);
    return this.gateway.flat(product, action, params, { idempotent: !write, ...(options?.signal ? { signal: options.signal } : {}) });
  }

  async getCodingPlan(options?: CallOptions): Promise<CodingPlan | null> {
    const [payload, subscription] = await Promise.all([
      this.gateway.envelope(
        this.actions.codingPlan,
        { queryCodingPlanInstanceInfoRequest: { commodityCode: CODING_PLAN_COMMODITY, onlyLatestOne: true } },
        this.cornerstone,
        { idempotent: true, ...(options?.signal ? { signal: options.signal } : {}) },
      ),
      // Period and auto-renewal come from the subscription; without them the quota still shows.
      this.flat('subscription', { productCode: CODING_PLAN_COMMODITY, pageNo: 1, pageSize: 100 }, options).catch(() => undefined),
    ]);
    const instances = parseAnswer(codingPlanSchema, payload, 'Coding Plan').codingPlanInstanceInfos;
    if (instances.length === 0) {
      return null;
    }
    const instance = parseAnswer(instanceSchema, instances[0], 'Coding Plan instance');
    const q = instance.codingPlanQuotaInfo;
    const window = (kind: QuotaWindow['kind'], used: number, total: number, resetsAt: number): QuotaWindow => ({ kind, used, total, resetsAt });
    let periodStart: number | undefined;
    let periodEnd: number | undefined;
    let autoRenew: boolean | undefined;
    if (subscription) {
      const data = v.safeParse(subscriptionSchema, subscription);
      const items = data.success ? (Array.isArray(data.output.Data) ? data.output.Data : data.output.Data.SubscriptionList) : [];
      const active = items.find((i) => statusOf(i.Status ?? '') === 'valid') ?? items[0];
      if (active) {
        periodStart = timeOf(active.StartTime);
        periodEnd = timeOf(active.EndTime);
        if (active.AutoRenewal !== null && active.AutoRenewal !== undefined) {
          autoRenew = active.AutoRenewal === true || active.AutoRenewal === 1 || String(active.AutoRenewal).toLowerCase() === 'true';
        }
      }
    }
    return {
      instanceId: instance.instanceId ?? CODING_PLAN_COMMODITY,
      tier: tierOf(instance.instanceType),
      rawType: instance.instanceType,
      status: statusOf(instance.status),
      rawStatus: instance.status,
      ...(autoRenew !== undefined ? { autoRenew } : {}),
      ...(periodStart !== undefined ? { periodStart } : {}),
      ...(periodEnd !== undefined ? { periodEnd } : {}),
      windows: {
        fiveHour: window('fiveHour', q.per5HourUsedQuota, q.per5HourTotalQuota, q.per5HourQuotaNextRefreshTime),
        weekly: window('weekly', q.perWeekUsedQuota, q.perWeekTotalQuota, q.perWeekQuotaNextRefreshTime),
        monthly: window('monthly', q.perBillMonthUsedQuota, q.perBillMonthTotalQuota, q.perBillMonthQuotaNextRefreshTime),
      },
    };
  }

  async listOrders(query: OrderQuery, options?: CallOptions): Promise<Page<Order>> {
    const page = query.cursor === undefined ? 1 : Number(query.cursor);
    if (!Number.isInteger(page) || page < 1) {
      throw new ShapeError(`Not a page cursor: ${query.cursor ?? ''}`);
    }
    const size = Math.min(100, Math.max(1, query.pageSize ?? 20));
    const data = parseAnswer(
      ordersSchema,
      await this.flat(
        'orders',
        {
          CurrentPage: page,
          PageSize: size,
          CommodityCodeList: CODING_PLAN_COMMODITY,
          ...(query.from !== undefined ? { startDate: query.from } : {}),
          ...(query.to !== undefined ? { endDate: query.to } : {}),
          ...(query.types && query.types.length > 0 ? { OrderType: query.types.map((t) => t.toUpperCase()).join(',') } : {}),
        },
        options,
      ),
      'Orders',
    );
    const items: Order[] = [];
    for (const o of data.Data) {
      const type = ORDER_TYPES[o.OrderType.toUpperCase()];
      const createdAt = timeOf(o.GmtCreate ?? o.GmtPay ?? o.OrderTime);
      const amount = o.PayAmount ?? o.TradeAmount ?? o.CashAmount ?? o.PretaxAmount ?? o.Amount;
      if (!type || createdAt === undefined || amount === null || amount === undefined) {
        throw new ShapeError(`Orders: order ${o.OrderId} lacks a type, time or amount.`);
      }
      items.push({
        id: o.OrderId,
        type,
        createdAt,
        plan: o.CommodityName ?? 'Coding Plan',
        amount: { amount, currency: o.Currency ?? o.SettCurrency ?? 'USD' },
        status: orderStatusOf(o.OrderStatus ?? o.Status),
      });
    }
    const total = data.TotalCount;
    const more = total !== undefined ? page * size < total : items.length === size;
    return { items, ...(total !== undefined ? { total } : {}), ...(more ? { next: String(page + 1) } : {}) };
  }

  async getOrderInvoiceUrl(orderId: string, options?: CallOptions): Promise<string | undefined> {
    const data = await this.flat('orderDetail', { OrderId: orderId }, options);
    const inner = typeof data.Data === 'object' && data.Data !== null ? (data.Data as Record<string, unknown>) : data;
    const url = inner.InvoiceUrl;
    if (url === null || url === undefined || url === '') {
      return undefined;
    }
    if (typeof url !== 'string') {
      throw new ShapeError('Order detail: InvoiceUrl is not text.');
    }
    const resolved = new URL(url, this.gateway.base);
    if (resolved.protocol !== 'https:' && resolved.origin !== new URL(this.gateway.base).origin) {
      throw new ShapeError('Order detail: the invoice link is not https.');
    }
    return resolved.toString();
  }

  async downloadInvoice(orderId: string, options?: CallOptions): Promise<Uint8Array | undefined> {
    const url = await this.getOrderInvoiceUrl(orderId, options);
    return url === undefined ? undefined : this.gateway.download(url, options);
  }

  async listBills(options?: CallOptions): Promise<readonly MonthlyBill[]> {
    const now = this.now();
    const current = monthKey(now);
    const data = parseAnswer(
      billsSchema,
      await this.flat('bills', { StartBillingCycle: addMonths(current, -BILL_HISTORY_MONTHS).replace('-', ''), EndBillingCycle: current.replace('-', ''), ChargeType: '' }, options),
      'Bills',
    );
    return data.Data.map((b): MonthlyBill => {
      const month = periodKey(b.BillingCycle);
      const currency = b.Currency ?? data.Currency ?? 'USD';
      const preTax = b.TotalPriceSettleFee ?? b.PretaxAmount ?? 0;
      const tax = b.TotalPriceTaxFee ?? b.Tax ?? 0;
      const total = b.TotalPricePostTaxFee ?? b.AftertaxAmount ?? sumAmounts([preTax, tax]);
      return { month, preTax: { amount: preTax, currency }, tax: { amount: tax, currency }, total: { amount: total, currency }, status: billStatus(month, now) };
    }).sort((a, b) => b.month.localeCompare(a.month));
  }

  private async costAnalysis(query: CostQuery, options?: CallOptions): Promise<v.InferOutput<typeof costSchema>> {
    const compact = (d: string): string => (query.granularity === 'day' ? d.replace(/-/g, '') : d.slice(0, 7).replace('-', ''));
    const dimensions = Object.entries(query.filter ?? {})
      .filter(([, values]) => values && values.length > 0)
      .map(([dimension, values]) => ({ Code: DIMENSION_CODES[dimension as SpendDimension], Values: values, SelectType: 'IN' }));
    const data = await this.flat(
      'costAnalysis',
      {
        BizType: 'MAAS_CONSUME_ANALYSIS',
        ChargeTypes: ['postpaid'],
        Granularity: query.granularity === 'day' ? 'DAY' : 'MONTH',
        TimePeriod: { Start: compact(query.from), End: compact(query.to) },
        TopNum: 100,
        GroupBy: [{ Code: DIMENSION_CODES[query.groupBy], Type: 'Dimensions' }],
        ...(dimensions.length > 0 ? { Filter: { Dimensions: dimensions } } : {}),
      },
      options,
    );
    return parseAnswer(costSchema, data, 'Cost analysis');
  }

  async getCostAnalysis(query: CostQuery, options?: CallOptions): Promise<SpendingSeries> {
    // Daily analysis is asked one calendar month at a time, as the console does.
    const ranges =
      query.granularity === 'day'
        ? periodsBetween(query.from, query.to, 'month').map((m) => ({
            from: m === query.from.slice(0, 7) ? query.from : `${m}-01`,
            to: m === query.to.slice(0, 7) ? query.to : `${m}-${String(daysInMonth(m)).padStart(2, '0')}`,
          }))
        : [{ from: query.from, to: query.to }];
    const answers = await Promise.all(ranges.map((r) => this.costAnalysis({ ...query, ...r }, options)));
    const byPeriod = new Map<string, { total: number; parts: Map<string, { name: string; amount: number }> }>();
    const totals = new Map<string, { name: string; amount: number }>();
    let currency = 'USD';
    for (const answer of answers) {
      currency = answer.CostTotals?.Currency ?? answer.Currency ?? currency;
      for (const slice of answer.ResultByTime) {
        const period = periodKey(slice.Period);
        const parts = new Map(slice.PeriodDetails.map((d) => [d.Key, { name: d.Name ?? d.Key, amount: d.Amount }]));
        byPeriod.set(period, { total: slice.Total?.Amount ?? sumAmounts(slice.PeriodDetails.map((d) => d.Amount)), parts });
        currency = slice.Total?.Currency ?? currency;
      }
      for (const g of answer.GroupByTotal) {
        const previous = totals.get(g.Key);
        totals.set(g.Key, { name: g.Name ?? g.Key, amount: sumAmounts([previous?.amount ?? 0, g.Amount]) });
      }
    }
    const order = (a: { amount: number; key: string }, b: { amount: number; key: string }): number => b.amount - a.amount || a.key.localeCompare(b.key);
    return {
      currency,
      granularity: query.granularity,
      groupBy: query.groupBy,
      periods: periodsBetween(query.from, query.to, query.granularity).map((period) => {
        const slice = byPeriod.get(period);
        return {
          period,
          total: slice?.total ?? 0,
          parts: [...(slice?.parts ?? new Map<string, { name: string; amount: number }>())].map(([key, p]) => ({ key, name: p.name, amount: p.amount })).sort(order),
        };
      }),
      totals: [...totals].map(([key, t]) => ({ key, name: t.name, amount: t.amount })).sort(order),
    };
  }

  async getMonthSpend(options?: CallOptions): Promise<MonthSpend> {
    const now = this.now();
    const month = monthKey(now);
    const today = dateKey(now);
    const series = await this.getCostAnalysis({ granularity: 'day', from: `${month}-01`, to: today, groupBy: 'model' }, options);
    const daily = series.periods.filter((p) => p.total !== 0 || p.period < today).map((p) => ({ date: p.period, amount: p.total }));
    return { month, total: { amount: sumAmounts(daily.map((d) => d.amount)), currency: series.currency }, daily };
  }

  /**
   * Itemised records, newest first. The backend is asked one calendar month at a time and paged within it;
   * the cursor says which month and page come next ("2026-11:2").
   */
  async listLineItems(query: LineItemQuery, options?: CallOptions): Promise<Page<LineItem>> {
    const months = periodsBetween(query.from, query.to, 'month').reverse();
    const [cursorMonth, cursorPage] = (query.cursor ?? `${months[0] ?? ''}:1`).split(':');
    const monthIndex = months.indexOf(cursorMonth ?? '');
    const page = Number(cursorPage);
    if (monthIndex < 0 || !Number.isInteger(page) || page < 1) {
      throw new ShapeError(`Not a page cursor: ${query.cursor ?? ''}`);
    }
    const month = months[monthIndex] ?? '';
    const size = Math.min(300, Math.max(1, query.pageSize ?? LINE_PAGE_SIZE));
    const from = month === query.from.slice(0, 7) ? query.from : `${month}-01`;
    const to = month === query.to.slice(0, 7) ? query.to : `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
    const models = query.filter?.model;
    const data = parseAnswer(
      linesSchema,
      await this.flat(
        'lineItems',
        {
          Console: true,
          Granularity: 'DAILY',
          ChargeTypes: ['postpaid'],
          StartBillingDate: from,
          EndBillingDate: to,
          MaxResults: size,
          CurrentPage: page,
          SortName: 'BillingDate',
          SortOrder: 'DESC',
          ...(models && models.length > 0 ? { ModelNames: models } : {}),
        },
        options,
      ),
      'Line items',
    );
    const items = data.Data.map((row, i): LineItem => {
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
    const filtered = items.filter((item) => {
      const f = query.filter;
      return (
        (!f?.productionStep?.length || f.productionStep.includes(item.productionStep)) &&
        (!f?.apiKey?.length || f.apiKey.includes(item.apiKeyId ?? '')) &&
        (!f?.workspace?.length || f.workspace.includes(item.workspaceId))
      );
    });
    const total = data.TotalCount;
    const moreHere = total !== undefined ? page * size < total : items.length === size;
    const next = moreHere ? `${month}:${page + 1}` : monthIndex + 1 < months.length ? `${months[monthIndex + 1] ?? ''}:1` : undefined;
    return { items: filtered, scanned: items.length, ...(next ? { next } : {}) };
  }

  async getUsageLimit(options?: CallOptions): Promise<UsageLimit | null> {
    const data = parseAnswer(limitSchema, await this.flat('usageLimit', {}, options), 'Spending limit');
    const currency = data.Currency ?? 'USD';
    const amount = data.LimitAmount ?? 0;
    const status = (data.Status ?? '').toLowerCase();
    const enabled = amount > 0 && status !== 'disabled' && status !== 'off';
    if (!enabled && (data.Receivers ?? []).length === 0 && data.LimitAmount === null) {
      return null;
    }
    return { enabled, amount: { amount, currency }, alertThreshold: data.AlertThreshold ?? 80, emails: data.Receivers ?? [] };
  }

  async setUsageLimit(limit: UsageLimit, options?: CallOptions): Promise<void> {
    try {
      await this.flat(
        'setUsageLimit',
        {
          Status: limit.enabled ? 'normal' : 'disabled',
          LimitAmount: limit.enabled ? limit.amount.amount.toFixed(2) : undefined,
          Currency: limit.amount.currency,
          AlertThreshold: limit.alertThreshold,
          Receivers: [...limit.emails],
        },
        options,
        true,
      );
    } catch (error) {
      if (error instanceof UnsupportedError) {
        throw new UnsupportedError('Changing the spending limit is not available through the API for this account.');
      }
      throw error;
    }
  }

  /**
   * The account's free quotas. The public CLI narrows the request to the template codes of the models it
   * knows (a mapping it downloads); without such a list the request asks for every instance the account
   * holds, 500 to a page. Amounts are the capacities' base values, in the unit the backend shows.
   */
  async getFreeQuota(options?: CallOptions): Promise<readonly FreeQuota[]> {
    const data = parseAnswer(freeQuotaSchema, await this.flat('freeQuota', { PageSize: 500 }, options), 'Free quota');
    const out: FreeQuota[] = [];
    for (const item of data.Data) {
      const status = FREE_QUOTA_STATUS[item.Status.trim().toLowerCase()];
      const model = item.Template?.Name ?? item.Template?.Code ?? item.InstanceName;
      if (!status || !model) {
        continue;
      }
      const cycleEnd = timeOf(item.CurrentCycleEndTime ?? item.EndTime);
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

  /** Best effort: ends the session on the server. */
  async logout(options?: CallOptions): Promise<void> {
    await this.flat('logout', {}, options, true);
  }
}
