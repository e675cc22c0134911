import * as assert from 'node:assert/strict';
import { clampDelay, MAX_TIMER_MS } from '../../../../src/core/common/timers';

describe('clampDelay', () => {
  it('keeps a delay setTimeout honours', () => {
    assert.equal(clampDelay(0), 0);
    assert.equal(clampDelay(1_500), 1_500);
    assert.equal(clampDelay(MAX_TIMER_MS), MAX_TIMER_MS);
  });

  it('caps a delay Node would run after 1 ms instead (over 24.8 days)', () => {
    assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
    assert.equal(clampDelay(MAX_TIMER_MS + 1), MAX_TIMER_MS);
    assert.equal(clampDelay(30 * 24 * 3_600_000), MAX_TIMER_MS, 'a 30-day Retry-After');
    assert.equal(clampDelay(Number.POSITIVE_INFINITY), MAX_TIMER_MS);
  });

  it('turns a negative or unreadable delay into 0', () => {
    assert.equal(clampDelay(-5), 0);
    assert.equal(clampDelay(Number.NEGATIVE_INFINITY), 0);
    assert.equal(clampDelay(Number.NaN), 0);
  });
});
