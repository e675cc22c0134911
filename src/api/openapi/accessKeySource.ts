// The Alibaba Cloud AccessKey as an AccountSource: API keys (list, disable, enable, delete) and workspaces
// from ModelStudio 2026-02-10, the spending trend from ModelStudio billing, the balance from BssOpenApi.
import * as v from 'valibot';
import { parseAnswer } from '../validate';
import type { AccountSource, CallOptions, CostQuery, SourceInfo, SpendingSeries } from '../../core/account';
import { dateKey, monthKey } from '../../core/calendar';
import type { ApiKey, Balance, MonthSpend, SpendDimension, Workspace } from '../../core/model';
import { periodsBetween, sumAmounts } from '../../core/spending';
import type { OpenApiEndpoints } from './endpoints';
import type { OpenApiClient } from './openApiClient';


const MODEL_STUDIO_VERSION = '2026-02-10';
const BSS_VERSION = '2017-12-14';

/** A number, or a decimal string the OpenAPI sends for one. */
const num = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/), v.transform(Number))]), v.number(), v.finite());
const text = v.nullish(v.string());
const idText = v.pipe(v.union([v.string(), v.number()]), v.transform(String));

const keysSchema = v.object({
  apiKeys: v.array(
    v.object({
      apiKeyId: idText,
      apiKeyValue: v.string(),
      description: text,
      disabled: v.nullish(v.union([v.boolean(), v.number(), v.string()])),
      gmtCreate: v.nullish(num),
      workspaceId: text,
      createdBy: text,
    }),
  ),
  nextToken: text,
  totalCount: v.nullish(num),
});
const workspacesSchema = v.object({
  workspaces: v.array(v.object({ workspaceId: v.string(), workspaceName: text, region: text })),
});
const detail = v.object({ key: idText, name: text, amount: num });
const trendSchema = v.object({
  data: v.object({
    costTotals: v.nullish(v.object({ amount: num, currency: v.string() })),
    groupByTotal: v.optional(v.array(detail), []),
    resultByTime: v.optional(v.array(v.object({ period: v.string(), total: num, periodDetails: v.optional(v.array(detail), []) })), []),
  }),
});
const balanceSchema = v.object({
  Data: v.object({ AvailableAmount: num, AvailableCashAmount: v.nullish(num), CreditAmount: v.nullish(num), Currency: v.string() }),
});

const CODES: Readonly<Record<SpendDimension, string>> = { productionStep: 'MAAS_TYPE', model: 'BASE_MODEL', apiKey: 'API_KEY_ID', workspace: 'WORKSPACE_ID' };

export interface AccessKeySourceOptions {
  readonly label: string;
  readonly endpoints: OpenApiEndpoints;
  readonly now?: () => number;
}

export class AccessKeySource implements AccountSource {
  readonly info: SourceInfo;
  private readonly now: () => number;

  constructor(
    private readonly client: OpenApiClient,
    private readonly options: AccessKeySourceOptions,
  ) {
    this.info = { kind: 'accessKey', label: options.label };
    this.now = options.now ?? Date.now;
  }

  private modelStudio(action: string, method: 'GET' | 'PUT' | 'DELETE', path: string, query: Record<string, string | undefined>, options?: CallOptions): Promise<Record<string, unknown>> {
    return this.client.call({ endpoint: this.options.endpoints.modelStudio, action, version: MODEL_STUDIO_VERSION, method, path, query, ...(options?.signal ? { signal: options.signal } : {}) });
  }

  async listWorkspaces(options?: CallOptions): Promise<readonly Workspace[]> {
    const data = parseAnswer(workspacesSchema, await this.modelStudio('ListWorkspaces', 'GET', '/modelstudio/workspaces', {}, options), 'Workspaces');
    return data.workspaces.map((w) => ({ id: w.workspaceId, name: w.workspaceName ?? w.workspaceId, ...(w.region ? { region: w.region } : {}) }));
  }

  /** Every key of every workspace, following `nextToken` pages. */
  async listApiKeys(options?: CallOptions): Promise<readonly ApiKey[]> {
    const workspaces = await this.listWorkspaces(options);
    const keys: ApiKey[] = [];
    for (const workspace of workspaces) {
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const data = parseAnswer(
          keysSchema,
          await this.modelStudio('ListApiKeys', 'GET', '/modelstudio/apikeys', { workspaceId: workspace.id, maxResults: '100', nextToken }, options),
          'API keys',
        );
        for (const k of data.apiKeys) {
          keys.push({
            id: k.apiKeyId,
            maskedValue: k.apiKeyValue,
            description: k.description ?? '',
            createdAt: k.gmtCreate ?? 0,
            disabled: k.disabled === true || k.disabled === 1 || k.disabled === '1' || k.disabled === 'true',
            workspaceId: k.workspaceId ?? workspace.id,
            ...(k.createdBy ? { createdBy: k.createdBy } : {}),
          });
        }
        nextToken = data.nextToken ?? undefined;
        pages++;
      } while (nextToken && pages < 100);
    }
    return keys.sort((a, b) => b.createdAt - a.createdAt);
  }

  async setApiKeyDisabled(apiKeyId: string, disabled: boolean, options?: CallOptions): Promise<void> {
    const id = encodeURIComponent(apiKeyId);
    await this.modelStudio(disabled ? 'DisableApiKey' : 'EnableApiKey', 'PUT', `/modelstudio/apikeys/${id}/${disabled ? 'disable' : 'enable'}`, {}, options);
  }

  async deleteApiKey(apiKeyId: string, options?: CallOptions): Promise<void> {
    await this.modelStudio('DeleteApiKey', 'DELETE', `/modelstudio/apikeys/${encodeURIComponent(apiKeyId)}`, {}, options);
  }

  async getCostAnalysis(query: CostQuery, options?: CallOptions): Promise<SpendingSeries> {
    const dimensions = Object.entries(query.filter ?? {})
      .filter(([, values]) => values && values.length > 0)
      .map(([dimension, values]) => ({ code: CODES[dimension as SpendDimension], values, selectType: 'IN' }));
    const data = parseAnswer(
      trendSchema,
      await this.modelStudio(
        'GetBillingTrend',
        'GET',
        '/modelstudio/billing/trend',
        {
          granularity: query.granularity === 'day' ? 'DAY' : 'MONTH',
          timePeriod: JSON.stringify({ start: query.from, end: query.to }),
          groupBy: JSON.stringify([{ code: CODES[query.groupBy] }]),
          ...(dimensions.length > 0 ? { filter: JSON.stringify({ dimensions }) } : {}),
          topNum: '20',
        },
        options,
      ),
      'Billing trend',
    ).data;
    const slices = new Map(data.resultByTime.map((r) => [r.period.length === 6 ? `${r.period.slice(0, 4)}-${r.period.slice(4)}` : r.period, r]));
    const order = (a: { amount: number; key: string }, b: { amount: number; key: string }): number => b.amount - a.amount || a.key.localeCompare(b.key);
    return {
      currency: data.costTotals?.currency ?? 'USD',
      granularity: query.granularity,
      groupBy: query.groupBy,
      periods: periodsBetween(query.from, query.to, query.granularity).map((period) => {
        const slice = slices.get(period);
        return {
          period,
          total: slice?.total ?? 0,
          parts: (slice?.periodDetails ?? []).map((d) => ({ key: d.key, name: d.name ?? d.key, amount: d.amount })).sort(order),
        };
      }),
      totals: data.groupByTotal.map((g) => ({ key: g.key, name: g.name ?? g.key, amount: g.amount })).sort(order),
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

  async getBalance(options?: CallOptions): Promise<Balance | null> {
    const data = parseAnswer(
      balanceSchema,
      await this.client.call({ endpoint: this.options.endpoints.bss, action: 'QueryAccountBalance', version: BSS_VERSION, method: 'POST', path: '/', ...(options?.signal ? { signal: options.signal } : {}) }),
      'Balance',
    ).Data;
    return {
      available: { amount: data.AvailableAmount, currency: data.Currency },
      ...(data.CreditAmount ? { credit: { amount: data.CreditAmount, currency: data.Currency } } : {}),
    };
  }

  /** A cheap signed call that proves the AccessKey works (used before saving it). */
  async verify(options?: CallOptions): Promise<void> {
    await this.listWorkspaces(options);
  }
}
