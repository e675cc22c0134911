// The spending panel's time ranges: presets relative to today in the billing time zone, or custom dates.
// Host and webview resolve them with the same function, so both agree on what "last 3 months" means.
import * as l10n from '@vscode/l10n';
import { addDays, addMonths, daysBetween, daysInMonth, isDateKey, isMonthKey } from '../common/calendar';
import type { Granularity } from '../account/model';

export type RangePreset = 'last7Days' | 'last30Days' | 'last3Months' | 'last6Months' | 'last12Months' | 'custom';
export const RANGE_PRESETS: readonly RangePreset[] = ['last7Days', 'last30Days', 'last3Months', 'last6Months', 'last12Months', 'custom'];

/** A range as the user chose it; `from` and `to` ("YYYY-MM-DD") matter only for `custom`. */
export interface SpendingRange {
  readonly preset: RangePreset;
  readonly from?: string;
  readonly to?: string;
}

/** Inclusive "YYYY-MM-DD" bounds. */
export interface ResolvedRange {
  readonly from: string;
  readonly to: string;
}

/** The longest custom range: two years of daily records is already more than the console keeps. */
export const MAX_RANGE_DAYS = 731;

export type RangeResult = { readonly ok: true; readonly range: ResolvedRange } | { readonly ok: false; readonly error: string };

/**
 * Turns a range into dates. "Last N months" are calendar months including the current one, as the
 * console counts them; a custom end after today is clipped to today, since there is nothing to show yet.
 */
export function resolveRange(range: SpendingRange, today: string): RangeResult {
  const month = today.slice(0, 7);
  switch (range.preset) {
    case 'last7Days':
      return { ok: true, range: { from: addDays(today, -6), to: today } };
    case 'last30Days':
      return { ok: true, range: { from: addDays(today, -29), to: today } };
    case 'last3Months':
      return { ok: true, range: { from: `${addMonths(month, -2)}-01`, to: today } };
    case 'last6Months':
      return { ok: true, range: { from: `${addMonths(month, -5)}-01`, to: today } };
    case 'last12Months':
      return { ok: true, range: { from: `${addMonths(month, -11)}-01`, to: today } };
    case 'custom': {
      const { from, to } = range;
      if (from === undefined || !isDateKey(from)) {
        return { ok: false, error: l10n.t('Enter a valid start date.') };
      }
      if (to === undefined || !isDateKey(to)) {
        return { ok: false, error: l10n.t('Enter a valid end date.') };
      }
      if (from > to) {
        return { ok: false, error: l10n.t('The start date must not be after the end date.') };
      }
      if (from > today) {
        return { ok: false, error: l10n.t('The range starts in the future.') };
      }
      const end = to > today ? today : to;
      if (daysBetween(from, end) + 1 > MAX_RANGE_DAYS) {
        return { ok: false, error: l10n.t('Choose a range of at most {0} days.', MAX_RANGE_DAYS) };
      }
      return { ok: true, range: { from, to: end } };
    }
  }
}

/** The granularity that suits a preset when the user has not chosen one. */
export function defaultGranularity(preset: RangePreset, resolved?: ResolvedRange): Granularity {
  if (preset === 'last7Days' || preset === 'last30Days') {
    return 'day';
  }
  if (preset === 'custom' && resolved) {
    return daysBetween(resolved.from, resolved.to) < 62 ? 'day' : 'month';
  }
  return 'month';
}

/** A custom range covering one billing month ("YYYY-MM"): how the Invoices view opens the panel. */
export function monthRange(month: string): SpendingRange {
  if (!isMonthKey(month)) {
    throw new RangeError(`Not a month: ${month}`);
  }
  return { preset: 'custom', from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

export function presetLabel(preset: RangePreset): string {
  switch (preset) {
    case 'last7Days':
      return l10n.t('Last 7 days');
    case 'last30Days':
      return l10n.t('Last 30 days');
    case 'last3Months':
      return l10n.t('Last 3 months');
    case 'last6Months':
      return l10n.t('Last 6 months');
    case 'last12Months':
      return l10n.t('Last 12 months');
    case 'custom':
      return l10n.t('Custom');
  }
}
