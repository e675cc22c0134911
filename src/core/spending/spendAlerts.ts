// This month's pay-as-you-go spend against the spending limit: the projection to month end and which
// alerts are due. Pure, so the spending alerts and the pay-as-you-go status bar item share one answer.
import { DAY_MS, daysInMonth, monthKey, startOfMonth } from '../common/calendar';
import type { MonthSpend, UsageLimit } from '../account/model';

export interface SpendProjection {
  /** Spend so far this month. */
  readonly monthToDate: number;
  /** Days of the month gone, with the fraction of today; at least a small minimum. */
  readonly elapsedDays: number;
  readonly daysInMonth: number;
  /** Month-to-date spend per elapsed day. */
  readonly dailyPace: number;
  /** What the month comes to if the pace holds to its last day. */
  readonly projected: number;
  /** Enough of the month has gone for the projection to mean something. */
  readonly reliable: boolean;
}

/** A projection from fewer days swings wildly with one busy morning, so it raises no alert. */
export const MIN_PROJECTION_DAYS = 3;
/** The shortest stretch the pace is taken over, so the first hour of a month does not project absurdly. */
const MIN_ELAPSED_DAYS = 1;

/** Month-to-date at the current daily pace, to month end, in the billing time zone. */
export function projectMonthSpend(spend: MonthSpend, now: number): SpendProjection {
  const days = daysInMonth(spend.month);
  const monthToDate = spend.total.amount;
  const sinceStart = (now - startOfMonth(spend.month)) / DAY_MS;
  // A month that is over (the snapshot is from before midnight) projects to what it came to.
  const elapsedDays = monthKey(now) > spend.month ? days : Math.min(days, Math.max(MIN_ELAPSED_DAYS, sinceStart));
  const dailyPace = monthToDate / elapsedDays;
  return {
    monthToDate,
    elapsedDays,
    daysInMonth: days,
    dailyPace,
    projected: elapsedDays >= days ? monthToDate : dailyPace * days,
    reliable: elapsedDays >= MIN_PROJECTION_DAYS,
  };
}

export type SpendAlertKind = 'limitReached' | 'thresholdReached' | 'projectedOverLimit' | 'projectedOverThreshold';

/** Most severe first: what has happened outranks what is projected. */
const SEVERITY: readonly SpendAlertKind[] = ['limitReached', 'thresholdReached', 'projectedOverLimit', 'projectedOverThreshold'];

export interface SpendAlert {
  readonly kind: SpendAlertKind;
  /**
   * The id the alert ledger remembers for the month: it names the limit (and, for threshold alerts, the
   * threshold), so raising the limit or changing the threshold arms the alerts it concerns again.
   */
  readonly id: string;
  /** The billing month ("YYYY-MM"): the period the alert fires at most once in. */
  readonly month: string;
}

export interface SpendStatus {
  readonly spend: MonthSpend;
  readonly limit: UsageLimit;
  readonly projection: SpendProjection;
  /** Month-to-date as a share of the limit, 0-∞. */
  readonly usedShare: number;
  /** The amount at which the alert threshold is crossed. */
  readonly thresholdAmount: number;
  /** Every alert whose condition holds now, most severe first. */
  readonly due: readonly SpendAlert[];
}

/**
 * Where this month stands against the limit, or undefined when there is nothing to compare: the limit is
 * off or zero, or it is in another currency than the spend.
 */
export function evaluateSpend(spend: MonthSpend, limit: UsageLimit | null | undefined, now: number): SpendStatus | undefined {
  if (!limit || !limit.enabled || !(limit.amount.amount > 0) || limit.amount.currency !== spend.total.currency) {
    return undefined;
  }
  const projection = projectMonthSpend(spend, now);
  const cap = limit.amount.amount;
  const threshold = Math.min(100, Math.max(1, limit.alertThreshold));
  const thresholdAmount = (cap * threshold) / 100;
  const capTag = `${cap}${limit.amount.currency}`;
  const tag = (kind: SpendAlertKind): string =>
    kind === 'limitReached' || kind === 'projectedOverLimit' ? capTag : `${threshold}%:${capTag}`;
  const holds: Record<SpendAlertKind, boolean> = {
    limitReached: projection.monthToDate >= cap,
    thresholdReached: projection.monthToDate >= thresholdAmount,
    projectedOverLimit: projection.reliable && projection.projected >= cap,
    projectedOverThreshold: projection.reliable && projection.projected >= thresholdAmount,
  };
  const due = SEVERITY.filter((kind) => holds[kind]).map((kind) => ({ kind, id: `spend:${kind}:${tag(kind)}`, month: spend.month }));
  return { spend, limit, projection, usedShare: projection.monthToDate / cap, thresholdAmount, due };
}

/** Remembers alerts per period; `AlertLedger` is the implementation. */
export interface AlertClaims {
  claim(alertId: string, periodId: string): boolean;
}

/**
 * Claims every due alert in the ledger and returns the one to show, if any: the most severe due alert,
 * when it had not gone out this month yet. Lesser alerts are claimed along with it so they do not follow
 * on the next refresh; a lesser alert alone is never shown after a more severe one.
 */
export function nextSpendAlert(status: SpendStatus, ledger: AlertClaims): SpendAlert | undefined {
  const [first, ...rest] = status.due;
  if (!first) {
    return undefined;
  }
  const fresh = ledger.claim(first.id, first.month);
  for (const alert of rest) {
    ledger.claim(alert.id, alert.month);
  }
  return fresh ? first : undefined;
}
