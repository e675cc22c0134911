// Quota arithmetic on the Coding Plan's windows. Pace and forecast live in their own module.
import type { CodingPlan, QuotaWindow, QuotaWindowKind } from './model';
import { QUOTA_WINDOW_KINDS } from './model';

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
export function tightestWindow(plan: CodingPlan, kinds: readonly QuotaWindowKind[] = QUOTA_WINDOW_KINDS): QuotaWindow | undefined {
  let best: QuotaWindow | undefined;
  for (const kind of kinds) {
    const w = plan.windows[kind];
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
