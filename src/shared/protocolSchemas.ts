// Schema pieces both panels' protocols are built from. Every message, both ways, is checked against its
// schema before it is acted on: the host never trusts the webview, and the webview never renders a shape
// it does not know. Bounds on lengths keep a hostile message from costing memory or time.
import * as v from 'valibot';

/** A readonly array of at most `max` items. */
export const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max), v.readonly());

export const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const finiteNumber = v.pipe(v.number(), v.finite());

export const dateString = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
export const currencyCode = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/));

/** The UI-language bundle VS Code loaded, handed to the webview so it speaks the same language. */
export const l10nBundle = v.optional(v.record(text(2000), text(4000)));

export const money = v.object({ amount: finiteNumber, currency: currencyCode });

export const usageLimit = v.object({
  enabled: v.boolean(),
  amount: money,
  alertThreshold: finiteNumber,
  emails: list(text(320), 100),
});

export const ready = v.strictObject({ type: v.literal('ready') });

/** A short message for the user, shown in the panel. */
export const notice = v.strictObject({
  type: v.literal('notice'),
  level: v.picklist(['info', 'warning', 'error']),
  message: text(2000),
});
