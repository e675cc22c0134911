// The spending panel's messages, both ways. The webview says what the user wants to see (`setView`) and
// asks for actions; the host answers with the data. The webview never fetches anything itself.
import * as v from 'valibot';
import { LINE_ITEM_COLUMNS } from '../core/spending/lineItemTable';
import { USAGE_METRICS } from '../core/spending/modelUsage';
import { PLAN_OFFER_IDS } from '../core/spending/planOffers';
import { RANGE_PRESETS } from '../core/spending/spendingRange';
import { currencyCode, dateString, finiteNumber, l10nBundle, list, money, notice, ready, text, usageLimit } from './protocolSchemas';

/** The dimensions the chart groups by and the panel filters on. */
export const CHART_DIMENSIONS = ['productionStep', 'apiKey', 'model'] as const;
export type ChartDimension = (typeof CHART_DIMENSIONS)[number];

const values = list(text(256), 500);

export const SpendingViewSchema = v.strictObject({
  range: v.strictObject({ preset: v.picklist(RANGE_PRESETS), from: v.optional(dateString), to: v.optional(dateString) }),
  granularity: v.picklist(['day', 'month']),
  groupBy: v.picklist(CHART_DIMENSIONS),
  filter: v.strictObject({ productionStep: values, apiKey: values, model: values }),
  /** `usage`: calls and tokens per model (model usage statistics). */
  mode: v.picklist(['chart', 'list', 'usage']),
  /** What the model usage chart shows; absent: calls, or tokens where the records report no calls. */
  usageMetric: v.optional(v.picklist(USAGE_METRICS)),
  sort: v.strictObject({ column: v.picklist(LINE_ITEM_COLUMNS), direction: v.picklist(['asc', 'desc']) }),
  page: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
});
/** What the user is looking at; kept by the webview so a reload restores it. */
export type SpendingView = v.InferOutput<typeof SpendingViewSchema>;

export const DEFAULT_SPENDING_VIEW: SpendingView = {
  range: { preset: 'last30Days' },
  granularity: 'day',
  groupBy: 'model',
  filter: { productionStep: [], apiKey: [], model: [] },
  mode: 'chart',
  sort: { column: 'billingDate', direction: 'desc' },
  page: 0,
};

/** A PNG of the chart as a data URL; 16 MB is far beyond any real chart. */
const pngDataUrl = v.pipe(v.string(), v.maxLength(16_000_000), v.regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/));

export const SpendingWebviewMessageSchema = v.variant('type', [
  ready,
  v.strictObject({ type: v.literal('setView'), view: SpendingViewSchema }),
  v.strictObject({ type: v.literal('refresh') }),
  v.strictObject({ type: v.literal('exportCsv') }),
  v.strictObject({ type: v.literal('saveChartImage'), dataUrl: pngDataUrl }),
  v.strictObject({ type: v.literal('openLimit') }),
]);
export type SpendingWebviewMessage = v.InferOutput<typeof SpendingWebviewMessageSchema>;

const option = v.object({ key: text(256), name: text(512) });
const options = v.object({ productionStep: list(option, 1000), apiKey: list(option, 1000), model: list(option, 1000) });
export type FilterOptions = v.InferOutput<typeof options>;

const groupTotal = v.object({ key: text(256), name: text(512), amount: finiteNumber });
const series = v.object({
  currency: currencyCode,
  granularity: v.picklist(['day', 'month']),
  groupBy: v.picklist(['productionStep', 'apiKey', 'model', 'workspace']),
  periods: list(v.object({ period: text(10), total: finiteNumber, parts: list(groupTotal, 1000) }), 1000),
  totals: list(groupTotal, 1000),
});

const row = v.object({
  id: text(512),
  billingDate: text(10),
  billingMonth: text(7),
  productionStep: text(256),
  jobId: text(256),
  model: text(256),
  usage: finiteNumber,
  unit: text(64),
  amount: finiteNumber,
  currency: currencyCode,
  workspace: text(512),
  apiKey: text(512),
  lineItem: text(256),
});

const resolved = v.object({ from: dateString, to: dateString });

const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const figures = { calls: count, inputTokens: count, outputTokens: count, amount: finiteNumber, records: count };
const modelFigures = v.object({ model: text(256), name: text(512), ...figures });
const modelUsage = v.object({
  granularity: v.picklist(['day', 'month']),
  currency: currencyCode,
  periods: list(v.object({ period: text(10), total: v.object(figures), models: list(modelFigures, 100) }), 1000),
  models: list(modelFigures, 1000),
  total: v.object(figures),
  reported: v.object({ calls: v.boolean(), tokens: v.boolean() }),
});

const verdict = v.picklist(['held', 'exceeded', 'unknown']);
/** Which plan fits the range's use (core/spending/planFit), with the offers table's sources and date. */
const planFit = v.object({
  from: dateString,
  to: dateString,
  days: count,
  currency: currencyCode,
  calls: count,
  tokens: count,
  callsReported: v.boolean(),
  paygCost: finiteNumber,
  offers: list(
    v.object({
      id: v.picklist(PLAN_OFFER_IDS),
      family: v.picklist(['codingPlan', 'tokenPlan']),
      name: text(256),
      priceFrom: v.picklist(['table', 'settings', 'unknown', 'otherCurrency']),
      monthlyPrice: v.optional(finiteNumber),
      cost: v.optional(finiteNumber),
      quota: verdict,
      reason: v.picklist(['windows', 'noCalls', 'noCreditRate']),
      windows: v.optional(list(v.object({ window: v.picklist(['fiveHour', 'weekly', 'monthly']), used: count, limit: count, verdict }), 3)),
    }),
    20,
  ),
  best: v.optional(v.picklist([...PLAN_OFFER_IDS, 'payg'])),
  sources: list(text(512), 10),
  asOf: dateString,
});
export type PlanFitContent = v.InferOutput<typeof planFit>;

export const SpendingContentSchema = v.variant('kind', [
  /** `read`: records read so far, while a long itemised range loads. */
  v.object({ kind: v.literal('loading'), read: v.optional(count) }),
  v.object({ kind: v.literal('invalid'), message: text(2000) }),
  v.object({ kind: v.literal('error'), message: text(2000) }),
  v.object({
    kind: v.literal('chart'),
    range: resolved,
    series,
    options,
    fetchedAt: finiteNumber,
    /** The figures are the last good ones (from `fetchedAt`): the latest refresh failed, in these words. */
    refreshError: v.optional(text(2000)),
  }),
  v.object({
    kind: v.literal('list'),
    range: resolved,
    rows: list(row, 1000),
    page: finiteNumber,
    pageCount: finiteNumber,
    total: finiteNumber,
    /** The range held more records than the list keeps; narrow it to see the rest. */
    truncated: v.boolean(),
    options,
    fetchedAt: finiteNumber,
    refreshError: v.optional(text(2000)),
  }),
  v.object({
    kind: v.literal('usage'),
    range: resolved,
    /** Periods fold the less used models into "Other"; `models` lists every one. */
    usage: modelUsage,
    /** The range held more records than the panel reads; narrow it for complete figures. */
    truncated: v.boolean(),
    /** What each offer would have cost over the range, and whether its quota would have held. */
    planFit: v.optional(planFit),
    options,
    fetchedAt: finiteNumber,
    refreshError: v.optional(text(2000)),
  }),
]);
export type SpendingContent = v.InferOutput<typeof SpendingContentSchema>;

const freeQuota = v.object({
  model: text(256),
  total: count,
  remaining: count,
  unit: text(64),
  status: v.picklist(['valid', 'exhausted', 'expired']),
  cycleEnd: v.optional(finiteNumber),
});

export const SpendingSummarySchema = v.object({
  /** "Demo" or the account's name. */
  label: text(256),
  demo: v.boolean(),
  month: v.optional(text(7)),
  monthSpend: v.optional(money),
  projected: v.optional(finiteNumber),
  limit: v.optional(v.nullable(usageLimit)),
  balance: v.optional(v.nullable(money)),
  /** The free quotas, where the account reports them. */
  freeQuota: v.optional(list(freeQuota, 500)),
  freeQuotaError: v.optional(text(2000)),
  /** When the month's spend was fetched (epoch ms). */
  updatedAt: v.optional(finiteNumber),
  loading: v.boolean(),
  error: v.optional(text(2000)),
});
export type SpendingSummary = v.InferOutput<typeof SpendingSummarySchema>;

export const SpendingHostMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('init'), view: SpendingViewSchema, l10n: l10nBundle }),
  v.strictObject({ type: v.literal('summary'), summary: SpendingSummarySchema }),
  v.strictObject({ type: v.literal('content'), view: SpendingViewSchema, content: SpendingContentSchema }),
  notice,
]);
export type SpendingHostMessage = v.InferOutput<typeof SpendingHostMessageSchema>;

export const isSpendingWebviewMessage = (value: unknown): value is SpendingWebviewMessage => v.is(SpendingWebviewMessageSchema, value);
export const isSpendingHostMessage = (value: unknown): value is SpendingHostMessage => v.is(SpendingHostMessageSchema, value);
export const isSpendingView = (value: unknown): value is SpendingView => v.is(SpendingViewSchema, value);
