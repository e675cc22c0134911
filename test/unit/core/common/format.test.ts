import * as assert from 'node:assert/strict';
import { formatMoney } from '../../../../src/core/common/format';

describe('formatMoney', () => {
  it('formats each currency and locale with its own format, however they interleave', () => {
    assert.equal(formatMoney({ amount: 1234.5, currency: 'USD' }, 'en-US'), '$1,234.50');
    assert.equal(formatMoney({ amount: 1234.5, currency: 'CNY' }, 'en-US'), 'CN¥1,234.50');
    assert.equal(formatMoney({ amount: 1234.5, currency: 'USD' }, 'de-DE'), '1.234,50\u00a0$');
    assert.equal(formatMoney({ amount: 0.005, currency: 'USD' }, 'en-US'), '$0.01');
    assert.equal(formatMoney({ amount: 7, currency: 'CNY' }, 'en-US'), 'CN¥7.00');
  });

  it('still refuses a currency code that is not one', () => {
    assert.throws(() => formatMoney({ amount: 1, currency: 'not a code' }, 'en-US'), RangeError);
  });
});
