// `npm run bench`: the performance figures, one table. Each feature adds its bench function to BENCHES.
import { paygBench } from './bench/paygBench';
import { type BenchRow, scannerBench } from './bench/scannerBench';

const BENCHES: readonly [string, () => BenchRow[]][] = [
  ['cost scanner', () => scannerBench()],
  ['pay-as-you-go', () => paygBench()],
];

function main(): void {
  const rows: (BenchRow & { bench: string })[] = [];
  for (const [bench, run] of BENCHES) {
    process.stderr.write(`running ${bench}…\n`);
    rows.push(...run().map((r) => ({ ...r, bench })));
  }
  const widths = {
    bench: Math.max(5, ...rows.map((r) => r.bench.length)),
    metric: Math.max(6, ...rows.map((r) => r.metric.length)),
    value: Math.max(5, ...rows.map((r) => `${r.value} ${r.unit}`.length)),
  };
  console.log(`${'bench'.padEnd(widths.bench)}  ${'metric'.padEnd(widths.metric)}  ${'value'.padStart(widths.value)}  command`);
  for (const r of rows) {
    console.log(`${r.bench.padEnd(widths.bench)}  ${r.metric.padEnd(widths.metric)}  ${`${r.value} ${r.unit}`.padStart(widths.value)}  ${r.command}`);
  }
}

main();
