// The demo account's billing: the subscription orders, the pay-as-you-go records its keys run up day by day
// (today's a few hours late, like real bills), the monthly bills they add up to, the spending limit, the
// balance and the free quotas. Complete days and months are remembered, so years of history cost once.
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  addDays,
  addMonths,
  dateKey,
  daysInMonth,
  monthKey,
  startOfDate,
  startOfMonth,
  weekday,
} from '../../core/common/calendar';
import type { Balance, FreeQuota, LineItem, MonthlyBill, Order, UsageLimit } from '../../core/account/model';
import { sumAmounts } from '../../core/spending/spending';
import { billStatus } from '../../core/spending/bills';
import { DEMO_MODELS, type DemoKey, type DemoSpec, type DemoWorkspaces, firstDay, firstMonth, PRODUCTION_STEPS, WEB_SEARCH_PER_CALL } from './catalogue';
import { SUBSCRIPTION_DAY, SUBSCRIPTION_TIME_MS } from './demoQuota';
import { seededHex, uniform } from './random';

export const DEMO_CURRENCY = 'USD';

/** Pay-as-you-go usage shows up in the bills this late. */
export const BILLING_LAG_MS = 3 * HOUR_MS;
const TAX_RATE = 0.09;
/** Complete days' records kept in memory: about two years of the load tests' 500-key account. */
const MAX_REMEMBERED_ITEMS = 800_000;
/** How long a model's free quota lasts from the day it starts. */
const FREE_QUOTA_DAYS = 90;

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class DemoBilling {
  private readonly completeDays = new Map<string, LineItem[]>();
  /** Records held in `completeDays`. */
  private rememberedItems = 0;
  /** Pre-tax totals of complete months, so the bills do not regenerate years of records. */
  private readonly completeMonths = new Map<string, number>();

  constructor(
    private readonly spec: DemoSpec,
    private readonly keys: readonly DemoKey[],
    private readonly workspaces: DemoWorkspaces,
  ) {}

  /** The subscription history up to `now`, newest first: a Lite purchase, renewals, an upgrade to Pro. */
  orders(now: number): Order[] {
    const seed = this.spec.seed;
    const first = firstMonth(this.spec, now);
    const upgradeMonth = addMonths(first, Math.max(1, Math.floor(this.spec.historyMonths / 2)));
    const at = (month: string, day: number, minutes: number): number =>
      startOfMonth(month) + (Math.min(day, daysInMonth(month)) - 1) * DAY_MS + SUBSCRIPTION_TIME_MS + minutes * MINUTE_MS;
    const orderId = (n: number): string => `2${String(Math.floor(uniform(seed, 'order', n) * 1e14)).padStart(14, '0')}`;
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
    const memoKey = `${firstMonth(this.spec, now)}|${date}`;
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
    const memoKey = `${firstMonth(this.spec, now)}|${month}`;
    let preTax = this.completeMonths.get(memoKey);
    if (preTax === undefined) {
      const amounts: number[] = [];
      const start = firstDay(this.spec, now);
      for (let d = `${month}-01` < start ? start : `${month}-01`; d <= last; d = addDays(d, 1)) {
        for (const item of this.completeDays.get(`${firstMonth(this.spec, now)}|${d}`) ?? this.generateDay(d, now, today)) {
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
    const first = firstDay(this.spec, now);
    this.keys.forEach((key, n) => {
      const stopped = key.stoppedDay === undefined ? undefined : addDays(first, key.stoppedDay);
      if (addDays(first, key.createdDay) > date || (stopped !== undefined && date >= stopped)) {
        return;
      }
      for (const use of key.usage) {
        const model = DEMO_MODELS[use.model];
        if (!model) {
          continue;
        }
        // Slow growth over the year, quieter weekends, day-to-day noise.
        const growth = 0.7 + 0.6 * uniform(seed, 'trend', n, month);
        const noise = 0.6 + 0.8 * uniform(seed, 'calls', n, use.model, date);
        const calls = Math.round(use.callsPerDay * growth * noise * (weekend ? 0.4 : 1) * share);
        if (calls === 0) {
          continue;
        }
        const inputTokens = Math.round(calls * model.inputPerCall * (0.8 + 0.4 * uniform(seed, 'in', n, use.model, date)));
        const outputTokens = Math.round(calls * model.outputPerCall * (0.8 + 0.4 * uniform(seed, 'out', n, use.model, date)));
        const batch = key.batch === true && uniform(seed, 'batch', n, date) < 0.4;
        const step = batch ? PRODUCTION_STEPS.batch : PRODUCTION_STEPS.inference;
        const discount = batch ? 0.5 : 1;
        // One object literal for every record, its counts set after it: never spread from a shared base, which
        // builds objects several times slower and larger, and a large account holds millions of them.
        const record = (what: string, lineItem: string, quantity: number, unitName: string, amount: number): Writable<LineItem> => ({
          id: `${date.replaceAll('-', '')}-${key.id}-${model.name}-${what}`,
          billingDate: date,
          billingMonth: month,
          productionStep: step,
          model: model.name,
          currency: DEMO_CURRENCY,
          workspaceId: key.workspaceId,
          apiKeyId: key.id,
          lineItem,
          usage: { quantity, unit: unitName },
          amount,
        });
        const input = record('in', 'Input tokens', inputTokens, 'tokens', round6((inputTokens / 1e6) * model.inputPerM * discount));
        input.calls = calls;
        input.inputTokens = inputTokens;
        items.push(input);
        if (outputTokens > 0) {
          const output = record('out', 'Output tokens', outputTokens, 'tokens', round6((outputTokens / 1e6) * model.outputPerM * discount));
          output.outputTokens = outputTokens;
          items.push(output);
        }
        const searches = Math.round(calls * (use.webSearchShare ?? 0));
        if (searches > 0) {
          items.push(record('search', 'Web search calls', searches, 'calls', round6(searches * WEB_SEARCH_PER_CALL)));
        }
      }
    });
    // One fine-tuning job a month, on the production workspace, on a fixed day.
    const jobDay = 4 + Math.floor(uniform(seed, 'ft-day', month) * 20);
    if (Number(date.slice(8)) === jobDay) {
      const tokens = Math.round(2_000_000 + uniform(seed, 'ft-tokens', month) * 6_000_000);
      items.push({
        id: `${date.replaceAll('-', '')}-ft`,
        billingDate: date,
        billingMonth: month,
        productionStep: PRODUCTION_STEPS.fineTuning,
        jobId: `ft-${seededHex(seed, 16, 'job', month)}`,
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
    const start = firstDay(this.spec, now);
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
    for (let month = firstMonth(this.spec, now); month <= current; month = addMonths(month, 1)) {
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
    const accountEnd = startOfDate(addDays(firstDay(this.spec, now), FREE_QUOTA_DAYS));
    const trialStart = startOfMonth(addMonths(monthKey(now), -1));
    const trialEnd = trialStart + FREE_QUOTA_DAYS * DAY_MS;
    // The share of a trial quota used so far: it grows through the cycle, and differs per model.
    const used = (model: string, most: number): number =>
      Math.min(1, Math.max(0, (now - trialStart) / (trialEnd - trialStart)) * most * (0.8 + 0.4 * uniform(seed, 'free', model)));
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
