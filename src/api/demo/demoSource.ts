// The demo account as an `AccountSource`: generated data, in process, no network. Changes the user makes
// (disabling a key, editing the limit) live in `DemoState` so the demo behaves like a real account.
import type {
  AccountSource,
  CallOptions,
  CostQuery,
  LineItemQuery,
  OrderQuery,
  SourceInfo,
  SpendingSeries,
} from '../../core/account/source';
import { dateKey, HOUR_MS, monthKey, startOfDate } from '../../core/common/calendar';
import type { Clock } from '../../core/common/clock';
import { CancelledError, InvalidInputError } from '../../core/account/errors';
import type { ApiKey, Balance, CodingPlan, FreeQuota, LineItem, MonthSpend, MonthlyBill, Order, Page, SpendDimension, TokenPlan, UsageLimit, Workspace } from '../../core/account/model';
import { aggregateSpending, matchesFilter, sumAmounts } from '../../core/spending/spending';
import { DEMO_CURRENCY, type DemoAccount } from './demoAccount';
import { invoicePdf } from './demoInvoice';
import { DEFAULT_DEMO_PLANS, type DemoPlans, hasCodingPlan, tokenPlanEdition } from './demoPlans';

/** What the user changed on the demo account. */
export interface DemoState {
  disabledKeys: Record<string, boolean>;
  deletedKeys: string[];
  usageLimit?: UsageLimit;
}

/** The demo key a runaway agent spends on, its first burst and its pace afterwards (USD). */
export const RUNAWAY_KEY = 'Local development';
const RUNAWAY_BURST = 60;
const RUNAWAY_PER_HOUR = 240;

export const emptyDemoState = (): DemoState => ({ disabledKeys: {}, deletedKeys: [] });

export function paginate<T>(all: readonly T[], cursor: string | undefined, pageSize: number | undefined): Page<T> {
  const offset = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new InvalidInputError(`Not a page cursor: ${cursor ?? ''}`);
  }
  const size = Math.max(1, Math.min(pageSize ?? 50, 1000));
  const items = all.slice(offset, offset + size);
  const next = offset + size < all.length ? String(offset + size) : undefined;
  return { items, total: all.length, ...(next !== undefined ? { next } : {}) };
}

function checkSignal(options: CallOptions | undefined): void {
  if (options?.signal?.aborted) {
    throw new CancelledError('Cancelled.');
  }
}

export class DemoSource implements AccountSource {
  readonly info: SourceInfo = { kind: 'demo', label: 'Demo' };
  private sortedItems: { readonly key: string; readonly items: readonly LineItem[] } | undefined;
  private runawayStopped: number | undefined;

  constructor(
    private readonly account: DemoAccount,
    private readonly clock: Clock,
    private readonly state: DemoState = emptyDemoState(),
    /** Called after the user changes the demo account, so the change can be kept. */
    private readonly onStateChange: (state: DemoState) => void = () => undefined,
    /** Which plans the demo holds now (a setting the user can switch). */
    private readonly plans: () => DemoPlans = () => DEFAULT_DEMO_PLANS,
    /**
     * When a runaway agent began spending on the "Local development" key (epoch ms), or undefined for none:
     * how the spend spike alert is shown and tested on the demo account.
     */
    private readonly runawaySince: () => number | undefined = () => undefined,
  ) {}

  private now(): number {
    return this.clock.now();
  }

  async getCodingPlan(options?: CallOptions): Promise<CodingPlan | null> {
    checkSignal(options);
    if (!hasCodingPlan(this.plans())) {
      return null;
    }
    const now = this.now();
    // The demo knows its past exactly: hand it over so the meter shows a pace from the first refresh.
    return { ...this.account.codingPlan(now), recentUsage: this.account.recentUsage(now) };
  }

  async getTokenPlan(options?: CallOptions): Promise<TokenPlan | null> {
    checkSignal(options);
    const edition = tokenPlanEdition(this.plans());
    if (!edition) {
      return null;
    }
    const now = this.now();
    return { ...this.account.tokenPlan(edition, now), recentUsage: this.account.recentCreditUsage(edition, now) };
  }

  async listOrders(query: OrderQuery, options?: CallOptions): Promise<Page<Order>> {
    checkSignal(options);
    const orders = this.account
      .orders(this.now())
      .filter(
        (o) =>
          (!query.types || query.types.length === 0 || query.types.includes(o.type)) &&
          (query.from === undefined || o.createdAt >= query.from) &&
          (query.to === undefined || o.createdAt <= query.to),
      );
    return paginate(orders, query.cursor, query.pageSize);
  }

  /** The demo account has no online invoice pages (no getOrderInvoiceUrl); its invoices are documents. */
  async downloadInvoice(orderId: string, options?: CallOptions): Promise<Uint8Array | undefined> {
    checkSignal(options);
    const order = this.account.orders(this.now()).find((o) => o.id === orderId);
    return order && order.status === 'paid' ? invoicePdf(order, 'Qwen Cloud (demo account)') : undefined;
  }

  async listBills(options?: CallOptions): Promise<readonly MonthlyBill[]> {
    checkSignal(options);
    return this.account.bills(this.now());
  }

  async getMonthSpend(options?: CallOptions): Promise<MonthSpend> {
    checkSignal(options);
    const now = this.now();
    const month = monthKey(now);
    const items = this.items(`${month}-01`, dateKey(now));
    const perDay = new Map<string, number[]>();
    for (const item of items) {
      const day = perDay.get(item.billingDate) ?? [];
      day.push(item.amount);
      perDay.set(item.billingDate, day);
    }
    const daily = [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, amounts]) => ({ date, amount: sumAmounts(amounts) }));
    return { month, total: { amount: sumAmounts(items.map((i) => i.amount)), currency: DEMO_CURRENCY }, daily };
  }

  private items(from: string, to: string): LineItem[] {
    const now = this.now();
    const items = this.account.lineItems(from, to, now);
    const runaway = this.runaway(now);
    return runaway && runaway.billingDate >= from && runaway.billingDate <= to ? [...items, runaway] : items;
  }

  /**
   * The runaway agent's spend so far today: a burst, then a steady pace, billed without the usual lag (so
   * the alert can be seen at once); it stops growing while the key is disabled.
   */
  private runaway(now: number): LineItem | undefined {
    const since = this.runawaySince();
    const key = this.account.apiKeys(now).find((k) => k.description === RUNAWAY_KEY);
    if (since === undefined || !key || since > now || this.state.deletedKeys.includes(key.id)) {
      return undefined;
    }
    const date = dateKey(now);
    const hours = (Math.min(now, this.stoppedAt(key.id, now)) - Math.max(since, startOfDate(date))) / HOUR_MS;
    const amount = Math.round((RUNAWAY_BURST + RUNAWAY_PER_HOUR * Math.max(0, hours)) * 1e6) / 1e6;
    const calls = Math.round(amount * 100);
    return {
      id: `${date.replaceAll('-', '')}-${key.id}-runaway`,
      billingDate: date,
      billingMonth: date.slice(0, 7),
      productionStep: 'Model inference',
      model: 'qwen3-coder-plus',
      usage: { quantity: calls * 5200, unit: 'tokens' },
      amount,
      currency: DEMO_CURRENCY,
      workspaceId: key.workspaceId,
      apiKeyId: key.id,
      lineItem: 'Input tokens',
      calls,
      inputTokens: calls * 5200,
    };
  }

  /** When the key was seen disabled first (the runaway stops there), or `now` while it is enabled. */
  private stoppedAt(keyId: string, now: number): number {
    if (this.state.disabledKeys[keyId] !== true) {
      this.runawayStopped = undefined;
      return now;
    }
    this.runawayStopped ??= now;
    return this.runawayStopped;
  }

  async getCostAnalysis(query: CostQuery, options?: CallOptions): Promise<SpendingSeries> {
    checkSignal(options);
    const keys = new Map(this.account.apiKeys(this.now()).map((k) => [k.id, k]));
    const workspaces = new Map(this.account.workspaces.list.map((w) => [w.id, w.name]));
    const nameOf = (dimension: SpendDimension, key: string): string => {
      if (dimension === 'apiKey') {
        const apiKey = keys.get(key);
        return apiKey ? `${apiKey.description} (${apiKey.maskedValue.slice(0, 7)}…${apiKey.maskedValue.slice(-4)})` : key || '—';
      }
      return dimension === 'workspace' ? (workspaces.get(key) ?? key) : key;
    };
    return aggregateSpending(this.items(query.from, query.to), query, DEMO_CURRENCY, nameOf);
  }

  async listLineItems(query: LineItemQuery, options?: CallOptions): Promise<Page<LineItem>> {
    checkSignal(options);
    // Paging through a range asks for the same sorted list again and again: keep the last one for the
    // minute, rather than filter and sort up to a year of a large account's records for every page.
    const key = JSON.stringify([query.from, query.to, query.filter ?? {}, Math.floor(this.now() / 60_000)]);
    let items = this.sortedItems?.key === key ? this.sortedItems.items : undefined;
    if (!items) {
      items = this.items(query.from, query.to)
        .filter((i) => matchesFilter(i, query.filter))
        .sort((a, b) => b.billingDate.localeCompare(a.billingDate) || a.id.localeCompare(b.id));
      this.sortedItems = { key, items };
    }
    return paginate(items, query.cursor, query.pageSize);
  }

  async getUsageLimit(options?: CallOptions): Promise<UsageLimit | null> {
    checkSignal(options);
    return this.state.usageLimit ?? this.account.usageLimit();
  }

  async setUsageLimit(limit: UsageLimit, options?: CallOptions): Promise<void> {
    checkSignal(options);
    this.state.usageLimit = limit;
    this.onStateChange(this.state);
  }

  async listApiKeys(options?: CallOptions): Promise<readonly ApiKey[]> {
    checkSignal(options);
    return this.account
      .apiKeys(this.now())
      .filter((k) => !this.state.deletedKeys.includes(k.id))
      .map((k) => ({ ...k, disabled: this.state.disabledKeys[k.id] ?? k.disabled }));
  }

  private requireKey(apiKeyId: string): void {
    const exists = this.account.apiKeys(this.now()).some((k) => k.id === apiKeyId) && !this.state.deletedKeys.includes(apiKeyId);
    if (!exists) {
      throw new InvalidInputError(`No API key with id ${apiKeyId}.`);
    }
  }

  async setApiKeyDisabled(apiKeyId: string, disabled: boolean, options?: CallOptions): Promise<void> {
    checkSignal(options);
    this.requireKey(apiKeyId);
    this.state.disabledKeys[apiKeyId] = disabled;
    this.onStateChange(this.state);
  }

  async deleteApiKey(apiKeyId: string, options?: CallOptions): Promise<void> {
    checkSignal(options);
    this.requireKey(apiKeyId);
    this.state.deletedKeys.push(apiKeyId);
    this.onStateChange(this.state);
  }

  async listWorkspaces(options?: CallOptions): Promise<readonly Workspace[]> {
    checkSignal(options);
    return this.account.workspaces.list;
  }

  async getBalance(options?: CallOptions): Promise<Balance | null> {
    checkSignal(options);
    return this.account.balance();
  }

  async getFreeQuota(options?: CallOptions): Promise<readonly FreeQuota[]> {
    checkSignal(options);
    return this.account.freeQuota(this.now());
  }
}
