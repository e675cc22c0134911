import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { LineItemRow } from '../../../../src/core/spending/lineItemTable';
import { csvNumber, lineItemsCsv, lineItemsCsvParts, seriesCsv } from '../../../../src/core/spending/spendingCsv';

const row = (overrides: Partial<LineItemRow> = {}): LineItemRow => ({
  id: 'r1',
  billingDate: '2026-01-02',
  billingMonth: '2026-01',
  productionStep: 'Model inference',
  jobId: '',
  model: 'qwen-plus',
  usage: 1200,
  unit: 'tokens',
  amount: 0.00048,
  currency: 'USD',
  workspace: 'Default workspace',
  apiKey: 'CI pipeline (sk-ab12…9f3c)',
  lineItem: 'Input tokens',
  ...overrides,
});

const read = (csv: string): string[][] => {
  const records: unknown = parse(csv, { bom: true });
  return records as string[][];
};

describe('CSV export', () => {
  it('writes the console columns with usage and amount as plain numbers', () => {
    const csv = lineItemsCsv([row(), row({ amount: 1234567.5, usage: 3 })]);
    assert.ok(csv.startsWith('\uFEFF'), 'starts with a byte-order mark for spreadsheets');
    assert.ok(csv.includes('\r\n'), 'CRLF records');
    const [header, first, second] = read(csv);
    assert.deepEqual(header, [
      'Billing date',
      'Billing month',
      'Production step',
      'Job ID',
      'Model',
      'Usage',
      'Usage unit',
      'Amount',
      'Currency',
      'Workspace',
      'API key',
      'Line item',
    ]);
    assert.deepEqual(first, ['2026-01-02', '2026-01', 'Model inference', '', 'qwen-plus', '1200', 'tokens', '0.00048', 'USD', 'Default workspace', 'CI pipeline (sk-ab12…9f3c)', 'Input tokens']);
    assert.equal(second?.[7], '1234567.5');
  });

  it('quotes commas, quotes and line breaks so hostile names read back unchanged', () => {
    const nasty = 'a "quoted", multi\r\nline\nname';
    const [, record] = read(lineItemsCsv([row({ model: nasty, workspace: '中文工作空间' })]));
    assert.equal(record?.[4], nasty);
    assert.equal(record?.[9], '中文工作空间');
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative amounts', () => {
    const [, record] = read(lineItemsCsv([row({ model: '=HYPERLINK("http://x")', lineItem: '@SUM(A1)', apiKey: '+1', amount: -2.5 })]));
    assert.equal(record?.[4], '\'=HYPERLINK("http://x")');
    assert.equal(record?.[11], "'@SUM(A1)");
    assert.equal(record?.[10], "'+1");
    assert.equal(record?.[7], '-2.5');
  });

  it('writes numbers without exponents or grouping', () => {
    assert.equal(csvNumber(1e-7), '0');
    assert.equal(csvNumber(0.000001), '0.000001');
    assert.equal(csvNumber(123456789.123), '123456789.123');
    assert.equal(csvNumber(-0), '0');
    assert.equal(csvNumber(Number.NaN), '');
    assert.equal(csvNumber(2), '2');
  });

  it('round-trips any text through csv-parse', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (name, amount) => {
        const [, record] = read(lineItemsCsv([row({ model: name, amount })]));
        const expected = /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
        assert.equal(record?.[4], expected);
        // Six decimals, so half a millionth at most, plus the double's own rounding at large magnitudes
        // (-258443640.6970245 is stored just below its half-way point and prints as ...697024).
        assert.ok(Math.abs(Number(record?.[7]) - amount) <= 5e-7 + Math.abs(amount) * 1e-15, `${record?.[7]} vs ${amount}`);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a long list in pieces that add up to the whole, with one header and one byte-order mark', () => {
    const rows = Array.from({ length: 4500 }, (_, i) => row({ id: `r${i}`, amount: i / 100 }));
    const parts = [...lineItemsCsvParts(rows)];
    assert.equal(parts.length, 1 + 3, 'the header, then 2000 + 2000 + 500 rows');
    const whole = parts.join('');
    assert.equal(whole.split('\uFEFF').length, 2);
    const records = read(whole);
    assert.equal(records.length, 4501);
    assert.equal(records[4500]?.[7], '44.99');
  });

  it('writes the chart as one row per period and one column per group', () => {
    const csv = seriesCsv({
      currency: 'USD',
      granularity: 'month',
      groupBy: 'model',
      periods: [
        { period: '2026-01', total: 3, parts: [{ key: 'a', name: 'Model, A', amount: 2 }, { key: 'b', name: 'B', amount: 1 }] },
        { period: '2026-02', total: 0.5, parts: [{ key: 'b', name: 'B', amount: 0.5 }] },
      ],
      totals: [{ key: 'a', name: 'Model, A', amount: 2 }, { key: 'b', name: 'B', amount: 1.5 }],
    });
    assert.deepEqual(read(csv), [
      ['Period', 'Model, A', 'B', 'Total (USD)'],
      ['2026-01', '2', '1', '3'],
      ['2026-02', '0', '0.5', '0.5'],
    ]);
  });
});
