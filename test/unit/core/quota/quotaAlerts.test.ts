import * as assert from 'node:assert/strict';
import { AlertLedger, MemoryLedgerStorage } from '../../../../src/core/common/alertLedger';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import { formatTime } from '../../../../src/core/common/format';
import type { CodingPlan, RequestWindowKind, TokenPlan } from '../../../../src/core/account/model';
import { claimQuotaAlerts, quotaAlertMessage } from '../../../../src/core/quota/quotaAlerts';
import { analyseQuota, type UsageSamples } from '../../../../src/core/quota/quotaMeter';
import { DEFAULT_THRESHOLDS } from '../../../../src/core/quota/thresholds';

const NOW = Date.parse('2026-11-26T06:30:00Z');
// The week resets in 12 hours, so a weekly window at 80-90 % lasts at its average pace (no forecast alert).
const RESETS = { fiveHour: NOW + 72 * MINUTE_MS, weekly: NOW + 12 * HOUR_MS, monthly: NOW + 14 * DAY_MS };

function plan(used: Partial<Record<RequestWindowKind, number>>, resets: Partial<Record<RequestWindowKind, number>> = {}): CodingPlan {
  const totals = { fiveHour: 6000, weekly: 45000, monthly: 90000 };
  const w = (kind: RequestWindowKind) => ({ kind, used: used[kind] ?? 0, total: totals[kind], resetsAt: resets[kind] ?? RESETS[kind] });
  return { instanceId: 'i', tier: 'pro', rawType: 'pro', status: 'valid', rawStatus: 'VALID', windows: { fiveHour: w('fiveHour'), weekly: w('weekly'), monthly: w('monthly') } };
}

/** Steady use over the last hour at `perHour`, ending at `used` now. */
const steady = (used: number, perHour: number, minutes = 60): UsageSamples => ({
  fiveHour: Array.from({ length: minutes / 5 + 1 }, (_, i) => ({ at: NOW - (minutes - i * 5) * MINUTE_MS, used: Math.round(used - (perHour * (minutes - i * 5)) / 60) })),
});

const alerts = (ledger: AlertLedger, p: CodingPlan, samples: UsageSamples = {}, now = NOW) =>
  claimQuotaAlerts(analyseQuota({ coding: p }, samples, now, now, DEFAULT_THRESHOLDS), ledger, 'demo:Demo').map((a) => `${a.windowKind}:${a.kind}`);

describe('quota alerts', () => {
  it('go out when a window crosses the warning and critical thresholds and when it is used up, once each', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 4000 })), []);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 4800 })), ['fiveHour:warning']);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 5000 })), [], 'not again in the same period');
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 5700 })), ['fiveHour:critical']);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 6000 })), ['fiveHour:exhausted']);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 6000 })), []);
  });

  it('go out again in the next period, and per window', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 4800, weekly: 40000 })), ['fiveHour:warning', 'weekly:warning']);
    const next = { fiveHour: RESETS.fiveHour + 5 * HOUR_MS };
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 4900, weekly: 40100 }, next), {}, NOW + 2 * HOUR_MS), ['fiveHour:warning']);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 4900 }, { fiveHour: RESETS.fiveHour + 5 * HOUR_MS + 20_000 }), {}, NOW + 2 * HOUR_MS), [], 'a reset time a few seconds off is the same period');
  });

  it('send only the most severe when a window jumps, and never the lesser ones later', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    assert.deepEqual(alerts(ledger, plan({ weekly: 45000 })), ['weekly:exhausted']);
    assert.deepEqual(alerts(ledger, plan({ weekly: 45000 })), []);
    const other = new AlertLedger(new MemoryLedgerStorage());
    assert.deepEqual(alerts(other, plan({ monthly: 88000 })), ['monthly:critical']);
    assert.equal(other.hasFired('quota:demo:Demo:monthly:warning', String(Math.round(RESETS.monthly / MINUTE_MS))), true, 'the warning is implied');
  });

  it('warn when the forecast says a window runs out before it resets', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    // 3,000 left at 3,000 an hour: out in an hour, 12 minutes before the reset.
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 3000 }), steady(3000, 3000)), ['fiveHour:forecast']);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 3100 }), steady(3100, 3000)), []);
    // Past the warning threshold later: the forecast already said more, so no warning follows…
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 4900 }), steady(4900, 3000)), []);
    // …but the critical threshold still does.
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 5800 }), steady(5800, 3000)), ['fiveHour:critical']);
    // The weekly window, at its average pace since it started 4 days ago, runs out before its reset in 3 days.
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 5800, weekly: 40000 }, { weekly: NOW + 3 * DAY_MS }), steady(5800, 3000)), ['weekly:forecast']);
  });

  it('do not forecast on thin evidence or for a narrow miss', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 3000 }), steady(3000, 3000, 15)), [], 'a pace over only 15 minutes');
    // 1,000 left at 900 an hour: out in 67 min, 5 min before the reset.
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 5000 }), steady(5000, 900)), ['fiveHour:warning']);
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 100 }), steady(100, 0)), [], 'zero use');
  });

  it('are kept apart per account', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    const p = plan({ fiveHour: 6000 });
    const claim = (account: string) => claimQuotaAlerts(analyseQuota({ coding: p }, {}, NOW, NOW, DEFAULT_THRESHOLDS), ledger, account).map((a) => a.kind);
    assert.deepEqual(claim('demo:Demo'), ['exhausted']);
    assert.deepEqual(claim('qwenCloud:developer@example.com'), ['exhausted'], 'the demo\'s alert does not silence the account\'s');
    assert.deepEqual(claim('qwenCloud:developer@example.com'), []);
  });

  it('skip a window whose reset has passed', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    assert.deepEqual(alerts(ledger, plan({ fiveHour: 6000 }), {}, RESETS.fiveHour + 5_000), []);
  });

  it('say what happened, until when, and that a used-up window is a hard stop', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    const p = plan({ fiveHour: 6000, weekly: 40000, monthly: 88000 });
    const due = claimQuotaAlerts(analyseQuota({ coding: p }, {}, NOW, NOW, DEFAULT_THRESHOLDS), ledger, 'demo:Demo');
    const at = formatTime(RESETS.fiveHour, NOW, 'en-US');
    const messages = due.map((a) => [a.severity, quotaAlertMessage(a, NOW, 'en-US')]);
    assert.deepEqual(messages[0], [
      'error',
      `The Coding Plan 5-hour window is used up. Requests fail until it resets at ${at}, in 1 h 12 min: this is a hard stop, with no pay-as-you-go fallback.`,
    ]);
    assert.deepEqual(messages[1]?.[0], 'info');
    assert.match(messages[1][1]!, /^88% of the Coding Plan weekly window is used: 40,000 of 45,000 requests\. It resets at .*, in 12 h\.$/);
    assert.deepEqual(messages[2]?.[0], 'warning');
    assert.match(messages[2][1]!, /^The Coding Plan monthly window is 97% used: 2,000 requests are left until it resets at .*, in 14 d\.$/);
    const forecast = claimQuotaAlerts(analyseQuota({ coding: plan({ fiveHour: 3000 }) }, steady(3000, 3000), NOW, NOW, DEFAULT_THRESHOLDS), new AlertLedger(new MemoryLedgerStorage()), 'demo:Demo');
    assert.match(quotaAlertMessage(forecast[0]!, NOW, 'en-US'), /^At this pace \(3,000 requests an hour\) the Coding Plan 5-hour window runs out at .*, 12 min before it resets\. 50% is used\.$/);
  });

  it('go out for a Token Plan\'s credits in the words of credits, with a Coding Plan\'s windows beside them', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    // Two days before the cycle renews: at its average pace the allowance lasts, so no forecast alert.
    const cycleEnd = NOW + 2 * DAY_MS;
    const token = (used: number): TokenPlan => ({
      edition: 'personal',
      tier: 'standard',
      rawTier: 'standard',
      status: 'valid',
      rawStatus: 'valid',
      credits: { kind: 'credits', used, total: 45_000, resetsAt: cycleEnd, startsAt: cycleEnd - 30 * DAY_MS },
      packs: [],
    });
    const claim = (used: number, coding?: CodingPlan) =>
      claimQuotaAlerts(analyseQuota({ token: token(used), ...(coding ? { coding } : {}) }, {}, NOW, NOW, DEFAULT_THRESHOLDS), ledger, 'demo:Demo');
    assert.deepEqual(claim(20_000).map((a) => a.kind), []);
    const warning = claim(37_000, plan({ fiveHour: 4800 }));
    assert.deepEqual(warning.map((a) => `${a.windowKind}:${a.kind}`), ['fiveHour:warning', 'credits:warning']);
    assert.match(quotaAlertMessage(warning[1]!, NOW, 'en-US'), /^82% of the Token Plan credits are used: 37,000 of 45,000\. They renew at .*, in 2 d\.$/);
    const out = claim(45_000);
    assert.deepEqual(out.map((a) => [a.kind, a.severity]), [['exhausted', 'error']]);
    assert.match(quotaAlertMessage(out[0]!, NOW, 'en-US'), /used up\. Requests fail until they renew at .*, or an add-on pack is bought: there is no pay-as-you-go fallback\.$/);
    assert.deepEqual(claim(45_000), [], 'once per cycle');
  });

  it('say the add-on packs carry on when the monthly credits are used up, rather than a hard stop', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    const cycleEnd = NOW + 2 * DAY_MS;
    const token: TokenPlan = {
      edition: 'personal',
      tier: 'standard',
      rawTier: 'standard',
      status: 'valid',
      rawStatus: 'valid',
      credits: { kind: 'credits', used: 45_000, total: 45_000, resetsAt: cycleEnd, startsAt: cycleEnd - 30 * DAY_MS },
      packs: [{ name: 'Add-on', total: 5_000, remaining: 3_180 }],
    };
    const due = claimQuotaAlerts(analyseQuota({ token }, {}, NOW, NOW, DEFAULT_THRESHOLDS), ledger, 'demo:Demo');
    assert.deepEqual(due.map((a) => [a.kind, a.severity]), [['critical', 'warning']]);
    assert.match(quotaAlertMessage(due[0]!, NOW, 'en-US'), /^The Token Plan's monthly credits are used up: requests now spend the add-on packs \(3,180 credits left\) until the credits renew at /);
  });

  it('go out for a Team member\'s own seat, which stops their requests whatever the pool holds', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    const cycleEnd = NOW + 2 * DAY_MS;
    const window = (kind: 'credits' | 'seat', used: number, total: number) => ({ kind, used, total, resetsAt: cycleEnd, startsAt: cycleEnd - 30 * DAY_MS });
    const team: TokenPlan = {
      edition: 'team',
      tier: 'other',
      rawTier: 'Token Plan Team Edition',
      status: 'valid',
      rawStatus: 'NORMAL',
      credits: window('credits', 100_000, 325_000),
      seat: window('seat', 100_000, 100_000),
      packs: [],
    };
    const due = claimQuotaAlerts(analyseQuota({ token: team }, {}, NOW, NOW, DEFAULT_THRESHOLDS), ledger, 'demo:Demo');
    assert.deepEqual(due.map((a) => `${a.windowKind}:${a.kind}`), ['seat:exhausted']);
    assert.match(quotaAlertMessage(due[0]!, NOW, 'en-US'), /^Your Token Plan seat's credits are used up: your requests fail until they renew at .*, in 2 d\.$/);
  });
});
