// The account gateway's answers as the official Qwen Cloud CLI reads them: field names and types from its
// response types (src/types/api-models.ts), values from its tests, plus the variants a tolerant reader must
// take (an empty string where an amount is typed, an unknown order type, a month-only quota). Each body is
// the gateway's whole HTTP body: the outer {code, data, requestId, successResponse} around the BSS answer.
import { CLI, type ReferenceAnswer } from './fixture';

/**
 * A call's answers in two sets: `documented`, typed as the CLI's types and tests show them (the simulator
 * is held to these), and `tolerated`, what a reader must take as well.
 */
export interface GatewaySet {
  readonly documented: readonly ReferenceAnswer[];
  readonly tolerated: readonly ReferenceAnswer[];
}

export const everyAnswer = (set: GatewaySet): readonly ReferenceAnswer[] => [...set.documented, ...set.tolerated];

/** A fault match for exactly this route (a plain match is a substring, and one commodity code prefixes another). */
export const exactly = (route: string): string => `/^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$/`;

export const CODES = {
  coding: 'sfm_codingplan_public_intl',
  personal: 'sfm_tokenplanpersonal_dp_intl',
  team: 'sfm_tokenplanteams_dp_intl',
  addon: 'sfm_tokenplanteamsaddon_dp_intl',
} as const;

const MODELS = `${CLI} src/types/api-models.ts`;

/** A flat answer: the gateway's envelope around a BSS answer. */
export const flatBody = (data: unknown, requestId = '3C1F2B7E-5D1A-4B0E-9F3A-6A2D1E0C7B41'): Record<string, unknown> => ({ code: '200', data, requestId, successResponse: true });

/** An envelope answer with `payload` at DataV2.data.data. */
export const envelopeBody = (payload: unknown): Record<string, unknown> =>
  flatBody({ DataV2: { ret: ['SUCCESS::ok'], data: { data: payload, success: true, code: '200' } } });

// --- Coding Plan quota (envelope) --------------------------------------------------------------------

const QUOTA = {
  per5HourTotalQuota: 6000,
  per5HourUsedQuota: 1200,
  per5HourQuotaNextRefreshTime: 1767225600000,
  perWeekTotalQuota: 45000,
  perWeekUsedQuota: 6400,
  perWeekQuotaNextRefreshTime: 1767484800000,
  perBillMonthTotalQuota: 90000,
  perBillMonthUsedQuota: 21000,
  perBillMonthQuotaNextRefreshTime: 1769904000000,
};
const PRO_INSTANCE = { instanceType: 'pro', status: 'VALID', codingPlanQuotaInfo: QUOTA, nextResetTime: '2026-01-01T00:00:00.000Z' };
const CODING_QUOTA_FILES = `${CLI} src/services/codingplan-service.ts (buildCodingPlanDto), ${MODELS} CodingPlanInstance`;

export const CODING_PLAN: GatewaySet = {
  documented: [
    {
      case: 'one layer: codingPlanInstanceInfos at the top of the payload, as the unwrap test and v1.0.2 read it',
      follows: `${CLI} tests/api/request-adapter.test.ts ("extracts business data when ret[0] starts with SUCCESS::"), ${CODING_QUOTA_FILES}`,
      body: envelopeBody({ codingPlanInstanceInfos: [PRO_INSTANCE] }),
    },
    {
      case: 'two layers: the payload wraps DataV2.data.data once more, where extractCodingPlanInstances looks',
      follows: `${CLI} src/services/codingplan-service.ts (extractCodingPlanInstances), ${CODING_QUOTA_FILES}`,
      body: envelopeBody({ DataV2: { data: { data: { codingPlanInstanceInfos: [PRO_INSTANCE] } } } }),
    },
    {
      case: 'no instance: the account has no Coding Plan',
      follows: CODING_QUOTA_FILES,
      body: envelopeBody({ codingPlanInstanceInfos: [] }),
    },
  ],
  tolerated: [
    {
      case: 'a month-only answer: the 5-hour and weekly fields left out (every quota field is optional, the CLI defaults each to 0)',
      follows: CODING_QUOTA_FILES,
      body: envelopeBody({
        codingPlanInstanceInfos: [
          { instanceType: 'starter', status: 'VALID', codingPlanQuotaInfo: { perBillMonthTotalQuota: 18000, perBillMonthUsedQuota: 4200, perBillMonthQuotaNextRefreshTime: 1769904000000 } },
        ],
      }),
    },
    {
      case: 'a zero 5-hour total and a week without its used count; the latest of two instances first (onlyLatestOne)',
      follows: CODING_QUOTA_FILES,
      body: envelopeBody({
        codingPlanInstanceInfos: [
          { instanceType: 'pro', status: 'VALID', codingPlanQuotaInfo: { per5HourTotalQuota: 0, perWeekTotalQuota: 45000, perWeekQuotaNextRefreshTime: 1767484800000 } },
          { instanceType: 'starter', status: 'EXPIRED', codingPlanQuotaInfo: QUOTA },
        ],
      }),
    },
    {
      case: 'an instance with neither a type nor quota info: the plan stays, with no windows',
      follows: CODING_QUOTA_FILES,
      body: envelopeBody({ codingPlanInstanceInfos: [{ status: 'VALID' }] }),
    },
  ],
};

// --- Coding Plan subscription: GetSubscriptionDetail and CheckInstancesRenewable ------------------------

const DETAIL = `${MODELS} GetSubscriptionDetailResponse, SubscriptionDetailItem`;

export const CODING_DETAIL: GatewaySet = {
  documented: [
    {
      case: 'Data as an array, the item NORMAL, with its instance code and product code',
      follows: `${CLI} tests/services/subscription-service.test.ts (defaultSuccess GetSubscriptionDetail), src/services/subscription-service.ts (getStatus phase 2), ${DETAIL}`,
      body: flatBody({
        Data: [
          {
            InstanceCode: 'subs-0001a2b3c4',
            InstanceId: 'sfm_codingplan_public_intl-0001',
            ProductCode: CODES.coding,
            Status: 'NORMAL',
            PlanName: 'Coding Plan Pro',
            PlanCode: 'pro',
            StartTime: '2026-06-14T00:00:00+08:00',
            EndTime: '2026-07-14T00:00:00+08:00',
          },
        ],
        TotalCount: 1,
        PageSize: 100,
        CurrentPage: 1,
        RequestId: '8F0C8C52-6E4B-4C1A-9D77-2A2C2D3E4F50',
      }),
    },
    {
      case: 'Data as {SubscriptionList}, the item VALID (the other reader), times as epoch milliseconds',
      follows: `${CLI} src/api/adapters/subscription-adapter.ts (transformSubscriptionDetail), src/services/subscription-tokenplan-service.ts (unwrapDetailEnvelope), ${DETAIL}, GetSubscriptionDetailDataInner`,
      body: flatBody({
        Data: {
          SubscriptionList: [
            { InstanceId: 'subs-0002b3c4d5', ProductCode: CODES.coding, Status: 'VALID', PlanName: 'Coding Plan Lite', StartTime: 1781366400000, EndTime: 1783958400000 },
          ],
          TotalCount: 1,
          PageSize: 100,
          PageNo: 1,
        },
      }),
    },
  ],
  tolerated: [
    {
      case: 'a refused detail: Success false with a code (costs the period and renewability, never the quota)',
      follows: `${CLI} src/services/subscription-tokenplan-service.ts (listTokenPlanSeats: Success === false), ${DETAIL}`,
      body: flatBody({ Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.', Success: false, RequestId: '8F0C8C52-6E4B-4C1A-9D77-2A2C2D3E4F51' }),
    },
  ],
};

const RENEWABLE_TYPE = `${MODELS} CheckInstancesRenewableResponse`;

export const RENEWABLE: GatewaySet = {
  documented: [
    {
      case: 'renewable now',
      follows: `${CLI} tests/services/subscription-service.test.ts (defaultSuccess CheckInstancesRenewable), ${RENEWABLE_TYPE}`,
      body: flatBody({ Data: [{ InstanceId: 'subs-0001a2b3c4', CommodityCode: CODES.coding, CommodityName: 'Coding Plan', CanRenew: true }], RequestId: '1B9A7C36-0F2E-4D5B-8C1A-3E4F5A6B7C80' }),
    },
    {
      case: 'not renewable now, with the reason',
      follows: `${CLI} tests/services/subscription-tokenplan-service.test.ts (defaultSuccess CheckInstancesRenewable), ${RENEWABLE_TYPE}`,
      body: flatBody({ Data: [{ InstanceId: 'subs-0001a2b3c4', CanRenew: false, InterceptCode: 'PENDING_RENEWAL' }] }),
    },
    {
      case: 'no Data, only the top-level Renewable',
      follows: `${CLI} src/api/adapters/subscription-adapter.ts (transformInstancesRenewable), ${RENEWABLE_TYPE}`,
      body: flatBody({ Renewable: true, RequestId: '1B9A7C36-0F2E-4D5B-8C1A-3E4F5A6B7C81' }),
    },
  ],
  tolerated: [
    {
      case: 'the lower-case canRenew spelling',
      follows: `${CLI} src/api/adapters/subscription-adapter.ts (transformInstancesRenewable: CanRenew ?? canRenew), ${RENEWABLE_TYPE}`,
      body: flatBody({ Data: [{ InstanceId: 'subs-0001a2b3c4', canRenew: false }] }),
    },
  ],
};

// --- Orders: AccountCenter/QueryAccountBaseInfoApi and QueryOrderList -----------------------------------

export const ACCOUNT_INFO: GatewaySet = {
  documented: [
    {
      case: 'the NbId inside Data',
      follows: `${CLI} tests/services/subscription-service.test.ts (NBID_RESPONSE), src/services/subscription-service.ts (resolveNbId)`,
      body: flatBody({ Data: { NbId: '2688801000001' } }),
    },
  ],
  tolerated: [
    {
      case: 'the NbId at the top level, as a number',
      follows: `${CLI} src/services/subscription-service.ts (resolveNbId: Data.NbId, else the top level; String() of either)`,
      body: flatBody({ NbId: 2688801000002 }),
    },
  ],
};

const ORDER_TYPE = `${MODELS} QueryOrderListResponse, OrderListItem`;
const ORDER_READER = `${CLI} src/api/adapters/subscription-adapter.ts (transformOrderList), ${ORDER_TYPE}`;

export const ORDERS: GatewaySet = {
  documented: [
    {
      case: 'the real amount fields (PayAmount first) and the settlement currency',
      follows: `${CLI} tests/api/adapters/subscription-adapter.test.ts ("reads real amount fields …"), ${ORDER_READER}`,
      body: flatBody({
        Data: [
          {
            OrderId: '238810000123456',
            OrderType: 'BUY',
            GmtCreate: '2026-06-08T06:17:29Z',
            OriginalAmount: '99.00',
            PayAmount: '79.20',
            TradeAmount: '79.20',
            CashAmount: '79.20',
            SettCurrency: 'CNY',
            OrderStatus: 'PAID',
            CommodityCode: CODES.coding,
            CommodityName: 'Coding Plan Pro',
          },
        ],
        TotalCount: 1,
        PageSize: 20,
        CurrentPage: 1,
        RequestId: '6D5E4F3A-2B1C-4D0E-8F9A-0B1C2D3E4F60',
      }),
    },
    {
      case: 'the older fields: OrderTime, Amount, Status, a lower-case type',
      follows: `${CLI} tests/services/subscription-service.test.ts ("returns the order list without expanding details by default"), ${ORDER_READER}`,
      body: flatBody({
        Data: [
          { OrderId: 'ord-001', OrderType: 'purchase', OrderTime: '2026-04-15T10:00:00Z', Amount: '199.00', Currency: 'USD', Status: 'paid' },
          { OrderId: 'ord-002', OrderType: 'renew', GmtPay: '2026-04-20T10:00:00Z', PretaxAmount: '99.00', PostTaxAmount: '99.00', Status: 'PAID' },
        ],
        TotalCount: 2,
        PageSize: 20,
        CurrentPage: 1,
      }),
    },
    {
      case: 'a business code and no Data: the orders are not available (the CLI: FEATURE_UNAVAILABLE), even with Success true',
      follows: `${CLI} tests/services/subscription-service.test.ts ("list: surfaces FEATURE_UNAVAILABLE …"), src/services/subscription-service.ts (detectOrderApiUnavailable)`,
      body: flatBody({ RequestId: 'rid', Code: 'PARAM_INVALID', Message: 'param error', Success: true }),
    },
  ],
  tolerated: [
    {
      case: 'order types the CLI labels but our model did not know (refund, downgrade), an empty PayAmount before a real OriginalAmount, an order with no amount at all, and a row without an id',
      follows: `${CLI} src/view-models/subscription/orders.ts (TYPE_LABEL: refund, downgrade, …), ${ORDER_READER}`,
      body: flatBody({
        Data: [
          { OrderId: '238810000200001', OrderType: 'REFUND', GmtCreate: '2026-06-09T02:00:00Z', PayAmount: '-79.20', SettCurrency: 'USD', OrderStatus: 'PAID' },
          { OrderId: '238810000200002', OrderType: 'DOWNGRADE', GmtCreate: '2026-06-10T02:00:00Z', PayAmount: '', TradeAmount: '', OriginalAmount: '54.00', Currency: 'USD', OrderStatus: 'PAID' },
          { OrderId: '238810000200003', OrderType: 'RENEW', GmtCreate: '2026-06-11T02:00:00Z', PayAmount: '', Amount: '', SettCurrency: 'USD', OrderStatus: 'UNPAID' },
          { OrderType: 'BUY', GmtCreate: '2026-06-12T02:00:00Z', PayAmount: '10.00' },
        ],
        TotalCount: 4,
        PageSize: 20,
        CurrentPage: 1,
      }),
    },
    {
      case: 'a numeric business code and no Data',
      follows: `${CLI} tests/services/subscription-service.test.ts ("… any inner business code without Data": Code "1005"), here as a number`,
      body: flatBody({ RequestId: 'rid', Code: 1005, Message: 'Unknown error. : 1005', Success: true }),
    },
    {
      case: 'every row unreadable: no order has an id',
      follows: ORDER_READER,
      body: flatBody({ Data: [{ OrderType: 'BUY', PayAmount: '10.00' }, { OrderType: 'RENEW', PayAmount: '10.00' }], TotalCount: 2 }),
    },
  ],
};

// --- DescribeUsageLimit --------------------------------------------------------------------------------

const LIMIT = `${CLI} src/api/adapters/billing-adapter.ts (transformUsageLimit), ${MODELS} DescribeUsageLimitResponse`;

export const USAGE_LIMIT: GatewaySet = {
  documented: [
    {
      case: 'a limit with its alert threshold and receivers, every field at the top level',
      follows: `${CLI} tests/api/adapters/billing-adapter-extra.test.ts (makeUsageLimitResponse), ${LIMIT}`,
      body: flatBody({ Status: 'normal', LimitAmount: '1000.00', Currency: 'USD', AlertThreshold: '80', Receivers: ['ops@example.com'], RequestId: 'req-limit-001' }),
    },
    {
      case: 'no limit amount',
      follows: `${CLI} tests/api/adapters/billing-adapter-extra.test.ts ("falls back to null for missing limit amount …"), ${LIMIT}`,
      body: flatBody({ Status: 'normal', Currency: 'USD', AlertThreshold: '80', Receivers: ['ops@example.com'], RequestId: 'req-limit-002' }),
    },
    {
      case: 'a threshold of 0, which is a value, not a missing one',
      follows: `${CLI} tests/api/adapters/billing-adapter-extra.test.ts ("treats a 0 alert threshold as a valid value"), ${LIMIT}`,
      body: flatBody({ Status: 'normal', LimitAmount: '1000.00', Currency: 'USD', AlertThreshold: '0', Receivers: [], RequestId: 'req-limit-003' }),
    },
  ],
  tolerated: [
    {
      case: 'nothing ever set: empty strings for the amount and the threshold (the CLI shows — and 0%)',
      follows: `${LIMIT}: toAmountStringOrNull for LimitAmount; "" becomes "0" for AlertThreshold`,
      body: flatBody({ Status: 'disabled', LimitAmount: '', Currency: 'USD', AlertThreshold: '', Receivers: [] }),
    },
    {
      case: 'a limit whose threshold is an empty string',
      follows: LIMIT,
      body: flatBody({ Status: 'normal', LimitAmount: '250.00', Currency: 'USD', AlertThreshold: '', Receivers: ['ops@example.com'] }),
    },
    {
      case: 'numbers where text is typed (the type allows both)',
      follows: LIMIT,
      body: flatBody({ Status: 'normal', LimitAmount: 300, Currency: 'USD', AlertThreshold: 90, Receivers: ['ops@example.com'] }),
    },
  ],
};

// --- DescribeFqInstance --------------------------------------------------------------------------------

const FREE_TIER = `${CLI} tests/services/freetier-service.test.ts (makeFqInstanceItem), src/api/model-mapper/freetier.ts (mapFqInstanceToQuota), ${MODELS} FqInstanceResponse`;

export const FREE_QUOTA: GatewaySet = {
  documented: [
    {
      case: 'a valid and an exhausted quota, capacities as {BaseValue, ShowUnit, ShowValue}',
      follows: FREE_TIER,
      body: flatBody({
        TotalCount: 2,
        PageSize: 500,
        CurrentPage: 1,
        RequestId: 'req-fq-001',
        Data: [
          {
            InstanceName: 'fq-0001',
            Status: 'valid',
            Uid: 5550123,
            InitCapacity: { BaseValue: 1000000, ShowUnit: 'Tokens', ShowValue: '1000000' },
            CurrCapacity: { BaseValue: 750000, ShowUnit: 'Tokens', ShowValue: '750000' },
            Template: { Code: 'tpl-qwen-plus', Name: 'qwen-plus' },
            StartTime: '2026-01-01T00:00:00Z',
            EndTime: '2026-07-01T00:00:00Z',
            CurrentCycleStartTime: '2026-01-01T00:00:00Z',
            CurrentCycleEndTime: '2026-07-01T00:00:00Z',
          },
          {
            InstanceName: 'fq-0002',
            Status: 'exhaust',
            Uid: 5550123,
            InitCapacity: { BaseValue: 50, ShowUnit: 'Images', ShowValue: '50' },
            CurrCapacity: { BaseValue: 0, ShowUnit: 'Images', ShowValue: '0' },
            Template: { Code: 'tpl-wan-image', Name: 'wan2.2-t2i-flash' },
            StartTime: '2026-01-01T00:00:00Z',
            EndTime: '2026-07-01T00:00:00Z',
            CurrentCycleStartTime: '2026-01-01T00:00:00Z',
            CurrentCycleEndTime: '',
          },
        ],
      }),
    },
  ],
  tolerated: [],
};

/** What the CLI sends for the free quotas: a JSON array of template codes (from its CDN mapping) and PageSize 500. */
export const FREE_QUOTA_REQUEST = { follows: `${CLI} src/services/freetier-service.ts (fetchFreeTierQuotas)`, pageSize: '500' } as const;

// --- Errors inside an HTTP 200 ------------------------------------------------------------------------

export const REFUSALS = {
  notApplicable: {
    case: 'the BSS code for a caller on the other site (an international account on the China site, or the reverse); the CLI recognises no such code',
    follows: `${MODELS} QueryOrderListResponse (Code, Message, Success at the top level); the code and message are BSS's own`,
    body: flatBody({ Code: 'NotApplicable', Message: 'This API is not applicable for caller.', Success: false, RequestId: 'req-na-001' }),
  },
  notAuthorized: {
    case: 'the BSS code for an account (or RAM user) without access to billing',
    follows: `${MODELS} QueryOrderListResponse (Code, Message, Success); the code and message are BSS's own`,
    body: flatBody({ Code: 'NotAuthorized', Message: 'You are not authorized to perform this operation.', Success: false, RequestId: 'req-nau-001' }),
  },
  successFalseWithData: {
    case: 'Success false although Data is there',
    follows: `${CLI} tests/api/api-client.test.ts ("business error passthrough": callers must inspect Success and Code)`,
    body: flatBody({ Data: [], Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.', Success: false }),
  },
  numericCode: {
    case: 'a numeric code and no Data, where the CLI would read an empty limit',
    follows: `${CLI} src/services/billing-service.ts (getUsageLimit reads the top level, with no Code check)`,
    body: flatBody({ Code: 1005, Message: 'Unknown error. : 1005', RequestId: 'req-1005' }),
  },
  codeSuccess: {
    case: 'a success code beside top-level fields: not an error',
    follows: `${MODELS} DescribeUsageLimitResponse, with the Code and Success BSS answers carry`,
    body: flatBody({ Code: 'Success', Message: 'Successful!', Success: true, Status: 'normal', LimitAmount: '1000.00', Currency: 'USD', AlertThreshold: '80', Receivers: [] }),
  },
} as const satisfies Record<string, ReferenceAnswer>;
