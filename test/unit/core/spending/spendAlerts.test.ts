import * as assert from 'node:assert/strict';
import { AlertLedger, MemoryLedgerStorage } from '../../../../src/core/common/alertLedger';
import { startOfMonth, DAY_MS, HOUR_MS } from '../../../../src/core/common/calendar';
import type { MonthSpend, UsageLimit } from '../../../../src/core/account/model';
import { evaluateSpend, nextSpendAlert, projectMonthSpend } from '../../../../src/core/spending/spendAlerts';

const spend = (amount: number, month = '2026-11'): MonthSpend => ({ month, total: { amount, currency: 'USD' }, daily: [] });
const limit = (amount = 300, alertThreshold = 80, enabled = true): UsageLimit => ({ enabled, amount: { amount, currency: 'USD' }, alertThreshold, emails: [] });
/** A moment `days` into November 2026 in the billing time zone. */
const at = (days: number): number => startOfMonth('2026-11') + days * DAY_MS;

describe('spend projection', () => {
  it('projects month-to-date at the daily pace to month end', () => {
    const p = projectMonthSpend(spend(100), at(10));
    assert.equal(p.elapsedDays, 10);
    assert.equal(p.dailyPace, 10);
    assert.equal(p.projected, 300);
    assert.equal(p.reliable, true);
  });

  it('does not project wildly in the first hours, and calls the first days unreliable', () => {
    const p = projectMonthSpend(spend(5), at(0) + 2 * HOUR_MS);
    assert.equal(p.elapsedDays, 1);
    assert.equal(p.projected, 150);
    assert.equal(p.reliable, false);
    assert.equal(projectMonthSpend(spend(5), at(2.9)).reliable, false);
    assert.equal(projectMonthSpend(spend(5), at(3)).reliable, true);
  });

  it('projects a finished month to what it came to, and copes with a clock before the month', () => {
    assert.equal(projectMonthSpend(spend(250), at(31)).projected, 250);
    assert.equal(projectMonthSpend(spend(250), at(45)).projected, 250);
    const early = projectMonthSpend(spend(0), at(-1));
    assert.equal(early.projected, 0);
    assert.ok(Number.isFinite(early.dailyPace));
  });
});

describe('spend projection at the edges of a month', () => {
  it('on the first day: at least a whole day of pace, so the first hours do not project absurdly, and unreliable', () => {
    const start = startOfMonth('2026-11');
    for (const t of [start, start + 1, start + 6 * HOUR_MS, start + DAY_MS - 1]) {
      const p = projectMonthSpend(spend(12), t);
      assert.equal(p.elapsedDays, 1, new Date(t).toISOString());
      assert.equal(p.dailyPace, 12);
      assert.equal(p.projected, 360, '12 a day over 30 days');
      assert.equal(p.reliable, false);
    }
    // The first day starts at midnight in UTC+8: 16:00 UTC the day before.
    assert.equal(new Date(start).toISOString(), '2026-10-31T16:00:00.000Z');
  });

  it('at month end: the projection meets month-to-date, and never falls below it', () => {
    const lastMinute = startOfMonth('2026-12') - 60_000;
    const p = projectMonthSpend(spend(300), lastMinute);
    assert.ok(p.elapsedDays < 30 && p.elapsedDays > 29.99);
    assert.ok(p.projected >= 300 && p.projected < 300.01, String(p.projected));
    assert.equal(projectMonthSpend(spend(300), startOfMonth('2026-12')).projected, 300, 'the next month has begun: what it came to');
    assert.equal(projectMonthSpend(spend(300), startOfMonth('2026-12')).elapsedDays, 30);
  });

  it('scales to the length of the month: 28, 29, 30 and 31 days', () => {
    for (const [month, days] of [['2026-02', 28], ['2028-02', 29], ['2026-04', 30], ['2026-01', 31]] as const) {
      const p = projectMonthSpend(spend(140, month), startOfMonth(month) + 14 * DAY_MS);
      assert.equal(p.daysInMonth, days, month);
      assert.equal(p.dailyPace, 10, month);
      assert.equal(p.projected, 10 * days, month);
      assert.equal(p.reliable, true);
    }
  });

  it('projects zero spend to zero, with no alert and a finite pace', () => {
    for (const day of [0, 0.5, 10, 29.9, 45]) {
      const p = projectMonthSpend(spend(0), at(day));
      assert.equal(p.projected, 0);
      assert.equal(p.dailyPace, 0);
    }
    assert.deepEqual(evaluateSpend(spend(0), limit(), at(20))?.due, []);
    assert.equal(evaluateSpend(spend(0), limit(), at(20))?.usedShare, 0);
  });
});

describe('spend alerts', () => {
  it('has nothing to say without an enabled, positive limit in the same currency', () => {
    assert.equal(evaluateSpend(spend(500), null, at(10)), undefined);
    assert.equal(evaluateSpend(spend(500), limit(300, 80, false), at(10)), undefined);
    assert.equal(evaluateSpend(spend(500), limit(0), at(10)), undefined);
    assert.equal(evaluateSpend(spend(500), { ...limit(), amount: { amount: 300, currency: 'CNY' } }, at(10)), undefined);
  });

  it('lists what holds, most severe first', () => {
    const kinds = (amount: number, day: number): string[] => evaluateSpend(spend(amount), limit(), at(day))?.due.map((a) => a.kind) ?? [];
    assert.deepEqual(kinds(50, 10), [], '50 by day 10 projects to 150');
    assert.deepEqual(kinds(85, 10), ['projectedOverThreshold'], 'projects to 255, over 240');
    assert.deepEqual(kinds(100, 10), ['projectedOverLimit', 'projectedOverThreshold']);
    assert.deepEqual(kinds(240, 28), ['thresholdReached', 'projectedOverThreshold']);
    assert.deepEqual(kinds(300, 29), ['limitReached', 'thresholdReached', 'projectedOverLimit', 'projectedOverThreshold']);
    assert.deepEqual(kinds(200, 1), [], 'too early to project; actual spend below the threshold');
    assert.deepEqual(kinds(250, 1), ['thresholdReached'], 'actual spend counts from the first hour');
  });

  it('alerts at most once per threshold per month, most severe only, and again next month', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    const next = (amount: number, day: number, month = '2026-11', l = limit()): string | undefined => {
      const status = evaluateSpend(spend(amount, month), l, month === '2026-11' ? at(day) : startOfMonth(month) + day * DAY_MS);
      return status ? nextSpendAlert(status, ledger)?.kind : undefined;
    };
    assert.equal(next(85, 10), 'projectedOverThreshold');
    assert.equal(next(86, 10), undefined, 'not again on the next refresh');
    assert.equal(next(100, 10), 'projectedOverLimit', 'a more severe condition speaks up');
    assert.equal(next(245, 20), 'thresholdReached');
    assert.equal(next(250, 21), undefined);
    assert.equal(next(301, 25), 'limitReached');
    assert.equal(next(302, 26), undefined);
    assert.equal(next(302, 26, '2026-11', limit(300, 81)), undefined, 'the limit was already reported; a new threshold does not repeat it');
    assert.equal(next(250, 20, '2026-11', limit(300, 83)), 'thresholdReached', 'below the limit, a new threshold is a new alert');
    assert.equal(next(250, 10, '2026-12'), 'thresholdReached', 'a new month starts over');
  });

  it('puts the threshold at its share of the limit, at or above counting, clamped to 1-100 %', () => {
    const kinds = (amount: number, threshold: number): string[] => evaluateSpend(spend(amount), limit(300, threshold), at(1))?.due.map((a) => a.kind) ?? [];
    assert.deepEqual(kinds(239.99, 80), []);
    assert.deepEqual(kinds(240, 80), ['thresholdReached'], 'exactly at the threshold');
    assert.deepEqual(kinds(299.99, 100), [], 'a threshold of 100 % is the limit itself');
    assert.deepEqual(kinds(300, 100), ['limitReached', 'thresholdReached']);
    assert.equal(evaluateSpend(spend(1), limit(300, 0), at(1))?.thresholdAmount, 3, 'below 1 % counts as 1 %');
    assert.equal(evaluateSpend(spend(1), limit(300, 150), at(1))?.thresholdAmount, 300, 'above 100 % counts as the limit');
  });

  it('arms again when the limit is raised', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    const first = evaluateSpend(spend(250), limit(300), at(20));
    assert.equal(first && nextSpendAlert(first, ledger)?.kind, 'thresholdReached');
    const raised = evaluateSpend(spend(420), limit(500), at(24));
    assert.equal(raised && nextSpendAlert(raised, ledger)?.kind, 'thresholdReached');
  });
});
