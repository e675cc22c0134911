// qwen-cost-scan: the cost scanner for CI and pre-commit hooks.
//   qwen-cost-scan [--format text|json|sarif] [--fail-on error|warning|info|none] [--no-ignore] [--max-file-size BYTES] PATH...
// Exit codes: 1 when a finding reaches --fail-on (default warning), 2 on a usage error, 3 when the scanner
// itself failed (a bug: the report is missing or incomplete), 4 when a file or folder could not be read
// (the scan is incomplete; before 1), else 0.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { version } from '../../package.json';
import type { Severity } from '../core/scanner/finding';
import { scan } from '../core/scanner/scan';
import { describeFsError, walkFiles } from './files';
import { readUtf16, withLfLineEnds } from './textEncodings';
import { CandidateReader } from '../core/scanner/candidateReader';
import { formatJson, formatSarif, formatText, type Report, type ReportedFinding, toReported, type UnreadablePath } from './report';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

const USAGE = `Usage: qwen-cost-scan [options] PATH...

Finds costly Qwen Cloud (DashScope) request parameters and hard-coded API keys.

Options:
  --format text|json|sarif          output format (default text)
  --fail-on error|warning|info|none exit 1 when a finding is at least this severe (default warning)
  --no-ignore                       scan everything: .gitignore'd files and node_modules too
  --max-file-size BYTES             skip larger files (default ${DEFAULT_MAX_FILE_SIZE})
  -h, --help                        show this help
  --version                         show the version

Exit codes: 0 nothing reached --fail-on; 1 a finding did; 2 usage error; 3 the scan itself failed;
4 a file or folder could not be read (the scan is incomplete).
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
const RANK: Record<Severity, number> = { none: 0, info: 1, warning: 2, error: 3 };

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

class UsageError extends Error {}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  const shown = rel === '' ? path : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** Exit codes. A crash has its own, so that CI can tell a broken scan from a wrong command line. */
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_CRASH = 3;
/** Something could not be read: whatever was found, the scan did not see everything, so CI must not pass it. */
export const EXIT_UNREADABLE = 4;

/** A path that does not exist is a usage error; one that exists but cannot be reached (ELOOP, EACCES) is unreadable. */
const MISSING_PATH = new Set(['ENOENT', 'ENOTDIR']);

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runScan(argv, io);
  } catch (error) {
    io.stderr(`qwen-cost-scan: the scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_CRASH;
  }
}

async function runScan(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'no-ignore': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.stderr(`qwen-cost-scan: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  let format: (typeof FORMATS)[number];
  let failOn: (typeof FAIL_ON)[number];
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  try {
    format = oneOf(values.format, FORMATS, 'text', '--format');
    failOn = oneOf(values['fail-on'], FAIL_ON, 'warning', '--fail-on');
    if (values['max-file-size'] !== undefined) {
      const raw = values['max-file-size'];
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) <= 0) {
        throw new UsageError(`--max-file-size must be a positive whole number of bytes; got "${raw}".`);
      }
      maxFileSize = Number(raw);
    }
    if (positionals.length === 0) {
      throw new UsageError('Give at least one file or directory to scan (for example: qwen-cost-scan .).');
    }
    for (const p of positionals) {
      try {
        statSync(resolve(io.cwd, p));
      } catch (error) {
        if (MISSING_PATH.has((error as NodeJS.ErrnoException).code ?? '')) {
          throw new UsageError(`No such file or directory: ${p}`);
        }
        // Otherwise the walk reports it as unreadable, with its real reason.
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`qwen-cost-scan: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const started = performance.now();
  const paths: string[] = [];
  const unreadable: UnreadablePath[] = [];
  const walkOptions = {
    noIgnore: values['no-ignore'] === true,
    onUnreadable: (path: string, reason: string) => unreadable.push({ file: displayPath(io.cwd, path), reason }),
  };
  for (const root of positionals) {
    for (const path of walkFiles(resolve(io.cwd, root), walkOptions)) {
      paths.push(path);
    }
  }
  const jobs = paths.length >= PARALLEL_FROM ? Math.min(MAX_WORKERS, Math.max(1, Number(process.env.QWEN_COST_SCAN_JOBS) || defaultJobs())) : 1;
  const results = jobs > 1 ? await scanInWorkers(paths, maxFileSize, io.cwd, jobs) : scanFiles(paths, maxFileSize, io.cwd);
  const findings: ReportedFinding[] = [];
  const tooLarge: string[] = [];
  let filesScanned = 0;
  for (const r of results) {
    if (r.unreadable) {
      unreadable.push(r.unreadable);
      continue;
    }
    if (r.tooLarge !== undefined) {
      tooLarge.push(r.tooLarge);
      continue;
    }
    if (r.scanned) {
      filesScanned++;
      // One by one: spreading a file's findings into push() overflows the call stack past about 120,000.
      for (const finding of r.findings) {
        findings.push(finding);
      }
    }
  }
  for (const u of unreadable) {
    io.stderr(`qwen-cost-scan: could not read ${u.file}: ${u.reason}\n`);
  }
  for (const file of tooLarge) {
    io.stderr(`qwen-cost-scan: skipped ${file}: larger than --max-file-size (${maxFileSize} bytes)\n`);
  }
  const report: Report = {
    version: 1,
    filesScanned,
    durationMs: Math.round(performance.now() - started),
    findings,
    filesTooLarge: tooLarge.length,
    filesUnreadable: unreadable.length,
    unreadable,
  };
  io.stdout(format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, version) : formatText(report));
  const threshold = failOn === 'none' ? Infinity : RANK[failOn];
  if (unreadable.length > 0) {
    return EXIT_UNREADABLE;
  }
  return findings.some((f) => f.severity !== 'none' && RANK[f.severity] >= threshold) ? EXIT_FINDINGS : 0;
}

/**
 * Worker threads pay off only with cores to spare: on two cores the walking thread and one worker already
 * contend (measured: a second worker made a node_modules scan about 8% slower), so they start from three.
 * QWEN_COST_SCAN_JOBS overrides the choice.
 */
function defaultJobs(): number {
  const cores = availableParallelism();
  return cores > 2 ? cores - 1 : 1;
}

/** Below this many files a worker's start-up costs more than it saves. */
const PARALLEL_FROM = 400;
const MAX_WORKERS = 4;

interface FileResult {
  /** Read and looked at (not too large, not binary). */
  readonly scanned: boolean;
  readonly findings: readonly ReportedFinding[];
  /** Why a file could not be read, with the path as shown to the user. */
  readonly unreadable?: UnreadablePath;
  /** Over --max-file-size: the path as shown to the user. */
  readonly tooLarge?: string;
}

function scanFiles(paths: readonly string[], maxFileSize: number, cwd: string): FileResult[] {
  const reader = new CandidateReader(maxFileSize);
  // The shown path is worked out only for the few files that are reported (path.relative on every file
  // of a large tree cost about a tenth of the scan).
  return paths.map((path): FileResult => {
    const result = reader.read(path);
    switch (result.kind) {
      case 'unreadable':
        return { scanned: false, findings: [], unreadable: { file: displayPath(cwd, path), reason: describeFsError(result.reason) } };
      case 'tooLarge':
        return { scanned: false, findings: [], tooLarge: displayPath(cwd, path) };
      case 'binary': {
        // A NUL byte may be UTF-16 text, which the reader does not decode.
        const utf16 = readUtf16(path, maxFileSize);
        if (utf16.kind === 'tooLarge') {
          return { scanned: false, findings: [], tooLarge: displayPath(cwd, path) };
        }
        return utf16.kind === 'text' ? scanText(utf16.text, path, cwd) : { scanned: false, findings: [] };
      }
      case 'nothing':
        return { scanned: true, findings: [] };
      case 'text':
        return scanText(result.text, path, cwd);
    }
  });
}

function scanText(raw: string, path: string, cwd: string): FileResult {
  const text = withLfLineEnds(raw);
  const findings = scan(text, path);
  return { scanned: true, findings: findings.length === 0 ? [] : toReported(displayPath(cwd, path), text, findings) };
}

interface WorkerTask {
  readonly kind: 'qwen-cost-scan';
  readonly paths: readonly string[];
  readonly maxFileSize: number;
  readonly cwd: string;
}

/** Shares the files among worker threads (every n-th file to each, so big folders spread out) and merges in order. */
async function scanInWorkers(paths: readonly string[], maxFileSize: number, cwd: string, jobs: number): Promise<FileResult[]> {
  const shares = Array.from({ length: jobs }, (_, j) => paths.filter((_p, i) => i % jobs === j));
  const answers = await Promise.all(
    shares.map(
      (share) =>
        new Promise<FileResult[]>((resolveShare, reject) => {
          const task: WorkerTask = { kind: 'qwen-cost-scan', paths: share, maxFileSize, cwd };
          const worker = new Worker(__filename, { workerData: task });
          worker.once('message', (m: FileResult[]) => resolveShare(m));
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`A scan worker stopped with code ${code}.`))));
        }),
    ),
  );
  const merged: FileResult[] = new Array<FileResult>(paths.length);
  answers.forEach((answer, j) => answer.forEach((r, k) => (merged[k * jobs + j] = r)));
  return merged;
}

function isWorkerTask(data: unknown): data is WorkerTask {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'qwen-cost-scan';
}

if (!isMainThread && parentPort && isWorkerTask(workerData)) {
  parentPort.postMessage(scanFiles(workerData.paths, workerData.maxFileSize, workerData.cwd));
}

if (require.main === module && isMainThread) {
  const out: string[] = [];
  runCli(process.argv.slice(2), { stdout: (t) => out.push(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() }).then(
    (code) => process.stdout.write(out.join(''), () => (process.exitCode = code)),
    (error: unknown) => {
      process.stderr.write(`qwen-cost-scan: the scan failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_CRASH;
    },
  );
}
