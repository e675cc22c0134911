// The scanner's speed figures: the CLI against ripgrep on the same large tree (the project's own
// node_modules, --no-ignore), and one edited 5,000-line document rescanned as the editor does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../src/core/scanner/scan';

export interface BenchRow {
  readonly metric: string;
  readonly value: number | string;
  readonly unit: string;
  readonly command: string;
}

const ROOT = join(__dirname, '..', '..', '..');
const RIPGREP = '/usr/bin/rg';
/** What ripgrep looks for: the scanner's own first look (rule names, key shapes, signs of Qwen), case-insensitive. */
const RG_PATTERN =
  'enable[_-]?(search|thinking|code[_-]?interpreter)|forced?[_-]?search|search[_-]?strategy|thinking[_-]?budget|web[_-]?(search|extractor)|code[_-]?interpreter|sk-(sp-)?[0-9a-z]{32}|dashscope|aliyuncs|bailian|model-?studio|qwen|qwq|qvq|tongyi';
const MAX_FILE_SIZE = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function timed(command: string, args: string[]): { ms: number; stdout: string; status: number | null } {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - started, stdout: r.stdout, status: r.status };
}

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

export function scannerBench(options: { runs?: number } = {}): BenchRow[] {
  const runs = options.runs ?? 5;
  const rows: BenchRow[] = [];
  const cli = join(ROOT, 'dist', 'cli.js');
  const cliArgs = [cli, '--no-ignore', '--format', 'json', '--max-file-size', String(MAX_FILE_SIZE), 'node_modules'];
  const rgArgs = ['--no-ignore', '--hidden', '--ignore-case', '--count', '--max-filesize', String(MAX_FILE_SIZE), '-e', RG_PATTERN, 'node_modules'];
  const cliCommand = `node dist/cli.js ${cliArgs.slice(1).join(' ')}`;
  const rgCommand = `rg ${rgArgs.map((a) => (a === RG_PATTERN ? `'${a}'` : a)).join(' ')}`;
  if (!existsSync(cli)) {
    rows.push({ metric: 'scanner CLI on node_modules', value: 'dist/cli.js missing: build first', unit: '', command: 'node esbuild.mjs --production' });
  } else if (!existsSync(RIPGREP)) {
    rows.push({ metric: 'ripgrep on node_modules', value: 'not installed (apt-get install ripgrep)', unit: '', command: rgCommand });
  } else {
    // One warm-up each so both read from the page cache, then alternate runs so machine load hits both alike.
    timed(process.execPath, cliArgs);
    timed(RIPGREP, rgArgs);
    const cliTimes: number[] = [];
    const rgTimes: number[] = [];
    let filesScanned = 0;
    for (let i = 0; i < runs; i++) {
      const c = timed(process.execPath, cliArgs);
      cliTimes.push(c.ms);
      filesScanned = (JSON.parse(c.stdout) as { filesScanned: number }).filesScanned;
      rgTimes.push(timed(RIPGREP, rgArgs).ms);
    }
    const cliMs = median(cliTimes);
    const rgMs = median(rgTimes);
    rows.push({ metric: `scanner CLI, node_modules (${filesScanned} files), median of ${runs}`, value: Math.round(cliMs), unit: 'ms', command: cliCommand });
    rows.push({ metric: `ripgrep, same files and pattern, median of ${runs}`, value: Math.round(rgMs), unit: 'ms', command: rgCommand });
    rows.push({ metric: 'CLI / ripgrep', value: Number((cliMs / rgMs).toFixed(2)), unit: '×', command: 'goal: within 1.5×' });
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
