import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DemoAccount } from '../../../../src/api/demo/demoAccount';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import type { CodingPlan, QuotaWindow, UsageSample } from '../../../../src/core/account/model';
import { averagePace, bestPace, forecast, pace, tasksLeft, windowStart } from '../../../../src/core/quota/pace';

const T0 = Date.parse('2026-11-26T03:00:00Z'); // a 5-hour window starts here
const min = (n: number): number => T0 + n * MINUTE_MS;
const s = (minutes: number, used: number): UsageSample => ({ at: min(minutes), used });
const w = (kind: QuotaWindow['kind'], used: number, total: number, resetsAt: number): QuotaWindow => ({ kind, used, total, resetsAt });

describe('pace', () => {
  it('is requests per hour between the first and last sample of the last hour', () => {
    const samples = [s(0, 0), s(30, 100), s(60, 200), s(90, 350), s(120, 500)];
    const p = pace(samples, min(120));
    assert.deepEqual(p, { requestsPerHour: 300, from: min(60), to: min(120) });
  });

  it('is zero when nothing was used', () => {
    assert.equal(pace([s(0, 40), s(20, 40), s(40, 40)], min(45))?.requestsPerHour, 0);
  });

  it('has no answer in the first minutes of a window: too short a span', () => {
    assert.equal(pace([s(0, 0), s(3, 40)], min(4)), undefined);
    assert.equal(pace([s(0, 0)], min(30)), undefined, 'one sample is no pace');
    assert.equal(pace([], min(30)), undefined);
    assert.equal(pace([s(0, 0), s(10, 40)], min(12))?.requestsPerHour, 240, 'ten minutes is enough');
  });

  it('counts only samples after a reset (use dropped)', () => {
    // The window reset at minute 50: 900 before, 20 after.
    const samples = [s(20, 700), s(40, 900), s(52, 20), s(62, 60), s(72, 100)];
    assert.deepEqual(pace(samples, min(72)), { requestsPerHour: 240, from: min(52), to: min(72) });
    assert.equal(pace([s(30, 700), s(45, 900), s(55, 20)], min(56)), undefined, 'one sample since the reset');
  });

  it('ignores samples from after now, when the clock moved backwards', () => {
    const samples = [s(0, 0), s(20, 100), s(40, 200), s(90, 900)];
    assert.deepEqual(pace(samples, min(45)), { requestsPerHour: 300, from: min(0), to: min(40) });
    assert.equal(pace(samples, min(-10)), undefined, 'every sample is in the future');
  });

  it('does not depend on the samples\' order, and skips broken ones', () => {
    const samples = [s(60, 200), s(0, 0), { at: Number.NaN, used: 5 }, s(30, 100), { at: min(45), used: -3 }];
    assert.equal(pace(samples, min(60))?.requestsPerHour, 200);
  });

  it('picks the series that covers the longest stretch', () => {
    // The 5-hour window reset four minutes ago; the weekly counter saw the whole last hour.
    const fiveHour = [s(56, 0), s(60, 30)];
    const weekly = [s(0, 5000), s(30, 5150), s(60, 5330)];
    assert.deepEqual(bestPace([fiveHour, weekly], min(60)), { requestsPerHour: 330, from: min(0), to: min(60) });
    assert.equal(bestPace([fiveHour], min(60)), undefined);
  });

  it('never goes negative and never reads the future, whatever the samples', () => {
    const sample = fc.record({ at: fc.integer({ min: T0 - DAY_MS, max: T0 + DAY_MS }), used: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 40 }), fc.integer({ min: T0 - DAY_MS, max: T0 + DAY_MS }), (samples, now) => {
        const p = pace(samples, now);
        assert.deepEqual(p, pace(samples.filter((x) => x.at <= now), now));
        if (p) {
          assert.ok(p.requestsPerHour >= 0);
          assert.ok(p.from < p.to && p.to <= now && p.from >= now - HOUR_MS);
        }
      }),
    );
  });
});

describe('window starts and average pace', () => {
  it('finds where each window started, matching the demo account', () => {
    const account = new DemoAccount();
    for (const now of [T0 + 7 * MINUTE_MS, Date.parse('2026-12-10T02:20:00Z'), Date.parse('2027-03-01T00:00:00Z')]) {
      const plan = account.codingPlan(now);
      for (const kind of ['fiveHour', 'weekly', 'monthly'] as const) {
        assert.equal(windowStart(plan.windows[kind]), account.windowStart(kind, now), `${kind} at ${new Date(now).toISOString()}`);
      }
    }
  });

  it('uses the last day of a shorter month for a monthly window', () => {
    // Renews on the 31st at 09:00 UTC+8; before a 31 March reset, the window started on the 28 February.
    const resetsAt = Date.parse('2027-03-31T01:00:00Z');
    assert.equal(new Date(windowStart(w('monthly', 0, 1, resetsAt))).toISOString(), '2027-02-28T01:00:00.000Z');
  });

  it('averages use since the window started, once half an hour has passed', () => {
    const weekly = w('weekly', 7000, 45000, T0 + 5 * DAY_MS); // started two days ago
    assert.deepEqual(averagePace(weekly, T0), { requestsPerHour: 7000 / 48, from: T0 - 2 * DAY_MS, to: T0 });
    const fresh = w('fiveHour', 90, 6000, T0 + 5 * HOUR_MS);
    assert.equal(averagePace(fresh, min(20)), undefined, 'twenty minutes into the window');
    assert.equal(averagePace(fresh, min(30))?.requestsPerHour, 180);
    assert.equal(averagePace(fresh, T0 + 5 * HOUR_MS), undefined, 'the window is over');
    assert.equal(averagePace(fresh, T0 - MINUTE_MS), undefined, 'before the window (the clock moved backwards)');
    assert.equal(averagePace(w('fiveHour', 0, 6000, T0 + 5 * HOUR_MS), min(60))?.requestsPerHour, 0, 'no use');
  });
});

describe('forecast', () => {
  const resetsAt = T0 + 5 * HOUR_MS;
  const at = (requestsPerHour: number) => ({ requestsPerHour, from: min(0), to: min(60) });

  it('says when a window runs out before it resets', () => {
    // 4,000 left at 1,200 an hour: out in 3 h 20 min, at 07:20; it resets at 08:00.
    const f = forecast(w('fiveHour', 2000, 6000, resetsAt), at(1200), min(60));
    assert.deepEqual(f, { kind: 'runsOut', at: min(260), beforeResetMs: 40 * MINUTE_MS, requestsPerHour: 1200 });
  });

  it('says how much is left at the reset when it lasts', () => {
    assert.deepEqual(forecast(w('fiveHour', 2000, 6000, resetsAt), at(600), min(60)), { kind: 'lasts', leftAtReset: 1600, requestsPerHour: 600 });
    assert.deepEqual(forecast(w('fiveHour', 2000, 6000, resetsAt), at(1000), min(60)), { kind: 'lasts', leftAtReset: 0, requestsPerHour: 1000 }, 'runs out exactly at the reset: it lasts');
  });

  it('lasts with everything left when nothing is being used', () => {
    assert.deepEqual(forecast(w('fiveHour', 0, 6000, resetsAt), at(0), min(60)), { kind: 'lasts', leftAtReset: 6000, requestsPerHour: 0 });
  });

  it('reports an exhausted window as a hard stop until the reset, whatever the pace', () => {
    assert.deepEqual(forecast(w('weekly', 45000, 45000, resetsAt), undefined, min(60)), { kind: 'exhausted', resetsAt });
    assert.deepEqual(forecast(w('weekly', 45010, 45000, resetsAt), at(0), min(60)), { kind: 'exhausted', resetsAt });
  });

  it('knows nothing without a pace, or once the window has reset', () => {
    assert.deepEqual(forecast(w('fiveHour', 10, 6000, resetsAt), undefined, min(2)), { kind: 'unknown' });
    assert.deepEqual(forecast(w('fiveHour', 5900, 6000, resetsAt), at(5000), resetsAt), { kind: 'unknown' });
    assert.deepEqual(forecast(w('fiveHour', 6000, 6000, resetsAt), at(5000), resetsAt + MINUTE_MS), { kind: 'unknown' }, 'exhausted, but in a period that is over');
  });

  it('projects from when the window was observed, never from the future', () => {
    // Observed ten minutes ago with 1,200 left at 1,200 an hour: out fifty minutes from now.
    const window = w('fiveHour', 4800, 6000, resetsAt);
    const f = forecast(window, at(1200), min(70), min(60));
    assert.equal(f.kind === 'runsOut' ? f.at : undefined, min(120));
    // The clock moved back ten minutes since the observation: project from now.
    const g = forecast(window, at(1200), min(50), min(60));
    assert.equal(g.kind === 'runsOut' ? g.at : undefined, min(110));
  });

  it('always runs out before the reset when it says so, and never leaves more than is left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7000 }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.integer({ min: -60, max: 400 }),
        (used, rate, minutes) => {
          const window = w('fiveHour', used, 6000, resetsAt);
          const f = forecast(window, at(rate), min(minutes));
          if (f.kind === 'runsOut') {
            assert.ok(f.at < resetsAt && f.beforeResetMs === resetsAt - f.at && f.at >= min(minutes));
          } else if (f.kind === 'lasts') {
            assert.ok(f.leftAtReset >= 0 && f.leftAtReset <= 6000 - used);
          } else if (f.kind === 'exhausted') {
            assert.ok(used >= 6000);
          } else {
            assert.ok(min(minutes) >= resetsAt);
          }
        },
      ),
    );
  });
});

describe('tasks left', () => {
  const plan = (fiveHour: QuotaWindow, weekly: QuotaWindow, monthly: QuotaWindow): CodingPlan => ({
    instanceId: 'i',
    tier: 'pro',
    rawType: 'pro',
    status: 'valid',
    rawStatus: 'VALID',
    windows: { fiveHour, weekly, monthly },
  });

  it('counts 5-30 requests a task against the window with the fewest requests left', () => {
    const t = tasksLeft(plan(w('fiveHour', 1000, 6000, 1), w('weekly', 44000, 45000, 2), w('monthly', 10, 90000, 3)));
    assert.ok(t);
    assert.equal(t.window.kind, 'weekly');
    assert.deepEqual([t.requests, t.fewest, t.most], [1000, 33, 200]);
  });

  it('counts tasks against the windows a plan reported, and none when it reported none', () => {
    const monthOnly = { ...plan(w('fiveHour', 0, 6000, 1), w('weekly', 0, 45000, 2), w('monthly', 89_000, 90000, 3)), windows: { monthly: w('monthly', 89_000, 90000, 3) } };
    assert.deepEqual(tasksLeft(monthOnly)?.requests, 1000);
    assert.equal(tasksLeft({ ...monthOnly, windows: {} }), undefined);
  });

  it('has no tasks left when a window is exhausted', () => {
    const t = tasksLeft(plan(w('fiveHour', 6000, 6000, 1), w('weekly', 100, 45000, 2), w('monthly', 100, 90000, 3)));
    assert.ok(t);
    assert.deepEqual([t.window.kind, t.requests, t.fewest, t.most], ['fiveHour', 0, 0, 0]);
  });
});
