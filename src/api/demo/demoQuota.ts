// The demo account's quotas: the requests its agent sends through a working-hours profile (with breaks and
// noise), the Coding Plan's five-hour, weekly and monthly windows they fill, and the Token Plan's credits
// spent by the same profile (demoPlans.ts), each with the recent use a real account only learns by watching.
import {
  BILLING_UTC_OFFSET_MINUTES,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  lastMonthlyAnniversary,
  nextMonthlyAnniversary,
  startOfWeek,
} from '../../core/common/calendar';
import type { FullCodingPlan, QuotaWindow, RequestWindowKind, TokenPlan, TokenPlanEdition, UsageSample } from '../../core/account/model';
import { demoCreditUsage, demoTokenPlan, type PlanClock } from './demoPlans';
import { saltOf, seededHex, uniformAt } from './random';

/** Published Coding Plan tiers (requests per 5 hours, week, month). */
export const PLAN_LIMITS: Readonly<Record<'lite' | 'pro', Readonly<Record<RequestWindowKind, number>>>> = {
  lite: { fiveHour: 1200, weekly: 9000, monthly: 18000 },
  pro: { fiveHour: 6000, weekly: 45000, monthly: 90000 },
};

const FIVE_HOURS_MS = 5 * HOUR_MS;
const BUCKET_MS = 10 * MINUTE_MS;
/** The plan renews on this day of the month, at this time (UTC+8): the monthly window resets then. */
export const SUBSCRIPTION_DAY = 10;
export const SUBSCRIPTION_TIME_MS = 10 * HOUR_MS + 17 * MINUTE_MS;
/** How far back the demo reports recent Coding Plan use, and how often (see `recentUsage`). */
const RECENT_USAGE_SPAN_MS = 2 * HOUR_MS;
const RECENT_USAGE_STEP_MS = 5 * MINUTE_MS;

export class DemoQuota {
  private readonly breakSalt: number;
  private readonly requestSalt: number;
  private readonly planClock: PlanClock;

  constructor(private readonly seed: string) {
    this.breakSalt = saltOf(seed, 'break');
    this.requestSalt = saltOf(seed, 'requests');
    this.planClock = { requestsBetween: (from, to) => this.exactRequestsBetween(from, to), subscriptionDay: SUBSCRIPTION_DAY, subscriptionTimeMs: SUBSCRIPTION_TIME_MS, seed };
  }

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
    if (uniformAt(this.breakSalt, Math.floor(bucket / 3)) < 0.25) {
      return 0;
    }
    return Math.round(18 * activity * (0.5 + uniformAt(this.requestSalt, bucket)));
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
      instanceId: `sfm_codingplan_public_intl-${seededHex(this.seed, 10, 'instance')}`,
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

  /** The Token Plan of `edition` at `now`; `usedOverride` sets the credits' used share (0-1), for tests. */
  tokenPlan(edition: TokenPlanEdition, now: number, usedOverride?: number): TokenPlan {
    return demoTokenPlan(this.planClock, edition, now, usedOverride);
  }

  /** The credits' recent use, as `recentUsage` reports the Coding Plan's. */
  recentCreditUsage(edition: TokenPlanEdition, now: number): UsageSample[] {
    return demoCreditUsage(this.planClock, edition, now);
  }
}
