// Calendar arithmetic in a fixed UTC offset. Alibaba Cloud bills, and resets the Coding Plan's weekly
// window, in UTC+8 on both sites, so billing days and months are computed there, not in local time.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The billing time zone: UTC+8. */
export const BILLING_UTC_OFFSET_MINUTES = 8 * 60;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function shifted(epochMs: number, offsetMinutes: number): Date {
  return new Date(epochMs + offsetMinutes * MINUTE_MS);
}

/** "YYYY-MM-DD" of the instant in the given offset. */
export function dateKey(epochMs: number, offsetMinutes = BILLING_UTC_OFFSET_MINUTES): string {
  const d = shifted(epochMs, offsetMinutes);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "YYYY-MM" of the instant in the given offset. */
export function monthKey(epochMs: number, offsetMinutes = BILLING_UTC_OFFSET_MINUTES): string {
  return dateKey(epochMs, offsetMinutes).slice(0, 7);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isDateKey(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(`${m[1]}-${m[2]}`) && y >= 1970;
}

export function isMonthKey(value: string): boolean {
  const m = MONTH_RE.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function parseDate(key: string): [number, number, number] {
  const m = DATE_RE.exec(key);
  if (!m) {
    throw new RangeError(`Not a date: ${key}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseMonth(key: string): [number, number] {
  const m = MONTH_RE.exec(key);
  if (!m) {
    throw new RangeError(`Not a month: ${key}`);
  }
  return [Number(m[1]), Number(m[2])];
}

/** The instant a calendar day starts in the given offset. */
export function startOfDate(key: string, offsetMinutes = BILLING_UTC_OFFSET_MINUTES): number {
  const [y, m, d] = parseDate(key);
  return Date.UTC(y, m - 1, d) - offsetMinutes * MINUTE_MS;
}

/** The instant a calendar month starts in the given offset. */
export function startOfMonth(key: string, offsetMinutes = BILLING_UTC_OFFSET_MINUTES): number {
  const [y, m] = parseMonth(key);
  return Date.UTC(y, m - 1, 1) - offsetMinutes * MINUTE_MS;
}

export function addDays(key: string, days: number): string {
  const [y, m, d] = parseDate(key);
  return dateKey(Date.UTC(y, m - 1, d + days), 0);
}

export function addMonths(key: string, months: number): string {
  const [y, m] = parseMonth(key);
  return monthKey(Date.UTC(y, m - 1 + months, 1), 0);
}

export function daysInMonth(key: string): number {
  const [y, m] = parseMonth(key);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole days from `from` to `to` ("YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfDate(to, 0) - startOfDate(from, 0)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, for a "YYYY-MM-DD". */
export function weekday(key: string): number {
  return new Date(startOfDate(key, 0)).getUTCDay();
}

/** Every date from `from` to `to`, inclusive. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
  }
  return out;
}

/** Start of the week (Monday 00:00) containing the instant, in the given offset. */
export function startOfWeek(epochMs: number, offsetMinutes = BILLING_UTC_OFFSET_MINUTES): number {
  const day = dateKey(epochMs, offsetMinutes);
  const sinceMonday = (weekday(day) + 6) % 7;
  return startOfDate(addDays(day, -sinceMonday), offsetMinutes);
}

/**
 * The most recent occurrence, at or before `epochMs`, of day `dayOfMonth` at `timeOfDayMs` in the given
 * offset: when a monthly subscription cycle started. Months without that day use their last day.
 */
export function lastMonthlyAnniversary(
  epochMs: number,
  dayOfMonth: number,
  timeOfDayMs: number,
  offsetMinutes = BILLING_UTC_OFFSET_MINUTES,
): number {
  const at = (month: string): number =>
    startOfMonth(month, offsetMinutes) + (Math.min(dayOfMonth, daysInMonth(month)) - 1) * DAY_MS + timeOfDayMs;
  const month = monthKey(epochMs, offsetMinutes);
  const thisMonth = at(month);
  return thisMonth <= epochMs ? thisMonth : at(addMonths(month, -1));
}

/** The next occurrence after the anniversary `from` (see `lastMonthlyAnniversary`). */
export function nextMonthlyAnniversary(
  from: number,
  dayOfMonth: number,
  timeOfDayMs: number,
  offsetMinutes = BILLING_UTC_OFFSET_MINUTES,
): number {
  const next = addMonths(monthKey(from, offsetMinutes), 1);
  return (
    startOfMonth(next, offsetMinutes) + (Math.min(dayOfMonth, daysInMonth(next)) - 1) * DAY_MS + timeOfDayMs
  );
}
