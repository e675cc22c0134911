// "Before a long task": whether a window is forecast to run out soon at the current pace, so a person or
// an agent can checkpoint rather than be cut off at the limit. The quota meter and the agents' answers
// both ask here, so they never disagree.
import { HOUR_MS } from '../common/calendar';
import type { QuotaWindowKind } from '../account/model';
import type { QuotaAnalysis } from './quotaMeter';

/** How far ahead a forecast run-out counts as soon. */
export const RUN_OUT_SOON_MS = HOUR_MS;

export interface RunOutSoon {
  readonly kind: QuotaWindowKind;
  /** When the window is forecast to run out (epoch ms). */
  readonly at: number;
  /** When it resets: requests can go again from then. */
  readonly resetsAt: number;
  /** The pace the forecast follows, in requests (or credits) an hour. */
  readonly perHour: number;
}

/**
 * The window forecast to run out first within `withinMs` of `now`, before it resets; `undefined` when none
 * is. A window already used up is not "soon" (the meter says it is used up), and neither are credits with
 * add-on packs behind them, which carry on when they run out.
 */
export function runOutSoon(analysis: QuotaAnalysis, now: number, withinMs: number = RUN_OUT_SOON_MS): RunOutSoon | undefined {
  let soonest: RunOutSoon | undefined;
  for (const kind of analysis.kinds) {
    const report = analysis.windows[kind];
    const f = report?.forecast;
    if (!report || report.resetPassed || report.reserve > 0 || f?.kind !== 'runsOut' || f.at - now > withinMs) {
      continue;
    }
    if (!soonest || f.at < soonest.at) {
      soonest = { kind, at: Math.max(now, f.at), resetsAt: report.window.resetsAt, perHour: f.requestsPerHour };
    }
  }
  return soonest;
}
