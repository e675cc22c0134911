// The demo account on the days where calendars bite: a month's first, its third (before the last month's
// bill settles), its last, a year's last and first, and 29 February. Every view's figures must hold there
// as they do mid-month, so tests pass on whatever day they run.
import * as assert from 'node:assert/strict';
import { DemoAccount } from '../../../src/api/demo/demoAccount';
import { DemoSource } from '../../../src/api/demo/demoSource';
import { SETTLEMENT_DAY } from '../../../src/core/spending/bills';
import { addDays, addMonths, dateKey, daysInMonth, monthKey, startOfDate } from '../../../src/core/common/calendar';
import { ManualClock } from '../../../src/core/common/clock';
import { collectLineItems } from '../../../src/core/spending/lineItemTable';
import { sumAmounts } from '../../../src/core/spending/spending';
import { resolveRange } from '../../../src/core/spending/spendingRange';

/** Each day at 00:30 and at 23:30 in the billing time zone (UTC+8): the first and last half hour of it. */
const DAYS = ['2026-12-01', '2026-12-03', '2026-12-31', '2027-01-01', '2028-02-29', '2028-03-01', '2026-11-30'];
const MOMENTS = DAYS.flatMap((day) => [startOfDate(day) + 30 * 60_000, startOfDate(day) + 23.5 * 3_600_000]);

describe('the demo account on month-boundary days', () => {
  for (const at of MOMENTS) {
    const today = dateKey(at);
    const label = `${today} ${new Date(at).toISOString().slice(11, 16)} UTC`;
    const clock = new ManualClock(at);
    const source = new DemoSource(new DemoAccount(), clock);

    it(`${label}: the Coding Plan's windows are part-used and reset later`, async () => {
      const plan = await source.getCodingPlan();
      assert.ok(plan);
      for (const w of Object.values(plan.windows)) {
        assert.ok(w.used >= 0 && w.used <= w.total, `${w.kind}: ${w.used}/${w.total}`);
        assert.ok(w.resetsAt > at, `${w.kind} resets after now`);
      }
      assert.ok(plan.periodStart! <= at && at < plan.periodEnd!, 'now is inside the subscription period');
    });

    it(`${label}: the month's spend covers this month up to today, day by day`, async () => {
      const spend = await source.getMonthSpend();
      assert.equal(spend.month, monthKey(at));
      // Half an hour into the 1st nothing may have been billed yet: an empty month, not an error.
      assert.ok(spend.daily.length <= Number(today.slice(8)), `${spend.daily.length} days`);
      for (const d of spend.daily) {
        assert.ok(d.date.startsWith(spend.month) && d.date <= today, d.date);
      }
      assert.ok(Math.abs(spend.total.amount - sumAmounts(spend.daily.map((d) => d.amount))) < 1e-9);
    });

    it(`${label}: the last three months by month add up to their itemised records, more than a page of them`, async () => {
      const resolved = resolveRange({ preset: 'last3Months' }, today);
      assert.ok(resolved.ok);
      const { from, to } = resolved.range;
      assert.equal(from, `${addMonths(monthKey(at), -2)}-01`);
      const series = await source.getCostAnalysis({ granularity: 'month', from, to, groupBy: 'apiKey' });
      assert.deepEqual(
        series.periods.map((p) => p.period),
        [addMonths(monthKey(at), -2), addMonths(monthKey(at), -1), monthKey(at)],
      );
      const records = await collectLineItems(source, { from, to }, {});
      assert.ok(records.items.length > 100, `${records.items.length} records`);
      for (const item of records.items) {
        assert.ok(item.billingDate >= from && item.billingDate <= to, item.billingDate);
      }
      const chartTotal = sumAmounts(series.periods.map((p) => p.total));
      assert.ok(chartTotal > 0);
      assert.ok(Math.abs(sumAmounts(records.items.map((i) => i.amount)) - chartTotal) < 1e-6, 'chart and list agree');
    });

    it(`${label}: the last seven days by day end today, across the month's edge`, async () => {
      const series = await source.getCostAnalysis({ granularity: 'day', from: addDays(today, -6), to: today, groupBy: 'model' });
      assert.equal(series.periods.length, 7);
      assert.equal(series.periods[0]?.period, addDays(today, -6));
      assert.equal(series.periods.at(-1)?.period, today);
    });

    it(`${label}: bills start with the running month, and last month is final only from its settlement day`, async () => {
      const bills = await source.listBills();
      assert.equal(bills[0]?.month, monthKey(at));
      assert.equal(bills[0]?.status, 'running');
      const previous = bills.find((b) => b.month === addMonths(monthKey(at), -1));
      assert.ok(previous);
      assert.equal(previous.status, Number(today.slice(8)) < SETTLEMENT_DAY ? 'pending' : 'settled');
      assert.ok(daysInMonth(monthKey(at)) >= Number(today.slice(8)));
    });
  }
});
