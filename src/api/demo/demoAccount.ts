// A deterministic generator of a realistic Qwen Cloud account. The same time gives the same numbers on
// every machine; as time moves, the account moves the way a real one does: windows fill and reset, today's
// spend grows (a few hours late, like real bills), months settle, the plan renews. The simulator serves
// the same data over the real protocols, and the demo account serves it in-process. The parts: what the
// account has (catalogue.ts), its quotas (demoQuota.ts), its billing (demoBilling.ts), all from random.ts.
import type { ApiKey, Balance, FreeQuota, FullCodingPlan, LineItem, MonthlyBill, Order, RequestWindowKind, TokenPlan, TokenPlanEdition, UsageLimit, UsageSample } from '../../core/account/model';
import { DEFAULT_DEMO_SPEC, type DemoKey, type DemoSpec, type DemoWorkspaces, demoApiKeys, demoKeys, demoWorkspaces } from './catalogue';
import { DemoBilling } from './demoBilling';
import { DemoQuota } from './demoQuota';

export { DEFAULT_DEMO_SPEC, type DemoSpec, type DemoWorkspaces, PRODUCTION_STEPS } from './catalogue';
export { BILLING_LAG_MS, DEMO_CURRENCY } from './demoBilling';
export { PLAN_LIMITS } from './demoQuota';

/** The generated account. Every method takes the current time, so the account moves with the clock. */
export class DemoAccount {
  readonly workspaces: DemoWorkspaces;
  private readonly keys: readonly DemoKey[];
  private readonly quota: DemoQuota;
  private readonly billing: DemoBilling;

  constructor(readonly spec: DemoSpec = DEFAULT_DEMO_SPEC) {
    this.workspaces = demoWorkspaces(spec.seed);
    this.keys = demoKeys(spec, this.workspaces);
    this.quota = new DemoQuota(spec.seed);
    this.billing = new DemoBilling(spec, this.keys, this.workspaces);
  }

  // --- Coding Plan and Token Plan -----------------------------------------------------------------

  /** Requests served from `from` to `to`: whole buckets, plus the elapsed share of the last one. */
  requestsBetween(from: number, to: number): number {
    return this.quota.requestsBetween(from, to);
  }

  /** Start of the window containing `now`. */
  windowStart(kind: RequestWindowKind, now: number): number {
    return this.quota.windowStart(kind, now);
  }

  windowEnd(kind: RequestWindowKind, start: number): number {
    return this.quota.windowEnd(kind, start);
  }

  /** The plan's quota windows at `now`. `usedOverride` sets a window's used share (0-1), for tests. */
  codingPlan(now: number, usedOverride: Partial<Record<RequestWindowKind, number>> = {}): FullCodingPlan {
    return this.quota.codingPlan(now, usedOverride);
  }

  /** Each window's use over the last `spanMs` before `now`, every `stepMs` (two hours, every five minutes by default). */
  recentUsage(now: number, spanMs?: number, stepMs?: number): Record<RequestWindowKind, UsageSample[]> {
    return this.quota.recentUsage(now, spanMs, stepMs);
  }

  /** The Token Plan of `edition` at `now`; `usedOverride` sets the credits' used share (0-1), for tests. */
  tokenPlan(edition: TokenPlanEdition, now: number, usedOverride?: number): TokenPlan {
    return this.quota.tokenPlan(edition, now, usedOverride);
  }

  /** The credits' recent use, as `recentUsage` reports the Coding Plan's. */
  recentCreditUsage(edition: TokenPlanEdition, now: number): UsageSample[] {
    return this.quota.recentCreditUsage(edition, now);
  }

  // --- keys, orders and pay-as-you-go billing -----------------------------------------------------

  /** The account's API keys at `now`, newest first. */
  apiKeys(now: number): ApiKey[] {
    return demoApiKeys(this.keys, this.spec, now);
  }

  /** The subscription history up to `now`, newest first: a Lite purchase, renewals, an upgrade to Pro. */
  orders(now: number): Order[] {
    return this.billing.orders(now);
  }

  /** The itemised records of one billing day; today's only up to `now` minus the billing lag. */
  lineItemsForDate(date: string, now: number): LineItem[] {
    return this.billing.lineItemsForDate(date, now);
  }

  /** Records from `from` to `to` ("YYYY-MM-DD", inclusive), clipped to the account's history. */
  lineItems(from: string, to: string, now: number): LineItem[] {
    return this.billing.lineItems(from, to, now);
  }

  /** Monthly bills, newest first: the current month running, last month pending until the 3rd. */
  bills(now: number): MonthlyBill[] {
    return this.billing.bills(now);
  }

  usageLimit(): UsageLimit {
    return this.billing.usageLimit();
  }

  balance(): Balance {
    return this.billing.balance();
  }

  /** Free quotas: used up or expired for the models the account pays for, some left for those it has only tried. */
  freeQuota(now: number): FreeQuota[] {
    return this.billing.freeQuota(now);
  }
}
