// Which plan fits: what each offer would have cost over a range of real use, and whether its quota would
// have held. Pure, so the spending panel and the tests share it.
//
// What the figures can and cannot say:
// - Pay-as-you-go is what the range's itemised records actually cost.
// - A plan costs its monthly price pro rata over the range (30-day months), in the price's currency; a
//   table price in another currency than the account's is not compared (say so, set your own price).
// - A Coding Plan counts requests; a call in the records is taken as one request (a coding agent's call is
//   one). The records are daily, so: the week is summed per calendar week (the quota resets on Mondays),
//   the month over every 30 consecutive days, and the 5-hour window is known to hold only when no two
//   consecutive days together exceed it, and known to break only when one day exceeds five windows (a day
//   spans five of them at most); in between, it is unknown.
// - A Token Plan counts credits per token at rates not published on the pages consulted, so whether its
//   credits would have held is unknown.
import type { LineItem } from '../account/model';
import { daysBetween, eachDate, weekday } from '../common/calendar';
import type { PricedOffer, RequestQuota } from './planOffers';

export type QuotaVerdict = 'held' | 'exceeded' | 'unknown';
export type QuotaWindowName = keyof RequestQuota;

export interface DayUse {
  readonly date: string;
  readonly calls: number;
  readonly tokens: number;
  readonly amount: number;
}

export interface WindowUse {
  readonly window: QuotaWindowName;
  /** The most used in one such window over the range (for the 5-hour window: the busiest two days). */
  readonly used: number;
  readonly limit: number;
  readonly verdict: QuotaVerdict;
}

export interface OfferFit {
  readonly id: PricedOffer['id'];
  readonly family: PricedOffer['family'];
  readonly name: string;
  readonly priceFrom: PricedOffer['priceFrom'] | 'otherCurrency';
  readonly monthlyPrice?: number;
  /** What it would have cost over the range; undefined when the price is unknown or in another currency. */
  readonly cost?: number;
  readonly quota: QuotaVerdict;
  /** Why the verdict is what it is. */
  readonly reason: 'windows' | 'noCalls' | 'noCreditRate';
  /** Coding Plan: each window's use against its limit. */
  readonly windows?: readonly WindowUse[];
}

export interface PlanFit {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly currency: string;
  readonly calls: number;
  readonly tokens: number;
  /** Whether the records report calls (some sources leave them out). */
  readonly callsReported: boolean;
  /** What the range cost on pay-as-you-go. */
  readonly paygCost: number;
  readonly offers: readonly OfferFit[];
  /** The cheapest offer whose quota held, or pay-as-you-go when it costs less than every such offer. */
  readonly best?: OfferFit['id'] | 'payg';
}

const MICRO = 1_000_000;

/** Calls, tokens and spend per day, every day of the range (days without records count as zero). */
export function dailyUse(items: Iterable<LineItem>, from: string, to: string): DayUse[] {
  const days = new Map(eachDate(from, to).map((d) => [d, { calls: 0, tokens: 0, micro: 0 }]));
  for (const item of items) {
    const day = days.get(item.billingDate);
    if (!day) {
      continue;
    }
    day.calls += item.calls ?? 0;
    day.tokens += (item.inputTokens ?? 0) + (item.outputTokens ?? 0);
    day.micro += Math.round(item.amount * MICRO);
  }
  return [...days].map(([date, d]) => ({ date, calls: d.calls, tokens: d.tokens, amount: d.micro / MICRO }));
}

/** The largest sum of `width` consecutive values; with fewer values, their sum scaled up to `width`. */
function busiestRun(values: readonly number[], width: number): number {
  if (values.length === 0) {
    return 0;
  }
  if (values.length < width) {
    return Math.round((values.reduce((a, b) => a + b, 0) * width) / values.length);
  }
  let sum = values.slice(0, width).reduce((a, b) => a + b, 0);
  let best = sum;
  for (let i = width; i < values.length; i++) {
    sum += (values[i] ?? 0) - (values[i - width] ?? 0);
    best = Math.max(best, sum);
  }
  return best;
}

/** Calls per calendar week (Monday to Sunday), the busiest one. */
function busiestWeek(days: readonly DayUse[]): number {
  let best = 0;
  let week = 0;
  for (const day of days) {
    if (weekday(day.date) === 1) {
      week = 0;
    }
    week += day.calls;
    best = Math.max(best, week);
  }
  return best;
}

/** Each Coding Plan window against the calls per day. */
export function requestWindows(days: readonly DayUse[], quota: RequestQuota): WindowUse[] {
  const calls = days.map((d) => d.calls);
  const busiestDay = Math.max(0, ...calls);
  const busiestPair = calls.length < 2 ? busiestDay : busiestRun(calls, 2);
  const fiveHour: QuotaVerdict = busiestPair <= quota.fiveHour ? 'held' : busiestDay > 5 * quota.fiveHour ? 'exceeded' : 'unknown';
  const weekly = busiestWeek(days);
  const monthly = busiestRun(calls, 30);
  return [
    { window: 'fiveHour', used: busiestPair, limit: quota.fiveHour, verdict: fiveHour },
    { window: 'weekly', used: weekly, limit: quota.weekly, verdict: weekly <= quota.weekly ? 'held' : 'exceeded' },
    { window: 'monthly', used: monthly, limit: quota.monthly, verdict: monthly <= quota.monthly ? 'held' : 'exceeded' },
  ];
}

function overall(windows: readonly WindowUse[]): QuotaVerdict {
  if (windows.some((w) => w.verdict === 'exceeded')) {
    return 'exceeded';
  }
  return windows.some((w) => w.verdict === 'unknown') ? 'unknown' : 'held';
}

export interface PlanFitInput {
  readonly items: Iterable<LineItem>;
  /** Inclusive "YYYY-MM-DD" bounds. */
  readonly from: string;
  readonly to: string;
  /** The account's pay-as-you-go currency. */
  readonly currency: string;
  readonly offers: readonly PricedOffer[];
}

export function planFit(input: PlanFitInput): PlanFit {
  const items = [...input.items];
  const days = dailyUse(items, input.from, input.to);
  const count = daysBetween(input.from, input.to) + 1;
  const callsReported = items.some((i) => i.calls !== undefined);
  const paygCost = days.reduce((micro, d) => micro + Math.round(d.amount * MICRO), 0) / MICRO;
  const offers = input.offers.map((offer): OfferFit => {
    // A price from the user's settings is in the account's currency; the table's is in its own.
    const comparable = offer.priceFrom === 'settings' || offer.currency === input.currency;
    const priceFrom: OfferFit['priceFrom'] = offer.monthlyPrice !== undefined && !comparable ? 'otherCurrency' : offer.priceFrom;
    const cost = offer.monthlyPrice !== undefined && comparable ? Math.round(((offer.monthlyPrice * count) / 30) * 100) / 100 : undefined;
    const base = { id: offer.id, family: offer.family, name: offer.name, priceFrom, ...(offer.monthlyPrice !== undefined ? { monthlyPrice: offer.monthlyPrice } : {}), ...(cost !== undefined ? { cost } : {}) };
    if (offer.requests) {
      if (!callsReported) {
        return { ...base, quota: 'unknown', reason: 'noCalls' };
      }
      const windows = requestWindows(days, offer.requests);
      return { ...base, quota: overall(windows), reason: 'windows', windows };
    }
    return { ...base, quota: 'unknown', reason: 'noCreditRate' };
  });
  const fitting = offers.filter((o) => o.quota === 'held' && o.cost !== undefined).sort((a, b) => (a.cost ?? 0) - (b.cost ?? 0));
  const cheapest = fitting[0];
  const best = cheapest && (cheapest.cost ?? 0) < paygCost ? cheapest.id : items.length > 0 ? 'payg' : undefined;
  return {
    from: input.from,
    to: input.to,
    days: count,
    currency: input.currency,
    calls: days.reduce((a, d) => a + d.calls, 0),
    tokens: days.reduce((a, d) => a + d.tokens, 0),
    callsReported,
    paygCost,
    offers,
    ...(best !== undefined ? { best } : {}),
  };
}
