// Quota arithmetic on the Coding Plan's windows and the Token Plan's credits. Pace and forecast live in
// their own module.
import type { CodingPlan, QuotaWindow, QuotaWindowKind, TokenPlan } from '../account/model';
import { QUOTA_WINDOW_KINDS, REQUEST_WINDOW_KINDS } from '../account/model';
import type { Snapshot } from '../account/store';

/** The subscriptions the quota meter reads: either, both, or (as `null` elsewhere) neither. */
export interface Plans {
  readonly coding?: CodingPlan;
  readonly token?: TokenPlan;
}

/** The windows a Coding Plan reported, in their natural order. */
export function planWindows(plan: CodingPlan): QuotaWindow[] {
  return REQUEST_WINDOW_KINDS.map((k) => plan.windows[k]).filter((w): w is QuotaWindow => w !== undefined);
}

/** Everything the meter measures: the Coding Plan's windows, then the Token Plan's credits and this user's seat. */
export function meteredWindows(plans: Plans | null | undefined): QuotaWindow[] {
  if (!plans) {
    return [];
  }
  return [...(plans.coding ? planWindows(plans.coding) : []), ...(plans.token ? [plans.token.credits, ...(plans.token.seat ? [plans.token.seat] : [])] : [])];
}

/** Share of the window used, 0-1 (1 when the window has no quota at all). */
export function usedShare(window: QuotaWindow): number {
  if (window.total <= 0) {
    return 1;
  }
  return Math.min(1, Math.max(0, window.used / window.total));
}

export function remaining(window: QuotaWindow): number {
  return Math.max(0, window.total - window.used);
}

export function isExhausted(window: QuotaWindow): boolean {
  return window.used >= window.total;
}

/** The window closest to running out; ties go to the one that resets last (it blocks longer). */
export function tightestWindow(windows: readonly QuotaWindow[], kinds: readonly QuotaWindowKind[] = QUOTA_WINDOW_KINDS): QuotaWindow | undefined {
  let best: QuotaWindow | undefined;
  for (const w of windows) {
    if (!kinds.includes(w.kind)) {
      continue;
    }
    if (!best || usedShare(w) > usedShare(best) || (usedShare(w) === usedShare(best) && w.resetsAt > best.resetsAt)) {
      best = w;
    }
  }
  return best;
}

/** Whole percent, rounded down so 99.6 % does not read as 100 % before the window is really full. */
export function percentUsed(window: QuotaWindow): number {
  return isExhausted(window) ? 100 : Math.floor(usedShare(window) * 100);
}

/**
 * The Coding Plan's and the Token Plan's snapshots as one, for the meter: a plan from either shows (marked
 * stale only by its own failure); neither is `null` only once both have answered so (or one is not served
 * at all); until then it is loading, or the error of whichever failed.
 */
export function combinePlans(coding: Snapshot<CodingPlan | null>, token: Snapshot<TokenPlan | null>): Snapshot<Plans | null> {
  const loading = coding.loading || token.loading;
  const unavailable = coding.unavailable && token.unavailable;
  if (coding.value || token.value) {
    // Only a shown plan's failure marks it stale: the other plan's failure says nothing about this one.
    const error = (coding.value ? coding.error : undefined) ?? (token.value ? token.error : undefined);
    const common = { loading, unavailable, ...(error ? { error } : {}) };
    const ages = [coding.value ? coding.fetchedAt : undefined, token.value ? token.fetchedAt : undefined].filter((t): t is number => t !== undefined);
    const source = (coding.value ? coding.source : undefined) ?? token.source;
    return {
      ...common,
      value: { ...(coding.value ? { coding: coding.value } : {}), ...(token.value ? { token: token.value } : {}) },
      ...(ages.length > 0 ? { fetchedAt: Math.min(...ages) } : {}),
      ...(source ? { source } : {}),
    };
  }
  const error = coding.error ?? token.error;
  const common = { loading, unavailable, ...(error ? { error } : {}) };
  const settled = (s: Snapshot<unknown>): boolean => s.value === null || (s.unavailable && s.value === undefined);
  if (settled(coding) && settled(token) && !unavailable) {
    const ages = [coding.fetchedAt, token.fetchedAt].filter((t): t is number => t !== undefined);
    const source = coding.source ?? token.source;
    return { ...common, value: null, ...(ages.length > 0 ? { fetchedAt: Math.min(...ages) } : {}), ...(source ? { source } : {}) };
  }
  return common;
}
