// What every benchmark shares: the row it reports, medians, timing a command (wall clock, and CPU time
// where /usr/bin/time is there: on a shared machine CPU time is the steadier figure), and ripgrep.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  readonly metric: string;
  readonly value: number | string;
  readonly unit: string;
  /** The command that produced the figure (or, for a derived figure, how it was derived). */
  readonly command: string;
}

export const ROOT = join(__dirname, '..', '..', '..');
export const RIPGREP = '/usr/bin/rg';
const GNU_TIME = '/usr/bin/time';

/** What ripgrep looks for: the scanner's own first look (rule names, key shapes, signs of Qwen), case-insensitive. */
export const RG_PATTERN =
  'enable[_-]?(search|thinking|code[_-]?interpreter)|forced?[_-]?search|search[_-]?strategy|thinking[_-]?budget|web[_-]?(search|extractor)|code[_-]?interpreter|sk-(sp-)?[0-9a-z]{32}|dashscope|aliyuncs|bailian|model-?studio|qwen|qwq|qvq|tongyi';
export const MAX_FILE_SIZE = 1024 * 1024;

export function rgArgs(path: string): string[] {
  return ['--no-ignore', '--hidden', '--ignore-case', '--count', '--max-filesize', String(MAX_FILE_SIZE), '-e', RG_PATTERN, path];
}

export function rgCommand(args: readonly string[]): string {
  return `rg ${args.map((a) => (a === RG_PATTERN ? `'${a}'` : a)).join(' ')}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export interface Timed {
  readonly ms: number;
  /** User plus system CPU time of the command, when /usr/bin/time is installed. */
  readonly cpuMs?: number;
  readonly stdout: string;
  readonly status: number | null;
}

/** Runs a command to completion in the repository root and times it. */
export function timed(command: string, args: readonly string[]): Timed {
  const withTime = existsSync(GNU_TIME);
  const started = performance.now();
  const r = withTime
    ? spawnSync(GNU_TIME, ['-f', 'QCM_CPU %U %S', command, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  const cpu = /QCM_CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { ms, stdout: r.stdout, status: r.status, ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) };
}
