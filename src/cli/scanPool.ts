// Scanning many files on every core: the walking thread hands the paths out in small batches to worker
// threads (the same script started again: `new Worker(__filename)`), which read and scan them while the
// walk goes on. A worker holds at most a few batches, so however large the tree, the paths waiting do not
// pile up; only what is worth reporting (findings, unreadable and too-large files) comes back, tagged with
// its place in the walk.
import { availableParallelism } from 'node:os';
import { isAbsolute, relative, sep } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scan } from '../core/scanner/scan';
import { describeFsError } from './files';
import { FileReader, type FileReadResult } from './fileRead';
import { type ReportedFinding, toReported, type UnreadablePath } from './report';
import { readUtf16, withLfLineEnds } from './textEncodings';

/** What one file gave, when it is worth reporting. */
type Reported =
  | { readonly kind: 'findings'; readonly findings: readonly ReportedFinding[] }
  | { readonly kind: 'unreadable'; readonly unreadable: UnreadablePath }
  | { readonly kind: 'tooLarge'; readonly file: string };
export type Notable = Reported & { readonly index: number };

export interface ScanTotals {
  /** Files read and looked at (not too large, not binary, not unreadable). */
  readonly filesScanned: number;
  /** In the order of the walk. */
  readonly notable: readonly Notable[];
}

export interface PoolOptions {
  readonly maxFileSize: number;
  /** Paths are shown relative to it. */
  readonly cwd: string;
  /** Threads that scan, this one included: 1 starts no worker. */
  readonly jobs: number;
}

/** Below this many files a worker's start-up (about 30 ms) costs more than it saves. */
export const PARALLEL_FROM = 300;
const BATCH = 128;
/** Batches handed to a worker and not yet answered. */
const BATCHES_AHEAD = 3;
const MAX_WORKERS = 8;

export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  const shown = rel === '' ? path : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** Threads that scan (this one and the workers): one per core by default, QWEN_COST_SCAN_JOBS to choose. */
export function defaultJobs(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.QWEN_COST_SCAN_JOBS);
  return Math.min(MAX_WORKERS, Number.isInteger(asked) && asked > 0 ? asked : availableParallelism());
}

type Outcome = { readonly scanned: boolean; readonly notable?: Reported };

function scanText(raw: string, path: string, cwd: string): Outcome {
  const text = withLfLineEnds(raw);
  const findings = scan(text, path);
  return findings.length === 0 ? { scanned: true } : { scanned: true, notable: { kind: 'findings', findings: toReported(displayPath(cwd, path), text, findings) } };
}

function outcomeOf(result: FileReadResult, path: string, options: PoolOptions): Outcome {
  switch (result.kind) {
    case 'unreadable':
      return { scanned: false, notable: { kind: 'unreadable', unreadable: { file: displayPath(options.cwd, path), reason: describeFsError(result.reason) } } };
    case 'tooLarge':
      return { scanned: false, notable: { kind: 'tooLarge', file: displayPath(options.cwd, path) } };
    case 'binary': {
      // A NUL byte may be UTF-16 text, which the reader does not decode (rare: read again, synchronously).
      const utf16 = readUtf16(path, options.maxFileSize);
      if (utf16.kind === 'tooLarge') {
        return { scanned: false, notable: { kind: 'tooLarge', file: displayPath(options.cwd, path) } };
      }
      return utf16.kind === 'text' ? scanText(utf16.text, path, options.cwd) : { scanned: false };
    }
    case 'nothing':
      return { scanned: true };
    case 'text':
      return scanText(result.text, path, options.cwd);
  }
}

interface Batch {
  readonly id: number;
  /** The walk index of the first path. */
  readonly first: number;
  readonly paths: readonly string[];
}

interface BatchAnswer {
  readonly id: number;
  readonly scanned: number;
  readonly notable: readonly Notable[];
}

/** Scans a batch, in a worker or in the walking thread. */
class BatchScanner {
  private readonly reader: FileReader;

  constructor(private readonly options: PoolOptions) {
    this.reader = new FileReader(options.maxFileSize);
  }

  scan(batch: Batch): BatchAnswer {
    let scanned = 0;
    const notable: Notable[] = [];
    batch.paths.forEach((path, k) => {
      const outcome = outcomeOf(this.reader.read(path), path, this.options);
      if (outcome.scanned) scanned++;
      if (outcome.notable) notable.push({ ...outcome.notable, index: batch.first + k });
    });
    return { id: batch.id, scanned, notable };
  }
}

/** The message a worker is started with. */
interface WorkerSetup {
  readonly kind: 'qwen-cost-scan-pool';
  readonly maxFileSize: number;
  readonly cwd: string;
}

function isWorkerSetup(data: unknown): data is WorkerSetup {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'qwen-cost-scan-pool';
}

/** Something that takes batches: a worker thread, or this thread. */
interface Lane {
  readonly send: (batch: Batch) => void;
  readonly close: () => void;
  outstanding: number;
}

/** Scans every path the walk yields; the walk is pulled only as fast as the lanes take batches. */
export function scanPaths(walk: Iterable<string>, options: PoolOptions): Promise<ScanTotals> {
  const paths = walk[Symbol.iterator]();
  // A small tree is known from its first few hundred paths, before any worker is started.
  const head: string[] = [];
  let next = paths.next();
  while (!next.done && head.length < PARALLEL_FROM) {
    head.push(next.value);
    next = paths.next();
  }
  const small = next.done === true;
  const pending = head.concat(next.done ? [] : [next.value]);
  return new Promise<ScanTotals>((resolve, reject) => {
    let filesScanned = 0;
    const notable: Notable[] = [];
    let walked = 0;
    let batchId = 0;
    let walkDone = false;
    let failed = false;
    const lanes: Lane[] = [];
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      lanes.forEach((l) => l.close());
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const takeBatch = (): Batch | undefined => {
      const batch: string[] = pending.splice(0, BATCH);
      while (!walkDone && batch.length < BATCH) {
        const n = paths.next();
        if (n.done) {
          walkDone = true;
        } else {
          batch.push(n.value);
        }
      }
      if (batch.length === 0) {
        walkDone = true;
        return undefined;
      }
      const b = { id: batchId++, first: walked, paths: batch };
      walked += batch.length;
      return b;
    };
    const feed = (lane: Lane): void => {
      while (!failed && lane.outstanding < BATCHES_AHEAD) {
        let batch: Batch | undefined;
        try {
          batch = takeBatch();
        } catch (error) {
          fail(error);
          return;
        }
        if (!batch) break;
        lane.outstanding++;
        lane.send(batch);
      }
      if (walkDone && pending.length === 0 && lanes.every((l) => l.outstanding === 0) && !failed) {
        lanes.forEach((l) => l.close());
        notable.sort((a, b) => a.index - b.index);
        resolve({ filesScanned, notable });
      }
    };
    const answered = (lane: Lane, answer: BatchAnswer): void => {
      lane.outstanding--;
      filesScanned += answer.scanned;
      for (const n of answer.notable) notable.push(n);
      feed(lane);
    };
    // The walking thread is one of the lanes: it walks far faster than it scans, and one worker fewer
    // saves a worker's start (measured on node_modules: the same wall clock, about 10% less CPU).
    const jobs = small ? 1 : Math.max(1, Math.min(MAX_WORKERS, options.jobs));
    {
      const scanner = new BatchScanner(options);
      // Answered on the next turn, so that a large batch list does not recurse.
      const lane: Lane = {
        send: (b) =>
          setImmediate(() => {
            try {
              answered(lane, scanner.scan(b));
            } catch (error) {
              fail(error);
            }
          }),
        close: () => undefined,
        outstanding: 0,
      };
      lanes.push(lane);
    }
    const setup: WorkerSetup = { kind: 'qwen-cost-scan-pool', maxFileSize: options.maxFileSize, cwd: options.cwd };
    for (let j = 1; j < jobs; j++) {
      const worker = new Worker(__filename, { workerData: setup });
      let closed = false;
      const lane: Lane = {
        send: (b) => worker.postMessage(b),
        close: () => {
          closed = true;
          void worker.terminate();
        },
        outstanding: 0,
      };
      worker.on('message', (a: BatchAnswer) => answered(lane, a));
      worker.once('error', fail);
      worker.once('exit', (code) => (closed ? undefined : fail(new Error(`A scan worker stopped with code ${code}.`))));
      lanes.push(lane);
    }
    lanes.forEach(feed);
  });
}

if (!isMainThread && parentPort && isWorkerSetup(workerData)) {
  const port = parentPort;
  const scanner = new BatchScanner({ maxFileSize: workerData.maxFileSize, cwd: workerData.cwd, jobs: 1 });
  port.on('message', (batch: Batch) => port.postMessage(scanner.scan(batch)));
}
