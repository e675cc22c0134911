import * as assert from 'node:assert/strict';
import { checkThresholds, DEFAULT_THRESHOLDS, levelBackground, thresholdLevel, worstLevel } from '../../../../src/core/quota/thresholds';

describe('threshold levels', () => {
  it('moves from normal to warning to critical to exhausted at the thresholds', () => {
    const t = DEFAULT_THRESHOLDS;
    assert.equal(thresholdLevel(0, t), 'normal');
    assert.equal(thresholdLevel(0.7999, t), 'normal');
    assert.equal(thresholdLevel(0.8, t), 'warning');
    assert.equal(thresholdLevel(0.949, t), 'warning');
    assert.equal(thresholdLevel(0.95, t), 'critical');
    assert.equal(thresholdLevel(5700 / 6000, t), 'critical', 'a share computed from counts is not lost to rounding');
    assert.equal(thresholdLevel(0.07 * 3, { warning: 21, critical: 50 }), 'warning', '0.21000000000000002 is 21 %');
    assert.equal(thresholdLevel(0.9999, t), 'critical');
    assert.equal(thresholdLevel(1, t), 'exhausted');
    assert.equal(thresholdLevel(1.2, t), 'exhausted');
    assert.equal(thresholdLevel(Number.NaN, t), 'exhausted', 'a window without a quota counts as used up');
  });

  it('colours warning yellow, critical and exhausted red', () => {
    assert.equal(levelBackground('normal'), undefined);
    assert.equal(levelBackground('warning'), 'statusBarItem.warningBackground');
    assert.equal(levelBackground('critical'), 'statusBarItem.errorBackground');
    assert.equal(levelBackground('exhausted'), 'statusBarItem.errorBackground');
    assert.equal(worstLevel('warning', 'critical'), 'critical');
    assert.equal(worstLevel('exhausted', 'normal'), 'exhausted');
  });

  it('accepts thresholds in 1-100 with warning below critical, and says why others fail', () => {
    assert.deepEqual(checkThresholds(70, 90), { ok: true, value: { warning: 70, critical: 90 } });
    assert.deepEqual(checkThresholds(90, 90), { ok: false, reason: 'order' });
    assert.deepEqual(checkThresholds(95, 80), { ok: false, reason: 'order' });
    assert.deepEqual(checkThresholds(0, 80), { ok: false, reason: 'range' });
    assert.deepEqual(checkThresholds(80, 101), { ok: false, reason: 'range' });
    assert.deepEqual(checkThresholds('80', 95), { ok: false, reason: 'range' });
  });
});
