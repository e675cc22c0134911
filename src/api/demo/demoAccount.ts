// A deterministic generator of a realistic Qwen Cloud account. The same time gives the same numbers on
// every machine; as time moves, the account moves the way a real one does: windows fill and reset, today's
// spend grows (a few hours late, like real bills), months settle, the plan renews. The simulator serves
// the same data over the real protocols, and the demo account serves it in-process.
import {
  BILLING_UTC_OFFSET_MINUTES,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  addDays,
  addMonths,
  dateKey,
  daysInMonth,
  lastMonthlyAnniversary,
  monthKey,
  nextMonthlyAnniversary,
  startOfDate,
  startOfMonth,
  startOfWeek,
  weekday,
} from '../../core/common/calendar';
import type {
  ApiKey,
  Balance,
  FreeQuota,
  FullCodingPlan,
  LineItem,
  MonthlyBill,
  Order,
  QuotaWindow,
  RequestWindowKind,
  TokenPlan,
  TokenPlanEdition,
  UsageLimit,
  UsageSample,
  Workspace,
} from '../../core/account/model';
import { sumAmounts } from '../../core/spending/spending';
import { billStatus } from '../../core/spending/bills';
import { demoCreditUsage, demoTokenPlan, type PlanClock } from './demoPlans';

export interface DemoSpec {
  /** Changes every generated number; the default gives the account the README shows. */
  readonly seed: string;
  /** Months of pay-as-you-go history before the current month. */
  readonly historyMonths: number;
  /** API keys beyond the five named ones (for load tests). */
  readonly extraApiKeys: number;
  /** Extra renewal orders before the named history (for load tests). */
  readonly extraOrders: number;
}

export const DEFAULT_DEMO_SPEC: DemoSpec = { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 };

export const DEMO_CURRENCY = 'USD';

/** Published Coding Plan tiers (requests per 5 hours, week, month). */
export const PLAN_LIMITS: Readonly<Record<'lite' | 'pro', Readonly<Record<RequestWindowKind, number>>>> = {
  lite: { fiveHour: 1200, weekly: 9000, monthly: 18000 },
  pro: { fiveHour: 6000, weekly: 45000, monthly: 90000 },
};

const FIVE_HOURS_MS = 5 * HOUR_MS;
const BUCKET_MS = 10 * MINUTE_MS;
/** The plan renews on this day of the month, at this time (UTC+8): the monthly window resets then. */
const SUBSCRIPTION_DAY = 10;
const SUBSCRIPTION_TIME_MS = 10 * HOUR_MS + 17 * MINUTE_MS;
/** How far back the demo reports recent Coding Plan use, and how often (see `recentUsage`). */
const RECENT_USAGE_SPAN_MS = 2 * HOUR_MS;
const RECENT_USAGE_STEP_MS = 5 * MINUTE_MS;
/** Pay-as-you-go usage shows up in the bills this late. */
export const BILLING_LAG_MS = 3 * HOUR_MS;
const TAX_RATE = 0.09;
/** Complete days' records kept in memory: about two years of the load tests' 500-key account. */
const MAX_REMEMBERED_ITEMS = 800_000;
/** How long a model's free quota lasts from the day it starts. */
const FREE_QUOTA_DAYS = 90;

// --- deterministic randomness ------------------------------------------------------------------------

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Integer mixing (a murmur3-style finaliser) so neighbouring inputs give unrelated outputs. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by its inputs. */
function unit(seed: string, ...parts: (string | number)[]): number {
  return mix(fnv1a(`${seed}|${parts.join('|')}`)) / 0x1_0000_0000;
}

/** The same for a hashed salt and an integer, without building strings: for the per-bucket hot path. */
function unitInt(salt: number, n: number): number {
  return mix(salt ^ mix(n >>> 0) ^ Math.imul(Math.floor(n / 0x1_0000_0000), 0x9e3779b1)) / 0x1_0000_0000;
}

function hex(seed: string, length: number, ...parts: (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += Math.floor(unit(seed, 'hex', ...parts, i) * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

// --- the account's cast ----------------------------------------------------------------------------

/** Demo prices in USD per million tokens (per thousand calls for search): plausible, for generated data only. */
interface DemoModel {
  readonly name: string;
  readonly inputPerM: number;
  readonly outputPerM: number;
  readonly inputPerCall: number;
  readonly outputPerCall: number;
}

const MODELS: Readonly<Record<string, DemoModel>> = {
  'qwen3-coder-plus': { name: 'qwen3-coder-plus', inputPerM: 1.0, outputPerM: 5.0, inputPerCall: 5200, outputPerCall: 900 },
  'qwen-plus': { name: 'qwen-plus', inputPerM: 0.4, outputPerM: 1.2, inputPerCall: 1800, outputPerCall: 420 },
  'qwen3-max': { name: 'qwen3-max', inputPerM: 1.2, outputPerM: 6.0, inputPerCall: 2600, outputPerCall: 700 },
  'qwen-flash': { name: 'qwen-flash', inputPerM: 0.05, outputPerM: 0.4, inputPerCall: 1200, outputPerCall: 200 },
  'qwen3-vl-plus': { name: 'qwen3-vl-plus', inputPerM: 0.2, outputPerM: 1.6, inputPerCall: 3100, outputPerCall: 380 },
  'text-embedding-v4': { name: 'text-embedding-v4', inputPerM: 0.07, outputPerM: 0, inputPerCall: 650, outputPerCall: 0 },
};
const WEB_SEARCH_PER_CALL = 0.004;

export const PRODUCTION_STEPS = {
  inference: 'Model inference',
  batch: 'Batch inference',
  fineTuning: 'Model fine-tuning',
} as const;

interface DemoKey {
  readonly id: string;
  readonly maskedValue: string;
  readonly description: string;
  readonly workspaceId: string;
  /** Created this many days after the account's first day. */
  readonly createdDay: number;
  readonly disabled: boolean;
  /** Usage stopped this many days after the account's first day (the key was disabled then). */
  readonly stoppedDay?: number;
  /** Calls per weekday at full activity, per model; `webSearchShare` of them search the web. */
  readonly usage: readonly { readonly model: string; readonly callsPerDay: number; readonly webSearchShare?: number }[];
  /** Part of its traffic goes through batch inference, at half price. */
  readonly batch?: boolean;
}

export interface DemoWorkspaces {
  readonly list: readonly Workspace[];
  readonly defaultId: string;
  readonly productionId: string;
}

/** The generated account. Every method takes the current time, so the account moves with the clock. */
export class DemoAccount {
  readonly workspaces: DemoWorkspaces;
  private readonly keys: readonly DemoKey[];
  private readonly completeDays = new Map<string, LineItem[]>();
  /** Records held in `completeDays`. */
  private rememberedItems = 0;
  /** Pre-tax totals of complete months, so the bills do not regenerate years of records. */
  private readonly completeMonths = new Map<string, number>();
  private readonly breakSalt: number;
  private readonly requestSalt: number;

  constructor(readonly spec: DemoSpec = DEFAULT_DEMO_SPEC) {
    const seed = spec.seed;
    const defaultId = `ws-${hex(seed, 12, 'ws', 0)}`;
    const productionId = `ws-${hex(seed, 12, 'ws', 1)}`;
    this.workspaces = {
      defaultId,
      productionId,
      list: [
        { id: defaultId, name: 'Default Workspace', region: 'ap-southeast-1' },
        { id: productionId, name: 'Production', region: 'ap-southeast-1' },
      ],
    };
    this.keys = this.makeKeys();
    this.breakSalt = fnv1a(`${seed}|break`);
    this.requestSalt = fnv1a(`${seed}|requests`);
  }

  // --- Coding Plan --------------------------------------------------------------------------------

  /** Requests the plan served in one ten-minute bucket: a working-hours profile with breaks and noise. */
  private requestsInBucket(bucket: number): number {
    const local = bucket * BUCKET_MS + BILLING_UTC_OFFSET_MINUTES * MINUTE_MS;
    const hour = Math.floor(local / HOUR_MS) % 24;
    // 1970-01-01 was a Thursday (4); 0 is Sunday.
    const dayOfWeek = (Math.floor(local / DAY_MS) + 4) % 7;
    const weekend = dayOfWeek === 0 || dayOfWeek === 6;
    let activity =
      hour >= 9 && hour < 12 ? 2.6 : hour >= 13 && hour < 19 ? 3.0 : hour >= 19 && hour < 23 ? 1.2 : hour >= 7 && hour < 9 ? 0.8 : 0.15;
    if (weekend) {
      activity *= 0.35;
    }
    // Half-hour breaks: an agent is either working or not.
    if (unitInt(this.breakSalt, Math.floor(bucket / 3)) < 0.25) {
      return 0;
    }
    return Math.round(18 * activity * (0.5 + unitInt(this.requestSalt, bucket)));
  }

  /** Requests served from `from` to `to`: whole buckets, plus the elapsed share of the last one. */
  requestsBetween(from: number, to: number): number {
    return Math.floor(this.exactRequestsBetween(from, to));
  }

  /** The same, before rounding down, so consecutive stretches add up to the whole. */
  private exactRequestsBetween(from: number, to: number): number {
    if (to <= from) {
      return 0;
    }
    let total = 0;
    const first = Math.floor(from / BUCKET_MS);
    const last = Math.floor(to / BUCKET_MS);
    for (let b = first; b <= last; b++) {
      const start = Math.max(from, b * BUCKET_MS);
      const end = Math.min(to, (b + 1) * BUCKET_MS);
      if (end > start) {
        total += (this.requestsInBucket(b) * (end - start)) / BUCKET_MS;
      }
    }
    return total;
  }

  /** Start of the window containing `now`. */
  windowStart(kind: RequestWindowKind, now: number): number {
    switch (kind) {
      case 'fiveHour':
        return Math.floor(now / FIVE_HOURS_MS) * FIVE_HOURS_MS;
      case 'weekly':
        return startOfWeek(now);
      case 'monthly':
        return lastMonthlyAnniversary(now, SUBSCRIPTION_DAY, SUBSCRIPTION_TIME_MS);
    }
  }

  windowEnd(kind: RequestWindowKind, start: number): number {
    switch (kind) {
      case 'fiveHour':
        return start + FIVE_HOURS_MS;
      case 'weekly':
        return start + 7 * DAY_MS;
      case 'monthly':
        return nextMonthlyAnniversary(start, SUBSCRIPTION_DAY, SUBSCRIPTION_TIME_MS);
    }
  }

  /** The plan's quota windows at `now`. `usedOverride` sets a window's used share (0-1), for tests. */
  codingPlan(now: number, usedOverride: Partial<Record<RequestWindowKind, number>> = {}): FullCodingPlan {
    const limits = PLAN_LIMITS.pro;
    const window = (kind: RequestWindowKind): QuotaWindow => {
      const start = this.windowStart(kind, now);
      const total = limits[kind];
      const override = usedOverride[kind];
      const used =
        override !== undefined ? Math.round(total * override) : Math.min(total, this.requestsBetween(start, now));
      return { kind, used, total, resetsAt: this.windowEnd(kind, start) };
    };
    const periodStart = lastMonthlyAnniversary(now, SUBSCRIPTION_DAY, SUBSCRIPTION_TIME_MS);
    return {
      instanceId: `sfm_codingplan_public_intl-${hex(this.spec.seed, 10, 'instance')}`,
      tier: 'pro',
      rawType: 'pro',
      status: 'valid',
      rawStatus: 'VALID',
      // As CheckInstancesRenewable answers; the subscription detail carries no auto-renewal.
      canRenew: true,
      periodStart,
      periodEnd: nextMonthlyAnniversary(periodStart, SUBSCRIPTION_DAY, SUBSCRIPTION_TIME_MS),
      windows: { fiveHour: window('fiveHour'), weekly: window('weekly'), monthly: window('monthly') },
    };
  }

  /**
   * Each window's use in its current period over the last `spanMs` before `now`, every `stepMs`: the
   * history a real account only builds up by observation, so the demo shows a pace from the start.
   */
  recentUsage(now: number, spanMs = RECENT_USAGE_SPAN_MS, stepMs = RECENT_USAGE_STEP_MS): Record<RequestWindowKind, UsageSample[]> {
    const usage = (kind: RequestWindowKind): UsageSample[] => {
      const start = this.windowStart(kind, now);
      const total = PLAN_LIMITS.pro[kind];
      const times: number[] = [];
      for (let t = Math.max(start, Math.ceil((now - spanMs) / stepMs) * stepMs); t < now; t = Math.floor(t / stepMs) * stepMs + stepMs) {
        times.push(t);
      }
      const samples: UsageSample[] = [];
      let used = 0;
      let previous = start;
      for (const at of times) {
        used += this.exactRequestsBetween(previous, at);
        previous = at;
        samples.push({ at, used: Math.min(total, Math.floor(used)) });
      }
      return samples;
    };
    return { fiveHour: usage('fiveHour'), weekly: usage('weekly'), monthly: usage('monthly') };
  }

  // --- Token Plan -----------------------------------------------------------------------------------

  private get planClock(): PlanClock {
    return { requestsBetween: (from, to) => this.exactRequestsBetween(from, to), subscriptionDay: SUBSCRIPTION_DAY, subscriptionTimeMs: SUBSCRIPTION_TIME_MS, seed: this.spec.seed };
  }

  /** The Token Plan of `edition` at `now`; `usedOverride` sets the credits' used share (0-1), for tests. */
  tokenPlan(edition: TokenPlanEdition, now: number, usedOverride?: number): TokenPlan {
    return demoTokenPlan(this.planClock, edition, now, usedOverride);
  }

  /** The credits' recent use, as `recentUsage` reports the Coding Plan's. */
  recentCreditUsage(edition: TokenPlanEdition, now: number): UsageSample[] {
    return demoCreditUsage(this.planClock, edition, now);
  }

  // --- subscription orders -------------------------------------------------------------------------

  /** The month the account subscribed: `historyMonths` before the current one. */
  private firstMonth(now: number): string {
    return addMonths(monthKey(now), -this.spec.historyMonths);
  }

  /** The subscription history up to `now`, newest first: a Lite purchase, renewals, an upgrade to Pro. */
  orders(now: number): Order[] {
    const seed = this.spec.seed;
    const first = this.firstMonth(now);
    const upgradeMonth = addMonths(first, Math.max(1, Math.floor(this.spec.historyMonths / 2)));
    const at = (month: string, day: number, minutes: number): number =>
      startOfMonth(month) + (Math.min(day, daysInMonth(month)) - 1) * DAY_MS + SUBSCRIPTION_TIME_MS + minutes * MINUTE_MS;
    const orderId = (n: number): string => `2${String(Math.floor(unit(seed, 'order', n) * 1e14)).padStart(14, '0')}`;
    const money = (amount: number): Order['amount'] => ({ amount, currency: DEMO_CURRENCY });
    const out: Order[] = [];
    let n = 0;
    // A larger account's extra orders: more seats of a team, each bought in the first month and renewed
    // monthly, so they stay within the account's history (and its year groups) however many there are.
    const pastMonths = Math.max(1, this.spec.historyMonths);
    for (let i = 0; i < this.spec.extraOrders; i++) {
      const seat = Math.floor(i / pastMonths);
      const k = i % pastMonths;
      const createdAt = at(addMonths(first, k), 1 + (seat % 28), 30 + (seat % 60));
      out.push({ id: orderId(n++), type: k === 0 ? 'buy' : 'renew', createdAt, plan: 'Coding Plan Lite', amount: money(10), status: 'paid' });
    }
    out.push({ id: orderId(n++), type: 'buy', createdAt: at(first, SUBSCRIPTION_DAY, 0), plan: 'Coding Plan Lite', amount: money(10), status: 'paid' });
    for (let month = addMonths(first, 1); month <= monthKey(now); month = addMonths(month, 1)) {
      const pro = month > upgradeMonth;
      out.push({
        id: orderId(n++),
        type: 'renew',
        createdAt: at(month, SUBSCRIPTION_DAY, 0),
        plan: pro ? 'Coding Plan Pro' : 'Coding Plan Lite',
        amount: money(pro ? 50 : 10),
        status: 'paid',
      });
      if (month === upgradeMonth) {
        // Upgrading mid-cycle pays the difference for the days left; one checkout was abandoned first.
        const daysLeft = daysInMonth(month) - 22 + SUBSCRIPTION_DAY;
        const prorated = round2(((50 - 10) * daysLeft) / daysInMonth(month));
        out.push({ id: orderId(n++), type: 'upgrade', createdAt: at(month, 21, 35), plan: 'Coding Plan Pro', amount: money(prorated), status: 'cancelled' });
        out.push({ id: orderId(n++), type: 'upgrade', createdAt: at(month, 22, 12), plan: 'Coding Plan Pro', amount: money(prorated), status: 'paid' });
      }
    }
    return out.filter((o) => o.createdAt <= now).sort((a, b) => b.createdAt - a.createdAt);
  }

  // --- API keys and pay-as-you-go usage -------------------------------------------------------------

  private makeKeys(): DemoKey[] {
    const seed = this.spec.seed;
    const { defaultId, productionId } = this.workspaces;
    type Cast = Omit<DemoKey, 'id' | 'maskedValue'>;
    const cast: Cast[] = [
      { description: 'Local development', workspaceId: defaultId, createdDay: 20, disabled: false, usage: [{ model: 'qwen3-coder-plus', callsPerDay: 260 }, { model: 'qwen-plus', callsPerDay: 140 }] },
      { description: 'CI pipeline', workspaceId: defaultId, createdDay: 65, disabled: false, batch: true, usage: [{ model: 'qwen-flash', callsPerDay: 1800 }, { model: 'text-embedding-v4', callsPerDay: 2400 }] },
      { description: 'Production chatbot', workspaceId: productionId, createdDay: 115, disabled: false, usage: [{ model: 'qwen-plus', callsPerDay: 900, webSearchShare: 0.3 }, { model: 'qwen3-max', callsPerDay: 120, webSearchShare: 0.5 }] },
      { description: 'Image experiments', workspaceId: productionId, createdDay: 245, disabled: false, usage: [{ model: 'qwen3-vl-plus', callsPerDay: 180 }] },
      { description: 'Old prototype', workspaceId: defaultId, createdDay: 0, disabled: true, stoppedDay: 300, usage: [{ model: 'qwen3-max', callsPerDay: 60 }] },
    ];
    const models = Object.keys(MODELS);
    for (let i = 0; i < this.spec.extraApiKeys; i++) {
      cast.push({
        description: `Service ${i + 1}`,
        workspaceId: i % 2 === 0 ? defaultId : productionId,
        createdDay: Math.floor(unit(seed, 'extra-created', i) * 300),
        disabled: unit(seed, 'extra-disabled', i) < 0.15,
        usage: [{ model: models[i % models.length] ?? 'qwen-plus', callsPerDay: 5 + Math.floor(unit(seed, 'extra-calls', i) * 60) }],
      });
    }
    return cast.map((k, n) => ({
      ...k,
      id: String(2_100_000 + Math.floor(unit(seed, 'key-id', n) * 899_999)),
      // The backend shows a key's first and last four characters; the sample workspace's fake key matches one.
      maskedValue: `sk-${hex(seed, 4, 'key-head', n)}****${hex(seed, 4, 'key-tail', n)}`,
    }));
  }

  /** The account's first day: history is anchored to it, so it stays put for a whole month. */
  private firstDay(now: number): string {
    return `${this.firstMonth(now)}-01`;
  }

  private createdAt(key: DemoKey, now: number): number {
    return startOfDate(addDays(this.firstDay(now), key.createdDay)) + 10 * HOUR_MS;
  }

  /** The account's API keys at `now`, newest first. */
  apiKeys(now: number): ApiKey[] {
    return this.keys
      .map((k) => ({
        id: k.id,
        maskedValue: k.maskedValue,
        description: k.description,
        createdAt: this.createdAt(k, now),
        disabled: k.disabled,
        workspaceId: k.workspaceId,
        createdBy: 'demo-user',
      }))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * The itemised records of one billing day. Days before today are complete; today shows what happened
   * up to `now` minus the billing lag, as a real bill would. Complete days are remembered.
   */
  lineItemsForDate(date: string, now: number): LineItem[] {
    const today = dateKey(now - BILLING_LAG_MS);
    if (date > today) {
      return [];
    }
    if (date === today) {
      return this.generateDay(date, now, today);
    }
    const memoKey = `${this.firstMonth(now)}|${date}`;
    let items = this.completeDays.get(memoKey);
    if (!items) {
      items = this.generateDay(date, now, today);
      // Bounded by records rather than days: a day of a large account holds a thousand of them.
      if (this.rememberedItems + items.length > MAX_REMEMBERED_ITEMS) {
        this.completeDays.clear();
        this.rememberedItems = 0;
      }
      this.completeDays.set(memoKey, items);
      this.rememberedItems += items.length;
    }
    return items;
  }

  /** A month's pre-tax spend; complete months are remembered (their records are not, unless already). */
  private monthPreTax(month: string, now: number): number {
    const last = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
    const today = dateKey(now - BILLING_LAG_MS);
    if (last >= today) {
      return sumAmounts(this.lineItems(`${month}-01`, last, now).map((i) => i.amount));
    }
    const memoKey = `${this.firstMonth(now)}|${month}`;
    let preTax = this.completeMonths.get(memoKey);
    if (preTax === undefined) {
      const amounts: number[] = [];
      const start = `${this.firstMonth(now)}-01`;
      for (let d = `${month}-01` < start ? start : `${month}-01`; d <= last; d = addDays(d, 1)) {
        for (const item of this.completeDays.get(`${this.firstMonth(now)}|${d}`) ?? this.generateDay(d, now, today)) {
          amounts.push(item.amount);
        }
      }
      preTax = sumAmounts(amounts);
      this.completeMonths.set(memoKey, preTax);
    }
    return preTax;
  }

  private generateDay(date: string, now: number, today: string): LineItem[] {
    const seed = this.spec.seed;
    const dayStart = startOfDate(date);
    const share = date === today ? Math.min(1, (now - BILLING_LAG_MS - dayStart) / DAY_MS) : 1;
    if (share <= 0) {
      return [];
    }
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    const month = date.slice(0, 7);
    const items: LineItem[] = [];
    const first = this.firstDay(now);
    this.keys.forEach((key, n) => {
      const stopped = key.stoppedDay === undefined ? undefined : addDays(first, key.stoppedDay);
      if (addDays(first, key.createdDay) > date || (stopped !== undefined && date >= stopped)) {
        return;
      }
      for (const use of key.usage) {
        const model = MODELS[use.model];
        if (!model) {
          continue;
        }
        // Slow growth over the year, quieter weekends, day-to-day noise.
        const growth = 0.7 + 0.6 * unit(seed, 'trend', n, month);
        const noise = 0.6 + 0.8 * unit(seed, 'calls', n, use.model, date);
        const calls = Math.round(use.callsPerDay * growth * noise * (weekend ? 0.4 : 1) * share);
        if (calls === 0) {
          continue;
        }
        const inputTokens = Math.round(calls * model.inputPerCall * (0.8 + 0.4 * unit(seed, 'in', n, use.model, date)));
        const outputTokens = Math.round(calls * model.outputPerCall * (0.8 + 0.4 * unit(seed, 'out', n, use.model, date)));
        const batch = key.batch === true && unit(seed, 'batch', n, date) < 0.4;
        const step = batch ? PRODUCTION_STEPS.batch : PRODUCTION_STEPS.inference;
        const discount = batch ? 0.5 : 1;
        // Every record spells out its fields rather than spreading a shared base: objects of one shape are
        // several times faster to build and half the size, which counts when a large account holds millions.
        const id = (what: string): string => `${date.replaceAll('-', '')}-${key.id}-${model.name}-${what}`;
        items.push({
          id: id('in'),
          billingDate: date,
          billingMonth: month,
          productionStep: step,
          model: model.name,
          currency: DEMO_CURRENCY,
          workspaceId: key.workspaceId,
          apiKeyId: key.id,
          lineItem: 'Input tokens',
          usage: { quantity: inputTokens, unit: 'tokens' },
          amount: round6((inputTokens / 1e6) * model.inputPerM * discount),
          calls,
          inputTokens,
        });
        if (outputTokens > 0) {
          items.push({
            id: id('out'),
            billingDate: date,
            billingMonth: month,
            productionStep: step,
            model: model.name,
            currency: DEMO_CURRENCY,
            workspaceId: key.workspaceId,
            apiKeyId: key.id,
            lineItem: 'Output tokens',
            usage: { quantity: outputTokens, unit: 'tokens' },
            amount: round6((outputTokens / 1e6) * model.outputPerM * discount),
            outputTokens,
          });
        }
        const searches = Math.round(calls * (use.webSearchShare ?? 0));
        if (searches > 0) {
          items.push({
            id: id('search'),
            billingDate: date,
            billingMonth: month,
            productionStep: step,
            model: model.name,
            currency: DEMO_CURRENCY,
            workspaceId: key.workspaceId,
            apiKeyId: key.id,
            lineItem: 'Web search calls',
            usage: { quantity: searches, unit: 'calls' },
            amount: round6(searches * WEB_SEARCH_PER_CALL),
          });
        }
      }
    });
    // One fine-tuning job a month, on the production workspace, on a fixed day.
    const jobDay = 4 + Math.floor(unit(seed, 'ft-day', month) * 20);
    if (Number(date.slice(8)) === jobDay) {
      const tokens = Math.round(2_000_000 + unit(seed, 'ft-tokens', month) * 6_000_000);
      items.push({
        id: `${date.replaceAll('-', '')}-ft`,
        billingDate: date,
        billingMonth: month,
        productionStep: PRODUCTION_STEPS.fineTuning,
        jobId: `ft-${hex(seed, 16, 'job', month)}`,
        model: 'qwen-plus',
        usage: { quantity: Math.round(tokens * share), unit: 'tokens' },
        amount: round6(((tokens * share) / 1e6) * 3.0),
        currency: DEMO_CURRENCY,
        workspaceId: this.workspaces.productionId,
        lineItem: 'Training tokens',
      });
    }
    return items;
  }

  /** Records from `from` to `to` ("YYYY-MM-DD", inclusive), clipped to the account's history. */
  lineItems(from: string, to: string, now: number): LineItem[] {
    const start = `${this.firstMonth(now)}-01`;
    const end = dateKey(now);
    const out: LineItem[] = [];
    for (let d = from < start ? start : from; d <= to && d <= end; d = addDays(d, 1)) {
      out.push(...this.lineItemsForDate(d, now));
    }
    return out;
  }

  /** Monthly bills, newest first: the current month running, last month pending until the 3rd. */
  bills(now: number): MonthlyBill[] {
    const current = monthKey(now);
    const out: MonthlyBill[] = [];
    for (let month = this.firstMonth(now); month <= current; month = addMonths(month, 1)) {
      const preTaxRounded = round2(this.monthPreTax(month, now));
      const tax = round2(preTaxRounded * TAX_RATE);
      const status = billStatus(month, now);
      out.push({
        month,
        preTax: { amount: preTaxRounded, currency: DEMO_CURRENCY },
        tax: { amount: tax, currency: DEMO_CURRENCY },
        total: { amount: round2(preTaxRounded + tax), currency: DEMO_CURRENCY },
        status,
      });
    }
    return out.reverse();
  }

  usageLimit(): UsageLimit {
    return { enabled: true, amount: { amount: 300, currency: DEMO_CURRENCY }, alertThreshold: 80, emails: ['dev@example.com'] };
  }

  balance(): Balance {
    return { available: { amount: 58.2, currency: DEMO_CURRENCY } };
  }

  /**
   * Free quotas: used up (or expired) for models the account pays for now, some left for the models it
   * has only tried, so usage inside them produces no bill. The cycles are anchored to months, so the
   * numbers stay put within a day and move as time passes.
   */
  freeQuota(now: number): FreeQuota[] {
    const seed = this.spec.seed;
    const accountEnd = startOfDate(addDays(this.firstDay(now), FREE_QUOTA_DAYS));
    const trialStart = startOfMonth(addMonths(monthKey(now), -1));
    const trialEnd = trialStart + FREE_QUOTA_DAYS * DAY_MS;
    // The share of a trial quota used so far: it grows through the cycle, and differs per model.
    const used = (model: string, most: number): number =>
      Math.min(1, Math.max(0, (now - trialStart) / (trialEnd - trialStart)) * most * (0.8 + 0.4 * unit(seed, 'free', model)));
    const trial = (model: string, total: number, unitName: string, most: number): FreeQuota => {
      const remaining = Math.max(0, total - Math.round(total * used(model, most)));
      return { model, total, remaining, unit: unitName, status: remaining === 0 ? 'exhausted' : 'valid', cycleEnd: trialEnd };
    };
    return [
      trial('qwen3-omni-flash', 1_000_000, 'tokens', 0.7),
      trial('qwen-image-plus', 100, 'images', 0.45),
      trial('qwen3-tts-flash', 10_000, 'characters', 0.3),
      { model: 'qwen3-coder-plus', total: 1_000_000, remaining: 0, unit: 'tokens', status: 'exhausted', cycleEnd: accountEnd },
      { model: 'qwen-plus', total: 1_000_000, remaining: 0, unit: 'tokens', status: 'exhausted', cycleEnd: accountEnd },
      { model: 'qwen3-max', total: 1_000_000, remaining: 183_250, unit: 'tokens', status: 'expired', cycleEnd: accountEnd },
    ];
  }
}
