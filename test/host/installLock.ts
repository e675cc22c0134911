// The lock that keeps two runs from installing the test host at the same time. The lock is a file that
// names its owner (pid, host, start time), made atomically by hard-linking a complete temporary file, so
// a run that finds it can tell a live install from one that was interrupted: a dead owner's lock is
// broken at once, and while a live one holds it the waiting run says whom it waits for and for how long.
import { hostname } from 'node:os';
import { linkSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** When the owner took the lock (epoch ms). */
  readonly startedAt: number;
}

export interface InstallLockOptions {
  /** How often to look at the lock again while another run holds it. */
  readonly pollMs?: number;
  /** Give up waiting for a live owner after this long. */
  readonly timeoutMs?: number;
  /** Say again that the run is still waiting at most this often. */
  readonly reportEveryMs?: number;
  /** A lock that names no owner (written by an older version) is broken once it is this old. */
  readonly ownerlessStaleMs?: number;
  readonly log?: (message: string) => void;
  readonly sleep?: (ms: number) => void;
  readonly now?: () => number;
}

const MINUTE = 60_000;

/** Blocks the thread without spawning a process: the install runs synchronously. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** False only when no process has the pid (ESRCH); a process of another user (EPERM) is alive. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The owner the lock names, or undefined when it names none (a directory from an older version, or unreadable). */
export function readLockOwner(lock: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && Number.isInteger(owner.pid) && owner.pid > 0 && typeof owner.host === 'string' && typeof owner.startedAt === 'number') {
      return { pid: owner.pid, host: owner.host, startedAt: owner.startedAt };
    }
  } catch {
    // Missing, a directory, or half a file: no owner to ask.
  }
  return undefined;
}

/** Takes the lock for this process; false when it exists already. */
function tryAcquire(lock: string, owner: LockOwner): boolean {
  // Written whole under a private name, then linked: a reader never sees a lock without its owner.
  const pending = `${lock}.${owner.pid}.${owner.startedAt}.tmp`;
  writeFileSync(pending, JSON.stringify(owner));
  try {
    linkSync(pending, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  } finally {
    unlinkSync(pending);
  }
}

function seconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/**
 * Runs `fn` holding the lock at `lock`. Waits while a live process holds it, breaks it when its owner is
 * gone, and throws after `timeoutMs` rather than install beside a run that is still going.
 */
export function withInstallLock<T>(lock: string, fn: () => T, options: InstallLockOptions = {}): T {
  const pollMs = options.pollMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 30 * MINUTE;
  const reportEveryMs = options.reportEveryMs ?? 15_000;
  const ownerlessStaleMs = options.ownerlessStaleMs ?? 30 * MINUTE;
  const log = options.log ?? ((message: string) => process.stderr.write(`[test-host] ${message}\n`));
  const sleep = options.sleep ?? sleepSync;
  const now = options.now ?? Date.now;
  const thisHost = hostname();
  const me: LockOwner = { pid: process.pid, host: thisHost, startedAt: now() };
  const waitStarted = now();
  let lastReport: number | undefined;

  while (!tryAcquire(lock, me)) {
    const owner = readLockOwner(lock);
    let modified: number;
    try {
      modified = statSync(lock).mtimeMs;
    } catch {
      continue; // Released between our attempt and the look: try again.
    }
    // A pid means something only on the machine that wrote it (the cache may be on a shared disk).
    if (owner && owner.host === thisHost && !processIsAlive(owner.pid)) {
      log(`breaking the install lock ${lock}: its owner, pid ${owner.pid} (since ${new Date(owner.startedAt).toISOString()}), is gone`);
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!owner && now() - modified > ownerlessStaleMs) {
      log(`breaking the install lock ${lock}: it names no owner and is ${seconds(now() - modified)} old`);
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    const waited = now() - waitStarted;
    const holder = owner
      ? `pid ${owner.pid}${owner.host === thisHost ? '' : ` on ${owner.host}`}, installing for ${seconds(now() - owner.startedAt)}`
      : `no owner recorded (left by an older version?), ${seconds(now() - modified)} old; delete it if no install is running`;
    if (waited >= timeoutMs) {
      throw new Error(`The test host's install lock ${lock} is still held after ${seconds(waited)} (${holder}). Stop that run, or delete the lock if it is not installing.`);
    }
    if (lastReport === undefined || now() - lastReport >= reportEveryMs) {
      log(`waiting for the install lock ${lock}: held by ${holder}; waited ${seconds(waited)}`);
      lastReport = now();
    }
    sleep(pollMs);
  }

  try {
    return fn();
  } finally {
    // Remove the lock only while it is still ours: a run that broke it may hold it now.
    const owner = readLockOwner(lock);
    if (owner && owner.pid === me.pid && owner.startedAt === me.startedAt && owner.host === me.host) {
      rmSync(lock, { force: true });
    }
  }
}
