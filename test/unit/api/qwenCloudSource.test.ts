// The Qwen Cloud source against the simulator: each gateway action mapped into the model, paging,
// filters, unsupported writes, and malformed answers that must fail whole, never half-filled.
import * as assert from 'node:assert/strict';
import { freeQuotaUnit } from '../../../src/api/gateway/gatewayMapping';
import type { QwenCloudSource } from '../../../src/api/gateway/qwenCloudSource';
import { AccountRouter } from '../../../src/core/account/source';
import { dateKey, monthKey } from '../../../src/core/common/calendar';
import { systemClock } from '../../../src/core/common/clock';
import { AccountStore } from '../../../src/core/account/store';
import type { QuotaWindow } from '../../../src/core/account/model';
import { useSimulator } from './simulatorFixture';

describe('Qwen Cloud source against the simulator', () => {
  const fx = useSimulator();
  let source: QwenCloudSource;
  let token: string;

  beforeEach(() => {
    token = fx.sim.state.issueToken().accessToken;
    source = fx.network.qwenCloudSource(fx.sim.url, async () => token, { label: 'developer@example.com', now: () => fx.sim.state.now() });
  });

  it('maps the Coding Plan quota, the subscription period and whether it can be renewed', async () => {
    const expected = fx.sim.state.codingPlan()!;
    const plan = await source.getCodingPlan();
    assert.ok(plan);
    assert.equal(plan.tier, 'pro');
    assert.equal(plan.status, 'valid');
    assert.equal(plan.canRenew, true);
    assert.equal(plan.autoRenew, undefined, 'no source reports auto-renewal for the Coding Plan');
    assert.equal(plan.periodEnd, expected.periodEnd);
    for (const kind of ['fiveHour', 'weekly', 'monthly'] as const) {
      const window: QuotaWindow | undefined = plan.windows[kind];
      assert.ok(window, kind);
      assert.equal(window.total, expected.windows[kind].total);
      assert.equal(window.resetsAt, expected.windows[kind].resetsAt);
      assert.ok(Math.abs(window.used - expected.windows[kind].used) <= 5);
    }
  });

  it('asks what changes monthly (the subscription, that there is no Token Plan) at most hourly, and anew on a refresh', async () => {
    const routes = (from: number): string[] => fx.sim.state.requests.slice(from).map((r) => r.route);
    await source.getCodingPlan();
    assert.equal(await source.getTokenPlan(), null);
    let from = fx.sim.state.requests.length;
    await source.getCodingPlan();
    assert.equal(await source.getTokenPlan(), null);
    assert.deepEqual(routes(from).filter((r) => !r.includes('queryCodingPlanInstanceInfo')), [], 'only the quota is asked again');
    // A Token Plan bought meanwhile shows on a refresh (and within the hour on its own).
    fx.sim.state.tokenPlanEdition = 'personal';
    assert.equal(await source.getTokenPlan(), null);
    from = fx.sim.state.requests.length;
    assert.equal((await source.getTokenPlan({ fresh: true }))?.edition, 'personal');
    await source.getCodingPlan({ fresh: true });
    assert.ok(routes(from).some((r) => r.includes('GetSubscriptionDetail')), 'the subscription asked again on a refresh');
    fx.sim.state.clockOffsetMs = 61 * 60_000;
    from = fx.sim.state.requests.length;
    await source.getCodingPlan();
    assert.ok(routes(from).some((r) => r.includes('GetSubscriptionDetail')), 'and again after an hour');
  });

  it('follows the usage the simulator is told', async () => {
    fx.sim.state.usageOverride = { fiveHour: 0.97 };
    const plan = await source.getCodingPlan();
    assert.equal(plan?.windows.fiveHour?.used, 5820);
    fx.sim.state.hasCodingPlan = false;
    assert.equal(await source.getCodingPlan(), null);
  });

  it('pages orders and filters them by type and date', async () => {
    const all = fx.sim.state.account.orders(fx.sim.state.now());
    const first = await source.listOrders({ pageSize: 5 });
    assert.deepEqual(first.items.map((o) => o.id), all.slice(0, 5).map((o) => o.id));
    assert.equal(first.total, all.length);
    assert.equal(first.next, '2');
    const second = await source.listOrders({ pageSize: 5, cursor: first.next });
    assert.deepEqual(second.items.map((o) => o.id), all.slice(5, 10).map((o) => o.id));
    const upgrades = await source.listOrders({ types: ['upgrade'] });
    assert.ok(upgrades.items.length >= 1 && upgrades.items.every((o) => o.type === 'upgrade'));
    assert.ok(upgrades.items.some((o) => o.status === 'cancelled'));
    const recent = await source.listOrders({ from: all[2]!.createdAt });
    assert.equal(recent.items.length, 3);
  });

  it('finds an order\'s invoice link', async () => {
    const paid = fx.sim.state.account.orders(fx.sim.state.now()).find((o) => o.status === 'paid')!;
    const url = await source.getOrderInvoiceUrl(paid.id);
    assert.equal(url, `${fx.sim.url}/invoices/${paid.id}.pdf`);
    const pdf = Buffer.from((await source.downloadInvoice(paid.id))!);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.toString('latin1'), new RegExp(`Order ${paid.id}`));
    const cancelled = fx.sim.state.account.orders(fx.sim.state.now()).find((o) => o.status === 'cancelled')!;
    assert.equal(await source.downloadInvoice(cancelled.id), undefined);
  });

  it('lists monthly bills, newest first, the current month running', async () => {
    const bills = await source.listBills();
    assert.equal(bills[0]?.month, monthKey(fx.sim.state.now()));
    assert.equal(bills[0]?.status, 'running');
    const expected = fx.sim.state.account.bills(fx.sim.state.now());
    assert.deepEqual(bills.map((b) => [b.month, b.total.amount]), expected.map((b) => [b.month, b.total.amount]));
  });

  it('returns cost analysis by day across months, grouped and filtered', async () => {
    const to = dateKey(fx.sim.state.now());
    const from = `${monthKey(fx.sim.state.now() - 40 * 86_400_000)}-20`;
    const series = await source.getCostAnalysis({ granularity: 'day', from, to, groupBy: 'model', filter: { model: ['qwen-plus', 'qwen-flash'] } });
    const expected = await fx.sim.state.source.getCostAnalysis({ granularity: 'day', from, to, groupBy: 'model', filter: { model: ['qwen-plus', 'qwen-flash'] } });
    assert.equal(series.periods.length, expected.periods.length);
    assert.deepEqual(series.totals.map((t) => t.key).sort(), ['qwen-flash', 'qwen-plus']);
    for (let i = 0; i < series.periods.length; i++) {
      assert.ok(Math.abs(series.periods[i]!.total - expected.periods[i]!.total) < 1e-5, series.periods[i]!.period);
    }
  });

  it('pages itemised records month by month, newest first', async () => {
    const now = fx.sim.state.now();
    const to = dateKey(now);
    const from = `${monthKey(now - 35 * 86_400_000)}-25`;
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await source.listLineItems({ from, to, pageSize: 150, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.billingDate));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 50);
    const expected = fx.sim.state.account.lineItems(from, to, now);
    assert.equal(seen.length, expected.length);
    assert.deepEqual([...seen].sort().reverse(), seen, 'newest first');
    assert.ok(pages >= 2);
  });

  it('reads the spending limit; a write is unsupported until the backend knows it', async () => {
    const limit = await source.getUsageLimit();
    assert.deepEqual(limit, { enabled: true, amount: { amount: 300, currency: 'USD' }, alertThreshold: 80, emails: ['dev@example.com'] });
    const next = { ...limit, amount: { amount: 450, currency: 'USD' }, alertThreshold: 90 };
    await assert.rejects(source.setUsageLimit(next), { kind: 'unsupported' });
    assert.equal((await source.getUsageLimit())?.amount.amount, 300, 'nothing changed');
    fx.sim.state.limitWritable = true;
    await source.setUsageLimit(next);
    assert.equal((await source.getUsageLimit())?.amount.amount, 450);
  });

  it('maps the free quotas, with their units, states and cycle ends', async () => {
    const quotas = await source.getFreeQuota();
    assert.deepEqual(quotas, fx.sim.state.account.freeQuota(fx.sim.state.now()));
    fx.sim.state.faults.add({ kind: 'malformed', count: 3, match: 'DescribeFqInstance' });
    await assert.rejects(source.getFreeQuota(), { kind: 'shape' });
    fx.sim.state.faults.clear();
    fx.sim.state.faults.add({ kind: 'unknownAction', count: 3, match: 'DescribeFqInstance' });
    await assert.rejects(source.getFreeQuota(), { kind: 'unsupported' });
    const asked = fx.sim.state.requests.filter((r) => r.route === 'gateway:BssOpenAPI-V3/DescribeFqInstance');
    assert.ok(asked.length >= 3);
  });

  it('reads the backend\'s free quota units as plain unit names', () => {
    assert.deepEqual(
      ['Tokens', 'Million Tokens', 'Images', 'Pieces', 'Seconds', 'Characters', 'Tenthousand Words', '', undefined, 'Calls'].map(freeQuotaUnit),
      ['tokens', 'tokens', 'images', 'images', 'seconds', 'characters', 'characters', 'tokens', 'tokens', 'calls'],
    );
  });

  it('reports an expired session as an auth error', async () => {
    fx.sim.state.expireAllTokens();
    await assert.rejects(source.getCodingPlan(), { kind: 'auth' });
  });

  it('fails whole on malformed or truncated answers, and on unknown actions', async () => {
    fx.sim.state.faults.add({ kind: 'malformed', count: 3, match: 'DescribeUsageLimit' });
    await assert.rejects(source.getUsageLimit(), { kind: 'shape' });
    fx.sim.state.faults.clear();
    fx.sim.state.faults.add({ kind: 'truncated', count: 3, match: 'QueryOrderList' });
    await assert.rejects(source.listOrders({}), { kind: 'shape' });
    fx.sim.state.faults.clear();
    fx.sim.state.faults.add({ kind: 'unknownAction', count: 3, match: 'ListSettleBillTotalSummary' });
    await assert.rejects(source.listBills(), { kind: 'unsupported' });
  });

  it('never lets a failed fetch replace good data in the store', async () => {
    const store = new AccountStore(new AccountRouter([source], undefined), systemClock, {
      codingPlan: 0, tokenPlan: 0, usageLimit: 0, monthSpend: 0, bills: 0, apiKeys: 0, workspaces: 0, balance: 0, freeQuota: 0,
    });
    await store.refresh(['codingPlan']);
    const good = store.get('codingPlan').value;
    assert.ok(good);
    fx.sim.state.faults.add({ kind: 'status', status: 500, match: 'codingPlan' });
    await store.refresh(['codingPlan']);
    assert.equal(store.get('codingPlan').error?.kind, 'server');
    assert.deepEqual(store.get('codingPlan').value, good);
  });

  it('reports a token the server ended early as an auth error, and never asks to renew it', async () => {
    // Signed in through the device flow, whose answer carries a refresh token the client must not use.
    const auth = fx.network.deviceAuth(fx.sim.url, 'c0ffee00-0000-4000-8000-000000000002');
    const start = await auth.start();
    fx.sim.state.pendingDevice()!.status = 'approved';
    const credentials = await auth.waitForApproval(start, { sleep: async () => undefined });
    const signedIn = fx.network.qwenCloudSource(fx.sim.url, async () => credentials.accessToken, { label: 'x', now: () => fx.sim.state.now() });
    assert.ok(await signedIn.getCodingPlan());
    const from = fx.sim.state.requests.length;

    fx.sim.state.expireAllTokens();
    await assert.rejects(signedIn.getCodingPlan(), { kind: 'auth' });
    fx.sim.state.faults.add({ kind: 'expiredToken' });
    await assert.rejects(signedIn.getCodingPlan(), { kind: 'auth' });
    const after = fx.sim.state.requests.slice(from);
    assert.ok(after.some((r) => r.route.startsWith('gateway:')), 'the refused calls were sent');
    assert.deepEqual(after.filter((r) => r.route.startsWith('device:')).map((r) => r.route), [], 'no sign-in request after the refusal');
    assert.deepEqual(fx.sim.state.requests.filter((r) => r.route === 'device:refresh'), [], 'no refresh request, ever');
  });
});
