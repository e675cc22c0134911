import * as assert from 'node:assert/strict';
import { DemoAccount } from '../../../../src/api/demo/demoAccount';
import { DemoSource } from '../../../../src/api/demo/demoSource';
import { HOUR_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import { ManualClock } from '../../../../src/core/common/clock';
import type { CodingPlan, RequestWindowKind, UsageSample } from '../../../../src/core/account/model';
import { REQUEST_WINDOW_KINDS } from '../../../../src/core/account/model';
import { planWindows } from '../../../../src/core/quota/quota';
import { bestPace } from '../../../../src/core/quota/pace';
import { UsageHistory } from '../../../../src/core/quota/usageHistory';

const T0 = Date.parse('2026-11-26T03:00:00Z');
const FIVE_H = 5 * HOUR_MS;

function plan(used: Record<RequestWindowKind, number>, resets: Partial<Record<RequestWindowKind, number>> = {}, recentUsage?: CodingPlan['recentUsage']): CodingPlan {
  const w = (kind: RequestWindowKind, total: number, resetsAt: number) => ({ kind, used: used[kind], total, resetsAt: resets[kind] ?? resetsAt });
  return {
    instanceId: 'i',
    tier: 'pro',
    rawType: 'pro',
    status: 'valid',
    rawStatus: 'VALID',
    windows: { fiveHour: w('fiveHour', 6000, T0 + FIVE_H), weekly: w('weekly', 45000, T0 + 72 * HOUR_MS), monthly: w('monthly', 90000, T0 + 300 * HOUR_MS) },
    ...(recentUsage ? { recentUsage } : {}),
  };
}
const all = (n: number, weekly = n, monthly = n): Record<RequestWindowKind, number> => ({ fiveHour: n, weekly, monthly });
/** What the usage recorder does with a Coding Plan snapshot. */
const observe = (h: UsageHistory, p: CodingPlan, at: number, source: string): void => h.observe(planWindows(p), p.recentUsage, at, source);
const requestSamples = (h: UsageHistory): (readonly UsageSample[])[] => REQUEST_WINDOW_KINDS.map((k) => h.samples(k));
const ats = (samples: readonly UsageSample[]): number[] => samples.map((s) => (s.at - T0) / MINUTE_MS);

describe('UsageHistory', () => {
  it('builds one series per window from successive snapshots', () => {
    const h = new UsageHistory();
    observe(h, plan(all(10)), T0 + 5 * MINUTE_MS, 'demo');
    observe(h, plan(all(60)), T0 + 10 * MINUTE_MS, 'demo');
    observe(h, plan(all(110)), T0 + 15 * MINUTE_MS, 'demo');
    assert.deepEqual(ats(h.samples('fiveHour')), [5, 10, 15]);
    assert.deepEqual(h.samples('weekly').map((s) => s.used), [10, 60, 110]);
    assert.equal(bestPace(requestSamples(h), T0 + 15 * MINUTE_MS)?.requestsPerHour, 600);
  });

  it('starts a window over when it resets, keeping the others', () => {
    const h = new UsageHistory();
    for (let m = 0; m <= 60; m += 10) {
      observe(h, plan(all(5000 + m * 10, 20_000 + m * 10)), T0 + FIVE_H - 60 * MINUTE_MS + m * MINUTE_MS, 'demo');
    }
    observe(h, plan(all(30, 20_630), { fiveHour: T0 + 2 * FIVE_H }), T0 + FIVE_H + 3 * MINUTE_MS, 'demo');
    assert.deepEqual(h.samples('fiveHour').map((s) => s.used), [30], 'the old period is gone');
    assert.equal(h.samples('weekly').length, 8);
    // Three minutes into the new 5-hour window, the weekly window still knows the pace.
    assert.ok(Math.abs(bestPace(requestSamples(h), T0 + FIVE_H + 3 * MINUTE_MS)!.requestsPerHour - 600) < 1);
  });

  it('treats a reset time that wobbles by seconds as the same period', () => {
    const h = new UsageHistory();
    observe(h, plan(all(10), { fiveHour: T0 + FIVE_H }), T0 + MINUTE_MS, 'q');
    observe(h, plan(all(20), { fiveHour: T0 + FIVE_H + 2_000 }), T0 + 6 * MINUTE_MS, 'q');
    observe(h, plan(all(30), { fiveHour: T0 + FIVE_H - 1_500 }), T0 + 11 * MINUTE_MS, 'q');
    assert.deepEqual(h.samples('fiveHour').map((s) => s.used), [10, 20, 30]);
  });

  it('forgets everything when the account changes', () => {
    const h = new UsageHistory();
    observe(h, plan(all(10)), T0, 'demo');
    observe(h, plan(all(900)), T0 + MINUTE_MS * 5, 'qwenCloud:me@example.com');
    assert.deepEqual(h.samples('monthly').map((s) => s.used), [900]);
  });

  it('drops samples from "after" an observation when the clock moved backwards', () => {
    const h = new UsageHistory();
    observe(h, plan(all(10)), T0 + 10 * MINUTE_MS, 'demo');
    observe(h, plan(all(20)), T0 + 20 * MINUTE_MS, 'demo');
    observe(h, plan(all(15)), T0 + 15 * MINUTE_MS, 'demo');
    assert.deepEqual(ats(h.samples('weekly')), [10, 15]);
  });

  it('drops earlier samples above a later one (a correction)', () => {
    const h = new UsageHistory();
    observe(h, plan(all(100)), T0 + 10 * MINUTE_MS, 'demo');
    observe(h, plan(all(200)), T0 + 20 * MINUTE_MS, 'demo');
    observe(h, plan(all(150)), T0 + 30 * MINUTE_MS, 'demo');
    assert.deepEqual(h.samples('weekly').map((s) => s.used), [100, 150]);
  });

  it('stays bounded: one sample a minute, two hours, at most 150', () => {
    const h = new UsageHistory();
    for (let s = 0; s < 5 * 3600; s += 20) {
      observe(h, plan(all(s)), T0 + s * 1000, 'demo');
    }
    const samples = h.samples('weekly');
    assert.ok(samples.length <= 121, `${samples.length} samples`);
    assert.ok(samples[samples.length - 1]!.at - samples[0]!.at <= 2 * HOUR_MS);
    for (let i = 1; i < samples.length; i++) {
      assert.ok(Math.floor(samples[i]!.at / MINUTE_MS) > Math.floor(samples[i - 1]!.at / MINUTE_MS));
    }
    assert.equal(samples[samples.length - 1]!.used, 5 * 3600 - 20, 'the newest is always kept');
    const dense = new UsageHistory({ retentionMs: 10 * HOUR_MS, spacingMs: 1000, maxSamples: 150, resetToleranceMs: MINUTE_MS });
    for (let s = 0; s < 1000; s++) {
      observe(dense, plan(all(s)), T0 + s * 1000, 'demo');
    }
    assert.equal(dense.samples('weekly').length, 150);
  });

  it('merges the recent use a source supplies with what it observed, without duplicates', () => {
    const h = new UsageHistory();
    const recent = (until: number): UsageSample[] => Array.from({ length: until / 5 }, (_, i) => ({ at: T0 + i * 5 * MINUTE_MS, used: i * 50 }));
    observe(h, plan(all(300), {}, { weekly: recent(30) }), T0 + 30 * MINUTE_MS, 'demo');
    observe(h, plan(all(350), {}, { weekly: recent(35) }), T0 + 35 * MINUTE_MS, 'demo');
    assert.deepEqual(ats(h.samples('weekly')), [0, 5, 10, 15, 20, 25, 30, 35]);
    assert.deepEqual(ats(h.samples('fiveHour')), [30, 35], 'no history supplied for this window');
  });

  it('shows a pace at the first refresh on the demo account', async () => {
    const now = Date.parse('2026-11-26T06:30:00Z');
    const demo = await new DemoSource(new DemoAccount(), new ManualClock(now)).getCodingPlan();
    const h = new UsageHistory();
    observe(h, demo!, now, 'demo');
    const p = bestPace(requestSamples(h), now);
    assert.ok(p && p.to - p.from >= 55 * MINUTE_MS, JSON.stringify(p));
  });

  it('survives a round trip through JSON, and reads malformed state as empty', () => {
    const h = new UsageHistory();
    observe(h, plan(all(10)), T0 + 10 * MINUTE_MS, 'demo');
    observe(h, plan(all(20)), T0 + 20 * MINUTE_MS, 'demo');
    const back = UsageHistory.fromState(JSON.parse(JSON.stringify(h.toState())));
    assert.deepEqual(back.toState(), h.toState());
    assert.deepEqual(back.samples('monthly'), h.samples('monthly'));
    observe(back, plan(all(30)), T0 + 30 * MINUTE_MS, 'demo');
    assert.equal(back.samples('monthly').length, 3, 'the restored history carries on for the same account');
    for (const junk of [undefined, null, 42, 'x', [], { version: 2, source: 'demo', series: {} }, { version: 1, source: 3, series: {} }]) {
      assert.deepEqual(requestSamples(UsageHistory.fromState(junk)), [[], [], []]);
    }
    const partial = UsageHistory.fromState({
      version: 1,
      source: 'demo',
      series: { weekly: { resetsAt: T0, samples: [[T0, 5], ['x', 1], [T0 + MINUTE_MS, -1], [T0 + 2 * MINUTE_MS, 9]] }, monthly: { resetsAt: 'soon', samples: [] } },
    });
    assert.deepEqual(partial.samples('weekly').map((s) => s.used), [5, 9]);
    assert.deepEqual(partial.samples('monthly'), []);
  });
});
