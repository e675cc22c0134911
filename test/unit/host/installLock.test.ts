import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIsAlive, readLockOwner, withInstallLock } from '../../host/installLock';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.ok(child.pid !== undefined && !processIsAlive(child.pid), 'the child has exited');
  return child.pid;
}

function writeOwner(lock: string, pid: number, startedAt = Date.now() - 30_000, host = hostname()): void {
  writeFileSync(lock, JSON.stringify({ pid, host, startedAt }));
}

describe('the test host install lock', () => {
  let dir: string;
  let lock: string;
  let messages: string[];
  let sleeps: number;
  const fast = () => ({
    pollMs: 1,
    timeoutMs: 200,
    reportEveryMs: 0,
    log: (message: string) => void messages.push(message),
    sleep: (ms: number) => {
      sleeps++;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    },
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qcm-install-lock-'));
    lock = join(dir, '.install-lock');
    messages = [];
    sleeps = 0;
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records its owner while held and removes the lock after', () => {
    const seen = withInstallLock(lock, () => readLockOwner(lock), fast());
    assert.equal(seen?.pid, process.pid);
    assert.equal(seen?.host, hostname());
    assert.ok(typeof seen?.startedAt === 'number' && Math.abs(seen.startedAt - Date.now()) < 60_000);
    assert.equal(existsSync(lock), false);
  });

  it('removes the lock when the install throws', () => {
    assert.throws(() => withInstallLock(lock, () => { throw new Error('install failed'); }, fast()), /install failed/);
    assert.equal(existsSync(lock), false);
  });

  it('breaks at once a lock whose owner is gone, and says so', () => {
    const pid = deadPid();
    writeOwner(lock, pid);
    const started = Date.now();
    assert.equal(withInstallLock(lock, () => 'installed', { ...fast(), timeoutMs: 60_000 }), 'installed');
    assert.ok(Date.now() - started < 5_000, 'did not wait');
    assert.equal(sleeps, 0);
    assert.ok(messages.some((m) => m.includes('breaking') && m.includes(String(pid))), messages.join('\n'));
  });

  it('waits for a live owner, saying which pid and for how long, then gives up without touching its lock', () => {
    writeOwner(lock, process.pid);
    let ran = false;
    assert.throws(() => withInstallLock(lock, () => { ran = true; }, fast()), (error: Error) => error.message.includes(`pid ${process.pid}`));
    assert.equal(ran, false);
    assert.ok(sleeps > 0, 'polled');
    assert.ok(messages.length > 0 && messages.every((m) => m.includes(`pid ${process.pid}`) && /installing for \d+ s/.test(m) && /waited \d+ s/.test(m)), messages.join('\n'));
    assert.equal(readLockOwner(lock)?.pid, process.pid, 'the live owner keeps its lock');
  });

  it('takes the lock once the live owner releases it', () => {
    writeOwner(lock, process.pid);
    let polls = 0;
    const result = withInstallLock(lock, () => readLockOwner(lock)?.startedAt, {
      ...fast(),
      timeoutMs: 60_000,
      sleep: () => {
        if (++polls === 3) {
          rmSync(lock);
        }
      },
    });
    assert.equal(polls, 3);
    assert.ok(typeof result === 'number');
    assert.equal(existsSync(lock), false);
  });

  it('does not trust a pid recorded on another machine', () => {
    writeOwner(lock, deadPid(), Date.now(), 'another-machine');
    assert.throws(() => withInstallLock(lock, () => undefined, fast()), /on another-machine/);
    assert.ok(existsSync(lock));
  });

  it('breaks an ownerless lock from an older version only once it is old', () => {
    mkdirSync(lock);
    assert.throws(() => withInstallLock(lock, () => undefined, { ...fast(), ownerlessStaleMs: 60_000 }), /no owner recorded/);
    const anHourAgo = (Date.now() - 60 * 60_000) / 1000;
    utimesSync(lock, anHourAgo, anHourAgo);
    assert.equal(withInstallLock(lock, () => 'installed', { ...fast(), ownerlessStaleMs: 60_000 }), 'installed');
    assert.equal(existsSync(lock), false);
  });
});
