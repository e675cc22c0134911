import * as assert from 'node:assert/strict';
import { MAX_RETRY_AFTER_MS, Poller, type Timers, type TickOutcome } from '../../../../src/core/account/poller';
import type { Clock } from '../../../../src/core/common/clock';
import { MAX_TIMER_MS } from '../../../../src/core/common/timers';

/** Fake timers: the test decides when time passes. Like Node, a delay over MAX_TIMER_MS runs after 1 ms. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  readonly queue = new Map<number, { at: number; callback: () => void }>();
  /** The same time as the timers, for the poller's clock. */
  readonly clock: Clock = { now: () => this.now };
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.set(id, { at: this.now + (ms > MAX_TIMER_MS ? 1 : ms), callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }
  /** The delay of the one pending timer. */
  pendingDelay(): number | undefined {
    const [entry] = [...this.queue.values()];
    return entry ? entry.at - this.now : undefined;
  }
  async fire(): Promise<void> {
    const [[id, entry] = []] = [...this.queue.entries()];
    if (id === undefined || !entry) {
      throw new Error('nothing scheduled');
    }
    this.queue.delete(id);
    this.now = entry.at;
    entry.callback();
    await new Promise((r) => setImmediate(r));
  }
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
const OPTIONS = { intervalMs: 300_000, maxBackoffMs: 1_800_000 };

describe('Poller', () => {
  it('ticks at the interval while active, and not at all while inactive', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const poller = new Poller(async () => ((ticks++, { ok: true })), OPTIONS, timers);
    poller.setActive(true);
    await settle();
    assert.equal(ticks, 1);
    assert.equal(timers.pendingDelay(), 300_000);
    await timers.fire();
    assert.equal(ticks, 2);
    poller.setActive(false);
    assert.equal(timers.queue.size, 0, 'nothing scheduled while unfocused');
  });

  it('backs off exponentially on failure, capped, then recovers', async () => {
    const timers = new FakeTimers();
    const outcomes: TickOutcome[] = [{ ok: false }, { ok: false }, { ok: false }, { ok: false }, { ok: false }, { ok: false }, { ok: true }];
    const poller = new Poller(async () => outcomes.shift() ?? { ok: true }, OPTIONS, timers);
    poller.setActive(true);
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(timers.pendingDelay()!);
      await timers.fire();
    }
    assert.deepEqual(delays, [75_000, 150_000, 300_000, 600_000, 1_200_000, 1_800_000]);
    assert.equal(timers.pendingDelay(), 300_000, 'back to the interval after a success');
  });

  it('waits at least as long as the server asked', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(async () => ({ ok: false, retryAfterMs: 3_600_000 }), OPTIONS, timers);
    poller.setActive(true);
    await settle();
    assert.equal(timers.pendingDelay(), 3_600_000);
    assert.equal(poller.consecutiveFailures, 1);
  });

  it('survives a tick that throws', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(async () => {
      throw new Error('boom');
    }, OPTIONS, timers);
    poller.setActive(true);
    await settle();
    assert.equal(poller.consecutiveFailures, 1);
    assert.equal(timers.queue.size, 1);
  });

  it('does not overlap ticks', async () => {
    const timers = new FakeTimers();
    let running = 0;
    let maxRunning = 0;
    let release: () => void = () => undefined;
    const poller = new Poller(
      () =>
        new Promise<TickOutcome>((r) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          release = () => {
            running--;
            r({ ok: true });
          };
        }),
      OPTIONS,
      timers,
    );
    poller.setActive(true);
    void poller.runNow();
    void poller.runNow();
    await settle();
    release();
    await settle();
    assert.equal(maxRunning, 1);
  });

  it('backs off from a shorter minimum when told to (the integration tests\' timings)', async () => {
    const timers = new FakeTimers();
    const poller = new Poller(async () => ({ ok: false }), { intervalMs: 1_000, minBackoffMs: 100, maxBackoffMs: 800 }, timers);
    poller.setActive(true);
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(timers.pendingDelay()!);
      await timers.fire();
    }
    assert.deepEqual(delays, [250, 500, 800, 800, 800], 'a quarter of the interval, doubling, capped');
  });

  it('backs off when a failure outside the ticks is reported, instead of waiting a whole interval', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const poller = new Poller(async () => ((ticks++, { ok: true })), OPTIONS, timers);
    poller.setActive(true);
    await settle();
    assert.equal(timers.pendingDelay(), 300_000);
    poller.reportFailure();
    assert.equal(timers.pendingDelay(), 75_000, 'the first back-off step');
    poller.reportFailure(200_000);
    assert.equal(timers.pendingDelay(), 200_000, 'Retry-After wins when longer');
    await timers.fire();
    assert.equal(ticks, 2);
    assert.equal(timers.pendingDelay(), 300_000, 'a good tick ends the back-off');
    poller.setActive(false);
    poller.reportFailure();
    assert.equal(timers.queue.size, 0, 'nothing scheduled while inactive');
  });

  it('waits at most an hour for a Retry-After, and never turns a longer one into a 1 ms timer', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const thirtyDays = 30 * 24 * 3_600_000;
    const poller = new Poller(async () => ((ticks++, { ok: false, retryAfterMs: thirtyDays })), OPTIONS, timers, timers.clock);
    poller.setActive(true);
    await settle();
    assert.equal(timers.pendingDelay(), MAX_RETRY_AFTER_MS, 'the next tick at the cap');
    assert.equal(MAX_RETRY_AFTER_MS, 3_600_000);
    await timers.fire();
    assert.equal(ticks, 2);
    assert.equal(timers.now, MAX_RETRY_AFTER_MS, 'asked again an hour later, not a millisecond later');
    assert.equal(timers.pendingDelay(), MAX_RETRY_AFTER_MS);
    assert.equal(Poller.delayAfter(1, OPTIONS, thirtyDays), MAX_RETRY_AFTER_MS);
    assert.equal(Poller.delayAfter(1, OPTIONS, Number.NaN), 75_000, 'an unreadable wait is the back-off');
    poller.reportFailure(thirtyDays);
    assert.equal(timers.pendingDelay(), MAX_RETRY_AFTER_MS, 'a view\'s own failure is capped too');
  });

  it('does not tick when focus comes back during a Retry-After, and resumes what is left of the wait', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const outcomes: TickOutcome[] = [{ ok: false, retryAfterMs: 600_000 }];
    const poller = new Poller(async () => ((ticks++, outcomes.shift() ?? { ok: true })), OPTIONS, timers, timers.clock);
    poller.setActive(true);
    await settle();
    assert.equal(ticks, 1);
    for (let i = 1; i <= 10; i++) {
      timers.now += 30_000;
      poller.setActive(false);
      timers.now += 10_000;
      poller.setActive(true);
      await settle();
    }
    assert.equal(ticks, 1, 'ten focus changes, no extra request');
    assert.equal(timers.now, 400_000);
    assert.equal(timers.pendingDelay(), 200_000, 'the rest of the 600 s');
    await timers.fire();
    assert.equal(ticks, 2, 'the tick runs once the wait has passed');
    assert.equal(timers.now, 600_000);
    assert.equal(timers.pendingDelay(), 300_000, 'then the interval');
  });

  it('does not tick when focus comes back during a back-off', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const poller = new Poller(async () => ((ticks++, { ok: false })), OPTIONS, timers, timers.clock);
    poller.setActive(true);
    await settle();
    assert.equal(timers.pendingDelay(), 75_000);
    timers.now += 25_000;
    poller.setActive(false);
    poller.setActive(true);
    await settle();
    assert.equal(ticks, 1);
    assert.equal(timers.pendingDelay(), 50_000);
  });

  it('ticks on focus once the wait has passed, and at once when asked to', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const poller = new Poller(async () => ((ticks++, { ok: false, retryAfterMs: 600_000 })), OPTIONS, timers, timers.clock);
    poller.setActive(true);
    await settle();
    await poller.runNow();
    assert.equal(ticks, 2, 'a tick asked for goes at once, back-off or not');
    poller.setActive(false);
    timers.now += 600_000;
    poller.setActive(true);
    await settle();
    assert.equal(ticks, 3, 'the wait has passed: focus ticks at once');
  });

  it('resumes a back-off reported while inactive when focus comes back', async () => {
    const timers = new FakeTimers();
    let ticks = 0;
    const poller = new Poller(async () => ((ticks++, { ok: true })), OPTIONS, timers, timers.clock);
    poller.reportFailure(120_000);
    timers.now += 20_000;
    poller.setActive(true);
    await settle();
    assert.equal(ticks, 0);
    assert.equal(timers.pendingDelay(), 100_000);
  });
});
