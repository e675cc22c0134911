// Which quota notifications are due: a window crossing the warning or critical threshold, a window used
// up, or a forecast that a window runs out before it resets. Each goes out at most once per window per
// reset period (the ledger remembers, across reloads when it is persisted), and at most one per window
// at a time: the most severe, with the lesser ones it implies marked as said.
import * as l10n from '@vscode/l10n';
import type { AlertLedger } from '../common/alertLedger';
import { MINUTE_MS } from '../common/calendar';
import { formatCount, formatDuration, formatTime } from '../common/format';
import type { QuotaWindowKind } from '../account/model';
import { remaining } from './quota';
import { type QuotaAnalysis, type WindowReport, windowPhrase } from './quotaMeter';
import { levelRank } from './thresholds';

export type QuotaAlertKind = 'exhausted' | 'critical' | 'forecast' | 'warning';
/** Most severe first. */
const SEVERITY_ORDER: readonly QuotaAlertKind[] = ['exhausted', 'critical', 'forecast', 'warning'];

/** A forecast worth interrupting for runs out at least this long before the reset… */
export const FORECAST_ALERT_MIN_LEAD_MS = 10 * MINUTE_MS;
/** …and rests on a pace measured over at least this long. */
export const FORECAST_ALERT_MIN_SPAN_MS = 20 * MINUTE_MS;

export interface QuotaAlert {
  readonly kind: QuotaAlertKind;
  readonly windowKind: QuotaWindowKind;
  readonly report: WindowReport;
  /** How loud: `error` for a hard stop, `warning` when it is close, `info` for the first threshold. */
  readonly severity: 'info' | 'warning' | 'error';
  /** The ledger's keys: the alert, and the window's reset period (to the minute, as reset times wobble). */
  readonly alertId: string;
  readonly periodId: string;
}

function applies(kind: QuotaAlertKind, report: WindowReport): boolean {
  const rank = levelRank(report.level);
  switch (kind) {
    case 'exhausted':
      return report.level === 'exhausted';
    case 'critical':
      return rank >= levelRank('critical');
    case 'warning':
      return rank >= levelRank('warning');
    case 'forecast': {
      const f = report.forecast;
      return (
        f.kind === 'runsOut' &&
        rank < levelRank('critical') &&
        f.beforeResetMs >= FORECAST_ALERT_MIN_LEAD_MS &&
        report.pace !== undefined &&
        report.pace.to - report.pace.from >= FORECAST_ALERT_MIN_SPAN_MS
      );
    }
  }
}

const SEVERITY: Readonly<Record<QuotaAlertKind, QuotaAlert['severity']>> = { exhausted: 'error', critical: 'warning', forecast: 'warning', warning: 'info' };

/**
 * The notifications to show now, claimed in the ledger so none repeats in its period. Per window the
 * most severe alert that applies and has not gone out is returned; alerts below it (or below one that
 * already went out) are claimed without a notification. `account` keeps accounts apart: the demo
 * account's alerts must not silence a real account's in the same period.
 */
export function claimQuotaAlerts(analysis: QuotaAnalysis, ledger: AlertLedger, account: string): QuotaAlert[] {
  const due: QuotaAlert[] = [];
  for (const windowKind of analysis.kinds) {
    const report = analysis.windows[windowKind];
    if (!report || report.resetPassed) {
      continue;
    }
    const periodId = String(Math.round(report.window.resetsAt / MINUTE_MS));
    let covered = false;
    for (const kind of SEVERITY_ORDER.filter((k) => applies(k, report))) {
      const alertId = `quota:${account}:${windowKind}:${kind}`;
      if (covered) {
        ledger.claim(alertId, periodId);
      } else if (ledger.hasFired(alertId, periodId)) {
        covered = true;
      } else {
        ledger.claim(alertId, periodId);
        due.push({ kind, windowKind, report, severity: SEVERITY[kind], alertId, periodId });
        covered = true;
      }
    }
  }
  return due;
}

/** The notification's text for a Team member's own seat: it stops their requests, whatever the pool holds. */
function seatAlertMessage(alert: QuotaAlert, now: number, locale?: string): string {
  const w = alert.report.window;
  const at = formatTime(w.resetsAt, now, locale);
  const wait = formatDuration(Math.max(0, w.resetsAt - now));
  switch (alert.kind) {
    case 'warning':
    case 'critical':
      return l10n.t('Your Token Plan seat is {0}% used: {1} of {2} credits. They renew at {3}, in {4}.', alert.report.percentUsed, formatCount(w.used, locale), formatCount(w.total, locale), at, wait);
    case 'exhausted':
      return l10n.t('Your Token Plan seat\'s credits are used up: your requests fail until they renew at {0}, in {1}.', at, wait);
    case 'forecast': {
      const f = alert.report.forecast;
      return l10n.t(
        'At their average pace this cycle your seat\'s credits run out at {0}, {1} before they renew. {2}% is used.',
        formatTime(f.kind === 'runsOut' ? f.at : w.resetsAt, now, locale),
        formatDuration(f.kind === 'runsOut' ? f.beforeResetMs : 0),
        alert.report.percentUsed,
      );
    }
  }
}

/** The notification's text for a Token Plan's credits: the same alerts, in the words of credits. */
function creditAlertMessage(alert: QuotaAlert, now: number, locale?: string): string {
  const w = alert.report.window;
  const at = formatTime(w.resetsAt, now, locale);
  const wait = formatDuration(Math.max(0, w.resetsAt - now));
  switch (alert.kind) {
    case 'warning':
      return l10n.t('{0}% of the Token Plan credits are used: {1} of {2}. They renew at {3}, in {4}.', alert.report.percentUsed, formatCount(w.used, locale), formatCount(w.total, locale), at, wait);
    case 'critical':
      return remaining(w) === 0 && alert.report.reserve > 0
        ? l10n.t(
            'The Token Plan\'s monthly credits are used up: requests now spend the add-on packs ({0} credits left) until the credits renew at {1}, in {2}.',
            formatCount(alert.report.reserve, locale),
            at,
            wait,
          )
        : l10n.t('The Token Plan credits are {0}% used: {1} are left until they renew at {2}, in {3}.', alert.report.percentUsed, formatCount(remaining(w), locale), at, wait);
    case 'exhausted':
      return l10n.t(
        'The Token Plan credits are used up. Requests fail until they renew at {0}, in {1}, or an add-on pack is bought: there is no pay-as-you-go fallback.',
        at,
        wait,
      );
    case 'forecast': {
      const f = alert.report.forecast;
      return l10n.t(
        'At their average pace this cycle ({0} credits an hour) the Token Plan credits run out at {1}, {2} before they renew. {3}% is used.',
        formatCount(Math.round(f.kind === 'runsOut' ? f.requestsPerHour : 0), locale),
        formatTime(f.kind === 'runsOut' ? f.at : w.resetsAt, now, locale),
        formatDuration(f.kind === 'runsOut' ? f.beforeResetMs : 0),
        alert.report.percentUsed,
      );
    }
  }
}

/** The notification's text. */
export function quotaAlertMessage(alert: QuotaAlert, now: number, locale?: string): string {
  if (alert.windowKind === 'credits') {
    return creditAlertMessage(alert, now, locale);
  }
  if (alert.windowKind === 'seat') {
    return seatAlertMessage(alert, now, locale);
  }
  const w = alert.report.window;
  const phrase = windowPhrase(alert.windowKind);
  const at = formatTime(w.resetsAt, now, locale);
  const wait = formatDuration(Math.max(0, w.resetsAt - now));
  switch (alert.kind) {
    case 'warning':
      return l10n.t(
        '{0}% of the Coding Plan {1} is used: {2} of {3} requests. It resets at {4}, in {5}.',
        alert.report.percentUsed,
        phrase,
        formatCount(w.used, locale),
        formatCount(w.total, locale),
        at,
        wait,
      );
    case 'critical':
      return l10n.t(
        'The Coding Plan {0} is {1}% used: {2} requests are left until it resets at {3}, in {4}.',
        phrase,
        alert.report.percentUsed,
        formatCount(remaining(w), locale),
        at,
        wait,
      );
    case 'exhausted':
      return l10n.t(
        'The Coding Plan {0} is used up. Requests fail until it resets at {1}, in {2}: this is a hard stop, with no pay-as-you-go fallback.',
        phrase,
        at,
        wait,
      );
    case 'forecast': {
      const f = alert.report.forecast;
      const runsOutAt = f.kind === 'runsOut' ? f.at : w.resetsAt;
      const lead = formatDuration(f.kind === 'runsOut' ? f.beforeResetMs : 0);
      const rate = formatCount(Math.round(f.kind === 'runsOut' ? f.requestsPerHour : 0), locale);
      return alert.report.paceBasis === 'recent'
        ? l10n.t(
            'At this pace ({0} requests an hour) the Coding Plan {1} runs out at {2}, {3} before it resets. {4}% is used.',
            rate,
            phrase,
            formatTime(runsOutAt, now, locale),
            lead,
            alert.report.percentUsed,
          )
        : l10n.t(
            'At its average pace so far ({0} requests an hour) the Coding Plan {1} runs out at {2}, {3} before it resets. {4}% is used.',
            rate,
            phrase,
            formatTime(runsOutAt, now, locale),
            lead,
            alert.report.percentUsed,
          );
    }
  }
}
