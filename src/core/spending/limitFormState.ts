// What the spending-limit webview keeps of the user's typing while the panel is hidden, reloaded or
// restored: the form as typed, the address being added, and the limit the edit started from. On return
// each field the user had changed wins over the account's value; the others follow the account.
import * as v from 'valibot';
import type { UsageLimit } from '../account/model';
import { formFromLimit, type UsageLimitForm } from './usageLimitForm';

/** The form's fields, in the order the form shows them. */
export const LIMIT_FORM_FIELDS = ['enabled', 'amount', 'alertThreshold', 'emails'] as const;
export type LimitFormField = (typeof LIMIT_FORM_FIELDS)[number];

/** What the webview saves with `setState`: plain JSON (an empty threshold, NaN in the form, is null). */
export interface SavedLimitDraft {
  readonly kind: 'limitDraft';
  readonly form: {
    readonly enabled: boolean;
    readonly amount: string;
    readonly alertThreshold: number | null;
    readonly emails: readonly string[];
  };
  readonly newEmail: string;
  /** The account's limit when the edit started; null when none was set. */
  readonly base: UsageLimit | null;
}

// What comes back from getState may be from an older build or anything at all: read it with care, and
// bound it as the host bounds the form.
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const SavedLimitDraftSchema = v.object({
  kind: v.literal('limitDraft'),
  form: v.object({
    enabled: v.boolean(),
    amount: text(64),
    alertThreshold: v.nullable(v.number()),
    emails: v.pipe(v.array(text(320)), v.maxLength(100)),
  }),
  newEmail: text(320),
  base: v.nullable(
    v.object({
      enabled: v.boolean(),
      amount: v.object({ amount: v.number(), currency: text(3) }),
      alertThreshold: v.number(),
      emails: v.pipe(v.array(text(320)), v.maxLength(100)),
    }),
  ),
});

function sameValue(field: LimitFormField, a: UsageLimitForm, b: UsageLimitForm): boolean {
  return field === 'emails' ? JSON.stringify(a.emails) === JSON.stringify(b.emails) : Object.is(a[field], b[field]);
}

/** The fields of `form` that differ from the form showing `base`. */
export function editedFields(form: UsageLimitForm, base: UsageLimit | null): LimitFormField[] {
  const shown = formFromLimit(base);
  return LIMIT_FORM_FIELDS.filter((field) => !sameValue(field, form, shown));
}

/** The draft to save, or undefined when nothing is typed that the account does not already show. */
export function saveLimitDraft(form: UsageLimitForm, base: UsageLimit | null, newEmail: string): SavedLimitDraft | undefined {
  if (editedFields(form, base).length === 0 && newEmail === '') {
    return undefined;
  }
  return {
    kind: 'limitDraft',
    form: {
      enabled: form.enabled,
      amount: form.amount,
      alertThreshold: Number.isFinite(form.alertThreshold) ? form.alertThreshold : null,
      emails: [...form.emails],
    },
    newEmail,
    base,
  };
}

export interface RestoredLimitForm {
  readonly form: UsageLimitForm;
  /** The fields taken from the draft: the user's edits, still unsaved. */
  readonly edited: LimitFormField[];
  readonly newEmail: string;
}

/**
 * The form to show once the account's `limit` has arrived, given what the webview saved (anything, or
 * nothing). A field the user had changed from the limit the edit started from keeps the typed value;
 * every other field shows the account's current limit.
 */
export function restoreLimitForm(saved: unknown, limit: UsageLimit | null): RestoredLimitForm {
  const current = formFromLimit(limit);
  const parsed = v.safeParse(SavedLimitDraftSchema, saved);
  if (!parsed.success) {
    return { form: current, edited: [], newEmail: '' };
  }
  const draft = parsed.output;
  const typed: UsageLimitForm = { ...draft.form, alertThreshold: draft.form.alertThreshold ?? Number.NaN };
  const changedFromStart = editedFields(typed, draft.base);
  const pick = <F extends LimitFormField>(field: F): UsageLimitForm[F] => (changedFromStart.includes(field) ? typed[field] : current[field]);
  const form: UsageLimitForm = { enabled: pick('enabled'), amount: pick('amount'), alertThreshold: pick('alertThreshold'), emails: pick('emails') };
  // A typed value the account now has anyway is no edit any more.
  const edited = changedFromStart.filter((field) => !sameValue(field, form, current));
  return { form, edited, newEmail: draft.newEmail };
}
