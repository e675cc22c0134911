// The spending-limit panel's messages, both ways. The form is validated in the webview as the user types
// and again by the host on `save`; only the host talks to the account.
import * as v from 'valibot';
import { finiteNumber, l10nBundle, list, money, notice, ready, text, usageLimit } from './protocolSchemas';

const form = v.strictObject({
  enabled: v.boolean(),
  amount: text(64),
  alertThreshold: finiteNumber,
  emails: list(text(320), 100),
});

export const LimitWebviewMessageSchema = v.variant('type', [
  ready,
  v.strictObject({ type: v.literal('save'), form }),
  v.strictObject({ type: v.literal('refresh') }),
  v.strictObject({ type: v.literal('openConsole') }),
  v.strictObject({ type: v.literal('openSpending') }),
]);
export type LimitWebviewMessage = v.InferOutput<typeof LimitWebviewMessageSchema>;

export const LimitStateSchema = v.object({
  label: text(256),
  demo: v.boolean(),
  /** undefined while nothing has loaded; null when no limit was ever set. */
  limit: v.optional(v.nullable(usageLimit)),
  /** The account's currency: the limit's, else this month's spend's. */
  currency: v.optional(text(3)),
  monthSpend: v.optional(money),
  updatedAt: v.optional(finiteNumber),
  loading: v.boolean(),
  /** No connected account serves the spending limit. */
  unavailable: v.boolean(),
  error: v.optional(text(2000)),
});
export type LimitState = v.InferOutput<typeof LimitStateSchema>;

export const SAVE_OUTCOMES = ['saved', 'unchanged', 'cancelled', 'invalid', 'unsupported', 'failed'] as const;
export type SaveOutcome = (typeof SAVE_OUTCOMES)[number];

export const LimitHostMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('init'), l10n: l10nBundle }),
  v.strictObject({ type: v.literal('state'), state: LimitStateSchema }),
  v.strictObject({
    type: v.literal('saveResult'),
    outcome: v.picklist(SAVE_OUTCOMES),
    message: text(2000),
    errors: v.optional(v.object({ amount: v.optional(text(2000)), alertThreshold: v.optional(text(2000)), emails: v.optional(text(2000)) })),
  }),
  notice,
]);
export type LimitHostMessage = v.InferOutput<typeof LimitHostMessageSchema>;

export const isLimitWebviewMessage = (value: unknown): value is LimitWebviewMessage => v.is(LimitWebviewMessageSchema, value);
export const isLimitHostMessage = (value: unknown): value is LimitHostMessage => v.is(LimitHostMessageSchema, value);
