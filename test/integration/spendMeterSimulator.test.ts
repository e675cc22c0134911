// The pay-as-you-go item on a signed-in account served by the simulator: an account without a Coding Plan,
// the limit it reports (DescribeUsageLimit) at several levels, another account (the spec switch), the
// first hour of the month on the simulator's clock, a Coding Plan at the usage the simulator is told, and
// a gateway that does not know the free quota action.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { dateKey, HOUR_MS, monthKey, startOfDate, startOfMonth } from '../../src/core/common/calendar';
import { formatMonth } from '../../src/core/common/format';
import type { UsageLimit } from '../../src/core/account/model';
import { projectMonthSpend } from '../../src/core/spending/spendAlerts';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { SpendStatusBarView } from '../../src/statusBar/spendStatusBar';
import { activateExtension, now, seams, waitFor, withSetting } from './helpers';
import { signInToSimulator, simulator, useSimulatorEndpoints } from './simulator';

const DEMO_LIMIT: UsageLimit = { enabled: true, amount: { amount: 300, currency: 'USD' }, alertThreshold: 80, emails: ['dev@example.com'] };
const DEFAULT_SPEC = { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 };

const usd = (amount: number): string =>
  new Intl.NumberFormat('en', {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
const money = (amount: number): string => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' }).format(amount);
const escape = (text: string): string => text.replace(/[$.()|*+?[\]\\]/g, '\\$&');

async function spendView(api: QwenCloudMeterApi, what: string, ok: (v: SpendStatusBarView) => boolean): Promise<SpendStatusBarView> {
  return waitFor(() => {
    const v = api.spendStatusBar.view();
    return v && ok(v) ? v : undefined;
  }, what);
}

/** Signs in through the device flow and waits for the account's own data, not only the connection. */
async function signIn(api: QwenCloudMeterApi): Promise<void> {
  await signInToSimulator(api);
  await waitFor(() => (api.store.get('monthSpend').source?.kind === 'qwenCloud' ? true : undefined), 'the account\'s spend');
}

/** Fetches again once no fetch is under way (one under way would be shared, with the old answer). */
async function refresh(api: QwenCloudMeterApi, keys: Parameters<QwenCloudMeterApi['store']['refresh']>[0]): Promise<void> {
  await waitFor(() => ((keys ?? []).some((k) => api.store.get(k).loading) ? undefined : true), 'no refresh under way');
  await api.store.refresh(keys, { force: true });
}

describe('the pay-as-you-go item on the simulator', () => {
  let api: QwenCloudMeterApi;
  let restore: () => Promise<void>;
  const alerts: string[] = [];
  let restorePrompts: () => void;

  async function setLimit(limit: UsageLimit): Promise<void> {
    await api.store.mutate('usageLimit', (source, options) => source.setUsageLimit!(limit, options), { resources: ['usageLimit'] });
  }

  before(async () => {
    api = await activateExtension();
    await api.ready;
    restorePrompts = seams(api).usePrompts({
      warn: async (message) => {
        alerts.push(message);
        return undefined;
      },
    });
    restore = await useSimulatorEndpoints();
    await simulator().reset();
    // Today's first records reach the bill a few hours late: from noon (UTC+8) there is always spend.
    const noon = startOfDate(dateKey(now())) + 12 * HOUR_MS;
    await simulator().set({ deviceIntervalSec: 1, tokenLifetimeMs: 48 * HOUR_MS, hasCodingPlan: false, ...(noon > now() ? { now: noon } : {}) });
    await signIn(api);
  });

  after(async () => {
    restorePrompts();
    await simulator().set({ limitWritable: true, faults: [], spec: DEFAULT_SPEC });
    await setLimit(DEMO_LIMIT).catch(() => undefined);
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await restore();
    await simulator().reset();
  });

  it('auto: shows the account\'s month in place of the quota meter, from the gateway', async () => {
    const v = await spendView(api, 'the account\'s month', (x) => x.visible && x.state === 'ready' && /Top models/.test(x.tooltip) && /Free quota/.test(x.tooltip));
    const spend = api.store.get('monthSpend').value!;
    assert.equal(api.store.get('usageLimit').value?.amount.amount, 300);
    assert.ok(spend.total.amount > 0, 'spend by noon');
    assert.match(v.text, new RegExp(`^\\$\\((credit-card|warning|error)\\) ${escape(money(spend.total.amount))} / \\$300$`));
    assert.doesNotMatch(v.text, /Demo/);
    assert.match(v.tooltip, /\$\(cloud\) Source: developer@example\.com · updated just now/);
    assert.match(v.tooltip, /\| Top models \|/);
    assert.match(v.tooltip, /\| (qwen[\w.-]*|text-embedding-v4) \| (&nbsp;)*\$[\d,.]+ \|/);
    assert.match(v.tooltip, /qwen3-omni-flash: [\d.]+K? of 1M tokens left, until /, 'the free quota, from DescribeFqInstance');
    assert.match(v.tooltip, /Expired: qwen3-max/);
    assert.equal(api.statusBar.view()?.state, 'noPlan');
    assert.equal(api.statusBar.view()?.visible, false);
    const routes = new Set((await simulator().requests()).map((r) => r.route));
    for (const route of ['gateway:BssOpenAPI-V3/DescribeFqInstance', 'gateway:BssOpenAPI-V3/DescribeUsageLimit', 'gateway:BssOpenAPI-V3/MaasDescribeCostAnalysis']) {
      assert.ok(routes.has(route), route);
    }
  });

  it('follows the limit the account reports: red at the limit, yellow at its threshold, plain below', async () => {
    await simulator().set({ limitWritable: true });
    const spent = api.store.get('monthSpend').value!.total.amount;
    const before = alerts.length;

    // Half the month's spend: the limit is reached.
    const low = Math.max(0.01, Math.floor(spent * 50) / 100);
    await setLimit({ ...DEMO_LIMIT, amount: { amount: low, currency: 'USD' } });
    let v = await spendView(api, 'over the limit', (x) => x.text.startsWith('$(error) '));
    assert.equal(v.text, `$(error) ${money(spent)} / ${usd(low)}`);
    assert.equal(v.backgroundColor, 'statusBarItem.errorBackground');
    assert.match(v.tooltip, new RegExp(`\\*\\*At or over the monthly limit of ${escape(money(low))}\\.\\*\\*`));
    await waitFor(() => (alerts.slice(before).some((a) => /at or over your monthly limit/.test(a)) ? true : undefined), 'the spend alert');

    // A limit a quarter above where the month is heading, with the threshold just under the spend so far.
    const projected = projectMonthSpend(api.store.get('monthSpend').value!, now()).projected;
    const cap = Math.round(projected * 125) / 100;
    const threshold = Math.max(1, Math.floor((100 * spent) / cap));
    await setLimit({ ...DEMO_LIMIT, amount: { amount: cap, currency: 'USD' }, alertThreshold: threshold });
    v = await spendView(api, 'past the threshold', (x) => x.text === `$(warning) ${money(spent)} / ${usd(cap)}`);
    assert.equal(v.backgroundColor, 'statusBarItem.warningBackground');
    assert.match(v.tooltip, new RegExp(`\\*\\*Past the alert threshold: \\$[\\d,.]+ \\(${threshold}% of the limit\\)\\.\\*\\*`));
    assert.match(v.tooltip, new RegExp(`\\| Alert threshold \\| (&nbsp;)*${threshold}% · `));

    await setLimit({ ...DEMO_LIMIT, amount: { amount: 100_000, currency: 'USD' } });
    v = await spendView(api, 'far below the limit', (x) => x.text === `$(credit-card) ${money(spent)} / $100,000`);
    assert.equal(v.backgroundColor, undefined);
    await setLimit(DEMO_LIMIT);
  });

  it('shows another account\'s month after the spec switch, and nothing billed yet in the first hour of the month', async () => {
    const first = api.store.get('monthSpend').value!.total.amount;
    try {
      await simulator().set({ spec: { ...DEFAULT_SPEC, seed: 'pay-as-you-go elsewhere' } });
      await refresh(api, ['monthSpend', 'usageLimit']);
      const other = api.store.get('monthSpend').value!.total.amount;
      assert.notEqual(other, first);
      await spendView(api, 'the other account\'s spend', (x) => x.text.includes(` ${money(other)} / $300`));
    } finally {
      await simulator().set({ spec: DEFAULT_SPEC });
    }

    // The simulator's clock in the first hour of this month: nothing has reached the bill yet (records
    // arrive a few hours late), as on the morning of the 1st.
    const state = await simulator().set({});
    try {
      await simulator().set({ now: startOfMonth(monthKey(now())) + HOUR_MS });
      await refresh(api, ['monthSpend']);
      const v = await spendView(api, 'nothing billed yet', (x) => x.text === '$(credit-card) $0.00 / $300');
      assert.equal(v.backgroundColor, undefined);
      assert.match(v.tooltip, /Nothing billed yet this month\./);
      assert.match(v.tooltip, /\| Projected for the month \| (&nbsp;)*\$0\.00( \(early estimate\))? \|/);
      assert.match(v.tooltip, new RegExp(`\\*\\*Pay-as-you-go · ${formatMonth(monthKey(now()))}\\*\\*`));
    } finally {
      await simulator().set({ clockOffsetMs: Number(state.clockOffsetMs) });
    }
    await refresh(api, ['monthSpend']);
    const again = api.store.get('monthSpend').value!.total.amount;
    assert.ok(again > 0);
    await spendView(api, 'this month\'s spend again', (x) => x.text.includes(` ${money(again)} / $300`));
  });

  it('with a Coding Plan (at the usage the simulator is told), auto leaves the status bar to the meter; always shows both', async () => {
    try {
      await simulator().set({ hasCodingPlan: true, usage: { fiveHour: 0.85, weekly: 0.1, monthly: 0.2 } });
      await refresh(api, ['codingPlan']);
      await spendView(api, 'the item hidden', (x) => !x.visible);
      await waitFor(() => (api.statusBar.view()?.visible && api.statusBar.view()?.text === '$(warning) 5h 85% · wk 10% · mo 20%' ? true : undefined), 'the meter');
      const always = await withSetting('qwenCloud.statusBar.spend', 'always');
      try {
        await spendView(api, 'the item beside the meter', (x) => x.visible && x.state === 'ready' && / \/ \$300$/.test(x.text));
        assert.equal(api.statusBar.view()?.visible, true);
      } finally {
        await always();
      }
    } finally {
      await simulator().set({ hasCodingPlan: false, usage: null });
      await refresh(api, ['codingPlan']);
    }
    await spendView(api, 'the item back in the meter\'s place', (x) => x.visible);
  });

  it('leaves the free quota out when the gateway does not know its action, and still shows the month', async () => {
    try {
      await simulator().set({ faults: [{ kind: 'unknownAction', match: 'DescribeFqInstance' }] });
      // From nothing, as after a reload, so no earlier free quota is kept.
      api.store.setRouter(api.store.router);
      await refresh(api, ['monthSpend', 'usageLimit', 'freeQuota']);
      await waitFor(() => api.store.get('freeQuota').error, 'the free quota to fail');
      assert.equal(api.store.get('freeQuota').error?.kind, 'unsupported');
      const v = await spendView(api, 'the month without free quota', (x) => x.state === 'ready' && / \/ \$300$/.test(x.text));
      assert.doesNotMatch(v.tooltip, /Free quota/);
      assert.match(v.tooltip, /\| Month to date \|/);
    } finally {
      await simulator().set({ faults: [] });
    }
  });
});
