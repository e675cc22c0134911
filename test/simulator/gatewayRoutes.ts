// The Qwen Cloud side: device sign-in and the account gateway (POST /data/v2/api.json), answering in the
// wire shapes the public CLI documents (PascalCase flat answers, the envelope with DataV2.ret, amounts
// as decimal strings, ISO times for orders and tokens, epoch milliseconds for quota resets).
import { randomUUID } from 'node:crypto';
import type { CostQuery, DimensionFilter } from '../../src/core/account/source';
import { daysInMonth } from '../../src/core/common/calendar';
import type { Granularity, OrderType, SpendDimension, UsageLimit } from '../../src/core/account/model';
import type { CodingPlan, Order, TokenPlan } from '../../src/core/account/model';
import { DEMO_TEAM_SPECS } from '../../src/api/demo/demoPlans';
import { SIMULATOR_USER, type SimulatorState, verifierMatches } from './state';

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless it is a string. */
  readonly body: unknown;
}

const json = (body: unknown, status = 200): SimResponse => ({ status, body });
const money = (n: number): string => n.toFixed(2);

export const CODING_PLAN_API = 'zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2';
export const ENVELOPE = { product: 'sfm_bailian', action: 'IntlBroadScopeAspnGateway' } as const;

// --- device sign-in ----------------------------------------------------------------------------------

export function deviceRoute(path: string): string {
  return `device:${path.split('/').pop() ?? ''}`;
}

export function handleDevice(state: SimulatorState, path: string, query: URLSearchParams, base: string): SimResponse {
  const now = state.now();
  const clientId = query.get('client_id') ?? '';
  if (!clientId) {
    return json({ Success: false, Code: 'InvalidParameter', Message: 'client_id is required' }, 400);
  }
  if (path.endsWith('/code')) {
    const session = state.startDevice(clientId, query.get('code_challenge') ?? undefined);
    return json({
      Success: true,
      Data: {
        Token: session.token,
        VerificationUrl: state.verificationUrlOverride ?? `${base}/device?code=${session.code}`,
        ExpiresIn: state.deviceExpiresInSec,
        Interval: session.intervalSec,
      },
    });
  }
  if (path.endsWith('/token')) {
    const session = state.devices.get(query.get('token') ?? '');
    if (!session || session.clientId !== clientId) {
      return json({ Success: false, Code: 'InvalidToken', Message: 'unknown device token' }, 400);
    }
    if (now >= session.expiresAt) {
      // As the CLI's fixtures answer it: a status, not an error.
      return json({ Success: true, Data: { Status: 'expired_token' } });
    }
    if (session.challenge && !verifierMatches(session.challenge, query.get('code_verifier') ?? '')) {
      return json({ Success: false, Code: 'invalid_grant', Message: 'code_verifier does not match' }, 400);
    }
    const tooSoon = session.lastPollAt !== undefined && now - session.lastPollAt < session.intervalSec * 1000 - 250;
    session.lastPollAt = now;
    if (tooSoon) {
      session.intervalSec += 5;
      return json({ Success: true, Data: { Status: 'slow_down' } });
    }
    if (session.status === 'denied') {
      return json({ Success: true, Data: { Status: 'access_denied' } });
    }
    if (session.status === 'pending') {
      return json({ Success: true, Data: { Status: 'authorization_pending' } });
    }
    state.devices.delete(session.token);
    return json({ Success: true, Data: { Status: 'complete', Credentials: credentials(state) } });
  }
  return json({ Success: false, Code: 'NotFound', Message: 'no such endpoint' }, 404);
}

/** With a RefreshToken, as a real server may send one: the client must not keep it (there is no refresh endpoint). */
function credentials(state: SimulatorState): Record<string, unknown> {
  const token = state.issueToken();
  return { AccessToken: token.accessToken, RefreshToken: token.refreshToken, ExpireTime: new Date(token.expiresAt).toISOString(), User: SIMULATOR_USER };
}

/** The page the verification URL opens: lets a person approve or deny the sign-in (npm start --simulated). */
export function devicePage(state: SimulatorState, code: string | null): string {
  const session = code ? state.pendingDevice(code) : undefined;
  const body = session
    ? `<p>Sign in to the simulated Qwen Cloud account as <b>${SIMULATOR_USER.Email}</b>?</p>
       <form method="post" action="/device/approve?code=${session.code}"><button>Approve</button></form>
       <form method="post" action="/device/deny?code=${session.code}"><button>Deny</button></form>`
    : '<p>No pending sign-in with this code.</p>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Qwen Cloud simulator sign-in</title></head><body><h1>Qwen Cloud (simulator)</h1>${body}</body></html>`;
}

// --- gateway ------------------------------------------------------------------------------------------

export interface GatewayCall {
  readonly route: string;
  readonly product: string;
  readonly action: string;
  /** The envelope's Api, when it is an envelope call. */
  readonly api?: string;
  readonly params: Record<string, string>;
  /** The envelope's business request (`reqDTO`, or the older unwrapped form). */
  readonly reqDTO?: Record<string, unknown>;
}

export function parseGatewayCall(body: unknown): GatewayCall | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const { product, action, params } = body as { product?: unknown; action?: unknown; params?: unknown };
  if (typeof product !== 'string' || typeof action !== 'string') {
    return undefined;
  }
  const flat: Record<string, string> = {};
  if (typeof params === 'object' && params !== null) {
    for (const [k, v] of Object.entries(params)) {
      if (typeof v !== 'string') {
        return undefined; // every param value travels as a string
      }
      flat[k] = v;
    }
  }
  if (product === ENVELOPE.product && action === ENVELOPE.action) {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(flat.Data ?? '{}') as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const reqDTO = (typeof data.reqDTO === 'object' && data.reqDTO !== null ? data.reqDTO : data) as Record<string, unknown>;
    return { route: `gateway:envelope/${flat.Api ?? ''}`, product, action, api: flat.Api ?? '', params: flat, reqDTO };
  }
  // A call whose commodity code picks the product it asks about names it, so a test can answer each apart.
  const code = flat.CommodityCode ?? flat.productCode;
  return { route: `gateway:${product}/${action}${code ? `@${code}` : ''}`, product, action, params: flat };
}

const ok = (data: unknown): SimResponse => json({ code: '200', data, requestId: randomUUID(), successResponse: true });
const envelopeOk = (payload: unknown): SimResponse =>
  ok({ DataV2: { ret: ['SUCCESS::调用成功'], data: { data: payload, success: true, code: '200' } } });
export const unknownAction = (): SimResponse => json({ code: '500', message: 'unknown action', requestId: randomUUID(), successResponse: false });
export const needLogin = (): SimResponse => json({ code: '403', message: 'ConsoleNeedLogin', requestId: randomUUID(), successResponse: false });

function jsonParam<T>(params: Record<string, string>, name: string): T | undefined {
  const raw = params[name];
  if (raw === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

const DIMENSION_CODES: Readonly<Record<string, SpendDimension>> = {
  MAAS_TYPE: 'productionStep',
  BASE_MODEL: 'model',
  API_KEY_ID: 'apiKey',
  WORKSPACE_ID: 'workspace',
};

function toDimensionFilter(dimensions: readonly { Code?: string; Values?: string[]; SelectType?: string }[] | undefined): DimensionFilter | undefined {
  const filter: Partial<Record<SpendDimension, readonly string[]>> = {};
  for (const d of dimensions ?? []) {
    const dimension = d.Code ? DIMENSION_CODES[d.Code] : undefined;
    if (dimension && d.SelectType !== 'NOT' && d.Values) {
      filter[dimension] = d.Values;
    }
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/** "20261101" or "202611" or "2026-11-01" to "2026-11-01" (the start of a month period). */
function isoDay(value: string, end: boolean): string | undefined {
  const compact = value.replace(/-/g, '');
  if (/^\d{8}$/.test(compact)) {
    return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}`;
  }
  if (/^\d{6}$/.test(compact)) {
    const month = `${compact.slice(0, 4)}-${compact.slice(4)}`;
    return end ? `${month}-${String(daysInMonth(month)).padStart(2, '0')}` : `${month}-01`;
  }
  return undefined;
}

/** The simulated account's NbId, which QueryOrderList checks when it is sent. */
export const SIMULATOR_NBID = '5550123000001';

const COMMODITY = {
  coding: 'sfm_codingplan_public_intl',
  personal: 'sfm_tokenplanpersonal_dp_intl',
  team: 'sfm_tokenplanteams_dp_intl',
  addon: 'sfm_tokenplanteamsaddon_dp_intl',
} as const;
/** "Never expires", as the backend says it: a date in the year 9999. */
const NEVER = Date.UTC(9999, 11, 31, 23, 59, 59);
const iso = (ms: number): string => new Date(ms).toISOString();
const requestId = (): string => randomUUID().toUpperCase();
/** A refusal sent with HTTP 200, as BSS sends it. */
const refused = (code: string, message: string): SimResponse => ok({ Code: code, Message: message, Success: false, RequestId: requestId() });

/** The subscription code of the Coding Plan's instance ("subs-…"), which renewability is asked by. */
function codingInstanceCode(plan: CodingPlan): string {
  return `subs-${plan.instanceId.replace(/\W/g, '').slice(-10).toLowerCase()}`;
}

/** The demo's orders are all the Coding Plan's. */
function commodityOf(order: Order): string {
  return order.plan.startsWith('Token Plan') ? COMMODITY.personal : COMMODITY.coding;
}

/** Splits `total` into whole parts in proportion to `weights`, the last taking what rounding leaves. */
function share(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  const parts = weights.map((w) => Math.round((total * w) / sum));
  parts[parts.length - 1] = total - parts.slice(0, -1).reduce((a, n) => a + n, 0);
  return parts;
}

function frPage(items: readonly unknown[], p: Record<string, string>): SimResponse {
  return ok({ TotalCount: items.length, PageSize: Number(p.PageSize ?? 10) || 10, CurrentPage: Number(p.PageNum ?? 1) || 1, RequestId: requestId(), Data: items });
}

/** The Personal edition's resource package, as DescribeFrInstances lists it. */
function personalInstance(plan: TokenPlan): Record<string, unknown> {
  const left = String(plan.credits.total - plan.credits.used);
  return {
    InstanceId: plan.instanceId ?? '',
    CommodityCode: COMMODITY.personal,
    CommodityName: 'Token Plan Personal (Monthly)',
    TemplateName: `Token Plan Personal ${plan.tier.charAt(0).toUpperCase()}${plan.tier.slice(1)}`,
    Status: { Code: plan.rawStatus, Name: plan.status === 'valid' ? 'Active' : plan.rawStatus },
    InitCapacityBaseValue: String(plan.credits.total),
    CurrCapacityBaseValue: left,
    periodCapacityBaseValue: left,
    CapacityTypeCode: 'periodMonthlyShift',
    EndTime: plan.credits.resetsAt,
    EnableRenew: plan.autoRenew === true,
  };
}

function packInstances(plan: TokenPlan): Record<string, unknown>[] {
  return plan.packs.map((pack, i) => ({
    InstanceId: `fr-${String(i + 1).padStart(4, '0')}`,
    CommodityCode: COMMODITY.addon,
    CommodityName: pack.name,
    InitCapacityBaseValue: String(pack.total),
    CurrCapacityBaseValue: String(pack.remaining),
    EndTime: pack.expiresAt ?? NEVER,
    StatusCode: 'valid',
  }));
}

/** The Team edition's spec groups: the demo's seats, with the pool's credits split between them by their seats' credits. */
function teamGroups(plan: TokenPlan): Record<string, unknown>[] {
  const weights = DEMO_TEAM_SPECS.map((s) => s.seats * s.creditsPerSeat);
  const totals = share(plan.credits.total, weights);
  const used = share(plan.credits.used, weights);
  return DEMO_TEAM_SPECS.map((spec, i) => ({
    SpecType: spec.spec,
    SubscriptionTotalNumber: spec.seats,
    SubscriptionAssignedNumber: spec.assigned,
    EquityList: [{ EquityCode: 'credit_value', TotalValue: String(totals[i]), SurplusValue: String((totals[i] ?? 0) - (used[i] ?? 0)) }],
    NextCycleFlushTime: iso(plan.credits.resetsAt),
    SubscriptionList: [{ InstanceCode: `subs-team${spec.spec}0001` }],
  }));
}

/** The Team edition's seats; the user's own is the one whose credits are the plan's `seat`. */
function teamSeats(plan: TokenPlan): Record<string, unknown>[] {
  const seats: Record<string, unknown>[] = [];
  let mineGiven = false;
  const cycleStart = plan.seat?.startsAt ?? plan.credits.startsAt ?? plan.credits.resetsAt;
  for (const spec of DEMO_TEAM_SPECS) {
    for (let i = 0; i < spec.seats; i++) {
      const mine: boolean = !mineGiven && i < spec.assigned && plan.seat !== undefined && plan.seat.total === spec.creditsPerSeat;
      mineGiven ||= mine;
      const total = mine && plan.seat ? plan.seat.total : spec.creditsPerSeat;
      const surplus = mine && plan.seat ? plan.seat.total - plan.seat.used : spec.creditsPerSeat;
      seats.push({
        InstanceCode: `subs-${spec.spec}${String(i + 1).padStart(4, '0')}`,
        SpecType: spec.spec,
        Status: 'NORMAL',
        MemberId: mine ? String(SIMULATOR_USER.Id) : i < spec.assigned ? `acc_${spec.spec}${String(i + 1).padStart(4, '0')}member` : '',
        Assignable: true,
        PayMode: 'Subscription',
        ProductType: 'TokenPlan',
        ProductCode: COMMODITY.team,
        EquityList: [{ CycleStartTime: iso(cycleStart), CycleEndTime: iso(plan.seat?.resetsAt ?? plan.credits.resetsAt), CycleTotalValue: String(total), CycleSurplusValue: String(surplus), Unit: 'Credits' }],
      });
    }
  }
  return seats;
}

export async function handleGateway(state: SimulatorState, call: GatewayCall): Promise<SimResponse> {
  const now = state.now();
  const source = state.source;
  const p = call.params;
  if (call.api !== undefined) {
    if (call.api !== CODING_PLAN_API) {
      return unknownAction();
    }
    const plan = state.codingPlan();
    const infos = plan
      ? [
          {
            instanceType: plan.rawType,
            status: plan.rawStatus,
            nextResetTime: new Date(plan.windows.fiveHour.resetsAt).toISOString(),
            codingPlanQuotaInfo: {
              per5HourUsedQuota: plan.windows.fiveHour.used,
              per5HourTotalQuota: plan.windows.fiveHour.total,
              per5HourQuotaNextRefreshTime: plan.windows.fiveHour.resetsAt,
              perWeekUsedQuota: plan.windows.weekly.used,
              perWeekTotalQuota: plan.windows.weekly.total,
              perWeekQuotaNextRefreshTime: plan.windows.weekly.resetsAt,
              perBillMonthUsedQuota: plan.windows.monthly.used,
              perBillMonthTotalQuota: plan.windows.monthly.total,
              perBillMonthQuotaNextRefreshTime: plan.windows.monthly.resetsAt,
            },
          },
        ]
      : [];
    return envelopeOk({ codingPlanInstanceInfos: infos });
  }
  const key = `${call.product}/${call.action}`;
  switch (key) {
    case 'qwencloud-auth/Logout':
      return ok({});
    case 'AccountCenter/QueryAccountBaseInfoApi':
      return ok({ Data: { NbId: SIMULATOR_NBID } });
    case 'BssOpenAPI-V3/GetSubscriptionDetail': {
      const productCode = p.productCode ?? '';
      if (productCode === COMMODITY.team) {
        const plan = state.tokenPlan();
        const seats = plan?.edition === 'team' ? teamSeats(plan) : [];
        return ok({ Data: { TotalCount: seats.length, SubscriptionList: seats } });
      }
      const plan = productCode === COMMODITY.coding ? state.codingPlan() : null;
      // As the CLI's fixtures show it: no auto-renewal here (CheckInstancesRenewable says whether it can be renewed).
      const items = plan
        ? [
            {
              InstanceCode: codingInstanceCode(plan),
              InstanceId: plan.instanceId,
              ProductCode: COMMODITY.coding,
              Status: 'NORMAL',
              PlanName: plan.tier === 'pro' ? 'Coding Plan Pro' : 'Coding Plan Lite',
              PlanCode: plan.rawType,
              StartTime: iso(plan.periodStart ?? now),
              EndTime: iso(plan.periodEnd ?? now),
            },
          ]
        : [];
      return ok({ Data: items, TotalCount: items.length, PageSize: Number(p.pageSize ?? 20) || 20, CurrentPage: Number(p.pageNo ?? 1) || 1, RequestId: requestId() });
    }
    case 'BssOpenAPI-V3/CheckInstancesRenewable': {
      const plan = state.codingPlan();
      const instanceId = p['instanceIdentities.1.InstanceId'];
      if (!plan || instanceId !== codingInstanceCode(plan) || p['instanceIdentities.1.CommodityCode'] !== COMMODITY.coding || p['instanceIdentities.1.ResourceType'] !== 'subscription') {
        return refused('InvalidParameter', 'The instance does not exist.');
      }
      const canRenew = plan.canRenew !== false;
      return ok({ Data: [{ InstanceId: instanceId, CommodityCode: COMMODITY.coding, CommodityName: 'Coding Plan', CanRenew: canRenew, ...(canRenew ? {} : { InterceptCode: 'PENDING_RENEWAL' }) }], RequestId: requestId() });
    }
    case 'BssOpenAPI-V3/DescribeFrInstances': {
      const plan = state.tokenPlan();
      const code = p.CommodityCode ?? '';
      if (!plan || p.Group !== 'tokenPlan') {
        return frPage([], p);
      }
      return frPage(code === COMMODITY.personal && plan.edition === 'personal' ? [personalInstance(plan)] : code === COMMODITY.addon ? packInstances(plan) : [], p);
    }
    case 'BssOpenAPI-V3/GetSeatSubscriptionSummary': {
      const plan = state.tokenPlan();
      if (!plan || plan.edition !== 'team' || p.productCode !== COMMODITY.team) {
        return ok({ Data: { SubscriptionGroupList: [] }, RequestId: requestId() });
      }
      const start = plan.periodStart ?? plan.credits.startsAt ?? now;
      const end = plan.periodEnd ?? plan.credits.resetsAt;
      return ok({
        Data: { PlanName: 'Token Plan Team Edition', StartTime: iso(start), EndTime: iso(end), RemainingDays: Math.max(0, Math.ceil((end - now) / 86_400_000)), SubscriptionGroupList: teamGroups(plan) },
        RequestId: requestId(),
      });
    }
    case 'BssOpenApi/CheckTokenPlanAutoRenewal': {
      const plan = state.tokenPlan();
      const held = plan !== null && p.CommodityCode === (plan.edition === 'team' ? COMMODITY.team : COMMODITY.personal);
      return ok({ Data: { AutoRenewal: held && plan.autoRenew ? 1 : 0, RenewalPeriod: 1, RenewalPeriodUnit: 'M' }, RequestId: requestId() });
    }
    case 'BssOpenAPI-V3/QuerySubscriptionGray':
      // Gray for a Personal plan: the account the CLI would read as not subscribed, which the source must not trust.
      return ok({ IsGray: state.tokenPlan()?.edition === 'personal', RequestId: requestId() });
    case 'BssOpenAPI-V3/QueryOrderList': {
      if (p.Nbid !== undefined && p.Nbid !== SIMULATOR_NBID) {
        return refused('InvalidParameter', 'The Nbid does not belong to this account.');
      }
      const types = (p.OrderType ?? '')
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter((t): t is OrderType => t === 'buy' || t === 'renew' || t === 'upgrade');
      const page = Math.max(1, Number(p.CurrentPage ?? 1) || 1);
      const size = Math.min(100, Math.max(1, Number(p.PageSize ?? 20) || 20));
      const codes = p.CommodityCodeList?.split(',').map((c) => c.trim());
      // Every demo order is a Coding Plan order: a list without its code (the CLI's) finds none.
      if (codes && !codes.includes(COMMODITY.coding)) {
        return ok({ Data: [], TotalCount: 0, PageSize: size, CurrentPage: page, RequestId: requestId() });
      }
      const result = await source.listOrders({
        ...(types.length > 0 ? { types } : {}),
        ...(p.startDate ? { from: Number(p.startDate) } : {}),
        ...(p.endDate ? { to: Number(p.endDate) } : {}),
        cursor: String((page - 1) * size),
        pageSize: size,
      });
      return ok({
        Data: result.items.map((o) => {
          const amount = o.amount ? money(o.amount.amount) : '';
          return {
            OrderId: o.id,
            OrderType: o.type.toUpperCase(),
            GmtCreate: new Date(o.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            OriginalAmount: amount,
            PayAmount: amount,
            TradeAmount: amount,
            CashAmount: amount,
            SettCurrency: o.amount?.currency ?? 'USD',
            OrderStatus: o.status === 'cancelled' ? 'CANCELED' : o.status.toUpperCase(),
            CommodityCode: commodityOf(o),
            CommodityName: o.plan,
          };
        }),
        TotalCount: result.total ?? result.items.length,
        PageSize: size,
        CurrentPage: page,
        RequestId: requestId(),
      });
    }
    case 'BssOpenAPI-V3/QueryOrderDetail': {
      const id = p.OrderId ?? '';
      const order = state.account.orders(now).find((o) => o.id === id);
      if (!order) {
        return ok({ Code: 'InvalidParameter', Message: 'The order does not exist.', Success: false });
      }
      return ok({
        OrderId: order.id,
        OrderType: order.type.toUpperCase(),
        OrderTime: new Date(order.createdAt).toISOString(),
        Amount: order.amount ? money(order.amount.amount) : '',
        Currency: order.amount?.currency ?? 'USD',
        Status: order.status.toUpperCase(),
        InvoiceUrl: order.status === 'paid' ? `/invoices/${order.id}.pdf` : null,
      });
    }
    case 'BssOpenAPI-V3/ListSettleBillTotalSummary': {
      const start = (p.StartBillingCycle ?? '').replace('-', '');
      const end = (p.EndBillingCycle ?? '').replace('-', '');
      const bills = (await source.listBills()).filter((b) => {
        const cycle = b.month.replace('-', '');
        return (!start || cycle >= start) && (!end || cycle <= end);
      });
      return ok({
        Data: bills.map((b) => ({
          BillingCycle: b.month.replace('-', ''),
          TotalPriceSettleFee: money(b.preTax.amount),
          TotalPriceTaxFee: money(b.tax.amount),
          TotalPricePostTaxFee: money(b.total.amount),
          Currency: b.total.currency,
        })),
        Currency: 'USD',
      });
    }
    case 'BssOpenAPI-V3/MaasDescribeCostAnalysis': {
      const granularity: Granularity = p.Granularity === 'DAY' ? 'day' : 'month';
      const period = jsonParam<{ Start?: string; End?: string }>(p, 'TimePeriod');
      const from = isoDay(period?.Start ?? '', false);
      const to = isoDay(period?.End ?? '', true);
      const groupCode = jsonParam<{ Code?: string }[]>(p, 'GroupBy')?.[0]?.Code ?? 'BASE_MODEL';
      const groupBy = DIMENSION_CODES[groupCode];
      if (!from || !to || !groupBy || from > to) {
        return ok({ Code: 'InvalidParameter', Message: 'TimePeriod or GroupBy is invalid.', Success: false });
      }
      const filter = toDimensionFilter(jsonParam<{ Dimensions?: { Code?: string; Values?: string[]; SelectType?: string }[] }>(p, 'Filter')?.Dimensions);
      const query: CostQuery = { granularity, from, to, groupBy, ...(filter ? { filter } : {}) };
      const series = await source.getCostAnalysis(query);
      const amount = (n: number): string => n.toFixed(6);
      return ok({
        GroupByTotal: series.totals.map((t) => ({ Key: t.key, Name: t.name, Amount: amount(t.amount) })),
        ResultByTime: series.periods.map((period) => ({
          Period: period.period.replace(/-/g, ''),
          Total: { Amount: amount(period.total), Currency: series.currency },
          PeriodDetails: period.parts.map((part) => ({ Key: part.key, Name: part.name, Amount: amount(part.amount) })),
        })),
        CostTotals: { Amount: amount(series.totals.reduce((a, t) => a + t.amount, 0)), Currency: series.currency },
      });
    }
    case 'BssOpenAPI-V3/MaasListConsumeSummary': {
      const from = p.StartBillingDate ?? '';
      const to = p.EndBillingDate ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
        return ok({ Code: 'InvalidParameter', Message: 'StartBillingDate and EndBillingDate are required (YYYY-MM-DD).', Success: false });
      }
      const size = Math.min(300, Math.max(1, Number(p.MaxResults ?? 100) || 100));
      const page = Math.max(1, Number(p.CurrentPage ?? 1) || 1);
      const models = jsonParam<string[]>(p, 'ModelNames');
      const result = await source.listLineItems({ from, to, ...(models && models.length > 0 ? { filter: { model: models } } : {}), cursor: String((page - 1) * size), pageSize: size });
      return ok({
        Data: result.items.map((i) => ({
          LineItemCategory: i.productionStep === 'Model fine-tuning' ? 'Model Training' : 'LLM Token Consumption',
          BillingItemCode: i.lineItem === 'Web search calls' ? 'search_number' : 'token_number',
          BillingItemName: i.lineItem,
          BillingDate: i.billingDate,
          BillingMonth: i.billingMonth,
          ModelName: i.model,
          MaasTypeName: i.productionStep,
          JobId: i.jobId ?? '',
          BillQuantity: String(i.usage.quantity),
          StepQuantityUnit: i.usage.unit,
          RequireAmount: i.amount.toFixed(6),
          WorkspaceId: i.workspaceId,
          ApiKeyId: i.apiKeyId ?? '',
          InstanceId: i.id,
        })),
        TotalCount: result.total ?? result.items.length,
        CurrentPage: page,
        MaxResults: size,
      });
    }
    case 'BssOpenAPI-V3/DescribeUsageLimit': {
      const limit = await source.getUsageLimit();
      // Every field at the top level, amounts as text; an amount or threshold never set is an empty string.
      return ok(
        limit
          ? {
              Status: limit.enabled ? 'normal' : 'disabled',
              LimitAmount: limit.amount.amount > 0 ? money(limit.amount.amount) : '',
              Currency: limit.amount.currency,
              AlertThreshold: String(limit.alertThreshold),
              Receivers: limit.emails,
              RequestId: requestId(),
            }
          : { Status: 'disabled', LimitAmount: '', Currency: 'USD', AlertThreshold: '', Receivers: [], RequestId: requestId() },
      );
    }
    case 'BssOpenAPI-V3/DescribeFqInstance': {
      const quotas = await source.getFreeQuota();
      const showUnit = (unit: string): string => `${unit.charAt(0).toUpperCase()}${unit.slice(1)}`;
      const capacity = (value: number, unit: string): Record<string, unknown> => ({ BaseValue: value, ShowUnit: showUnit(unit), ShowValue: String(value) });
      const status = { valid: 'valid', exhausted: 'exhaust', expired: 'expire' } as const;
      // The CLI narrows the query to template codes (a JSON array); without them every instance is listed.
      const codes = jsonParam<unknown>(p, 'templateCodes');
      const wanted = Array.isArray(codes) ? new Set(codes.map(String)) : undefined;
      const items = quotas
        .map((q, i) => ({
          InstanceName: `fq-${String(i + 1).padStart(4, '0')}`,
          Status: status[q.status],
          Uid: SIMULATOR_USER.Id,
          InitCapacity: capacity(q.total, q.unit),
          CurrCapacity: capacity(q.remaining, q.unit),
          Template: { Code: `maas_free_tier_${q.model.replace(/[^\w]/g, '_')}`, Name: q.model },
          CurrentCycleEndTime: q.cycleEnd === undefined ? '' : new Date(q.cycleEnd).toISOString(),
        }))
        .filter((item) => !wanted || wanted.has(item.Template.Code));
      return ok({
        Data: items,
        TotalCount: items.length,
        PageSize: Number(p.PageSize ?? 20) || 20,
        CurrentPage: 1,
        RequestId: requestId(),
      });
    }
    case 'BssOpenAPI-V3/ModifyUsageLimit': {
      if (!state.limitWritable) {
        return unknownAction();
      }
      const amount = Number(p.LimitAmount);
      const threshold = Number(p.AlertThreshold);
      const receivers = jsonParam<string[]>(p, 'Receivers') ?? [];
      const enabled = p.Status !== 'disabled';
      if ((enabled && !(amount > 0)) || !(threshold >= 1 && threshold <= 100)) {
        return ok({ Code: 'InvalidParameter', Message: 'LimitAmount or AlertThreshold is invalid.', Success: false });
      }
      const limit: UsageLimit = { enabled, amount: { amount: enabled ? amount : 0, currency: 'USD' }, alertThreshold: threshold, emails: receivers };
      await source.setUsageLimit(limit);
      return ok({ Success: true });
    }
    default:
      return unknownAction();
  }
}
