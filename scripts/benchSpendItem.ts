// The pay-as-you-go item's costs, printed as figures: what the data behind it costs the demo account to
// produce on a refresh, and what one redraw costs (the item redraws once a minute while a window is
// focused, and on every new snapshot). Run after compiling: `npx tsc -p . && node out/scripts/benchSpendItem.js`.
import { performance } from 'node:perf_hooks';
import { DemoAccount } from '../src/api/demo/demoAccount';
import { DemoSource } from '../src/api/demo/demoSource';
import type { SourceInfo } from '../src/core/account';
import { dateKey, MINUTE_MS } from '../src/core/calendar';
import { ManualClock } from '../src/core/clock';
import { presentSpend, type SpendMeterOptions } from '../src/core/spendMeter';
import type { Snapshot } from '../src/core/store';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const DEMO: SourceInfo = { kind: 'demo', label: 'Demo' };

/** Mean milliseconds per call over `runs` calls, after a warm-up. */
async function measure(runs: number, body: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(10, runs); i++) {
    await body(i);
  }
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    await body(i);
  }
  return (performance.now() - started) / runs;
}

const snapshot = <T>(value: T): Snapshot<T> => ({ value, fetchedAt: NOW, source: DEMO, loading: false, unavailable: false });

async function main(): Promise<void> {
  const clock = new ManualClock(NOW);
  const source = new DemoSource(new DemoAccount(), clock);
  const month = { granularity: 'month', from: '2026-11-01', to: dateKey(NOW) } as const;

  const monthSpend = await measure(50, () => source.getMonthSpend());
  const freeQuota = await measure(200, () => source.getFreeQuota());
  const tops = await measure(50, () =>
    Promise.all([source.getCostAnalysis({ ...month, groupBy: 'model' }), source.getCostAnalysis({ ...month, groupBy: 'apiKey' })]),
  );

  const [models, apiKeys] = await Promise.all([source.getCostAnalysis({ ...month, groupBy: 'model' }), source.getCostAnalysis({ ...month, groupBy: 'apiKey' })]);
  const input = {
    spend: snapshot(await source.getMonthSpend()),
    limit: snapshot(await source.getUsageLimit()),
    freeQuota: snapshot(await source.getFreeQuota()),
    tops: { month: '2026-11', models: models.totals, apiKeys: apiKeys.totals },
  };
  const options: SpendMeterOptions = {
    format: 'amount',
    staleAfterMs: 31 * MINUTE_MS,
    commands: { showSpending: 's', showSpendingLimit: 'l' },
    describeError: (e) => e.message,
    locale: 'en-US',
  };
  const redraw = await measure(2000, (i) => presentSpend(input, NOW + i * 1000, options));
  const view = presentSpend(input, NOW, options);

  const rows: [string, string][] = [
    ['DemoSource.getMonthSpend (26 days of records)', `${monthSpend.toFixed(3)} ms`],
    ['DemoSource.getFreeQuota', `${freeQuota.toFixed(3)} ms`],
    ['top models and API keys (two month analyses)', `${tops.toFixed(3)} ms`],
    ['presentSpend (one redraw, with tops and free quota)', `${redraw.toFixed(3)} ms`],
    ['tooltip Markdown', `${Buffer.byteLength(view.tooltip)} bytes`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`Pay-as-you-go item (Node ${process.version})`);
  for (const [k, v] of rows) {
    console.log(`  ${k.padEnd(width)}  ${v}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
