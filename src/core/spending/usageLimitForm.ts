// The spending-limit form: what the user typed, checked field by field. The webview runs it as the user
// types (errors next to their fields, nothing sent while any remain) and the extension host runs it again
// on every message, so a tampered or buggy webview cannot save a bad limit.
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';
import { formatMoney } from '../common/format';
import type { UsageLimit } from '../account/model';

/** The form as the webview holds it: the amount stays text so "12.345" can be refused, not rounded. */
export interface UsageLimitForm {
  readonly enabled: boolean;
  readonly amount: string;
  readonly alertThreshold: number;
  readonly emails: readonly string[];
}

export type LimitField = 'amount' | 'alertThreshold' | 'emails';
export type LimitFormErrors = Partial<Record<LimitField, string>>;

export const DEFAULT_ALERT_THRESHOLD = 80;
export const MAX_EMAILS = 20;
/** Far above any pay-as-you-go bill, low enough that a slipped finger is caught. */
export const MAX_LIMIT_AMOUNT = 10_000_000;
/** RFC 5321's limit on a forward path. */
const MAX_EMAIL_LENGTH = 254;

const emailSchema = v.pipe(v.string(), v.maxLength(MAX_EMAIL_LENGTH), v.email());

/** Decimal places the currency is billed in (2 for USD and CNY, 0 for JPY). */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type AmountResult = { readonly ok: true; readonly amount: number } | { readonly ok: false; readonly error: string };

/** What is wrong with text that is not a plain decimal amount, said as specifically as the text allows. */
function notAnAmount(text: string, decimals: number): string {
  const example = decimals === 0 ? '250' : `250.${'5'.padEnd(decimals, '0')}`;
  if (/^-\s*[\d.,]+$/.test(text)) {
    return l10n.t('The limit must be positive: leave out the minus sign.');
  }
  if (/^\+\s*[\d.,]+$/.test(text)) {
    return l10n.t('Leave out the plus sign: the limit is always positive.');
  }
  if (/^[\d.]+e[+-]?\d+$/i.test(text)) {
    return l10n.t('Write the amount out in digits, without an exponent (for example {0}).', example);
  }
  if (/^0x[\da-f]+$/i.test(text)) {
    return l10n.t('Enter the amount in decimal digits, not hexadecimal.');
  }
  if (/^[^\d\s]{1,3}\s*[\d.,]+$|^[\d.,]+\s*[^\d\s.,]{1,3}$/u.test(text) && /[$¥€£]|[A-Z]{3}/u.test(text)) {
    return l10n.t('Enter the amount without a currency symbol or code.');
  }
  if (/^\d+(\s\d+)+(\.\d+)?$/.test(text)) {
    return l10n.t('Enter the amount without spaces.');
  }
  if (/^\d+,\d{1,2}$/.test(text) && decimals > 0) {
    return l10n.t('Use a point for the decimals, for example {0}.', example);
  }
  if (/^[\d,]+(\.\d+)?$/.test(text)) {
    return l10n.t('Group thousands with a comma every three digits (1,250.50), or leave the commas out.');
  }
  if (/^\d+\.$/.test(text)) {
    return l10n.t('Add the decimals after the point, or leave the point out.');
  }
  if (/^\.\d+$/.test(text)) {
    return l10n.t('Put a digit before the decimal point, for example 0{0}.', text);
  }
  if (/\.\d*\./.test(text)) {
    return l10n.t('The amount has more than one decimal point.');
  }
  if (/^\p{Nd}+$/u.test(text)) {
    return l10n.t('Enter the amount in the digits 0 to 9.');
  }
  return l10n.t('Enter the limit as a number, for example {0}.', example);
}

/**
 * A positive amount, with at most the currency's decimals. Accepts "1200", "1200.50" and "1,200.50";
 * refuses signs, exponents, hex, words, and more decimals than the currency has, each with its own reason.
 */
export function parseLimitAmount(text: string, currency: string): AmountResult {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: false, error: l10n.t('Enter the monthly limit.') };
  }
  const decimals = currencyDecimals(currency);
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replaceAll(',', '') : trimmed;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) {
    return { ok: false, error: notAnAmount(trimmed, decimals) };
  }
  const places = match[2]?.length ?? 0;
  if (places > decimals) {
    return {
      ok: false,
      error:
        decimals === 0
          ? l10n.t('{0} amounts have no decimal places: enter a whole number.', currency)
          : l10n.t('{0} amounts have at most {1} decimal places; this one has {2}.', currency, decimals, places),
    };
  }
  const amount = Number(plain);
  if (!(amount > 0)) {
    return { ok: false, error: l10n.t('The limit must be more than zero. To stop limiting spend, turn the limit off instead.') };
  }
  if (amount > MAX_LIMIT_AMOUNT) {
    return { ok: false, error: l10n.t('The limit can be at most {0}.', formatMoney({ amount: MAX_LIMIT_AMOUNT, currency })) };
  }
  return { ok: true, amount };
}

/** Why the alert threshold cannot be used, or undefined when it can: a whole percentage from 1 to 100. */
export function validateThreshold(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return l10n.t('Enter the alert threshold, a whole percentage from 1 to 100.');
  }
  if (!Number.isFinite(value) || value > 100) {
    return l10n.t('The alert threshold can be at most 100%: an alert above the limit would come too late.');
  }
  if (value < 1) {
    return l10n.t('The alert threshold must be at least 1%.');
  }
  if (!Number.isInteger(value)) {
    return l10n.t('The alert threshold is a whole percentage, without decimals.');
  }
  return undefined;
}

/** Emails compare without case: the same mailbox typed twice is a duplicate. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why `email` cannot join `existing`, or undefined when it can. */
export function validateNewEmail(email: string, existing: readonly string[]): string | undefined {
  const candidate = email.trim();
  if (candidate === '') {
    return l10n.t('Enter an email address.');
  }
  if (!v.safeParse(emailSchema, candidate).success) {
    return l10n.t('"{0}" is not a valid email address.', candidate.length > 60 ? `${candidate.slice(0, 57)}…` : candidate);
  }
  if (existing.some((e) => normaliseEmail(e) === normaliseEmail(candidate))) {
    return l10n.t('{0} is already on the list.', candidate);
  }
  if (existing.length >= MAX_EMAILS) {
    return l10n.t('At most {0} addresses can be notified.', MAX_EMAILS);
  }
  return undefined;
}

function validateEmails(emails: readonly string[]): string | undefined {
  if (emails.length > MAX_EMAILS) {
    return l10n.t('At most {0} addresses can be notified.', MAX_EMAILS);
  }
  const seen: string[] = [];
  for (const email of emails) {
    const error = validateNewEmail(email, seen);
    if (error) {
      return error;
    }
    seen.push(email);
  }
  return undefined;
}

export type LimitFormResult =
  | { readonly ok: true; readonly limit: UsageLimit }
  | { readonly ok: false; readonly errors: LimitFormErrors };

/** Checks every field; a valid form becomes the `UsageLimit` to save, in the account's currency. */
export function validateUsageLimitForm(form: UsageLimitForm, currency: string): LimitFormResult {
  const errors: LimitFormErrors = {};
  const amount = parseLimitAmount(form.amount, currency);
  if (!amount.ok) {
    errors.amount = amount.error;
  }
  const threshold = validateThreshold(form.alertThreshold);
  if (threshold) {
    errors.alertThreshold = threshold;
  }
  const emails = validateEmails(form.emails);
  if (emails) {
    errors.emails = emails;
  }
  if (!amount.ok || threshold || emails) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    limit: {
      enabled: form.enabled,
      amount: { amount: amount.amount, currency },
      alertThreshold: form.alertThreshold,
      emails: form.emails.map((e) => e.trim()),
    },
  };
}

/** The form showing a saved limit, or the defaults when none was ever set. */
export function formFromLimit(limit: UsageLimit | null | undefined): UsageLimitForm {
  if (!limit) {
    return { enabled: true, amount: '', alertThreshold: DEFAULT_ALERT_THRESHOLD, emails: [] };
  }
  const decimals = currencyDecimals(limit.amount.currency);
  const amount = Number.isInteger(limit.amount.amount) ? String(limit.amount.amount) : limit.amount.amount.toFixed(decimals);
  return { enabled: limit.enabled, amount, alertThreshold: limit.alertThreshold, emails: [...limit.emails] };
}

/** What saving would change, one line each, for the confirmation; empty when nothing would. */
export function describeLimitChanges(before: UsageLimit | null | undefined, after: UsageLimit): string[] {
  const changes: string[] = [];
  const enabledBefore = before?.enabled ?? false;
  if (!before || enabledBefore !== after.enabled) {
    changes.push(after.enabled ? l10n.t('Turn the spending limit on') : l10n.t('Turn the spending limit off'));
  }
  if (!before || before.amount.amount !== after.amount.amount || before.amount.currency !== after.amount.currency) {
    changes.push(
      before
        ? l10n.t('Monthly limit: {0} → {1}', formatMoney(before.amount), formatMoney(after.amount))
        : l10n.t('Monthly limit: {0}', formatMoney(after.amount)),
    );
  }
  if (!before || before.alertThreshold !== after.alertThreshold) {
    changes.push(
      before
        ? l10n.t('Alert at: {0}% → {1}%', before.alertThreshold, after.alertThreshold)
        : l10n.t('Alert at: {0}%', after.alertThreshold),
    );
  }
  const had = new Set((before?.emails ?? []).map(normaliseEmail));
  const has = new Set(after.emails.map(normaliseEmail));
  const added = after.emails.filter((e) => !had.has(normaliseEmail(e)));
  const removed = (before?.emails ?? []).filter((e) => !has.has(normaliseEmail(e)));
  if (added.length > 0) {
    changes.push(l10n.t('Notify: {0}', added.join(', ')));
  }
  if (removed.length > 0) {
    changes.push(l10n.t('Stop notifying: {0}', removed.join(', ')));
  }
  return changes;
}
