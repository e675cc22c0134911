// The Alibaba Cloud AccessKey as an AccountSource: API keys (list, disable, enable, delete) and workspaces
// from ModelStudio 2026-02-10, the spending trend from ModelStudio billing, the balance from BssOpenApi.
import * as v from 'valibot';
import { parseAnswer } from '../validate';
import type { AccountSource, CallOptions, CostQuery, SourceInfo, SpendingGroupTotal, SpendingSeries } from '../../core/account/source';
import { hasKind, ShapeError } from '../../core/account/errors';
import type { Logger } from '../../core/common/logger';
import type { ApiKey, Balance, MonthSpend, Workspace } from '../../core/account/model';
import { sumAmounts } from '../../core/spending/spending';
import { costFilterDimensions, COST_DIMENSION_CODES, type CostSlice, dailySpend, monthSpendQuery, spendingSeries } from '../costSeries';
import { modelStudioRegions, type OpenApiEndpoints, type RegionEndpoint, siteOfHost } from './endpoints';
import type { OpenApiClient } from './openApiClient';


const MODEL_STUDIO_VERSION = '2026-02-10';
const BSS_VERSION = '2017-12-14';
/** Pages followed per list at most: a service that never stops paging must not hold the refresh forever. */
const MAX_PAGES = 100;

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** A number, or a decimal string the OpenAPI sends for one. */
const num = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(DECIMAL), v.transform(Number))]), v.number(), v.finite());
const text = v.nullish(v.string());
const idText = v.pipe(v.union([v.string(), v.number()]), v.transform(String));

/** An amount as the billing sends it (decimal text, or a number in an older answer); undefined when missing or unreadable, never 0. */
function readAmount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}
const figure = v.pipe(v.unknown(), v.transform(readAmount));
/** A total: the documented `{amount, currency, pretaxAmount, taxAmount}`, or a bare number as an older answer sent. */
const money = v.union([
  v.object({ amount: figure, currency: text }),
  v.pipe(
    v.union([v.number(), v.string(), v.null()]),
    v.transform((x) => ({ amount: readAmount(x), currency: undefined })),
  ),
]);

/** "20260801" (by DAY) or "202608" (by MONTH) as "2026-08-01" / "2026-08"; the dashed forms are taken as they are. */
function periodKey(period: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})(?:-?(\d{2}))?$/.exec(period.trim());
  return m ? (m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`) : undefined;
}

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
  workspaces: v.nullish(v.array(v.object({ workspaceId: v.string(), workspaceName: text, region: text })), []),
  nextToken: text,
});
const detail = v.object({ key: v.nullish(idText), name: text, amount: figure });
const trendSchema = v.object({
  data: v.object({
    costTotals: v.nullish(money),
    groupByTotal: v.nullish(v.array(detail), []),
    resultByTime: v.nullish(v.array(v.object({ period: text, total: v.nullish(money), periodDetails: v.nullish(v.array(detail), []) })), []),
  }),
});
type Detail = v.InferOutput<typeof detail>;
const balanceSchema = v.object({
  Data: v.object({ AvailableAmount: num, AvailableCashAmount: v.nullish(num), CreditAmount: v.nullish(num), Currency: v.string() }),
});

export interface AccessKeySourceOptions {
  readonly label: string;
  readonly endpoints: OpenApiEndpoints;
  readonly now?: () => number;
  /** Where a region that could not be listed is reported. */
  readonly logger?: Logger;
}

/** A region whose workspaces and keys could not be listed, and why. */
export interface RegionFailure {
  readonly region: string;
  readonly error: Error;
}

/** A billing trend as read: the series, the whole range's total where the answer has one, and periods it left unreadable. */
interface Trend {
  readonly series: SpendingSeries;
  readonly rangeTotal?: number;
  readonly unreadable: readonly string[];
}

/** The groups whose key and amount can be read; an unreadable one is left out rather than shown as 0. */
function groups(details: readonly Detail[]): SpendingGroupTotal[] {
  return details.flatMap((d) => (d.key !== undefined && d.key !== null && d.amount !== undefined ? [{ key: d.key, name: d.name || d.key, amount: d.amount }] : []));
}

/** A region's failure that says nothing about its keys (they may be there): not a refusal by the service. */
function mayHoldKeys(error: Error): boolean {
  return hasKind(error, 'network') || hasKind(error, 'timeout') || hasKind(error, 'rateLimited') || hasKind(error, 'shape') || (hasKind(error, 'server') && ((error as Error & { status?: number }).status ?? 500) >= 500);
}

export class AccessKeySource implements AccountSource {
  readonly info: SourceInfo;
  private readonly now: () => number;
  /** Where each listed key lives: changes to a key go to its own region's host. */
  private readonly keyRegions = new Map<string, RegionEndpoint>();
  private failures: readonly RegionFailure[] = [];

  constructor(
    private readonly client: OpenApiClient,
    private readonly options: AccessKeySourceOptions,
  ) {
    this.info = { kind: 'accessKey', label: options.label };
    this.now = options.now ?? Date.now;
  }

  private modelStudio(
    action: string,
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    query: Record<string, string | undefined>,
    options?: CallOptions,
    endpoint: string = this.options.endpoints.modelStudio,
  ): Promise<Record<string, unknown>> {
    return this.client.call({ endpoint, action, version: MODEL_STUDIO_VERSION, method, path, query, product: 'modelStudio', ...(options?.signal ? { signal: options.signal } : {}) });
  }

  /** Follows `nextToken` to the last page: at most MAX_PAGES, and never a token twice (a service that hands one back would loop). */
  private async pages<T>(fetch: (nextToken: string | undefined) => Promise<{ readonly items: readonly T[]; readonly nextToken?: string | null }>): Promise<T[]> {
    const out: T[] = [];
    const followed = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data = await fetch(token);
      out.push(...data.items);
      token = data.nextToken || undefined;
      if (!token || followed.has(token) || data.items.length === 0) {
        break;
      }
      followed.add(token);
    }
    return out;
  }

  /**
   * Runs `work` in every region at once. A region that refuses (ModelStudio not activated there, no
   * permission) costs only its own part: it is logged and kept in `regionFailures`. A region that cannot be
   * reached, times out or fails on the server side is thrown, as is a cancellation: its keys may exist, and
   * a list silently without them would let "stop billing" miss keys that still bill. The view then keeps
   * the last full list, marked stale, and the poller tries again. When every region refuses, the first
   * refusal is thrown.
   */
  private async perRegion<T>(work: (region: RegionEndpoint) => Promise<T>): Promise<T[]> {
    const regions = modelStudioRegions(this.options.endpoints);
    const settled = await Promise.allSettled(regions.map(work));
    const done: T[] = [];
    const failures: RegionFailure[] = [];
    settled.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        done.push(result.value);
      } else {
        failures.push({ region: regions[i]?.region ?? '', error: result.reason instanceof Error ? result.reason : new Error(String(result.reason)) });
      }
    });
    const thrown = failures.find((f) => hasKind(f.error, 'cancelled')) ?? failures.find((f) => mayHoldKeys(f.error)) ?? (done.length === 0 ? failures[0] : undefined);
    if (thrown) {
      throw thrown.error;
    }
    for (const f of failures) {
      this.options.logger?.warn(`ModelStudio region ${f.region || '(default)'}: workspaces and API keys not listed (${f.error.message})`);
    }
    this.failures = failures;
    return done;
  }

  /** The regions the last listing could not read, and why. */
  regionFailures(): readonly RegionFailure[] {
    return this.failures;
  }

  private async workspacesIn(region: RegionEndpoint, options?: CallOptions): Promise<Workspace[]> {
    const listed = await this.pages(async (nextToken) => {
      const data = parseAnswer(
        workspacesSchema,
        await this.modelStudio('ListWorkspaces', 'GET', '/modelstudio/workspaces', { maxResults: '100', nextToken }, options, region.url),
        'Workspaces',
      );
      return { items: data.workspaces, nextToken: data.nextToken };
    });
    const byId = new Map<string, Workspace>();
    for (const w of listed) {
      const where = w.region || region.region;
      byId.set(w.workspaceId, { id: w.workspaceId, name: w.workspaceName || w.workspaceId, ...(where ? { region: where } : {}) });
    }
    return [...byId.values()];
  }

  async listWorkspaces(options?: CallOptions): Promise<readonly Workspace[]> {
    return (await this.perRegion((region) => this.workspacesIn(region, options))).flat();
  }

  /** Every key of every workspace in every region, following `nextToken` pages. */
  async listApiKeys(options?: CallOptions): Promise<readonly ApiKey[]> {
    const lists = await this.perRegion(async (region) => {
      const keys = new Map<string, ApiKey>();
      for (const workspace of await this.workspacesIn(region, options)) {
        const listed = await this.pages(async (nextToken) => {
          const data = parseAnswer(
            keysSchema,
            await this.modelStudio('ListApiKeys', 'GET', '/modelstudio/apikeys', { workspaceId: workspace.id, maxResults: '100', nextToken }, options, region.url),
            'API keys',
          );
          return { items: data.apiKeys, nextToken: data.nextToken };
        });
        for (const k of listed) {
          keys.set(k.apiKeyId, {
            id: k.apiKeyId,
            maskedValue: k.apiKeyValue,
            description: k.description ?? '',
            createdAt: k.gmtCreate ?? 0,
            disabled: k.disabled === true || k.disabled === 1 || k.disabled === '1' || k.disabled === 'true',
            workspaceId: k.workspaceId ?? workspace.id,
            ...(k.createdBy ? { createdBy: k.createdBy } : {}),
          });
        }
      }
      return { region, keys: [...keys.values()] };
    });
    for (const { region, keys } of lists) {
      for (const k of keys) {
        this.keyRegions.set(k.id, region);
      }
    }
    return lists.flatMap((l) => l.keys).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The host of the region a key lives in; a key not listed yet is looked up first. */
  private async hostOfKey(apiKeyId: string, options?: CallOptions): Promise<string> {
    const regions = modelStudioRegions(this.options.endpoints);
    if (regions.length > 1 && !this.keyRegions.has(apiKeyId)) {
      await this.listApiKeys(options);
    }
    // Unknown anywhere: the first region answers that the key does not exist.
    return (this.keyRegions.get(apiKeyId) ?? regions[0])?.url ?? this.options.endpoints.modelStudio;
  }

  async setApiKeyDisabled(apiKeyId: string, disabled: boolean, options?: CallOptions): Promise<void> {
    const id = encodeURIComponent(apiKeyId);
    const host = await this.hostOfKey(apiKeyId, options);
    await this.modelStudio(disabled ? 'DisableApiKey' : 'EnableApiKey', 'PUT', `/modelstudio/apikeys/${id}/${disabled ? 'disable' : 'enable'}`, {}, options, host);
  }

  async deleteApiKey(apiKeyId: string, options?: CallOptions): Promise<void> {
    const host = await this.hostOfKey(apiKeyId, options);
    await this.modelStudio('DeleteApiKey', 'DELETE', `/modelstudio/apikeys/${encodeURIComponent(apiKeyId)}`, {}, options, host);
    this.keyRegions.delete(apiKeyId);
  }

  async getCostAnalysis(query: CostQuery, options?: CallOptions): Promise<SpendingSeries> {
    return (await this.trend(query, options)).series;
  }

  private async trend(query: CostQuery, options?: CallOptions): Promise<Trend> {
    const dimensions = costFilterDimensions(query.filter).map((d) => ({ ...d, selectType: 'IN' }));
    const data = parseAnswer(
      trendSchema,
      await this.modelStudio(
        'GetBillingTrend',
        'GET',
        '/modelstudio/billing/trend',
        {
          granularity: query.granularity === 'day' ? 'DAY' : 'MONTH',
          timePeriod: JSON.stringify({ start: query.from, end: query.to }),
          groupBy: JSON.stringify([{ code: COST_DIMENSION_CODES[query.groupBy] }]),
          ...(dimensions.length > 0 ? { filter: JSON.stringify({ dimensions }) } : {}),
          topNum: '20',
        },
        options,
      ),
      'Billing trend',
    ).data;
    const slices = new Map<string, CostSlice>();
    const unreadable: string[] = [];
    const leftOut = new Set<string>();
    let currency = data.costTotals?.currency || undefined;
    for (const r of data.resultByTime) {
      const period = r.period ? periodKey(r.period) : undefined;
      const details = r.periodDetails;
      currency ??= r.total?.currency || undefined;
      // The documented total first. Without one, the details: they are every group of the period (those
      // beyond the top N as "Others"), so they add up to it, but only if every one of them can be read.
      const total =
        r.total?.amount ?? (details.length > 0 && details.every((d) => d.amount !== undefined) ? sumAmounts(details.map((d) => d.amount ?? 0)) : undefined);
      if (period === undefined || total === undefined) {
        // No figure, or no place for it: left out, so it shows as a gap and not as a period without spend.
        unreadable.push(period ?? (r.period || '(no period)'));
        if (period !== undefined) {
          leftOut.add(period);
        }
        continue;
      }
      slices.set(period, { total, parts: groups(details) });
    }
    const rangeTotal = data.costTotals?.amount;
    const fallbackCurrency = siteOfHost(this.options.endpoints.modelStudio) === 'china' ? 'CNY' : 'USD';
    const series = spendingSeries(query, currency ?? fallbackCurrency, slices, groups(data.groupByTotal), leftOut);
    return { series, unreadable, ...(rangeTotal !== undefined ? { rangeTotal } : {}) };
  }

  async getMonthSpend(options?: CallOptions): Promise<MonthSpend> {
    const { month, today, query } = monthSpendQuery(this.now());
    const { series, rangeTotal, unreadable } = await this.trend(query, options);
    const daily = dailySpend(series, today);
    // With a day unreadable the days do not add up to the month: the answer's own total for the range
    // does, and without one there is no honest figure to show.
    const total = unreadable.length === 0 ? sumAmounts(daily.map((d) => d.amount)) : rangeTotal;
    if (total === undefined) {
      throw new ShapeError(`Billing trend: no readable amount for ${unreadable.join(', ')}, and no total for the month.`);
    }
    return { month, total: { amount: total, currency: series.currency }, daily };
  }

  async getBalance(options?: CallOptions): Promise<Balance | null> {
    const data = parseAnswer(
      balanceSchema,
      await this.client.call({ endpoint: this.options.endpoints.bss, action: 'QueryAccountBalance', version: BSS_VERSION, method: 'POST', path: '/', product: 'bss', ...(options?.signal ? { signal: options.signal } : {}) }),
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
