import * as assert from 'node:assert/strict';
import type { CodingPlan, QuotaWindow } from '../../../../src/core/account/model';
import { isExhausted, percentUsed, planWindows, remaining, tightestWindow, usedShare } from '../../../../src/core/quota/quota';

const w = (kind: QuotaWindow['kind'], used: number, total: number, resetsAt = 0): QuotaWindow => ({ kind, used, total, resetsAt });
const plan = (fiveHour: QuotaWindow, weekly: QuotaWindow, monthly: QuotaWindow): CodingPlan => ({
  instanceId: 'i',
  tier: 'pro',
  rawType: 'pro',
  status: 'valid',
  rawStatus: 'VALID',
  windows: { fiveHour, weekly, monthly },
});

describe('quota arithmetic', () => {
  it('computes shares, remaining and exhaustion', () => {
    assert.equal(usedShare(w('fiveHour', 300, 1200)), 0.25);
    assert.equal(remaining(w('fiveHour', 1300, 1200)), 0);
    assert.ok(isExhausted(w('fiveHour', 1200, 1200)));
    assert.equal(usedShare(w('fiveHour', 0, 0)), 1, 'a window with no quota counts as full');
  });

  it('never rounds a nearly full window up to 100 %', () => {
    assert.equal(percentUsed(w('weekly', 8999, 9000)), 99);
    assert.equal(percentUsed(w('weekly', 9000, 9000)), 100);
  });

  it('picks the tightest window, breaking ties by the later reset', () => {
    const p = plan(w('fiveHour', 600, 6000, 1), w('weekly', 9000, 45000, 2), w('monthly', 18000, 90000, 3));
    assert.equal(tightestWindow(planWindows(p))?.kind, 'monthly');
    assert.equal(tightestWindow(planWindows(p), ['fiveHour'])?.kind, 'fiveHour');
    const q = plan(w('fiveHour', 5000, 6000, 1), w('weekly', 9000, 45000, 2), w('monthly', 18000, 90000, 3));
    assert.equal(tightestWindow(planWindows(q))?.kind, 'fiveHour');
  });
});
