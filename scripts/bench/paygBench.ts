// The pay-as-you-go figures: what one redraw of the status bar item costs (it redraws once a minute while a
// window is focused, and on every new snapshot), and what the spending panel's model usage statistics
// and their CSV cost on 100,000 itemised records.
import { DemoAccount } from '../../src/api/demo/demoAccount';
import type { SourceInfo } from '../../src/core/account/source';
import { dateKey, MINUTE_MS } from '../../src/core/common/calendar';
import type { LineItem, MonthSpend } from '../../src/core/account/model';
import { aggregateModelUsage, foldModelUsage } from '../../src/core/spending/modelUsage';
import { aggregateSpending, sumAmounts } from '../../src/core/spending/spending';
import { modelUsageCsv } from '../../src/core/spending/spendingCsv';
import { presentSpend, type SpendMeterOptions } from '../../src/core/spending/spendMeter';
import type { Snapshot } from '../../src/core/account/store';
import type { BenchRow } from './measure';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const DEMO: SourceInfo = { kind: 'demo', label: 'Demo' };
const MODELS = ['qwen3-coder-plus', 'qwen-plus', 'qwen3-max', 'qwen-flash', 'qwen3-vl-plus', 'text-embedding-v4'];

/** Mean milliseconds per run, after a warm-up run. */
function mean(runs: number, body: (i: number) => unknown): number {
  body(0);
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    body(i);
  }
  return (performance.now() - started) / runs;
}

/** A year of records over six models, calls and tokens as the demo reports them. */
function records(count: number): LineItem[] {
  const out: LineItem[] = [];
  for (let i = 0; i < count; i++) {
    const date = `2026-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const input = i % 2 === 1;
    out.push({
      id: `r${i}`,
      billingDate: date,
      billingMonth: date.slice(0, 7),
      productionStep: 'Model inference',
      model: MODELS[i % MODELS.length] ?? 'qwen-plus',
      usage: { quantity: (i * 7919) % 100_000, unit: 'tokens' },
      amount: ((i * 104_729) % 1_000_000) / 1e6,
      currency: 'USD',
      workspaceId: 'ws-1',
      apiKeyId: `k${i % 25}`,
      lineItem: input ? 'Input tokens' : 'Output tokens',
      ...(input ? { calls: 1 + (i % 40), inputTokens: (i * 7919) % 100_000 } : { outputTokens: (i * 7919) % 100_000 }),
    });
  }
  return out;
}

export function paygBench(): BenchRow[] {
  const account = new DemoAccount();
  const items = account.lineItems('2026-11-01', dateKey(NOW), NOW);
  const snapshot = <T>(value: T): Snapshot<T> => ({ value, fetchedAt: NOW, source: DEMO, loading: false, unavailable: false });
  const spend: MonthSpend = { month: '2026-11', total: { amount: sumAmounts(items.map((i) => i.amount)), currency: 'USD' }, daily: [] };
  const month = { granularity: 'month', from: '2026-11-01', to: dateKey(NOW) } as const;
  const input = {
    spend: snapshot(spend),
    limit: snapshot(account.usageLimit()),
    freeQuota: snapshot(account.freeQuota(NOW)),
    tops: {
      month: '2026-11',
      models: aggregateSpending(items, { ...month, groupBy: 'model' }, 'USD').totals,
      apiKeys: aggregateSpending(items, { ...month, groupBy: 'apiKey' }, 'USD').totals,
    },
  };
  const options: SpendMeterOptions = {
    format: 'amount',
    staleAfterMs: 31 * MINUTE_MS,
    commands: { showSpending: 's', showSpendingLimit: 'l' },
    describeError: (e) => e.message,
    locale: 'en-US',
  };
  const redraw = mean(2000, (i) => presentSpend(input, NOW + i * 1000, options));

  const many = records(100_000);
  const year = { granularity: 'day', from: '2026-01-01', to: '2026-12-31' } as const;
  const usage = mean(5, () => foldModelUsage(aggregateModelUsage(many, year, 'USD'), 8, 'Other'));
  const full = aggregateModelUsage(many, year, 'USD');
  const csv = mean(5, () => modelUsageCsv(full));
  return [
    { metric: 'status bar item: one redraw (tops, free quota), mean', value: redraw.toFixed(2), unit: 'ms', command: 'presentSpend(demo month) × 2000' },
    { metric: 'model usage: 100,000 records over 365 days, mean', value: usage.toFixed(1), unit: 'ms', command: 'foldModelUsage(aggregateModelUsage(…)) × 5' },
    { metric: 'model usage CSV of that year, mean', value: csv.toFixed(1), unit: 'ms', command: 'modelUsageCsv(…) × 5' },
  ];
}
