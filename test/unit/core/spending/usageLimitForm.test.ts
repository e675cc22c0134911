import * as assert from 'node:assert/strict';
import type { UsageLimit } from '../../../../src/core/account/model';
import {
  describeLimitChanges,
  formFromLimit,
  MAX_EMAILS,
  parseLimitAmount,
  validateNewEmail,
  validateUsageLimitForm,
} from '../../../../src/core/spending/usageLimitForm';

const limit: UsageLimit = { enabled: true, amount: { amount: 300, currency: 'USD' }, alertThreshold: 80, emails: ['dev@example.com'] };

describe('the spending-limit form', () => {
  it('accepts plain and grouped amounts with the currency\'s decimals', () => {
    for (const [text, amount] of [
      ['250', 250],
      [' 250.5 ', 250.5],
      ['1,250.75', 1250.75],
      ['0.01', 0.01],
      ['10000000', 10_000_000],
    ] as const) {
      assert.deepEqual(parseLimitAmount(text, 'USD'), { ok: true, amount }, text);
    }
    assert.deepEqual(parseLimitAmount('5000', 'JPY'), { ok: true, amount: 5000 });
  });

  it('refuses amounts that are empty, not positive, too precise, too large or not plain numbers', () => {
    for (const text of ['', '   ', '0', '0.00', '-5', '+5', '1e3', '0x10', 'NaN', 'Infinity', '12.345', '1,2345', '12,34.5', '10000000.01', '½', '１２', '12 34', '<script>', '5.']) {
      const result = parseLimitAmount(text, 'USD');
      assert.equal(result.ok, false, JSON.stringify(text));
    }
    assert.equal(parseLimitAmount('50.5', 'JPY').ok, false, 'yen have no decimals');
  });

  it('says what is wrong with each kind of bad amount, not only that it is not a number', () => {
    const error = (text: string, currency = 'USD'): string => {
      const result = parseLimitAmount(text, currency);
      assert.ok(!result.ok, JSON.stringify(text));
      return result.error;
    };
    const cases: readonly (readonly [string, RegExp])[] = [
      ['', /Enter the monthly limit/],
      ['-5', /must be positive: leave out the minus sign/],
      ['- 12.50', /minus sign/],
      ['+5', /plus sign/],
      ['0', /more than zero/],
      ['0.00', /more than zero/],
      ['12.345', /USD amounts have at most 2 decimal places; this one has 3/],
      ['1e3', /without an exponent \(for example 250\.50\)/],
      ['0x10', /not hexadecimal/],
      ['$50', /without a currency symbol/],
      ['50 USD', /without a currency symbol/],
      ['12 345', /without spaces/],
      ['12,5', /Use a point for the decimals/],
      ['1,2345', /comma every three digits/],
      ['5.', /Add the decimals after the point/],
      ['.5', /digit before the decimal point, for example 0\.5/],
      ['1.2.3', /more than one decimal point/],
      ['１２', /digits 0 to 9/],
      ['10000000.01', /at most \$10,000,000/],
      ['abc', /Enter the limit as a number, for example 250\.50/],
    ];
    for (const [text, expected] of cases) {
      assert.match(error(text), expected, JSON.stringify(text));
    }
    assert.match(error('50.5', 'JPY'), /JPY amounts have no decimal places: enter a whole number/);
    assert.match(error('abc', 'JPY'), /for example 250\./);
    // Every kind of mistake has its own words.
    const messages = cases.map(([text]) => error(text));
    assert.ok(new Set(messages).size >= cases.length - 6, messages.join(' | '));
  });

  it('says what is wrong with a threshold: missing, below 1, above 100 or not whole', () => {
    const base = { enabled: true, amount: '100', emails: [] };
    const error = (alertThreshold: number): string => {
      const result = validateUsageLimitForm({ ...base, alertThreshold }, 'USD');
      assert.ok(!result.ok && result.errors.alertThreshold, String(alertThreshold));
      return result.errors.alertThreshold;
    };
    assert.match(error(Number.NaN), /Enter the alert threshold/);
    assert.match(error(0), /at least 1%/);
    assert.match(error(-1), /at least 1%/);
    assert.match(error(101), /at most 100%/);
    assert.match(error(Number.POSITIVE_INFINITY), /at most 100%/);
    assert.match(error(50.5), /whole percentage, without decimals/);
  });

  it('checks the threshold is a whole percentage from 1 to 100', () => {
    const base = { enabled: true, amount: '100', emails: [] };
    for (const alertThreshold of [1, 80, 100]) {
      assert.equal(validateUsageLimitForm({ ...base, alertThreshold }, 'USD').ok, true);
    }
    for (const alertThreshold of [0, 101, 50.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = validateUsageLimitForm({ ...base, alertThreshold }, 'USD');
      assert.ok(!result.ok && result.errors.alertThreshold, String(alertThreshold));
    }
  });

  it('validates a new address, without case-sensitive duplicates, up to the maximum', () => {
    assert.equal(validateNewEmail('ops@example.com', ['dev@example.com']), undefined);
    assert.match(validateNewEmail('DEV@Example.com ', ['dev@example.com']) ?? '', /already/);
    for (const bad of ['', 'dev', 'dev@', '@example.com', 'dev@example', 'a b@example.com', 'dev@exa mple.com', '"x"@y', `${'a'.repeat(250)}@example.com`]) {
      assert.notEqual(validateNewEmail(bad, []), undefined, JSON.stringify(bad));
    }
    const full = Array.from({ length: MAX_EMAILS }, (_, i) => `u${i}@example.com`);
    assert.match(validateNewEmail('one-more@example.com', full) ?? '', /At most 20/);
  });

  it('puts each problem next to its field and builds the limit when all is well', () => {
    const bad = validateUsageLimitForm({ enabled: true, amount: 'abc', alertThreshold: 0, emails: ['x@example.com', 'X@example.com'] }, 'USD');
    assert.ok(!bad.ok);
    assert.deepEqual(Object.keys(bad.errors).sort(), ['alertThreshold', 'amount', 'emails']);
    const good = validateUsageLimitForm({ enabled: false, amount: '1,000.5', alertThreshold: 90, emails: [' ops@example.com '] }, 'USD');
    assert.deepEqual(good, { ok: true, limit: { enabled: false, amount: { amount: 1000.5, currency: 'USD' }, alertThreshold: 90, emails: ['ops@example.com'] } });
    const tooMany = validateUsageLimitForm({ enabled: true, amount: '1', alertThreshold: 80, emails: Array.from({ length: 21 }, (_, i) => `u${i}@example.com`) }, 'USD');
    assert.ok(!tooMany.ok && tooMany.errors.emails);
  });

  it('starts from the saved limit, or from the defaults when there is none', () => {
    assert.deepEqual(formFromLimit(limit), { enabled: true, amount: '300', alertThreshold: 80, emails: ['dev@example.com'] });
    assert.equal(formFromLimit({ ...limit, amount: { amount: 12.5, currency: 'USD' } }).amount, '12.50');
    assert.deepEqual(formFromLimit(null), { enabled: true, amount: '', alertThreshold: 80, emails: [] });
  });

  it('describes what a save would change, and nothing when nothing changes', () => {
    assert.deepEqual(describeLimitChanges(limit, limit), []);
    assert.deepEqual(describeLimitChanges(limit, { ...limit, emails: ['DEV@example.com'] }), [], 'the same address in other case');
    assert.deepEqual(
      describeLimitChanges(limit, { enabled: false, amount: { amount: 250, currency: 'USD' }, alertThreshold: 90, emails: ['ops@example.com'] }),
      ['Turn the spending limit off', 'Monthly limit: $300.00 → $250.00', 'Alert at: 80% → 90%', 'Notify: ops@example.com', 'Stop notifying: dev@example.com'],
    );
    assert.equal(describeLimitChanges(null, limit).length, 4);
  });
});
