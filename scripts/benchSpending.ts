// Prints how long the spending panel's host-side work takes on large itemised lists: what the list's
// sort and paging, the chart's aggregation, the model usage statistics and the CSV exports cost at
// 10,000 and 100,000 records.
// Run: npx tsc -p . && node out/scripts/benchSpending.js
import { performance } from 'node:perf_hooks';
import { pageOf, sortRows, toRow } from '../src/core/lineItemTable';
import type { LineItem } from '../src/core/model';
import { aggregateModelUsage, foldModelUsage } from '../src/core/modelUsage';
import { aggregateSpending } from '../src/core/spending';
import { lineItemsCsv, modelUsageCsv } from '../src/core/spendingCsv';

const MODELS = ['qwen3-coder-plus', 'qwen-plus', 'qwen3-max', 'qwen-flash', 'qwen3-vl-plus', 'text-embedding-v4'];

function items(count: number): LineItem[] {
  const out: LineItem[] = [];
  for (let i = 0; i < count; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const input = i % 2 === 1;
    const tokens = (i * 7919) % 100_000;
    out.push({
      id: `r${i}`,
      billingDate: date,
      billingMonth: date.slice(0, 7),
      productionStep: i % 17 === 0 ? 'Batch inference' : 'Model inference',
      model: MODELS[i % MODELS.length] ?? 'qwen-plus',
      usage: { quantity: (i * 7919) % 100_000, unit: 'tokens' },
      amount: ((i * 104_729) % 1_000_000) / 1e6,
      currency: 'USD',
      workspaceId: `ws-${i % 3}`,
      apiKeyId: `k${i % 25}`,
      lineItem: input ? 'Input tokens' : 'Output tokens',
      // As the demo reports them: calls on the input row, tokens on each.
      ...(input ? { calls: 1 + (i % 40), inputTokens: tokens } : { outputTokens: tokens }),
    });
  }
  return out;
}

function time(label: string, run: () => unknown): void {
  run();
  const rounds = 5;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    run();
  }
  console.log(`${label.padEnd(52)} ${((performance.now() - started) / rounds).toFixed(1).padStart(8)} ms`);
}

for (const count of [10_000, 100_000]) {
  const records = items(count);
  const names = { workspace: (id: string) => `Workspace ${id}`, apiKey: (id: string) => `Key ${id}` };
  const rows = records.map((r) => toRow(r, names));
  console.log(`${count.toLocaleString('en-US')} records`);
  time('  rows with names', () => records.map((r) => toRow(r, names)));
  time('  sort by amount, then page 1 of the list', () => pageOf(sortRows(rows, { column: 'amount', direction: 'desc' }), 0));
  time('  sort by model (text), then page 1', () => pageOf(sortRows(rows, { column: 'model', direction: 'asc' }), 0));
  time('  chart: 12 months by model', () =>
    aggregateSpending(records, { granularity: 'month', from: '2026-01-01', to: '2026-12-31', groupBy: 'model' }, 'USD'),
  );
  time('  chart: 365 days by API key', () =>
    aggregateSpending(records, { granularity: 'day', from: '2026-01-01', to: '2026-12-31', groupBy: 'apiKey' }, 'USD'),
  );
  time('  model usage: 365 days by model (chart)', () =>
    foldModelUsage(aggregateModelUsage(records, { granularity: 'day', from: '2026-01-01', to: '2026-12-31' }, 'USD'), 8, 'Other'),
  );
  const usage = aggregateModelUsage(records, { granularity: 'day', from: '2026-01-01', to: '2026-12-31' }, 'USD');
  const usageCsv = modelUsageCsv(usage);
  time(`  model usage CSV (${(usageCsv.length / 1e3).toFixed(0)} KB)`, () => modelUsageCsv(usage));
  const csv = lineItemsCsv(rows);
  time(`  CSV of every row (${(csv.length / 1e6).toFixed(1)} MB)`, () => lineItemsCsv(rows));
}
