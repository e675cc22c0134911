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

/**
 * A positive amount, with at most the currency's decimals. Accepts "1200", "1200.50" and "1,200.50";
 * refuses signs, exponents, hex, words, and more decimals than the currency has.
 */
export function parseLimitAmount(text: string, currency: string): AmountResult {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: false, error: l10n.t('Enter the monthly limit.') };
  }
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replaceAll(',', '') : trimmed;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) {
    return { ok: false, error: l10n.t('Enter the limit as a number, for example 250 or 250.50.') };
  }
  const decimals = currencyDecimals(currency);
  if ((match[2]?.length ?? 0) > decimals) {
    return {
      ok: false,
      error:
        decimals === 0
          ? l10n.t('{0} amounts have no decimal places.', currency)
          : l10n.t('Use at most {0} decimal places.', decimals),
    };
  }
  const amount = Number(plain);
  if (!(amount > 0)) {
    return { ok: false, error: l10n.t('The limit must be more than zero.') };
  }
  if (amount > MAX_LIMIT_AMOUNT) {
    return { ok: false, error: l10n.t('The limit can be at most {0}.', formatMoney({ amount: MAX_LIMIT_AMOUNT, currency })) };
  }
  return { ok: true, amount };
}

export function validateThreshold(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100
    ? undefined
    : l10n.t('Choose a whole percentage from 1 to 100.');
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
