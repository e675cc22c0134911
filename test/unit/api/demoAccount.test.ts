import * as assert from 'node:assert/strict';
import { DemoAccount, PLAN_LIMITS } from '../../../src/api/demo/demoAccount';
import { DemoSource } from '../../../src/api/demo/demoSource';
import { HOUR_MS, MINUTE_MS, dateKey } from '../../../src/core/common/calendar';
import { ManualClock } from '../../../src/core/common/clock';
import { sumAmounts } from '../../../src/core/spending/spending';

const NOW = Date.parse('2026-11-26T06:30:00Z'); // Thursday 14:30 in UTC+8

describe('the demo account', () => {
  const account = new DemoAccount();

  it('is deterministic: the same time gives the same account', () => {
    const again = new DemoAccount();
    assert.deepEqual(again.codingPlan(NOW), account.codingPlan(NOW));
    assert.deepEqual(again.lineItems('2026-11-01', '2026-11-26', NOW), account.lineItems('2026-11-01', '2026-11-26', NOW));
    assert.notDeepEqual(new DemoAccount({ ...account.spec, seed: 'other' }).codingPlan(NOW), account.codingPlan(NOW));
  });

  it('has a Pro plan part-way through each window, with resets in the future', () => {
    const plan = account.codingPlan(NOW);
    assert.equal(plan.tier, 'pro');
    for (const w of Object.values(plan.windows)) {
      assert.equal(w.total, PLAN_LIMITS.pro[w.kind as keyof typeof PLAN_LIMITS.pro]);
      assert.ok(w.used > 0 && w.used < w.total, `${w.kind}: ${w.used}/${w.total}`);
      assert.ok(w.resetsAt > NOW);
    }
    assert.equal(new Date(plan.windows.weekly.resetsAt).toISOString(), '2026-11-29T16:00:00.000Z', 'Monday 00:00 UTC+8');
    assert.ok(plan.periodStart! <= NOW && NOW < plan.periodEnd!);
  });

  it('moves with the clock: use grows within a window and starts over after a reset', () => {
    const plan = account.codingPlan(NOW);
    const later = account.codingPlan(NOW + 2 * HOUR_MS);
    assert.ok(later.windows.weekly.used >= plan.windows.weekly.used);
    const five = plan.windows.fiveHour;
    const justAfter = account.codingPlan(five.resetsAt + MINUTE_MS).windows.fiveHour;
    assert.ok(justAfter.used <= five.used + 60, 'a fresh 5-hour window starts near zero');
    assert.equal(justAfter.resetsAt, five.resetsAt + 5 * HOUR_MS);
  });

  it('reports its recent Coding Plan use, every five minutes over two hours, within each window\'s period', async () => {
    const plan = account.codingPlan(NOW);
    const recent = account.recentUsage(NOW);
    for (const kind of ['fiveHour', 'weekly', 'monthly'] as const) {
      const samples = recent[kind];
      const start = account.windowStart(kind, NOW);
      assert.ok(samples.length > 0, kind);
      assert.ok(samples[0]!.at >= Math.max(start, NOW - 2 * HOUR_MS), `${kind} starts in its period and within two hours`);
      for (let i = 0; i < samples.length; i++) {
        const s = samples[i]!;
        assert.ok(s.at < NOW, 'only the past');
        assert.ok(Math.abs(s.used - account.requestsBetween(start, s.at)) <= 1, `${kind} at ${s.at}: ${s.used}`);
        if (i > 0) {
          assert.ok(s.at - samples[i - 1]!.at <= 5 * MINUTE_MS && s.at > samples[i - 1]!.at);
          assert.ok(s.used >= samples[i - 1]!.used, 'use never drops within a period');
        }
      }
      assert.ok(samples[samples.length - 1]!.used <= plan.windows[kind].used);
    }
    assert.equal(recent.weekly[0]?.at, NOW - 2 * HOUR_MS);
    // Half an hour after a 5-hour reset (03:00 UTC), that window has half an hour of history; the week has two.
    const early = account.recentUsage(Date.parse('2026-11-26T03:30:00Z'));
    assert.equal(early.fiveHour[0]?.at, Date.parse('2026-11-26T03:00:00Z'));
    assert.equal(early.fiveHour[0]?.used, 0);
    assert.equal(early.weekly[0]?.at, Date.parse('2026-11-26T01:30:00Z'));
    const served = await new DemoSource(account, new ManualClock(NOW)).getCodingPlan();
    assert.deepEqual(served?.recentUsage, recent, 'the demo source hands its history to the store');
  });

  it('shows today\'s spend a few hours late and keeps past days fixed', () => {
    const today = dateKey(NOW);
    const early = sumAmounts(account.lineItemsForDate(today, NOW).map((i) => i.amount));
    const later = sumAmounts(account.lineItemsForDate(today, NOW + 4 * HOUR_MS).map((i) => i.amount));
    assert.ok(later > early, 'today grows as the day goes on');
    assert.deepEqual(account.lineItemsForDate('2026-11-20', NOW), account.lineItemsForDate('2026-11-20', NOW + 4 * HOUR_MS));
    assert.deepEqual(account.lineItemsForDate('2026-11-27', NOW), [], 'nothing from the future');
  });

  it('has a year of line items across several models, keys and production steps', () => {
    const items = account.lineItems('2025-01-01', '2026-11-26', NOW);
    const models = new Set(items.map((i) => i.model));
    const keys = new Set(items.map((i) => i.apiKeyId).filter(Boolean));
    const steps = new Set(items.map((i) => i.productionStep));
    assert.ok(models.size >= 5, [...models].join());
    assert.ok(keys.size >= 4);
    assert.deepEqual([...steps].sort(), ['Batch inference', 'Model fine-tuning', 'Model inference']);
    assert.ok(items.some((i) => i.lineItem === 'Web search calls'));
    assert.equal(items[0]?.billingDate, '2025-11-01', 'history starts twelve months back');
  });

  it('has orders with renewals and an upgrade, newest first', () => {
    const orders = account.orders(NOW);
    assert.deepEqual([...new Set(orders.map((o) => o.type))].sort(), ['buy', 'renew', 'upgrade']);
    assert.equal(orders[orders.length - 1]?.type, 'buy');
    for (let i = 1; i < orders.length; i++) {
      assert.ok(orders[i - 1]!.createdAt >= orders[i]!.createdAt);
    }
  });

  it('has monthly bills that add up to the line items, the current month running', () => {
    const bills = account.bills(NOW);
    assert.equal(bills[0]?.month, '2026-11');
    assert.equal(bills[0]?.status, 'running');
    assert.equal(bills[1]?.status, 'settled');
    const october = sumAmounts(account.lineItems('2026-10-01', '2026-10-31', NOW).map((i) => i.amount));
    assert.equal(bills[1]?.preTax.amount, Math.round(october * 100) / 100);
  });

  it('lets the user disable and delete keys and edit the limit, remembering the change', async () => {
    const saved: unknown[] = [];
    const source = new DemoSource(account, new ManualClock(NOW), undefined, (s) => saved.push(structuredClone(s)));
    const [first] = await source.listApiKeys();
    assert.ok(first);
    await source.setApiKeyDisabled(first.id, true);
    assert.equal((await source.listApiKeys()).find((k) => k.id === first.id)?.disabled, true);
    await source.deleteApiKey(first.id);
    assert.equal((await source.listApiKeys()).some((k) => k.id === first.id), false);
    await assert.rejects(source.deleteApiKey(first.id), /No API key/);
    assert.equal(saved.length, 2);
    const limit = await source.getUsageLimit();
    assert.equal(limit?.alertThreshold, 80);
  });

  it('pages orders and line items with cursors', async () => {
    const source = new DemoSource(account, new ManualClock(NOW));
    const first = await source.listOrders({ pageSize: 5 });
    assert.equal(first.items.length, 5);
    assert.ok(first.next);
    const second = await source.listOrders({ pageSize: 5, cursor: first.next });
    assert.notEqual(second.items[0]?.id, first.items[0]?.id);
    const renewals = await source.listOrders({ types: ['upgrade'] });
    assert.ok(renewals.items.every((o) => o.type === 'upgrade'));
    await assert.rejects(source.listOrders({ cursor: 'nonsense' }), /cursor/);
  });

  it('has free quotas: some left for models it has only tried, used up or expired for the ones it pays for', async () => {
    const quotas = account.freeQuota(NOW);
    assert.deepEqual(quotas, new DemoAccount().freeQuota(NOW), 'deterministic');
    assert.deepEqual([...new Set(quotas.map((q) => q.status))].sort(), ['exhausted', 'expired', 'valid']);
    for (const q of quotas) {
      assert.ok(q.remaining >= 0 && q.remaining <= q.total, `${q.model}: ${q.remaining} of ${q.total}`);
      assert.equal(q.status === 'exhausted', q.remaining === 0, q.model);
    }
    const billed = new Set(account.lineItems('2026-11-01', '2026-11-26', NOW).map((i) => i.model));
    for (const q of quotas.filter((x) => x.status === 'valid')) {
      assert.ok(!billed.has(q.model), `${q.model} has free quota left, so it is not billed`);
      assert.ok(q.cycleEnd! > NOW);
    }
    const earlier = account.freeQuota(NOW - 10 * 24 * HOUR_MS);
    const omni = (list: typeof quotas): number => list.find((q) => q.model === 'qwen3-omni-flash')!.remaining;
    assert.ok(omni(earlier) > omni(quotas), 'a trial quota is used as time passes');
    assert.deepEqual(await new DemoSource(account, new ManualClock(NOW)).getFreeQuota(), quotas);
  });
});
