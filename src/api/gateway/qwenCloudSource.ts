// The signed-in Qwen Cloud account as an AccountSource: which gateway action each feature calls and with
// what, what is kept between polls, and which refusals mean "not available". Each answer is validated
// (valibot, gatewaySchemas.ts) before gatewayMapping.ts maps it: a malformed answer is a ShapeError, never a
// half-filled model. Field names follow the public CLI; where the CLI knows several spellings, all are accepted.
import { parseAnswer } from '../validate';
import type { AccountSource, CallOptions, CostQuery, LineItemQuery, OrderQuery, SourceInfo, SpendingSeries } from '../../core/account/source';
import { addMonths, daysInMonth, monthKey } from '../../core/common/calendar';
import { hasKind, ShapeError, UnsupportedError } from '../../core/account/errors';
import type { CodingPlan, FreeQuota, LineItem, MonthSpend, MonthlyBill, Order, Page, TokenPlan, UsageLimit } from '../../core/account/model';
import { periodsBetween, sumAmounts } from '../../core/spending/spending';
import { BILL_HISTORY_MONTHS } from '../../core/spending/bills';
import { costFilterDimensions, COST_DIMENSION_CODES, dailySpend, monthSpendQuery } from '../costSeries';
import type { CornerstoneParam, GatewayClient } from './gatewayClient';
import {
  billsOf,
  CODING_PLAN_COMMODITY,
  type CodingSubscription,
  codingPlanOf,
  costSeriesOf,
  freeQuotasOf,
  lineItemsOf,
  ordersOf,
  usageLimitOf,
} from './gatewayMapping';
import {
  accountInfo,
  billsSchema,
  codingPlanPayload,
  type CostAnswer,
  costSchema,
  freeQuotaSchema,
  limitSchema,
  linesSchema,
  ordersPage,
  planStatusOf,
  renewable,
  subscriptionDetail,
  timeOf,
} from './gatewaySchemas';
import { readTokenPlan, TOKEN_PLAN_COMMODITIES } from './tokenPlanReader';

/** Gateway actions by feature: defaults from the public CLI, each overridable in settings ("Product/Action"). */
export const DEFAULT_GATEWAY_ACTIONS = {
  codingPlan: 'zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2',
  /** A plan's subscriptions: the Coding Plan's period, a Team edition's seats. */
  subscription: 'BssOpenAPI-V3/GetSubscriptionDetail',
  renewable: 'BssOpenAPI-V3/CheckInstancesRenewable',
  /** The Token Plan: the Personal edition's credits and the add-on packs (resource packages). */
  tokenPlanInstances: 'BssOpenAPI-V3/DescribeFrInstances',
  seatSummary: 'BssOpenAPI-V3/GetSeatSubscriptionSummary',
  /** The legacy product name, as the CLI sends it. */
  autoRenewal: 'BssOpenApi/CheckTokenPlanAutoRenewal',
  /** The account's NbId, which the order query carries. */
  accountInfo: 'AccountCenter/QueryAccountBaseInfoApi',
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

/**
 * The commodities whose orders the Subscriptions view lists: the Coding Plan and both Token Plan editions
 * with the add-on. (The CLI asks only for the Team edition and its add-on.)
 */
const ORDER_COMMODITIES = [CODING_PLAN_COMMODITY, TOKEN_PLAN_COMMODITIES.personal, TOKEN_PLAN_COMMODITIES.team, TOKEN_PLAN_COMMODITIES.addon];

function splitAction(value: string): [string, string] {
  const slash = value.indexOf('/');
  return slash > 0 ? [value.slice(0, slash), value.slice(slash + 1)] : ['BssOpenAPI-V3', value];
}

export interface QwenCloudSourceOptions {
  readonly label: string;
  readonly actions?: Partial<GatewayActions>;
  readonly now?: () => number;
  /** The signed-in user's id: which of a Team edition's seats is theirs (matched against the seat's MemberId). */
  readonly userId?: string;
}

const LINE_PAGE_SIZE = 100;
/**
 * How long what changes about once a month is kept before it is asked again: the subscription's period
 * and renewability, and that the account holds no Token Plan. The quota and the credits are asked every time.
 */
export const SLOW_DATA_MS = 60 * 60_000;

/** The query's days within one calendar month: the whole month, cut at the query's ends. */
function withinMonth(month: string, from: string, to: string): { from: string; to: string } {
  return {
    from: month === from.slice(0, 7) ? from : `${month}-01`,
    to: month === to.slice(0, 7) ? to : `${month}-${String(daysInMonth(month)).padStart(2, '0')}`,
  };
}

export class QwenCloudSource implements AccountSource {
  readonly info: SourceInfo;
  private readonly actions: GatewayActions;
  private readonly now: () => number;
  private readonly cornerstone: CornerstoneParam;
  private readonly userId: string | undefined;
  /** The account's NbId, asked once for the source's life; a failed ask is asked again next time. */
  private nbId: Promise<string | undefined> | undefined;
  private subscriptionKept: { readonly at: number; readonly value: CodingSubscription } | undefined;
  /** Until when "no Token Plan" stands without asking again (a new subscription shows within the hour). */
  private noTokenPlanUntil = 0;

  constructor(
    private readonly gateway: GatewayClient,
    options: QwenCloudSourceOptions,
  ) {
    this.info = { kind: 'qwenCloud', label: options.label };
    this.actions = { ...DEFAULT_GATEWAY_ACTIONS, ...options.actions };
    this.now = options.now ?? Date.now;
    this.userId = options.userId;
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
      // Period and renewability come from the subscription; without them the quota still shows.
      this.keptSubscription(options),
    ]);
    return codingPlanOf(parseAnswer(codingPlanPayload, payload, 'Coding Plan'), subscription);
  }

  /** The subscription's details, asked at most hourly (and again once its period has ended); a failure is not kept. */
  private async keptSubscription(options?: CallOptions): Promise<CodingSubscription> {
    const now = this.now();
    const kept = this.subscriptionKept;
    if (kept && options?.fresh !== true && now - kept.at >= 0 && now - kept.at < SLOW_DATA_MS && (kept.value.periodEnd === undefined || now < kept.value.periodEnd)) {
      return kept.value;
    }
    try {
      const value = await this.codingSubscription(options);
      this.subscriptionKept = { at: now, value };
      return value;
    } catch {
      return {};
    }
  }

  /**
   * The Coding Plan's active subscription (NORMAL or VALID: the CLI's two readers each look for one of the
   * two, so either is taken) and whether it can be renewed now. The detail carries no auto-renewal.
   */
  private async codingSubscription(options?: CallOptions): Promise<CodingSubscription> {
    const data = parseAnswer(subscriptionDetail, await this.flat('subscription', { productCode: CODING_PLAN_COMMODITY, pageNo: 1, pageSize: 100 }, options), 'Subscription').Data;
    const active = (Array.isArray(data) ? data : data.SubscriptionList).find((item) => planStatusOf(item.Status) === 'valid');
    if (!active) {
      return {};
    }
    const instanceId = active.InstanceCode ?? active.InstanceId ?? undefined;
    const periodStart = timeOf(active.StartTime);
    const periodEnd = timeOf(active.EndTime);
    const canRenew = instanceId ? await this.canRenew(instanceId, active.ProductCode ?? CODING_PLAN_COMMODITY, options).catch(() => undefined) : undefined;
    return {
      ...(instanceId ? { instanceId } : {}),
      ...(periodStart !== undefined ? { periodStart } : {}),
      ...(periodEnd !== undefined ? { periodEnd } : {}),
      ...(canRenew !== undefined ? { canRenew } : {}),
    };
  }

  /** `Data[0].CanRenew ?? canRenew`, else the top-level `Renewable`; one instance is asked, as only Data[0] is read. */
  private async canRenew(instanceId: string, commodityCode: string, options?: CallOptions): Promise<boolean | undefined> {
    const answer = parseAnswer(
      renewable,
      await this.flat(
        'renewable',
        { 'instanceIdentities.1.InstanceId': instanceId, 'instanceIdentities.1.CommodityCode': commodityCode, 'instanceIdentities.1.ResourceType': 'subscription' },
        options,
      ),
      'Renewability',
    );
    const first = answer.Data?.[0];
    return first?.CanRenew ?? first?.canRenew ?? answer.Renewable ?? undefined;
  }

  async getTokenPlan(options?: CallOptions): Promise<TokenPlan | null> {
    const now = this.now();
    if (options?.fresh !== true && now < this.noTokenPlanUntil) {
      return null;
    }
    const plan = await readTokenPlan((feature, params) => this.flat(feature, params, options), this.userId, now);
    this.noTokenPlanUntil = plan === null ? now + SLOW_DATA_MS : 0;
    return plan;
  }

  /** The account's NbId, which the CLI sends with the order query; undefined when it cannot be had. */
  private accountNbId(options?: CallOptions): Promise<string | undefined> {
    if (!this.nbId) {
      const asked = this.flat('accountInfo', {}, options).then((answer) => {
        const info = parseAnswer(accountInfo, answer, 'Account info');
        return info.Data?.NbId ?? info.NbId ?? undefined;
      });
      this.nbId = asked;
      asked.catch(() => {
        if (this.nbId === asked) {
          this.nbId = undefined;
        }
      });
    }
    // As the CLI does, the order query goes without it when it cannot be had.
    return this.nbId.catch(() => undefined);
  }

  async listOrders(query: OrderQuery, options?: CallOptions): Promise<Page<Order>> {
    const page = query.cursor === undefined ? 1 : Number(query.cursor);
    if (!Number.isInteger(page) || page < 1) {
      throw new ShapeError(`Not a page cursor: ${query.cursor ?? ''}`);
    }
    const size = Math.min(100, Math.max(1, query.pageSize ?? 20));
    const nbId = await this.accountNbId(options);
    const types = (query.types ?? []).filter((t) => t !== 'other');
    let answer: Record<string, unknown>;
    try {
      answer = await this.flat(
        'orders',
        {
          CurrentPage: page,
          PageSize: size,
          ...(nbId !== undefined ? { Nbid: nbId } : {}),
          CommodityCodeList: ORDER_COMMODITIES.join(','),
          ...(query.from !== undefined ? { startDate: query.from } : {}),
          ...(query.to !== undefined ? { endDate: query.to } : {}),
          ...(types.length > 0 ? { OrderType: types.map((t) => t.toUpperCase()).join(',') } : {}),
        },
        options,
      );
    } catch (error) {
      // A business code in an HTTP 200 (the CLI: FEATURE_UNAVAILABLE); a wrong site or a missing permission keeps its own advice.
      const refusal = error as { status?: unknown; code?: unknown };
      if (hasKind(error, 'server') && refusal.status === 200) {
        throw new UnsupportedError(`Subscription orders are not available for this account through the API (${typeof refusal.code === 'string' ? refusal.code : 'refused'}).`);
      }
      throw error;
    }
    const data = parseAnswer(ordersPage, answer, 'Orders');
    const { items, dropped } = ordersOf(data);
    const total = data.TotalCount;
    const more = total !== undefined ? page * size < total : data.Data.length === size;
    return { items, ...(total !== undefined ? { total } : {}), ...(more ? { next: String(page + 1) } : {}), ...(dropped > 0 ? { dropped } : {}) };
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
    return billsOf(data, now);
  }

  private async costAnalysis(query: CostQuery, options?: CallOptions): Promise<CostAnswer> {
    const compact = (d: string): string => (query.granularity === 'day' ? d.replace(/-/g, '') : d.slice(0, 7).replace('-', ''));
    const dimensions = costFilterDimensions(query.filter).map(({ code, values }) => ({ Code: code, Values: values, SelectType: 'IN' }));
    const data = await this.flat(
      'costAnalysis',
      {
        BizType: 'MAAS_CONSUME_ANALYSIS',
        ChargeTypes: ['postpaid'],
        Granularity: query.granularity === 'day' ? 'DAY' : 'MONTH',
        TimePeriod: { Start: compact(query.from), End: compact(query.to) },
        TopNum: 100,
        GroupBy: [{ Code: COST_DIMENSION_CODES[query.groupBy], Type: 'Dimensions' }],
        ...(dimensions.length > 0 ? { Filter: { Dimensions: dimensions } } : {}),
      },
      options,
    );
    return parseAnswer(costSchema, data, 'Cost analysis');
  }

  async getCostAnalysis(query: CostQuery, options?: CallOptions): Promise<SpendingSeries> {
    // Daily analysis is asked one calendar month at a time, as the console does.
    const ranges =
      query.granularity === 'day' ? periodsBetween(query.from, query.to, 'month').map((m) => withinMonth(m, query.from, query.to)) : [{ from: query.from, to: query.to }];
    return costSeriesOf(query, await Promise.all(ranges.map((r) => this.costAnalysis({ ...query, ...r }, options))));
  }

  async getMonthSpend(options?: CallOptions): Promise<MonthSpend> {
    const { month, today, query } = monthSpendQuery(this.now());
    const series = await this.getCostAnalysis(query, options);
    const daily = dailySpend(series, today);
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
    const { from, to } = withinMonth(month, query.from, query.to);
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
    const items = lineItemsOf(data, month, page);
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
    return usageLimitOf(parseAnswer(limitSchema, await this.flat('usageLimit', {}, options), 'Spending limit'));
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
   * holds, 500 to a page.
   */
  async getFreeQuota(options?: CallOptions): Promise<readonly FreeQuota[]> {
    return freeQuotasOf(parseAnswer(freeQuotaSchema, await this.flat('freeQuota', { PageSize: 500 }, options), 'Free quota'));
  }

  /** Best effort: ends the session on the server. */
  async logout(options?: CallOptions): Promise<void> {
    await this.flat('logout', {}, options, true);
  }
}
