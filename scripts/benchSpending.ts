// Prints how long the spending panel's host-side work takes on large itemised lists: what the list's
// sort and paging, the chart's aggregation and the CSV export cost at 10,000 and 100,000 records (the
// model usage statistics are in bench/paygBench.ts).
// Run: npx tsc -p . && node out/scripts/benchSpending.js; `npm run bench` includes it.
import { performance } from 'node:perf_hooks';
import { pageOf, sortRows, toRow } from '../src/core/spending/lineItemTable';
import type { LineItem } from '../src/core/account/model';
import { aggregateSpending } from '../src/core/spending/spending';
import { lineItemsCsv } from '../src/core/spending/spendingCsv';
import type { BenchRow } from './bench/measure';
import { formatTable } from './bench/table';

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

/** Mean milliseconds of `rounds` runs after one warm-up. */
function time(run: () => unknown, rounds = 5): number {
  run();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    run();
  }
  return (performance.now() - started) / rounds;
}

export function spendingBench(): BenchRow[] {
  const command = 'node out/scripts/benchSpending.js';
  const rows: BenchRow[] = [];
  const row = (metric: string, ms: number): void => void rows.push({ metric, value: Number(ms.toFixed(1)), unit: 'ms', command });
  for (const count of [10_000, 100_000]) {
    const records = items(count);
    const names = { workspace: (id: string) => `Workspace ${id}`, apiKey: (id: string) => `Key ${id}` };
    const list = records.map((r) => toRow(r, names));
    const n = count.toLocaleString('en-US');
    row(`${n} records: rows with names`, time(() => records.map((r) => toRow(r, names))));
    row(`${n} records: sort by amount, then page 1 of the list`, time(() => pageOf(sortRows(list, { column: 'amount', direction: 'desc' }), 0)));
    row(`${n} records: sort by model (text), then page 1`, time(() => pageOf(sortRows(list, { column: 'model', direction: 'asc' }), 0)));
    row(
      `${n} records: chart, 12 months by model`,
      time(() => aggregateSpending(records, { granularity: 'month', from: '2026-01-01', to: '2026-12-31', groupBy: 'model' }, 'USD')),
    );
    row(
      `${n} records: chart, 365 days by API key`,
      time(() => aggregateSpending(records, { granularity: 'day', from: '2026-01-01', to: '2026-12-31', groupBy: 'apiKey' }, 'USD')),
    );
    const csv = lineItemsCsv(list);
    row(`${n} records: CSV of every row (${(csv.length / 1e6).toFixed(1)} MB)`, time(() => lineItemsCsv(list)));
  }
  return rows;
}

if (require.main === module) {
  console.log(formatTable(spendingBench().map((r) => ({ ...r, bench: 'spending' }))));
}
