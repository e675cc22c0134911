// The warning before a long task: the quota meter and the agents' answers read the same forecast.
import * as assert from 'node:assert/strict';
import { DAY_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import type { CodingPlan, QuotaWindow, UsageSample } from '../../../../src/core/account/model';
import { formatTime } from '../../../../src/core/common/format';
import { analyseQuota, type MeterOptions, presentMeter, type UsageSamples } from '../../../../src/core/quota/quotaMeter';
import { runOutSoon } from '../../../../src/core/quota/runOutSoon';
import { DEFAULT_THRESHOLDS } from '../../../../src/core/quota/thresholds';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const OPTIONS: MeterOptions = {
  windows: [],
  display: 'used',
  format: 'percent',
  compact: false,
  thresholds: DEFAULT_THRESHOLDS,
  staleAfterMs: 11 * MINUTE_MS,
  commands: { refresh: 'r', showCodingPlan: 's', openConsole: 'o', showLog: 'l' },
  describeError: (e) => e.kind,
  locale: 'en-US',
};

function plan(fiveHourUsed: number, fiveHourResetsIn = 72 * MINUTE_MS): CodingPlan {
  const w = (kind: QuotaWindow['kind'], used: number, total: number, resetsAt: number): QuotaWindow => ({ kind, used, total, resetsAt });
  return {
    instanceId: 'sfm-1',
    tier: 'pro',
    rawType: 'pro',
    status: 'valid',
    rawStatus: 'VALID',
    windows: {
      fiveHour: w('fiveHour', fiveHourUsed, 6000, NOW + fiveHourResetsIn),
      weekly: w('weekly', 5000, 45000, NOW + 3 * DAY_MS),
      monthly: w('monthly', 9000, 90000, NOW + 14 * DAY_MS),
    },
  };
}

/** Steady use at `perHour` over the last hour, ending at `used` now. */
function steady(used: number, perHour: number): UsageSamples {
  const samples: UsageSample[] = Array.from({ length: 13 }, (_, i) => ({ at: NOW - (12 - i) * 5 * MINUTE_MS, used: Math.round(used - (perHour * (12 - i)) / 12) }));
  return { fiveHour: samples };
}

const snapshot = (p: CodingPlan) => ({ value: { coding: p }, fetchedAt: NOW, source: { kind: 'qwenCloud', label: 'me' } as const, loading: false, unavailable: false });

describe('running out within the hour', () => {
  it('names the window forecast to run out within the hour, with when it resets', () => {
    // 1,020 left at 1,200 an hour: out in 51 min, before the reset in 72 min.
    const analysis = analyseQuota({ coding: plan(4980) }, steady(4980, 1200), NOW, NOW, DEFAULT_THRESHOLDS);
    const soon = runOutSoon(analysis, NOW);
    assert.deepEqual(soon && { kind: soon.kind, at: soon.at, resetsAt: soon.resetsAt }, { kind: 'fiveHour', at: NOW + 51 * MINUTE_MS, resetsAt: NOW + 72 * MINUTE_MS });
  });

  it('says nothing when the run-out is over an hour away, the window lasts, or it is used up already', () => {
    // 3,000 left at 1,200 an hour: 2 h 30 min, after the reset in 3 h? No: the reset comes in 4 h, so it runs out, but not soon.
    const far = analyseQuota({ coding: plan(3000, 4 * 60 * MINUTE_MS) }, steady(3000, 1200), NOW, NOW, DEFAULT_THRESHOLDS);
    assert.equal(far.windows.fiveHour?.forecast.kind, 'runsOut');
    assert.equal(runOutSoon(far, NOW), undefined);
    const lasts = analyseQuota({ coding: plan(4980) }, steady(4980, 300), NOW, NOW, DEFAULT_THRESHOLDS);
    assert.equal(runOutSoon(lasts, NOW), undefined);
    const full = analyseQuota({ coding: plan(6000) }, steady(6000, 1200), NOW, NOW, DEFAULT_THRESHOLDS);
    assert.equal(full.windows.fiveHour?.forecast.kind, 'exhausted');
    assert.equal(runOutSoon(full, NOW), undefined);
  });

  it('turns the meter yellow below the warning threshold and says when, in the text, the tooltip and the label', () => {
    // 60 % used, 2,400 left at 3,000 an hour: out in 48 min, before the reset in 72 min.
    const view = presentMeter(snapshot(plan(3600)), steady(3600, 3000), NOW, OPTIONS);
    const at = formatTime(NOW + 48 * MINUTE_MS, NOW, 'en-US');
    assert.equal(view.level, 'warning');
    assert.equal(view.analysis?.level, 'normal');
    assert.equal(view.text, `$(warning) 5h 60% · wk 11% · mo 10% · $(watch) 5h out at ${at}`);
    assert.equal(view.background, 'statusBarItem.warningBackground');
    const sentence = `At the current pace the 5-hour window runs out in 48 min, at ${at}, before it resets at ${formatTime(NOW + 72 * MINUTE_MS, NOW, 'en-US')} (in 1 h 12 min). Checkpoint long tasks before then.`;
    assert.ok(view.tooltip.includes(`$(watch) **${sentence}**`), view.tooltip);
    assert.ok(view.accessibilityLabel.includes(sentence), view.accessibilityLabel);
    assert.equal(view.runOutSoon?.kind, 'fiveHour');
    const calm = presentMeter(snapshot(plan(3600)), steady(3600, 600), NOW, OPTIONS);
    assert.equal(calm.text, '$(dashboard) 5h 60% · wk 11% · mo 10%');
    assert.equal(calm.runOutSoon, undefined);
  });
});
