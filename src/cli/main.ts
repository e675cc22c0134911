// qwen-cost-scan: the cost scanner for CI and pre-commit hooks.
//   qwen-cost-scan [--format text|json|sarif] [--fail-on error|warning|info|none] [--exclude GLOB]... [--no-ignore]
//                  [--max-file-size BYTES] PATH...
// Exit codes: 1 when a finding reaches --fail-on (default warning), 2 on a usage error, 3 when the scanner
// itself failed (a bug: the report is missing or incomplete), 4 when a file or folder could not be read
// (the scan is incomplete; before 1), else 0.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { version } from '../../package.json';
import type { Severity } from '../core/scanner/finding';
import { IGNORE_FILE, walkFiles } from './files';
import { formatJson, formatSarif, formatText, type Report, type ReportedFinding, type UnreadablePath } from './report';
import { defaultJobs, displayPath, scanPaths } from './scanPool';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

const USAGE = `Usage: qwen-cost-scan [options] PATH...

Finds costly Qwen Cloud (DashScope) request parameters and hard-coded API keys.

Options:
  --format text|json|sarif          output format (default text)
  --fail-on error|warning|info|none exit 1 when a finding is at least this severe (default warning)
  --exclude GLOB                    leave out paths matching GLOB (gitignore syntax, relative to each
                                    PATH; repeatable). A ${IGNORE_FILE} file in a PATH (or, for
                                    files named one by one, in the current folder) adds its lines
  --no-ignore                       scan .gitignore'd files and node_modules too (--exclude and
                                    ${IGNORE_FILE} still apply)
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
        exclude: { type: 'string', multiple: true },
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
    for (const glob of values.exclude ?? []) {
      if (glob.trim() === '' || glob.trim().startsWith('#')) {
        throw new UsageError(`--exclude needs a glob such as test/fixtures/; got "${glob}".`);
      }
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
  const unreadable: UnreadablePath[] = [];
  const walkOptions = {
    noIgnore: values['no-ignore'] === true,
    exclude: values.exclude ?? [],
    cwd: io.cwd,
    onUnreadable: (path: string, reason: string) => unreadable.push({ file: displayPath(io.cwd, path), reason }),
  };
  function* walkAll(): Generator<string> {
    for (const root of positionals) {
      yield* walkFiles(resolve(io.cwd, root), walkOptions);
    }
  }
  const totals = await scanPaths(walkAll(), { maxFileSize, cwd: io.cwd, jobs: defaultJobs() });
  const findings: ReportedFinding[] = [];
  const tooLarge: string[] = [];
  for (const n of totals.notable) {
    if (n.kind === 'unreadable') {
      unreadable.push(n.unreadable);
    } else if (n.kind === 'tooLarge') {
      tooLarge.push(n.file);
    } else {
      // One by one: spreading a file's findings into push() overflows the call stack past about 120,000.
      for (const finding of n.findings) {
        findings.push(finding);
      }
    }
  }
  const filesScanned = totals.filesScanned;
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
