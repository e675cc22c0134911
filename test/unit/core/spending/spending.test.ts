import * as assert from 'node:assert/strict';
import type { LineItem } from '../../../../src/core/account/model';
import { aggregateSpending, periodsBetween, sumAmounts } from '../../../../src/core/spending/spending';

const item = (billingDate: string, model: string, amount: number, apiKeyId = 'k1'): LineItem => ({
  id: `${billingDate}-${model}-${amount}`,
  billingDate,
  billingMonth: billingDate.slice(0, 7),
  productionStep: 'Model inference',
  model,
  usage: { quantity: 1, unit: 'tokens' },
  amount,
  currency: 'USD',
  workspaceId: 'ws-1',
  apiKeyId,
  lineItem: 'Input tokens',
});

describe('spending aggregation', () => {
  const items = [item('2026-10-31', 'qwen-plus', 1.1), item('2026-11-01', 'qwen-plus', 0.1), item('2026-11-01', 'qwen-max', 0.2), item('2026-11-03', 'qwen-plus', 2, 'k2')];

  it('lists every period in the range, empty ones included', () => {
    assert.deepEqual(periodsBetween('2026-10-30', '2026-11-02', 'day'), ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    assert.deepEqual(periodsBetween('2026-11-15', '2027-01-02', 'month'), ['2026-11', '2026-12', '2027-01']);
  });

  it('groups by day and dimension without floating-point drift', () => {
    const series = aggregateSpending(items, { granularity: 'day', from: '2026-11-01', to: '2026-11-03', groupBy: 'model' }, 'USD');
    assert.deepEqual(series.periods.map((p) => [p.period, p.total]), [['2026-11-01', 0.3], ['2026-11-02', 0], ['2026-11-03', 2]]);
    assert.deepEqual(series.totals, [{ key: 'qwen-plus', name: 'qwen-plus', amount: 2.1 }, { key: 'qwen-max', name: 'qwen-max', amount: 0.2 }]);
  });

  it('groups by month and applies filters', () => {
    const series = aggregateSpending(items, { granularity: 'month', from: '2026-10-01', to: '2026-11-30', groupBy: 'apiKey', filter: { model: ['qwen-plus'] } }, 'USD', (_d, k) => `key ${k}`);
    assert.deepEqual(series.periods.map((p) => [p.period, p.total]), [['2026-10', 1.1], ['2026-11', 2.1]]);
    assert.deepEqual(series.totals.map((t) => t.name), ['key k2', 'key k1']);
  });

  it('sums many small amounts exactly', () => {
    assert.equal(sumAmounts(Array.from({ length: 1000 }, () => 0.1)), 100);
  });
});
