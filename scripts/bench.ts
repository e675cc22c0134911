// `npm run bench`: the performance figures, one table, each row naming the command that produced it.
//   node out/scripts/bench.js [--only bundle,scanner,host,meter,spending,payg] [--runs N] [--starts N]
//                             [--steady-minutes M] [--readme]
// The host section starts code-server, the simulator and Chromium (see scripts/bench/hostBench.ts) and
// takes about 2 × M minutes more for the steady-state counts; --readme writes the table into README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleBench } from './bench/bundleBench';
import { hostBench } from './bench/hostBench';
import { type BenchRow, ROOT } from './bench/measure';
import { paygBench } from './bench/paygBench';
import { scannerBench } from './bench/scannerBench';
import { formatMarkdown, formatTable, replaceReadmeTable, type TableRow } from './bench/table';
import { meterBench } from './benchMeter';
import { spendingBench } from './benchSpending';

interface Options {
  readonly runs: number;
  readonly starts: number;
  readonly steadyMinutes: number;
}

const SECTIONS: readonly [name: string, bench: string, run: (o: Options) => BenchRow[] | Promise<BenchRow[]>][] = [
  ['bundle', 'bundle size', () => bundleBench()],
  ['host', 'extension host', (o) => hostBench({ starts: o.starts, steadyMinutes: o.steadyMinutes, runs: o.runs })],
  ['scanner', 'cost scanner', (o) => scannerBench({ runs: o.runs })],
  ['meter', 'quota meter', () => meterBench()],
  ['spending', 'spending panel', () => spendingBench()],
  ['payg', 'pay-as-you-go', () => paygBench()],
];

function positive(value: string | undefined, fallback: number, flag: string, min = 1): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${flag} must be a whole number of at least ${min}; got "${value}"`);
  }
  return n;
}

function machine(load: number): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}, load average ${load.toFixed(1)} at the start`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      starts: { type: 'string' },
      'steady-minutes': { type: 'string' },
      readme: { type: 'boolean' },
    },
  });
  const options: Options = {
    runs: positive(values.runs, 5, '--runs'),
    starts: positive(values.starts, 5, '--starts'),
    steadyMinutes: positive(values['steady-minutes'], 5, '--steady-minutes', 0),
  };
  const only = values.only?.split(',').filter(Boolean);
  const unknown = only?.filter((name) => !SECTIONS.some(([n]) => n === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.map(([n]) => n).join(', ')}`);
  }
  const load = loadavg()[0] ?? 0;
  const rows: TableRow[] = [];
  for (const [name, bench, run] of SECTIONS) {
    if (only && !only.includes(name)) {
      continue;
    }
    process.stderr.write(`running ${bench}…\n`);
    rows.push(...(await run(options)).map((r) => ({ ...r, bench })));
  }
  const when = new Date().toISOString().slice(0, 10);
  console.log(`Measured ${when} on ${machine(load)}\n`);
  console.log(formatTable(rows));
  if (values.readme) {
    const readmePath = join(ROOT, 'README.md');
    const command = `npm run bench${only ? ` -- --only ${only.join(',')}` : ''}`;
    const body = [`Measured ${when} on ${machine(load)}, with \`${command}\`.`, '', formatMarkdown(rows)].join('\n');
    writeFileSync(readmePath, replaceReadmeTable(readFileSync(readmePath, 'utf8'), body));
    process.stderr.write('README.md: Performance table updated\n');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
