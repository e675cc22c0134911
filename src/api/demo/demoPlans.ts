// The demo account's subscriptions: which plans it holds (a newcomer can switch), and its Token Plan in
// either edition. Credits are spent by the same working-hours profile as the Coding Plan's requests, so
// the two move together and the meter's pace and forecast have something real to show.
import { lastMonthlyAnniversary, nextMonthlyAnniversary } from '../../core/common/calendar';
import type { CreditPack, QuotaWindow, TokenPlan, TokenPlanEdition, UsageSample } from '../../core/account/model';

/** The plans the demo account (and the simulator) can hold. */
export type DemoPlans = 'codingPlan' | 'tokenPlanPersonal' | 'tokenPlanTeam' | 'both';
export const DEMO_PLANS: readonly DemoPlans[] = ['codingPlan', 'tokenPlanPersonal', 'tokenPlanTeam', 'both'];
export const DEFAULT_DEMO_PLANS: DemoPlans = 'codingPlan';

export function isDemoPlans(value: unknown): value is DemoPlans {
  return typeof value === 'string' && (DEMO_PLANS as readonly string[]).includes(value);
}

export function hasCodingPlan(plans: DemoPlans): boolean {
  return plans === 'codingPlan' || plans === 'both';
}

/** The Token Plan edition the demo holds, if any ("both": a Coding Plan and a Personal Token Plan). */
export function tokenPlanEdition(plans: DemoPlans): TokenPlanEdition | undefined {
  return plans === 'tokenPlanTeam' ? 'team' : plans === 'tokenPlanPersonal' || plans === 'both' ? 'personal' : undefined;
}

/** Monthly credits of the Personal edition's tiers, as the FAQ lists them. */
export const PERSONAL_CREDITS = { lite: 11_500, essential: 25_500, standard: 45_000, pro: 180_000 } as const;

/** The Team edition the demo holds: seats per spec, with each seat's monthly credits (from the CLI's fixture shape). */
export const DEMO_TEAM_SPECS = [
  { spec: 'standard', seats: 5, assigned: 4, creditsPerSeat: 25_000 },
  { spec: 'pro', seats: 2, assigned: 2, creditsPerSeat: 100_000 },
] as const;

/** What the generator needs from the account: its request profile and subscription day. */
export interface PlanClock {
  requestsBetween(from: number, to: number): number;
  readonly subscriptionDay: number;
  readonly subscriptionTimeMs: number;
  readonly seed: string;
}

/** Credits a request costs, per edition: a Team pool is spent by several people at once. */
const CREDITS_PER_REQUEST: Readonly<Record<TokenPlanEdition, number>> = { personal: 0.42, team: 2.6 };
/** This user's own share of a Team pool's spend. */
const SEAT_SHARE = 0.31;

function cycle(clock: PlanClock, now: number): { start: number; end: number } {
  const start = lastMonthlyAnniversary(now, clock.subscriptionDay, clock.subscriptionTimeMs);
  return { start, end: nextMonthlyAnniversary(start, clock.subscriptionDay, clock.subscriptionTimeMs) };
}

/**
 * The Token Plan at `now`. `usedOverride` sets the credits' used share (0-1), for tests. Add-on packs:
 * one bought last cycle, part-used, expiring in two months.
 */
export function demoTokenPlan(clock: PlanClock, edition: TokenPlanEdition, now: number, usedOverride?: number): TokenPlan {
  const { start, end } = cycle(clock, now);
  const total = edition === 'personal' ? PERSONAL_CREDITS.standard : DEMO_TEAM_SPECS.reduce((sum, s) => sum + s.seats * s.creditsPerSeat, 0);
  const spent = (to: number): number => Math.floor(clock.requestsBetween(start, to) * CREDITS_PER_REQUEST[edition]);
  const used = Math.min(total, usedOverride !== undefined ? Math.round(total * usedOverride) : spent(now));
  const credits: QuotaWindow = { kind: 'credits', used, total, resetsAt: end, startsAt: start };
  const packs: CreditPack[] = [{ name: 'Token Plan Add-on 5,000 Credits', total: 5_000, remaining: 3_180, expiresAt: nextMonthlyAnniversary(end, clock.subscriptionDay, clock.subscriptionTimeMs) }];
  const instanceId = `${edition === 'personal' ? 'sfm_tokenplanpersonal_dp_intl' : 'sfm_tokenplanteams_dp_intl'}-${clock.seed.length.toString(16).padStart(4, '0')}0042`;
  const common = { instanceId, status: 'valid' as const, rawStatus: edition === 'personal' ? 'valid' : 'NORMAL', periodStart: start, periodEnd: end, credits, packs };
  if (edition === 'personal') {
    return { ...common, edition, tier: 'standard', rawTier: 'standard', autoRenew: true, canRenew: true };
  }
  const seatTotal = DEMO_TEAM_SPECS[1].creditsPerSeat;
  const seatUsed = Math.min(seatTotal, Math.floor(used * SEAT_SHARE));
  return {
    ...common,
    edition,
    tier: 'other',
    rawTier: 'Token Plan Team Edition',
    autoRenew: false,
    canRenew: true,
    seat: { kind: 'seat', used: seatUsed, total: seatTotal, resetsAt: end, startsAt: start },
    seats: { total: DEMO_TEAM_SPECS.reduce((n, s) => n + s.seats, 0), assigned: DEMO_TEAM_SPECS.reduce((n, s) => n + s.assigned, 0) },
  };
}

/** The credits' use over the last two hours, every five minutes, as the demo's Coding Plan reports its own. */
export function demoCreditUsage(clock: PlanClock, edition: TokenPlanEdition, now: number, spanMs = 2 * 3_600_000, stepMs = 5 * 60_000): UsageSample[] {
  const { start } = cycle(clock, now);
  const samples: UsageSample[] = [];
  for (let at = Math.max(start, Math.ceil((now - spanMs) / stepMs) * stepMs); at < now; at += stepMs) {
    samples.push({ at, used: Math.floor(clock.requestsBetween(start, at) * CREDITS_PER_REQUEST[edition]) });
  }
  return samples;
}
