// Human-readable numbers, durations and times. Strings go through @vscode/l10n so core stays free of
// `vscode` while the extension host supplies the user's language bundle.
import * as l10n from '@vscode/l10n';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar';
import type { CodingPlan, Money, PlanStatus, QuotaWindowKind, TokenPlan } from '../account/model';

/** "2 d 4 h", "1 h 12 min", "7 min", "less than a minute". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE_MS) {
    return l10n.t('less than a minute');
  }
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) {
    return hours > 0 ? l10n.t('{0} d {1} h', days, hours) : l10n.t('{0} d', days);
  }
  if (hours > 0) {
    return minutes > 0 ? l10n.t('{0} h {1} min', hours, minutes) : l10n.t('{0} h', hours);
  }
  return l10n.t('{0} min', minutes);
}

/** An age for "updated … ago" texts. */
export function formatAge(ms: number): string {
  return ms < MINUTE_MS ? l10n.t('just now') : l10n.t('{0} ago', formatDuration(ms));
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A count for tight spaces: "2,520" below ten thousand, "36.9K" (or the locale's "3.7万") above. */
export function formatShortCount(n: number, locale?: string): string {
  return Math.abs(n) < 10_000
    ? formatCount(n, locale)
    : new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: Money, locale?: string): string {
  // Views format thousands of amounts per redraw (2,000 orders): keep the formats, as for the narrow ones.
  const key = `${locale ?? ''}|${money.currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, maximumFractionDigits: 2, minimumFractionDigits: 2 });
    moneyFormats.set(key, format);
  }
  return format.format(money.amount);
}

/**
 * Money for tight spaces (the status bar): the currency's narrow symbol ("$", "¥") and two decimals,
 * or none for a whole amount when `wholeIfRound` (a limit of $50 reads "$50").
 */
export function formatMoneyNarrow(amount: number, currency: string, locale?: string, options: { readonly wholeIfRound?: boolean } = {}): string {
  const whole = options.wholeIfRound === true && Number.isInteger(amount);
  const key = `${locale ?? ''}|${currency}|${whole ? 0 : 2}`;
  let format = narrowMoneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    });
    // A handful of locales and currencies at most; building a format costs far more than using one.
    narrowMoneyFormats.set(key, format);
  }
  return format.format(amount);
}

const narrowMoneyFormats = new Map<string, Intl.NumberFormat>();

/** "November 2026" for "2026-11". */
export function formatMonth(month: string, locale?: string): string {
  const [y, m] = month.split('-').map(Number);
  return cachedDateFormat(`month|${locale ?? ''}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' })).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)),
  );
}

/** Building a date format costs a third of a millisecond; the status bar redraws every minute, so they are kept. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function cachedDateFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateFormats.get(key);
  if (!format) {
    format = make();
    dateFormats.set(key, format);
  }
  return format;
}

/** "14:30" today, "Mon 09:00" within a week, "Dec 10, 10:17" further out; in local time. */
export function formatTime(epochMs: number, now: number, locale?: string): string {
  const at = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  if (sameDay) {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at);
  }
  if (Math.abs(epochMs - now) < 6 * DAY_MS) {
    return new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(at);
  }
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

export function formatDate(epochMs: number, locale?: string): string {
  return cachedDateFormat(`date|${locale ?? ''}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' })).format(new Date(epochMs));
}

/** Short names for the status bar: "5h", "wk", "mo". */
export function windowShortName(kind: QuotaWindowKind): string {
  switch (kind) {
    case 'fiveHour':
      return l10n.t('5h');
    case 'weekly':
      return l10n.t('wk');
    case 'monthly':
      return l10n.t('mo');
    case 'credits':
      return l10n.t('cr');
    case 'seat':
      return l10n.t('seat');
  }
}

/** Full names for tooltips and views. */
export function windowName(kind: QuotaWindowKind): string {
  switch (kind) {
    case 'fiveHour':
      return l10n.t('5-hour window');
    case 'weekly':
      return l10n.t('Weekly window');
    case 'monthly':
      return l10n.t('Monthly window');
    case 'credits':
      return l10n.t('Credits');
    case 'seat':
      return l10n.t('Your seat');
  }
}

/** "Coding Plan Pro", "Coding Plan Lite", or the backend's own name for another plan type. */
export function planName(plan: CodingPlan): string {
  switch (plan.tier) {
    case 'pro':
      return l10n.t('Coding Plan Pro');
    case 'lite':
      return l10n.t('Coding Plan Lite');
    case 'other':
      return l10n.t('Coding Plan ({0})', plan.rawType);
  }
}

/** "Token Plan Standard", "Token Plan Team", or the backend's own name for another tier. */
export function tokenPlanName(plan: TokenPlan): string {
  if (plan.edition === 'team') {
    return l10n.t('Token Plan Team');
  }
  switch (plan.tier) {
    case 'lite':
      return l10n.t('Token Plan Lite');
    case 'essential':
      return l10n.t('Token Plan Essential');
    case 'standard':
      return l10n.t('Token Plan Standard');
    case 'pro':
      return l10n.t('Token Plan Pro');
    case 'other':
      return l10n.t('Token Plan ({0})', plan.rawTier);
  }
}

/** "Active", "Expired", "Suspended", or the backend's own word for another status. */
export function planStatusName(plan: { readonly status: PlanStatus; readonly rawStatus: string }): string {
  switch (plan.status) {
    case 'valid':
      return l10n.t('Active');
    case 'expired':
      return l10n.t('Expired');
    case 'suspended':
      return l10n.t('Suspended');
    case 'other':
      return plan.rawStatus;
  }
}
