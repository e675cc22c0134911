// The Token Plan, read from the gateway as the public CLI reads it, with its known faults left out: both
// editions are asked for at once (the CLI asks a "gray" account only for the Team edition, so a gray
// Personal subscriber reads as not subscribed), an unreadable credits figure is an error rather than 0, and
// each side figure (auto-renewal, packs, this user's seat) costs only itself when its call fails.
import * as v from 'valibot';
import { parseAnswer } from '../validate';
import { authReasonOf, hasKind, type ServerError, ShapeError, toQwenCloudError } from '../../core/account/errors';
import type { CreditPack, QuotaWindow, TokenPlan, TokenPlanEdition, TokenPlanSeats, TokenPlanTier } from '../../core/account/model';
import { sumAmounts } from '../../core/spending/spending';
import type { ParamValue } from './gatewayClient';
import { autoRenewal, frItem, frPage, planStatusOf, seatSummary, subscriptionDetail, timeOf } from './gatewaySchemas';

export const TOKEN_PLAN_COMMODITIES = {
  personal: 'sfm_tokenplanpersonal_dp_intl',
  team: 'sfm_tokenplanteams_dp_intl',
  addon: 'sfm_tokenplanteamsaddon_dp_intl',
} as const;

/** The gateway features the Token Plan is read through (keys of the source's action table). */
export type TokenPlanFeature = 'tokenPlanInstances' | 'seatSummary' | 'subscription' | 'autoRenewal';
export type AskGateway = (feature: TokenPlanFeature, params: Readonly<Record<string, ParamValue>>) => Promise<Record<string, unknown>>;

/** The Personal edition's monthly credits per tier, as the FAQ sells them: the tier when no name says it. */
const TIER_CREDITS: ReadonlyMap<number, TokenPlanTier> = new Map([
  [11_500, 'lite'],
  [25_500, 'essential'],
  [45_000, 'standard'],
  [180_000, 'pro'],
]);

/** Years from 7000 on mean "never expires" (the CLI's isSentinelDate). */
const SENTINEL_YEAR = 7000;

/** The edition's plan before the side calls: what its credits call alone says. */
type Base = Omit<TokenPlan, 'packs' | 'autoRenew' | 'seat'>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isActive = (status: string | undefined): boolean => planStatusOf(status) === 'valid';

type FrItem = v.InferOutput<typeof frItem>;
const frStatus = (item: FrItem): string | undefined => (typeof item.Status === 'string' ? item.Status : (item.Status?.Code ?? undefined));

/** A page's rows that parse, and whether any did not. */
function readRows(answer: Record<string, unknown>, what: string): { rows: FrItem[]; unreadable: number } {
  const parsed = parseAnswer(frPage, answer, what).Data.map((row) => v.safeParse(frItem, row));
  return { rows: parsed.flatMap((r) => (r.success ? [r.output] : [])), unreadable: parsed.filter((r) => !r.success).length };
}

function personalTier(names: readonly (string | null | undefined)[], total: number): TokenPlanTier {
  for (const name of names) {
    const word = /\b(lite|essential|standard|pro)\b/i.exec(name ?? '')?.[1];
    if (word) {
      return word.toLowerCase() as TokenPlanTier;
    }
  }
  return TIER_CREDITS.get(total) ?? 'other';
}

const credits = (total: number, remaining: number, resetsAt: number, startsAt?: number): QuotaWindow => ({
  kind: 'credits',
  used: Math.max(0, sumAmounts([total, -remaining])),
  total,
  resetsAt,
  ...(startsAt !== undefined ? { startsAt } : {}),
});

/** The Personal edition from its resource packages: the first valid one, else the first (with its own status). */
function readPersonal(answer: Record<string, unknown>, now: number): Base | undefined {
  const { rows, unreadable } = readRows(answer, 'Token Plan (Personal)');
  if (unreadable > 0 && rows.length === 0) {
    throw new ShapeError('Token Plan (Personal): no instance can be read.');
  }
  // An active package; else the first one still running (with its own status). A package whose time is
  // over is an old one, not a plan: it would show a reset in the past for ever.
  const row = rows.find((r) => isActive(frStatus(r) ?? r.StatusCode ?? undefined)) ?? rows.find((r) => (timeOf(r.EndTime) ?? 0) > now);
  if (!row) {
    return undefined;
  }
  const total = row.InitCapacityBaseValue;
  // What is left this cycle; 0 left is a value (the CLI's `||` would fall through to the total left).
  const remaining = row.CapacityTypeCode === 'periodMonthlyShift' ? (row.periodCapacityBaseValue ?? row.CurrCapacityBaseValue) : row.CurrCapacityBaseValue;
  const resetsAt = timeOf(row.EndTime);
  if (total === null || total === undefined || remaining === null || remaining === undefined || resetsAt === undefined) {
    throw new ShapeError('Token Plan (Personal): the credits or their reset cannot be read.');
  }
  const rawStatus = frStatus(row) ?? row.StatusCode ?? '';
  return {
    ...(row.InstanceId ? { instanceId: row.InstanceId } : {}),
    edition: 'personal',
    tier: personalTier([row.TemplateName, row.CommodityName], total),
    rawTier: row.TemplateName ?? row.CommodityName ?? '',
    status: planStatusOf(rawStatus),
    rawStatus,
    credits: credits(total, remaining, resetsAt),
  };
}

/** A period as one pair of times, never a start from one pair and an end from the other. */
function period(start: string | number | null | undefined, end: string | number | null | undefined): { periodStart: number; periodEnd: number } | undefined {
  const s = timeOf(start);
  const e = timeOf(end);
  return s !== undefined && e !== undefined && s < e ? { periodStart: s, periodEnd: e } : undefined;
}

/** The Team edition's shared pool, summed over its spec groups. No group, or no credits: no Team plan. */
function readTeam(answer: Record<string, unknown>): Base | undefined {
  const inner = parseAnswer(seatSummary, isRecord(answer.Data) ? answer.Data : answer, 'Token Plan (Team)');
  const groups = inner.SubscriptionGroupList ?? [];
  if (groups.length === 0) {
    return undefined;
  }
  const totals: number[] = [];
  const surpluses: number[] = [];
  for (const group of groups) {
    const equity = group.EquityList?.[0];
    const total = equity?.TotalValue ?? group.TotalValue;
    const surplus = equity?.SurplusValue ?? group.SurplusValue;
    if (total === null || total === undefined || surplus === null || surplus === undefined) {
      throw new ShapeError(`Token Plan (Team): the credits of the ${group.SpecType ?? ''} seats cannot be read.`);
    }
    totals.push(total);
    surpluses.push(surplus);
  }
  const total = sumAmounts(totals);
  if (!(total > 0)) {
    return undefined;
  }
  // StartTime/EndTime first, as the status reader does; only a whole pair counts.
  const span = period(inner.StartTime, inner.EndTime) ?? period(inner.PeriodStart, inner.PeriodEnd);
  // The credits renew each cycle (NextCycleFlushTime); EndTime ends the subscription, which may be a year away.
  const flushes = groups.map((g) => timeOf(g.NextCycleFlushTime)).filter((t): t is number => t !== undefined);
  const resetsAt = flushes.length > 0 ? Math.min(...flushes) : span?.periodEnd;
  if (resetsAt === undefined) {
    throw new ShapeError("Token Plan (Team): the credits' reset cannot be read.");
  }
  const counted = groups.filter((g) => g.SubscriptionTotalNumber !== null && g.SubscriptionTotalNumber !== undefined);
  const seats: TokenPlanSeats | undefined =
    counted.length > 0 ? { total: sumAmounts(counted.map((g) => g.SubscriptionTotalNumber ?? 0)), assigned: sumAmounts(groups.map((g) => g.SubscriptionAssignedNumber ?? 0)) } : undefined;
  const instanceId = groups.flatMap((g) => g.SubscriptionList ?? []).map((s) => s.InstanceCode ?? s.InstanceId)[0];
  return {
    ...(instanceId ? { instanceId } : {}),
    edition: 'team',
    tier: 'other',
    rawTier: inner.PlanName ?? '',
    // The summary has no status: a pool with credits is an active subscription, as the CLI reads it.
    status: 'valid',
    rawStatus: 'valid',
    ...(span ?? {}),
    credits: credits(total, sumAmounts(surpluses), resetsAt),
    ...(seats ? { seats } : {}),
  };
}

/** Valid add-on packs; a pack that cannot be read is left out, not guessed. */
function readPacks(answer: Record<string, unknown>): CreditPack[] {
  const packs: CreditPack[] = [];
  for (const row of readRows(answer, 'Token Plan credit packs').rows) {
    const total = row.InitCapacityBaseValue;
    const remaining = row.CurrCapacityBaseValue;
    // StatusCode first, as the CLI's pack reader does.
    if (!isActive(row.StatusCode ?? frStatus(row)) || total === null || total === undefined || remaining === null || remaining === undefined) {
      continue;
    }
    const end = timeOf(row.EndTime);
    const expiresAt = end !== undefined && new Date(end).getUTCFullYear() < SENTINEL_YEAR ? end : undefined;
    packs.push({ name: row.TemplateName ?? row.CommodityName ?? row.InstanceId ?? 'Credit pack', total, remaining, ...(expiresAt !== undefined ? { expiresAt } : {}) });
  }
  return packs;
}

/**
 * Whether the plan renews itself. The CLI's two readers disagree on numbers (one takes only 1 as on, the
 * other any non-zero) and their tests pin only 1 and 0: so 1 is on, 0 off, any other number unknown.
 */
function readAutoRenewal(answer: Record<string, unknown>): boolean | undefined {
  const a = parseAnswer(autoRenewal, answer, 'Token Plan auto-renewal');
  const value = a.Data?.AutoRenewal ?? a.AutoRenewal;
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return value === 1 ? true : value === 0 ? false : undefined;
  }
  return a.EnableRenew ?? a.Enable ?? undefined;
}

/** This user's seat in a Team edition: the seat whose MemberId is the signed-in user's id. */
interface SeatReading {
  readonly seat?: QuotaWindow;
  readonly rawStatus?: string;
}

function readSeat(answer: Record<string, unknown>, userId: string, pool: QuotaWindow): SeatReading {
  const data = parseAnswer(subscriptionDetail, answer, 'Token Plan seats').Data;
  const mine = (Array.isArray(data) ? data : data.SubscriptionList).find((item) => item.MemberId === userId);
  const equity = mine?.EquityList?.[0];
  const total = equity?.CycleTotalValue ?? equity?.TotalValue;
  const surplus = equity?.CycleSurplusValue ?? equity?.SurplusValue;
  if (!mine || total === null || total === undefined || surplus === null || surplus === undefined) {
    return mine?.Status ? { rawStatus: mine.Status } : {};
  }
  const seat: QuotaWindow = { ...credits(total, surplus, timeOf(equity?.CycleEndTime) ?? pool.resetsAt, timeOf(equity?.CycleStartTime)), kind: 'seat' };
  return { seat, ...(mine.Status ? { rawStatus: mine.Status } : {}) };
}

const settled = <T>(result: PromiseSettledResult<T>): T | undefined => (result.status === 'fulfilled' ? result.value : undefined);

/** A failure that asking again may cure, as against the service's answer that there is nothing to read. */
function mayPass(error: unknown): boolean {
  const typed = toQwenCloudError(error);
  return (
    hasKind(typed, 'network') ||
    hasKind(typed, 'timeout') ||
    hasKind(typed, 'rateLimited') ||
    hasKind(typed, 'cancelled') ||
    hasKind(typed, 'shape') ||
    (hasKind(typed, 'auth') && authReasonOf(typed) === 'session') ||
    (hasKind(typed, 'server') && (typed as ServerError).status !== 200)
  );
}

/**
 * The account's Token Plan: the Personal edition when it holds both (the one its own credits are in), else
 * the Team edition. `null` when it holds neither; a failing credits call with nothing else found is thrown.
 */
export async function readTokenPlan(ask: AskGateway, userId: string | undefined, now: number): Promise<TokenPlan | null> {
  const [personal, team, packs] = await Promise.allSettled([
    ask('tokenPlanInstances', { Group: 'tokenPlan', CommodityCode: TOKEN_PLAN_COMMODITIES.personal, PageNum: 1, PageSize: 10 }).then((answer) => readPersonal(answer, now)),
    ask('seatSummary', { productCode: TOKEN_PLAN_COMMODITIES.team }).then(readTeam),
    ask('tokenPlanInstances', { Group: 'tokenPlan', CommodityCode: TOKEN_PLAN_COMMODITIES.addon, PageNum: 1, PageSize: 100 }).then(readPacks),
  ]);
  const found = [settled(personal), settled(team)].filter((p): p is Base => p !== undefined);
  const base = found.find((p) => p.status === 'valid') ?? found[0];
  if (!base) {
    // A refusal (no permission, an action this account does not have, a business error) says the account
    // holds no plan there; only a failure that may pass (network, timeout, throttling, HTTP 5xx) is thrown,
    // so a pay-as-you-go account that cannot see Token Plans is not stuck at "unavailable".
    const failure = [personal, team].find((r): r is PromiseRejectedResult => r.status === 'rejected' && mayPass(r.reason));
    if (failure) {
      throw failure.reason;
    }
    return null;
  }
  const edition: TokenPlanEdition = base.edition;
  const noSeat: SeatReading = {};
  const [renews, mine] = await Promise.all([
    ask('autoRenewal', { CommodityCode: TOKEN_PLAN_COMMODITIES[edition] }).then(readAutoRenewal, () => undefined),
    edition === 'team' && userId
      ? ask('subscription', { productCode: TOKEN_PLAN_COMMODITIES.team, pageNo: 1, pageSize: 100 }).then(
          (answer) => readSeat(answer, userId, base.credits),
          () => noSeat,
        )
      : Promise.resolve(noSeat),
  ]);
  // A member's own seat says whether the plan is active for them.
  const rawStatus = mine.rawStatus ?? base.rawStatus;
  return {
    ...base,
    rawStatus,
    status: planStatusOf(rawStatus),
    ...(renews !== undefined ? { autoRenew: renews } : {}),
    ...(mine.seat ? { seat: mine.seat } : {}),
    packs: settled(packs) ?? [],
  };
}
