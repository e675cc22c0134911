// The quota meter's costs, printed as figures: what a refresh adds (the demo's recent usage, recording a
// snapshot), what a redraw costs (the meter runs it once a minute), and how much it keeps in globalState.
// Run after compiling: `npx tsc -p . && node out/scripts/benchMeter.js`; `npm run bench` includes it.
import { performance } from 'node:perf_hooks';
import { DemoAccount } from '../src/api/demo/demoAccount';
import { DemoSource } from '../src/api/demo/demoSource';
import { MINUTE_MS } from '../src/core/common/calendar';
import { ManualClock } from '../src/core/common/clock';
import type { CodingPlan } from '../src/core/account/model';
import { planWindows } from '../src/core/quota/quota';
import { type MeterOptions, presentMeter } from '../src/core/quota/quotaMeter';
import { DEFAULT_THRESHOLDS } from '../src/core/quota/thresholds';
import { UsageHistory } from '../src/core/quota/usageHistory';
import type { BenchRow } from './bench/measure';
import { formatTable } from './bench/table';

const NOW = Date.parse('2026-11-26T06:30:00Z');

/** Mean milliseconds per call over `runs` calls, after a warm-up. */
async function measure(runs: number, body: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(20, runs); i++) {
    await body(i);
  }
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    await body(i);
  }
  return (performance.now() - started) / runs;
}

export async function meterBench(): Promise<BenchRow[]> {
  const account = new DemoAccount();
  const clock = new ManualClock(NOW);
  const source = new DemoSource(account, clock);
  const options: MeterOptions = {
    windows: ['fiveHour', 'weekly', 'monthly'],
    display: 'used',
    format: 'percent',
    compact: false,
    thresholds: DEFAULT_THRESHOLDS,
    staleAfterMs: 11 * MINUTE_MS,
    commands: { refresh: 'r', showCodingPlan: 's', openConsole: 'o', showLog: 'l' },
    describeError: (e) => e.message,
    locale: 'en-US',
  };

  const bare = await measure(200, (i) => account.codingPlan(NOW + i * 5 * MINUTE_MS));
  const withHistory = await measure(200, (i) => {
    clock.set(NOW + i * 5 * MINUTE_MS);
    return source.getCodingPlan();
  });

  // Two hours of polling every minute, as a long session would leave it.
  const history = new UsageHistory();
  let plan: CodingPlan | null = null;
  for (let m = 0; m <= 120; m++) {
    clock.set(NOW + m * MINUTE_MS);
    plan = await source.getCodingPlan();
    history.observe(planWindows(plan!), plan!.recentUsage, clock.now(), 'demo:Demo');
  }
  const latest = plan!;
  const observe = await measure(500, (i) => history.observe(planWindows(latest), undefined, clock.now() + i, 'demo:Demo'));
  const snapshot = { value: { coding: latest }, fetchedAt: clock.now(), source: { kind: 'demo', label: 'Demo' } as const, loading: false, unavailable: false };
  const redraw = await measure(2000, () => presentMeter(snapshot, history.samplesByKind(), clock.now() + 30_000, options));
  const stateBytes = Buffer.byteLength(JSON.stringify(history.toState()));
  const samples = Object.values(history.samplesByKind()).map((s) => s.length);

  const command = 'node out/scripts/benchMeter.js';
  return [
    { metric: 'DemoAccount.codingPlan (no history), mean', value: Number(bare.toFixed(3)), unit: 'ms', command },
    { metric: 'DemoSource.getCodingPlan (with 2 h of recent usage), mean', value: Number(withHistory.toFixed(3)), unit: 'ms', command },
    { metric: 'UsageHistory.observe (one snapshot), mean', value: Number(observe.toFixed(3)), unit: 'ms', command },
    { metric: 'presentMeter (one redraw, full history), mean', value: Number(redraw.toFixed(3)), unit: 'ms', command },
    { metric: 'samples kept after 2 h of 1-minute polls (5h, wk, mo)', value: samples.join(', '), unit: '', command },
    { metric: 'usage history in globalState', value: stateBytes, unit: 'bytes', command },
  ];
}

if (require.main === module) {
  meterBench().then(
    (rows) => console.log(formatTable(rows.map((r) => ({ ...r, bench: 'quota meter' })))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
