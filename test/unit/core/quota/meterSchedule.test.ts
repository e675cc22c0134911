import * as assert from 'node:assert/strict';
import { HOUR_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import { nextRedrawAt, passedResets, RESET_GRACE_MS, ResetRefreshPolicy } from '../../../../src/core/quota/meterSchedule';
import type { CodingPlan } from '../../../../src/core/account/model';
import { planWindows } from '../../../../src/core/quota/quota';

const T0 = Date.parse('2026-11-26T06:30:00Z');

function plan(fiveHourResetsAt: number): ReturnType<typeof planWindows> {
  return planWindows(codingPlan(fiveHourResetsAt));
}

function codingPlan(fiveHourResetsAt: number): CodingPlan {
  return {
    instanceId: 'i',
    tier: 'pro',
    rawType: 'pro',
    status: 'valid',
    rawStatus: 'VALID',
    windows: {
      fiveHour: { kind: 'fiveHour', used: 1, total: 6000, resetsAt: fiveHourResetsAt },
      weekly: { kind: 'weekly', used: 1, total: 45000, resetsAt: T0 + 72 * HOUR_MS },
      monthly: { kind: 'monthly', used: 1, total: 90000, resetsAt: T0 + 300 * HOUR_MS },
    },
  };
}

describe('the meter schedule', () => {
  it('redraws on the next whole minute, or just after a reset that comes sooner', () => {
    assert.equal(nextRedrawAt(T0 + 12_345, []), T0 + MINUTE_MS);
    assert.equal(nextRedrawAt(T0, plan(T0 + 2 * HOUR_MS)), T0 + MINUTE_MS, 'exactly on a minute: the next one');
    assert.equal(nextRedrawAt(T0 + 10_000, plan(T0 + 30_000)), T0 + 30_000 + RESET_GRACE_MS);
    assert.equal(nextRedrawAt(T0 + 10_000, plan(T0 - HOUR_MS)), T0 + MINUTE_MS, 'a reset in the past does not pull the redraw in');
  });

  it('lists the windows whose reset has passed', () => {
    assert.deepEqual(passedResets(plan(T0 + MINUTE_MS), T0), []);
    assert.deepEqual(passedResets(plan(T0 + MINUTE_MS), T0 + MINUTE_MS + RESET_GRACE_MS).map((w) => w.kind), ['fiveHour']);
    assert.deepEqual(passedResets([], T0), []);
  });

  it('forces a refresh once a reset passes, then at most once a minute and five times', () => {
    const policy = new ResetRefreshPolicy();
    const p = plan(T0);
    assert.equal(policy.shouldRefresh(p, T0 - 1), false, 'not before the reset');
    assert.equal(policy.shouldRefresh(p, T0 + 2_000), true);
    assert.equal(policy.shouldRefresh(p, T0 + 30_000), false, 'the backend still answers with the old period: wait');
    let attempts = 1;
    for (let m = 1; m <= 10; m++) {
      if (policy.shouldRefresh(p, T0 + 2_000 + m * MINUTE_MS)) {
        attempts++;
      }
    }
    assert.equal(attempts, 5);
    assert.equal(policy.shouldRefresh(plan(T0 + 5 * HOUR_MS), T0 + 5 * HOUR_MS + 2_000), true, 'the next reset starts over');
  });

  it('does not stall when the clock moves backwards past its last attempt', () => {
    const policy = new ResetRefreshPolicy();
    const p = plan(T0);
    assert.equal(policy.shouldRefresh(p, T0 + 10 * MINUTE_MS), true);
    assert.equal(policy.shouldRefresh(p, T0 + 5 * MINUTE_MS), true);
  });
});
