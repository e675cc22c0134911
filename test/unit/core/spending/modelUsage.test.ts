import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { DemoAccount } from '../../../../src/api/demo/demoAccount';
import type { LineItem } from '../../../../src/core/account/model';
import { aggregateModelUsage, foldModelUsage, totalTokens } from '../../../../src/core/spending/modelUsage';
import { aggregateSpending, OTHER_GROUP_KEY, sumAmounts } from '../../../../src/core/spending/spending';
import { modelUsageCsv } from '../../../../src/core/spending/spendingCsv';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const account = new DemoAccount();
const demoItems = account.lineItems('2026-11-01', '2026-11-26', NOW);

function item(date: string, model: string, extra: Partial<LineItem> = {}): LineItem {
  return {
    id: `${date}-${model}-${JSON.stringify(extra)}`,
    billingDate: date,
    billingMonth: date.slice(0, 7),
    productionStep: 'Model inference',
    model,
    usage: { quantity: 1, unit: 'tokens' },
    amount: 0.1,
    currency: 'USD',
    workspaceId: 'ws-1',
    apiKeyId: 'k1',
    lineItem: 'Input tokens',
    ...extra,
  };
}

describe('model usage statistics', () => {
  it('counts calls and tokens per model over the range, adding up to the records', () => {
    const usage = aggregateModelUsage(demoItems, { granularity: 'day', from: '2026-11-01', to: '2026-11-26' }, 'USD');
    assert.equal(usage.periods.length, 26);
    assert.deepEqual(usage.reported, { calls: true, tokens: true });
    const sum = (pick: (i: LineItem) => number | undefined): number => demoItems.reduce((a, i) => a + (pick(i) ?? 0), 0);
    assert.equal(usage.total.calls, sum((i) => i.calls));
    assert.equal(usage.total.inputTokens, sum((i) => i.inputTokens));
    assert.equal(usage.total.outputTokens, sum((i) => i.outputTokens));
    assert.equal(usage.total.records, demoItems.length);
    assert.ok(usage.total.calls > 10_000, String(usage.total.calls));
    // The spend per model is the chart's, to the micro-unit.
    const chart = aggregateSpending(demoItems, { granularity: 'month', from: '2026-11-01', to: '2026-11-26', groupBy: 'model' }, 'USD');
    for (const m of usage.models) {
      assert.equal(m.amount, chart.totals.find((t) => t.key === m.model)?.amount, m.model);
    }
    // Each period adds up to its models, and the periods to the whole.
    for (const p of usage.periods) {
      assert.equal(p.models.reduce((a, m) => a + m.calls, 0), p.total.calls, p.period);
    }
    assert.equal(usage.periods.reduce((a, p) => a + totalTokens(p.total), 0), totalTokens(usage.total));
  });

  it('orders models by calls, then tokens, and keeps that order in every period', () => {
    const usage = aggregateModelUsage(demoItems, { granularity: 'day', from: '2026-11-01', to: '2026-11-26' }, 'USD');
    const calls = usage.models.map((m) => m.calls);
    assert.deepEqual(calls, [...calls].sort((a, b) => b - a));
    const rank = new Map(usage.models.map((m, i) => [m.model, i]));
    for (const p of usage.periods) {
      const ranks = p.models.map((m) => rank.get(m.model)!);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), p.period);
    }
  });

  it('applies the chart\'s range, granularity and filters', () => {
    const byMonth = aggregateModelUsage(account.lineItems('2026-09-01', '2026-11-26', NOW), { granularity: 'month', from: '2026-09-15', to: '2026-11-26' }, 'USD');
    assert.deepEqual(byMonth.periods.map((p) => p.period), ['2026-09', '2026-10', '2026-11']);
    const filtered = aggregateModelUsage(demoItems, { granularity: 'day', from: '2026-11-01', to: '2026-11-26', filter: { model: ['qwen-plus'], productionStep: ['Model inference'] } }, 'USD');
    assert.deepEqual(filtered.models.map((m) => m.model), ['qwen-plus']);
    const expected = demoItems.filter((i) => i.model === 'qwen-plus' && i.productionStep === 'Model inference');
    assert.equal(filtered.total.calls, expected.reduce((a, i) => a + (i.calls ?? 0), 0));
    assert.equal(filtered.total.amount, sumAmounts(expected.map((i) => i.amount)));
  });

  it('says when the records report no calls (tokens only, as the gateway\'s rows do), and orders by tokens then', () => {
    const items = [
      item('2026-11-02', 'qwen-plus', { inputTokens: 500 }),
      item('2026-11-02', 'qwen3-max', { inputTokens: 2_000 }),
      item('2026-11-03', 'qwen3-max', { outputTokens: 700, lineItem: 'Output tokens' }),
      item('2026-11-03', 'qwen-plus', { lineItem: 'Web search calls', usage: { quantity: 3, unit: 'calls' } }),
    ];
    const usage = aggregateModelUsage(items, { granularity: 'day', from: '2026-11-01', to: '2026-11-03' }, 'USD');
    assert.deepEqual(usage.reported, { calls: false, tokens: true });
    assert.deepEqual(usage.models.map((m) => [m.model, m.inputTokens, m.outputTokens, m.records]), [
      ['qwen3-max', 2_000, 700, 2],
      ['qwen-plus', 500, 0, 2],
    ]);
    assert.equal(usage.periods[0]?.models.length, 0, 'an empty first day');
    const raw: unknown = parse(modelUsageCsv(usage), { bom: true });
    const csv = raw as string[][];
    assert.deepEqual(csv[0], ['Period', 'Model', 'Calls', 'Input tokens', 'Output tokens', 'Amount (USD)']);
    assert.deepEqual(csv[1], ['2026-11-02', 'qwen3-max', '', '2000', '0', '0.1'], 'calls not reported: left empty, not 0');
    assert.equal(csv.length, 5);
    const nothing = aggregateModelUsage([], { granularity: 'day', from: '2026-11-01', to: '2026-11-03' }, 'USD');
    assert.deepEqual([nothing.models, nothing.reported, nothing.total.calls], [[], { calls: false, tokens: false }, 0]);
  });

  it('folds the least used models into "Other" per period, keeping every total', () => {
    const usage = aggregateModelUsage(demoItems, { granularity: 'day', from: '2026-11-01', to: '2026-11-26' }, 'USD');
    assert.ok(usage.models.length > 3);
    const folded = foldModelUsage(usage, 3, 'Other');
    assert.deepEqual(folded.models, usage.models, 'per-model totals stay whole');
    for (let i = 0; i < usage.periods.length; i++) {
      const p = folded.periods[i]!;
      assert.ok(p.models.length <= 4);
      assert.deepEqual(p.total, usage.periods[i]!.total);
      assert.equal(p.models.reduce((a, m) => a + m.calls, 0), p.total.calls);
      assert.ok(p.models.slice(0, -1).every((m) => m.model !== OTHER_GROUP_KEY));
    }
    assert.ok(folded.periods.some((p) => p.models.at(-1)?.model === OTHER_GROUP_KEY && p.models.at(-1)?.name === 'Other'));
    assert.equal(foldModelUsage(usage, 50, 'Other'), usage, 'nothing to fold');
  });

  it('writes the CSV a pivot table reads: one row per period and model', () => {
    const usage = aggregateModelUsage(demoItems, { granularity: 'day', from: '2026-11-20', to: '2026-11-26' }, 'USD');
    const raw: unknown = parse(modelUsageCsv(usage), { bom: true });
    const [header, ...rows] = raw as string[][];
    assert.equal(header?.length, 6);
    assert.equal(rows.length, usage.periods.reduce((a, p) => a + p.models.length, 0));
    assert.equal(rows.reduce((a, r) => a + Number(r[2]), 0), usage.total.calls);
    assert.ok(rows.every((r) => /^\d+$/.test(r[3] ?? '') && /^\d+(\.\d+)?$/.test(r[5] ?? '')));
  });
});
