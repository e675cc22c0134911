import * as assert from 'node:assert/strict';
import { addDays, HOUR_MS, MINUTE_MS, startOfDate } from '../../../../src/core/common/calendar';
import type { SpendingSeries } from '../../../../src/core/account/source';
import {
  detectSpike,
  keepReadings,
  median,
  MIN_WINDOW_MS,
  readSpendSeries,
  SPIKE_THRESHOLDS,
  spikeClaim,
  spikeQueryFrom,
  type SpendReading,
} from '../../../../src/core/spending/spendSpike';

const TODAY = '2026-11-18';
const dayStart = startOfDate(TODAY);
const medium = SPIKE_THRESHOLDS.medium;
const reading = (minutes: number, byKey: Record<string, number>, date = TODAY): SpendReading => ({
  at: dayStart + minutes * MINUTE_MS,
  date,
  byKey,
  names: Object.fromEntries(Object.keys(byKey).map((k) => [k, `name of ${k}`])),
});

function series(daily: readonly number[], today: Record<string, number>): SpendingSeries {
  const periods = daily.map((total, i) => ({ period: addDays(TODAY, i - daily.length), total, parts: [] }));
  const parts = Object.entries(today).map(([key, amount]) => ({ key, name: `Key ${key}`, amount }));
  return {
    currency: 'USD',
    granularity: 'day',
    groupBy: 'apiKey',
    periods: [...periods, { period: TODAY, total: parts.reduce((a, p) => a + p.amount, 0), parts }],
    totals: parts,
  };
}

describe('spend spike: the usual pace', () => {
  it('is the median of the last seven complete days over 24 hours, quiet days counted', () => {
    assert.equal(median([]), 0);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    const { usualPerHour, reading: r } = readSpendSeries(series([24, 48, 0, 240, 24, 48, 72], { a: 5, b: 1 }), TODAY, dayStart + HOUR_MS);
    assert.equal(usualPerHour, 48 / 24, 'one day of 240 does not move the median');
    assert.deepEqual(r.byKey, { a: 5, b: 1 });
    assert.equal(r.names.a, 'Key a');
    assert.equal(spikeQueryFrom(TODAY), '2026-11-11');
  });

  it('counts days the series leaves out as days without spend', () => {
    const { usualPerHour } = readSpendSeries(series([48, 48, 48], {}), TODAY, dayStart);
    assert.equal(usualPerHour, 0, 'three spending days of seven: the median day spent nothing');
  });
});

describe('spend spike: detection', () => {
  it('names the key whose spend grew, with the pace over the time between readings', () => {
    const spike = detectSpike({
      now: reading(600, { a: 30, b: 2 }),
      earlier: [reading(570, { a: 10, b: 2 }), reading(590, { a: 25, b: 2 })],
      dayStart,
      usualPerHour: 1,
      thresholds: medium,
    });
    assert.ok(spike);
    assert.equal(spike.key, 'a');
    assert.equal(spike.keyName, 'name of a');
    assert.equal(spike.amount, 20, 'compared with the oldest reading of the last hour');
    assert.equal(spike.windowMs, 30 * MINUTE_MS);
    assert.equal(spike.perHour, 40);
    assert.equal(spike.thresholdPerHour, 4);
    assert.deepEqual(spikeClaim(spike), { alertId: 'spendSpike:a', periodId: TODAY });
  });

  it('stays quiet at the usual pace, below the minimum amount, and under the floor', () => {
    const base = { dayStart, thresholds: medium };
    // $3 in an hour at a usual $1 an hour: 3x, under the 4x multiplier.
    assert.equal(detectSpike({ ...base, now: reading(600, { a: 13 }), earlier: [reading(540, { a: 10 })], usualPerHour: 1 }), undefined);
    // A cent after a quiet week: a huge multiple of nothing, but under the minimum amount.
    assert.equal(detectSpike({ ...base, now: reading(600, { a: 0.01 }), earlier: [reading(599, { a: 0 })], usualPerHour: 0 }), undefined);
    // $1.90 in 15 minutes with no usual spend: the floor ($0.50/h x 4 = $2/h) is not what stops it, the minimum is.
    assert.equal(detectSpike({ ...base, now: reading(600, { a: 1.9 }), earlier: [reading(585, { a: 0 })], usualPerHour: 0 }), undefined);
    // $2.40 in an hour, no usual spend: the minimum passes, the floor's $2/h threshold... is passed too.
    assert.ok(detectSpike({ ...base, now: reading(600, { a: 2.4 }), earlier: [reading(540, { a: 0 })], usualPerHour: 0 }));
    // $2.40 in an hour with a usual $0.70/h: 3.4x, no spike.
    assert.equal(detectSpike({ ...base, now: reading(600, { a: 2.4 }), earlier: [reading(540, { a: 0 })], usualPerHour: 0.7 }), undefined);
  });

  it('takes readings a minute apart over at least fifteen minutes', () => {
    const spike = detectSpike({ now: reading(601, { a: 5 }), earlier: [reading(600, { a: 0 })], dayStart, usualPerHour: 0.5, thresholds: medium });
    assert.ok(spike);
    assert.equal(spike.windowMs, MINUTE_MS);
    assert.equal(spike.perHour, 5 / (MIN_WINDOW_MS / HOUR_MS), '$5 over a quarter of an hour, not over one minute');
    assert.equal(detectSpike({ now: reading(601, { a: 1.5 }), earlier: [reading(600, { a: 0 })], dayStart, usualPerHour: 0, thresholds: SPIKE_THRESHOLDS.high })?.perHour, 6);
  });

  it('without a reading of the last hour today, compares the day so far with the usual pace', () => {
    const stale = [reading(30, { a: 0 }), reading(600, { a: 0 }, '2026-11-17')];
    const spike = detectSpike({ now: reading(120, { a: 12, b: 0.5 }), earlier: stale, dayStart, usualPerHour: 1, thresholds: medium });
    assert.ok(spike);
    assert.equal(spike.windowMs, 2 * HOUR_MS);
    assert.equal(spike.amount, 12.5);
    assert.equal(spike.perHour, 6.25);
    assert.equal(spike.key, 'a');
    // The same spend over ten hours is $1.25 an hour: no spike.
    assert.equal(detectSpike({ now: reading(600, { a: 12, b: 0.5 }), earlier: [], dayStart, usualPerHour: 1, thresholds: medium }), undefined);
  });

  it('ignores spend that fell (a corrected bill) and is stricter or looser with the sensitivity', () => {
    const input = { now: reading(600, { a: 4, b: 9 }), earlier: [reading(570, { a: 10, b: 6 })], dayStart, usualPerHour: 2 };
    assert.equal(detectSpike({ ...input, thresholds: medium }), undefined, '$6 an hour against a usual $2: 3x');
    const high = detectSpike({ ...input, thresholds: SPIKE_THRESHOLDS.high });
    assert.equal(high?.key, 'b');
    assert.equal(high?.amount, 3);
    assert.equal(detectSpike({ ...input, thresholds: SPIKE_THRESHOLDS.low }), undefined);
  });

  it('keeps only today\'s readings of the last hour', () => {
    const now = reading(600, { a: 1 });
    const kept = keepReadings([reading(500, { a: 0 }), reading(560, { a: 0 }), reading(590, { a: 0 }, '2026-11-17')], now);
    assert.deepEqual(kept.map((r) => r.at), [dayStart + 560 * MINUTE_MS, now.at]);
  });
});
