// The scanner's speed figures: the CLI against ripgrep on the same large tree (the project's own
// node_modules, --no-ignore) and, when QCM_BENCH_APP_TREE names a checkout of a real application that
// calls Qwen, on that too; and one edited 5,000-line document rescanned as the editor does.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { scan } from '../../src/core/scanner/scan';
import { type BenchRow, MAX_FILE_SIZE, median, percentile, RIPGREP, rgArgs as ripgrepArgs, rgCommand, ROOT, timed } from './measure';

/** A realistic 5,000-line Python module: ordinary code with a few Qwen calls in it. */
export function fiveThousandLines(): string {
  const qwen = readFileSync(join(ROOT, 'samples', 'workspace', 'chatbot.py'), 'utf8');
  const ordinary = (i: number): string =>
    [
      `def handler_${i}(request, settings=None):`,
      `    """Handle request ${i}: validate, enrich and store it."""`,
      `    payload = {"id": request.id, "kind": "order", "items": [item.sku for item in request.items], "total": ${i}.5}`,
      `    if settings and settings.get("strict"):`,
      `        validate(payload, schema=SCHEMAS["order"], max_errors=${i % 7})`,
      `    result = store.save(payload, retries=3, timeout=settings.timeout if settings else 10)`,
      `    log.info("saved order %s in %d ms", payload["id"], result.elapsed_ms)`,
      `    return {"ok": True, "id": payload["id"], "count": len(payload["items"])}`,
      '',
      '',
    ].join('\n');
  const parts: string[] = [qwen];
  let lines = qwen.split('\n').length;
  for (let i = 0; lines < 5_000; i++) {
    const block = i % 60 === 59 ? qwen.replace(/sk-[0-9a-f]{32}/, 'os.environ["DASHSCOPE_API_KEY"]') : ordinary(i);
    parts.push(block);
    lines += block.split('\n').length - 1;
  }
  return parts.join('\n').split('\n').slice(0, 5_000).join('\n');
}

function rescanTimes(text: string, runs: number): number[] {
  for (let i = 0; i < 20; i++) scan(text, 'module.py');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    scan(text, 'module.py');
    times.push(performance.now() - started);
  }
  return times;
}

/** The CLI and ripgrep on one tree, alternating runs so that machine load hits both alike. */
function cliAgainstRipgrep(label: string, tree: string, runs: number): BenchRow[] {
  const rows: BenchRow[] = [];
  const cli = join(ROOT, 'dist', 'cli.js');
  const cliArgs = [cli, '--no-ignore', '--format', 'json', '--max-file-size', String(MAX_FILE_SIZE), tree];
  const rgArgs = ripgrepArgs(tree);
  const cliCommand = `node dist/cli.js ${cliArgs.slice(1).join(' ')}`;
  if (!existsSync(cli)) {
    return [{ metric: `scanner CLI on ${label}`, value: 'dist/cli.js missing: build first', unit: '', command: 'node esbuild.mjs --production' }];
  }
  if (!existsSync(RIPGREP)) {
    return [{ metric: `ripgrep on ${label}`, value: 'not installed (apt-get install ripgrep)', unit: '', command: rgCommand(rgArgs) }];
  }
  // One warm-up each so both read from the page cache.
  timed(process.execPath, cliArgs);
  timed(RIPGREP, rgArgs);
  const load = [loadavg()[0] ?? 0];
  const cliRuns: ReturnType<typeof timed>[] = [];
  const rg: ReturnType<typeof timed>[] = [];
  let filesScanned = 0;
  for (let i = 0; i < runs; i++) {
    const c = timed(process.execPath, cliArgs);
    cliRuns.push(c);
    filesScanned = (JSON.parse(c.stdout) as { filesScanned: number }).filesScanned;
    rg.push(timed(RIPGREP, rgArgs));
  }
  load.push(loadavg()[0] ?? 0);
  const cliMs = median(cliRuns.map((t) => t.ms));
  const rgMs = median(rg.map((t) => t.ms));
  rows.push({ metric: `scanner CLI, ${label} (${filesScanned} files), median of ${runs}`, value: Math.round(cliMs), unit: 'ms', command: cliCommand });
  rows.push({ metric: `ripgrep, same files and pattern, median of ${runs}`, value: Math.round(rgMs), unit: 'ms', command: rgCommand(rgArgs) });
  rows.push({ metric: `CLI / ripgrep, wall clock, ${label} (load average ${load.map((l) => l.toFixed(1)).join(' → ')})`, value: Number((cliMs / rgMs).toFixed(2)), unit: '×', command: 'goal: within 1.5×' });
  const cliCpu = cliRuns.map((t) => t.cpuMs).filter((v): v is number => v !== undefined);
  const rgCpu = rg.map((t) => t.cpuMs).filter((v): v is number => v !== undefined);
  if (cliCpu.length === runs && rgCpu.length === runs) {
    rows.push({ metric: `scanner CLI, CPU time (user + system, all its threads), median of ${runs}`, value: Math.round(median(cliCpu)), unit: 'ms', command: `/usr/bin/time ${cliCommand}` });
    rows.push({ metric: `ripgrep, CPU time (user + system, all its threads), median of ${runs}`, value: Math.round(median(rgCpu)), unit: 'ms', command: `/usr/bin/time rg …` });
    rows.push({ metric: `CLI / ripgrep, CPU time, ${label}`, value: Number((median(cliCpu) / median(rgCpu)).toFixed(2)), unit: '×', command: 'steadier than wall clock on a shared machine' });
  }
  return rows;
}

export function scannerBench(options: { runs?: number } = {}): BenchRow[] {
  const runs = options.runs ?? 5;
  const rows: BenchRow[] = [...cliAgainstRipgrep('node_modules', 'node_modules', runs)];
  const app = process.env.QCM_BENCH_APP_TREE;
  if (app && existsSync(app)) {
    rows.push(...cliAgainstRipgrep(`app tree ${basename(app)}`, app, runs));
  } else {
    rows.push({ metric: 'scanner CLI on a real application repository', value: 'not measured', unit: '', command: 'QCM_BENCH_APP_TREE=<a checkout of an app that calls Qwen> npm run bench -- --only scanner' });
  }
  const typical = fiveThousandLines();
  const times = rescanTimes(typical, 200);
  const findings = scan(typical, 'module.py').length;
  rows.push({ metric: `rescan of one edited 5,000-line Python file (${findings} findings), median`, value: Number(median(times).toFixed(2)), unit: 'ms', command: 'scan(text, "module.py") × 200' });
  rows.push({ metric: 'same, 95th percentile', value: Number(percentile(times, 0.95).toFixed(2)), unit: 'ms', command: 'goal: well under 16 ms' });
  const dense = readFileSync(join(ROOT, 'samples', 'workspace', 'chatbot.py'), 'utf8').repeat(180).split('\n').slice(0, 5_000).join('\n');
  const denseTimes = rescanTimes(dense, 100);
  rows.push({ metric: `worst case: 5,000 lines that are all Qwen calls (${scan(dense, 'dense.py').length} findings), median`, value: Number(median(denseTimes).toFixed(2)), unit: 'ms', command: 'scan(chatbot.py × 180) × 100' });
  return rows;
}
