import * as assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  dateKey,
  daysBetween,
  daysInMonth,
  isDateKey,
  lastMonthlyAnniversary,
  monthKey,
  nextMonthlyAnniversary,
  startOfDate,
  startOfWeek,
  weekday,
} from '../../../../src/core/common/calendar';

describe('calendar in the billing time zone (UTC+8)', () => {
  it('puts an instant on the UTC+8 calendar day', () => {
    // 2026-11-26 17:30 UTC is already 2026-11-27 01:30 in UTC+8.
    assert.equal(dateKey(Date.UTC(2026, 10, 26, 17, 30)), '2026-11-27');
    assert.equal(dateKey(Date.UTC(2026, 10, 26, 15, 59)), '2026-11-26');
    assert.equal(monthKey(Date.UTC(2026, 10, 30, 16, 0)), '2026-12');
  });

  it('does day and month arithmetic across year ends and leap years', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(addMonths('2026-12', 1), '2027-01');
    assert.equal(addMonths('2026-01', -13), '2024-12');
    assert.equal(daysInMonth('2028-02'), 29);
    assert.equal(daysInMonth('2027-02'), 28);
    assert.equal(daysBetween('2026-11-26', '2026-12-03'), 7);
    assert.equal(weekday('2026-11-26'), 4);
  });

  it('validates date keys', () => {
    assert.ok(isDateKey('2026-02-28'));
    assert.ok(!isDateKey('2026-02-30'));
    assert.ok(!isDateKey('2026-13-01'));
    assert.ok(!isDateKey('26-1-1'));
  });

  it('starts the week on Monday 00:00 UTC+8', () => {
    const thursday = Date.UTC(2026, 10, 26, 4, 0);
    assert.equal(startOfWeek(thursday), startOfDate('2026-11-23'));
    assert.equal(new Date(startOfWeek(thursday)).toISOString(), '2026-11-22T16:00:00.000Z');
    // Monday 00:00 exactly belongs to the new week.
    assert.equal(startOfWeek(startOfDate('2026-11-30')), startOfDate('2026-11-30'));
  });

  it('finds monthly anniversaries, clamping to short months', () => {
    const at = (iso: string): number => Date.parse(iso);
    assert.equal(lastMonthlyAnniversary(at('2026-11-26T00:00:00Z'), 10, 0), startOfDate('2026-11-10'));
    assert.equal(lastMonthlyAnniversary(at('2026-11-05T00:00:00Z'), 10, 0), startOfDate('2026-10-10'));
    // A subscription on the 31st renews on the last day of shorter months.
    assert.equal(lastMonthlyAnniversary(at('2027-03-01T00:00:00Z'), 31, 0), startOfDate('2027-02-28'));
    assert.equal(nextMonthlyAnniversary(startOfDate('2027-01-31'), 31, 0), startOfDate('2027-02-28'));
  });
});
