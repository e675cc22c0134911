// When the meter redraws on its own: its countdowns have minute resolution, so once a minute, and right
// after a window resets, when the plan must be fetched again. No request is made to tick a countdown.
import { MINUTE_MS } from '../common/calendar';
import type { QuotaWindow } from '../account/model';

/** A reset counts as passed this long after its time, so a backend a moment behind has moved on. */
export const RESET_GRACE_MS = 1_000;

/** The next redraw: the next whole minute, or just after the next reset if that comes first. */
export function nextRedrawAt(now: number, windows: readonly QuotaWindow[]): number {
  let next = (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS;
  for (const window of windows) {
    const due = window.resetsAt + RESET_GRACE_MS;
    if (due > now && due < next) {
      next = due;
    }
  }
  return next;
}

/** The windows whose reset time has passed by `now`: the plan describes a period that is over. */
export function passedResets(windows: readonly QuotaWindow[], now: number): QuotaWindow[] {
  return windows.filter((w) => now >= w.resetsAt + RESET_GRACE_MS);
}

/**
 * Decides when a passed reset asks for a forced refresh: at once, then at most once a minute, and at
 * most `maxAttempts` times per reset time (a backend that keeps answering with the old period must not
 * be asked every second).
 */
export class ResetRefreshPolicy {
  private readonly attempts = new Map<number, { count: number; last: number }>();

  constructor(private readonly maxAttempts = 5) {}

  /** True when a refresh should be forced now for the passed resets of `windows`; records the attempt. */
  shouldRefresh(windows: readonly QuotaWindow[], now: number): boolean {
    const passed = passedResets(windows, now);
    if (passed.length === 0) {
      return false;
    }
    const key = Math.min(...passed.map((w) => w.resetsAt));
    const seen = this.attempts.get(key);
    if (seen && (seen.count >= this.maxAttempts || (now - seen.last < MINUTE_MS && now >= seen.last))) {
      return false;
    }
    this.attempts.set(key, { count: (seen?.count ?? 0) + 1, last: now });
    while (this.attempts.size > 16) {
      const oldest = this.attempts.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.attempts.delete(oldest);
    }
    return true;
  }
}
