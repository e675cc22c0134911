// The account gateway's answers as valibot schemas, with the field names the public CLI reads (its
// src/types/api-models.ts); where it knows several spellings, all are accepted. Amounts arrive as numbers
// or decimal strings; an empty string where a number is typed is no value, never 0.
import * as v from 'valibot';
import type { PlanStatus } from '../../core/account/model';

/** A number, or a decimal string the gateway sends for one ("79.20", "120410.5"). */
export const num = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.trim(), v.regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i), v.transform(Number))]),
  v.number(),
  v.finite(),
);
const blank = v.pipe(v.string(), v.trim(), v.length(0), v.transform((): undefined => undefined));
/** A number that may be missing, null or an empty string (all: no value). */
export const optionalNum = v.nullish(v.union([num, blank]));
/** An amount read without failing its row: anything unreadable is no value. */
const looseNum = v.fallback(optionalNum, undefined);
export const optionalText = v.nullish(v.string());
/** Text where an empty string means nothing (a currency, an id). */
const optionalWord = v.nullish(v.pipe(v.string(), v.trim(), v.transform((s) => (s === '' ? undefined : s))));
export const idText = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const requiredId = v.union([v.pipe(v.string(), v.trim(), v.minLength(1)), v.pipe(v.number(), v.transform(String))]);
const optionalId = v.nullish(v.pipe(v.union([v.string(), v.number()]), v.transform(String)));
export const timeValue = v.nullish(v.union([v.string(), v.number()]));
export const list = <T extends v.GenericSchema>(item: T) => v.optional(v.array(item), []);

/** Epoch ms from an ISO string, a digit string or a number; undefined when missing, empty or 0. */
export function timeOf(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  const text = typeof value === 'string' ? value.trim() : '';
  // A date and time without a zone is the billing time zone's (UTC+8), not this machine's.
  const zoned = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}+08:00` : text;
  const n = typeof value === 'number' ? value : /^\d+$/.test(text) ? Number(text) : Date.parse(zoned);
  // Epoch seconds (ten digits) as milliseconds; nothing before 2000 is a time these answers carry.
  const ms = Number.isFinite(n) && n > 0 && n < 1e11 ? n * 1000 : n;
  return Number.isFinite(ms) && ms >= Date.UTC(2000, 0, 1) ? ms : undefined;
}

/**
 * A plan's status. The CLI's readers call an active subscription NORMAL (seats, renewability), VALID (the
 * Coding Plan quota, the subscription adapter) or valid (resource packages); all three are active here.
 */
export function planStatusOf(status: string | null | undefined): PlanStatus {
  const s = (status ?? '').trim().toUpperCase();
  if (s === 'VALID' || s === 'NORMAL') {
    return 'valid';
  }
  // RELEASE and STOP: what the CLI's seat view shows as expired.
  if (s === 'EXPIRED' || s === 'EXPIRE' || s === 'RELEASE' || s === 'STOP') {
    return 'expired';
  }
  return s === 'SUSPENDED' || s === 'STOPPED' ? 'suspended' : 'other';
}

// --- Coding Plan -------------------------------------------------------------------------------------

const instanceInfos = v.optional(v.array(v.unknown()));
/**
 * The envelope's payload: `codingPlanInstanceInfos` at its top (the CLI's unwrap test, v1.0.2), or one
 * `DataV2.data.data` deeper, where the CLI's extractor looks in the payload it has already unwrapped.
 */
export const codingPlanPayload = v.nullish(
  v.object({
    codingPlanInstanceInfos: instanceInfos,
    DataV2: v.optional(v.object({ data: v.optional(v.object({ data: v.optional(v.object({ codingPlanInstanceInfos: instanceInfos })) })) })),
  }),
);
/** Every quota field is optional, as in the CLI (which reads a missing one as 0). */
const codingPlanQuota = v.object({
  per5HourUsedQuota: optionalNum,
  per5HourTotalQuota: optionalNum,
  per5HourQuotaNextRefreshTime: optionalNum,
  perWeekUsedQuota: optionalNum,
  perWeekTotalQuota: optionalNum,
  perWeekQuotaNextRefreshTime: optionalNum,
  perBillMonthUsedQuota: optionalNum,
  perBillMonthTotalQuota: optionalNum,
  perBillMonthQuotaNextRefreshTime: optionalNum,
});
export const codingPlanInstance = v.object({
  instanceType: optionalWord,
  status: optionalWord,
  codingPlanQuotaInfo: v.nullish(codingPlanQuota),
});

// --- Subscriptions: GetSubscriptionDetail, CheckInstancesRenewable ---------------------------------------

const seatEquity = v.object({
  CycleTotalValue: optionalNum,
  CycleSurplusValue: optionalNum,
  CycleStartTime: timeValue,
  CycleEndTime: timeValue,
  TotalValue: optionalNum,
  SurplusValue: optionalNum,
});
export const subscriptionItem = v.object({
  InstanceCode: optionalWord,
  InstanceId: optionalWord,
  ProductCode: optionalWord,
  Status: optionalText,
  PlanName: optionalText,
  StartTime: timeValue,
  EndTime: timeValue,
  MemberId: optionalId,
  SpecType: optionalText,
  EquityList: v.nullish(v.array(seatEquity)),
});
/** `Data` as the item array, or as `{SubscriptionList}` with the paging fields (both readers of the CLI take both). */
export const subscriptionDetail = v.object({
  Data: v.optional(v.union([v.array(subscriptionItem), v.object({ SubscriptionList: list(subscriptionItem) })]), []),
});

export const renewable = v.object({
  Renewable: v.nullish(v.boolean()),
  Data: v.nullish(v.array(v.object({ CanRenew: v.nullish(v.boolean()), canRenew: v.nullish(v.boolean()), InterceptCode: optionalText }))),
});

// --- Orders ------------------------------------------------------------------------------------------

const nbId = v.nullish(v.union([v.pipe(v.string(), v.trim(), v.transform((s) => (s === '' ? undefined : s))), v.pipe(v.number(), v.transform(String))]));
/** AccountCenter/QueryAccountBaseInfoApi: the `NbId` in `Data`, or at the top level when `Data` is not an object. */
export const accountInfo = v.object({ Data: v.fallback(v.nullish(v.object({ NbId: nbId })), undefined), NbId: nbId });

/** One order; a row without an id does not parse (it is left out and counted), anything else is read as far as it goes. */
export const orderRow = v.object({
  OrderId: requiredId,
  OrderType: optionalWord,
  GmtCreate: v.fallback(timeValue, undefined),
  GmtPay: v.fallback(timeValue, undefined),
  OrderTime: v.fallback(timeValue, undefined),
  PayAmount: looseNum,
  TradeAmount: looseNum,
  CashAmount: looseNum,
  OriginalAmount: looseNum,
  PostTaxAmount: looseNum,
  PretaxAmount: looseNum,
  Amount: looseNum,
  Currency: v.fallback(optionalWord, undefined),
  SettCurrency: v.fallback(optionalWord, undefined),
  OrderStatus: v.fallback(optionalText, undefined),
  Status: v.fallback(optionalText, undefined),
  CommodityCode: v.fallback(optionalWord, undefined),
  CommodityName: v.fallback(optionalWord, undefined),
});
export const ordersPage = v.object({ Data: list(v.unknown()), TotalCount: v.optional(num), PageSize: v.optional(num), CurrentPage: v.optional(num) });

// --- Bills, cost analysis, itemised records ---------------------------------------------------------------

const nullishNum = v.nullish(num);
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
export const billsSchema = v.object({ Data: list(billItem), Currency: optionalText });

const detail = v.object({ Key: idText, Name: optionalText, Amount: num });
export const costSchema = v.object({
  GroupByTotal: list(detail),
  ResultByTime: list(v.object({ Period: idText, Total: v.nullish(v.object({ Amount: num, Currency: optionalText })), PeriodDetails: list(detail) })),
  CostTotals: v.nullish(v.object({ Amount: num, Currency: optionalText })),
  Currency: optionalText,
});
export type CostAnswer = v.InferOutput<typeof costSchema>;

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
export const linesSchema = v.object({ Data: list(lineSchema), TotalCount: v.optional(num) });

// --- Spending limit, free quota ----------------------------------------------------------------------

/** Read at the top level, as the CLI does; an empty LimitAmount or AlertThreshold is no value. */
export const limitSchema = v.object({
  Status: optionalText,
  LimitAmount: optionalNum,
  Currency: optionalWord,
  AlertThreshold: optionalNum,
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
export const freeQuotaSchema = v.object({ Data: list(freeQuotaItem), TotalCount: v.optional(num) });

// --- Token Plan --------------------------------------------------------------------------------------

/** A resource package (DescribeFrInstances): the Personal edition's credits, or an add-on pack. */
export const frItem = v.object({
  InstanceId: optionalId,
  CommodityCode: optionalText,
  CommodityName: optionalWord,
  TemplateName: optionalWord,
  Status: v.nullish(v.union([v.string(), v.object({ Code: optionalText, Name: optionalText })])),
  StatusCode: optionalText,
  InitCapacityBaseValue: optionalNum,
  CurrCapacityBaseValue: optionalNum,
  periodCapacityBaseValue: optionalNum,
  CapacityTypeCode: optionalText,
  EndTime: timeValue,
});
export const frPage = v.object({ Data: list(v.unknown()) });

const seatGroup = v.object({
  SpecType: optionalText,
  SubscriptionTotalNumber: optionalNum,
  SubscriptionAssignedNumber: optionalNum,
  TotalValue: optionalNum,
  SurplusValue: optionalNum,
  NextCycleFlushTime: timeValue,
  EquityList: v.nullish(v.array(v.object({ TotalValue: optionalNum, SurplusValue: optionalNum }))),
  SubscriptionList: v.nullish(v.array(v.object({ InstanceCode: optionalWord, InstanceId: optionalWord }))),
});
/** GetSeatSubscriptionSummary's fields, read from `Data`, or from the top level when there is no `Data`. */
export const seatSummary = v.object({
  PlanName: optionalWord,
  StartTime: timeValue,
  EndTime: timeValue,
  PeriodStart: timeValue,
  PeriodEnd: timeValue,
  SubscriptionGroupList: v.nullish(v.array(seatGroup)),
});

const renewalValue = v.nullish(v.union([v.boolean(), v.number()]));
export const autoRenewal = v.object({
  Data: v.nullish(v.object({ AutoRenewal: renewalValue })),
  AutoRenewal: renewalValue,
  EnableRenew: v.nullish(v.boolean()),
  Enable: v.nullish(v.boolean()),
});
