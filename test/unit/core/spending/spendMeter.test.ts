import * as assert from 'node:assert/strict';
import { DAY_MS, HOUR_MS, MINUTE_MS, startOfMonth } from '../../../../src/core/common/calendar';
import { NetworkError, type QwenCloudError } from '../../../../src/core/account/errors';
import type { Plans } from '../../../../src/core/quota/quota';
import type { CodingPlan, FreeQuota, MonthSpend, UsageLimit } from '../../../../src/core/account/model';
import { evaluateSpend } from '../../../../src/core/spending/spendAlerts';
import {
  presentSpend,
  quotaMeterYields,
  showsSpendItem,
  type SpendMeterInput,
  type SpendMeterOptions,
  spendLevel,
  type SpendTops,
} from '../../../../src/core/spending/spendMeter';
import type { Snapshot } from '../../../../src/core/account/store';

/** Thursday 26 November 2026, 14:30 in UTC+8: 25.6 days into a 30-day month. */
const NOW = Date.parse('2026-11-26T06:30:00Z');
const COMMANDS = { showSpending: 'qwenCloud.showSpending', showSpendingLimit: 'qwenCloud.showSpendingLimit' };
const OPTIONS: SpendMeterOptions = {
  format: 'amount',
  staleAfterMs: 31 * MINUTE_MS,
  commands: COMMANDS,
  describeError: (e: QwenCloudError) => `described ${e.kind}`,
  locale: 'en-US',
};
const DEMO = { kind: 'demo', label: 'Demo' } as const;
const ACCOUNT = { kind: 'qwenCloud', label: 'dev@example.com' } as const;

function snap<T>(value: T | undefined, extra: Partial<Snapshot<T>> = {}): Snapshot<T> {
  return { ...(value !== undefined ? { value, fetchedAt: NOW, source: ACCOUNT } : {}), loading: false, unavailable: false, ...extra };
}

const monthSpend = (amount: number, currency = 'USD', month = '2026-11'): MonthSpend => ({ month, total: { amount, currency }, daily: [] });
const usageLimit = (amount = 300, alertThreshold = 80, extra: Partial<UsageLimit> = {}): UsageLimit => ({
  enabled: true,
  amount: { amount, currency: 'USD' },
  alertThreshold,
  emails: [],
  ...extra,
});

function input(amount: number, limit: UsageLimit | null = usageLimit(), extra: Partial<SpendMeterInput> = {}): SpendMeterInput {
  return { spend: snap(monthSpend(amount)), limit: snap<UsageLimit | null>(limit), ...extra };
}

function plan(): CodingPlan {
  const w = (kind: 'fiveHour' | 'weekly' | 'monthly') => ({ kind, used: 1, total: 10, resetsAt: NOW + HOUR_MS });
  return { instanceId: 'i', tier: 'pro', rawType: 'pro', status: 'valid', rawStatus: 'VALID', windows: { fiveHour: w('fiveHour'), weekly: w('weekly'), monthly: w('monthly') } };
}

describe('the pay-as-you-go item', () => {
  it('shows spend against the limit, in either format, with the limit in short form', () => {
    const view = presentSpend(input(18.4, usageLimit(50)), NOW, OPTIONS);
    assert.equal(view.state, 'ready');
    assert.equal(view.text, '$(credit-card) $18.40 / $50');
    assert.equal(view.background, undefined);
    assert.equal(presentSpend(input(18.4, usageLimit(50)), NOW, { ...OPTIONS, format: 'percent' }).text, '$(credit-card) $18.40 of $50 (36%)');
    assert.equal(presentSpend(input(18.4, usageLimit(50.5)), NOW, OPTIONS).text, '$(credit-card) $18.40 / $50.50');
    assert.match(view.accessibilityLabel, /^Qwen Cloud pay-as-you-go spend this month: \$18\.40\. 36 percent of the monthly limit of \$50\.00\.$/);
  });

  it('uses the account\'s currency symbol: ¥ for CNY', () => {
    const cny: SpendMeterInput = {
      spend: snap(monthSpend(132, 'CNY')),
      limit: snap<UsageLimit | null>(usageLimit(500, 80, { amount: { amount: 500, currency: 'CNY' } })),
    };
    assert.equal(presentSpend(cny, NOW, OPTIONS).text, '$(credit-card) ¥132.00 / ¥500');
    assert.equal(presentSpend(cny, NOW, { ...OPTIONS, format: 'percent' }).text, '$(credit-card) ¥132.00 of ¥500 (26%)');
  });

  it('turns yellow at the alert threshold and red at the limit, like the quota meter', () => {
    // Day 25.6 of 30: a spend of 200 projects to 234, under the threshold of 240.
    const cases = [
      { amount: 200, icon: '$(credit-card)', level: 'normal', background: undefined },
      { amount: 240, icon: '$(warning)', level: 'warning', background: 'statusBarItem.warningBackground' },
      { amount: 299.99, icon: '$(warning)', level: 'critical', background: 'statusBarItem.errorBackground' },
      { amount: 300, icon: '$(error)', level: 'exhausted', background: 'statusBarItem.errorBackground' },
      { amount: 420, icon: '$(error)', level: 'exhausted', background: 'statusBarItem.errorBackground' },
    ] as const;
    for (const c of cases) {
      const view = presentSpend(input(c.amount), NOW, OPTIONS);
      assert.equal(view.level, c.level, String(c.amount));
      assert.equal(view.background, c.background, String(c.amount));
      assert.ok(view.text.startsWith(`${c.icon} $`), view.text);
    }
    const over = presentSpend(input(420), NOW, OPTIONS);
    assert.match(over.tooltip, /\$\(error\) \*\*At or over the monthly limit of \$300\.00\.\*\*/);
    assert.match(over.accessibilityLabel, /The limit is reached\./);
  });

  it('colours a projection too: red over the limit, yellow over the threshold, and says so in the tooltip', () => {
    // 250 by day 25.6 projects to about 293 (over the threshold of 240); 260 to about 305 (over the limit).
    const towardsThreshold = presentSpend(input(205), NOW, OPTIONS);
    assert.equal(towardsThreshold.level, 'warning');
    assert.match(towardsThreshold.tooltip, /\$\(watch\) At this month's daily pace, spend reaches \$240\.\d\d by month end, past the alert threshold \(\$240\.00\)\./);
    assert.match(towardsThreshold.accessibilityLabel, /Projected to pass the alert threshold by month end\./);
    const towardsLimit = presentSpend(input(260), NOW, OPTIONS);
    assert.equal(towardsLimit.level, 'critical');
    assert.equal(towardsLimit.background, 'statusBarItem.errorBackground');
    assert.match(towardsLimit.tooltip, /\*\*Past the alert threshold: \$240\.00 \(80% of the limit\)\.\*\*/);
    assert.match(towardsLimit.tooltip, /spend reaches \$304\.\d\d by month end, over the limit of \$300\.00\./);
    assert.match(towardsLimit.accessibilityLabel, /Projected to pass the limit by month end\./);
  });

  it('agrees with the spend alerts: the level follows exactly the alerts that are due', () => {
    for (const amount of [0, 50, 204, 205, 239.99, 240, 259, 260, 299.99, 300, 1000]) {
      for (const day of [0.2, 2.5, 3, 10, 25.6, 29.99]) {
        const now = startOfMonth('2026-11') + day * DAY_MS;
        const status = evaluateSpend(monthSpend(amount), usageLimit(), now);
        assert.equal(presentSpend(input(amount), now, OPTIONS).level, spendLevel(status), `${amount} on day ${day}`);
      }
    }
    assert.equal(spendLevel(undefined), 'normal');
  });

  it('does not colour an early projection: the first days of a month', () => {
    const secondDay = startOfMonth('2026-11') + 1.5 * DAY_MS;
    // 100 in a day and a half would project to 2,000 — but only from day 3 does a projection count.
    const view = presentSpend(input(100), secondDay, OPTIONS);
    assert.equal(view.level, 'normal');
    assert.match(view.tooltip, /\| Projected for the month \| (&nbsp;)*\$2,000\.00 \(early estimate\) \|/);
    assert.match(view.tooltip, /The projection settles from day 3 of the month; it raises no alert before then\./);
    assert.match(view.tooltip, /\$\(check\) Below the alert threshold \(\$240\.00\)\./);
  });

  it('shows zero spend on the first morning plainly, and says nothing is billed yet', () => {
    const firstMorning = startOfMonth('2026-12') + 2 * HOUR_MS;
    const view = presentSpend({ spend: snap(monthSpend(0, 'USD', '2026-12'), { fetchedAt: firstMorning }), limit: snap<UsageLimit | null>(usageLimit()) }, firstMorning, OPTIONS);
    assert.equal(view.text, '$(credit-card) $0.00 / $300');
    assert.equal(view.level, 'normal');
    assert.match(view.tooltip, /Nothing billed yet this month\./);
    assert.match(view.tooltip, /\*\*Pay-as-you-go · December 2026\*\*/);
  });

  it('lays out the tooltip: month to date, projection, pace, limit and threshold', () => {
    const view = presentSpend(input(128), NOW, OPTIONS);
    const rows = view.tooltip.split('\n').filter((l) => l.startsWith('| '));
    const cells = rows.map((r) => r.split('|').slice(1, -1).map((c) => c.replace(/&nbsp;/g, '').trim()));
    assert.deepEqual(cells, [
      ['Month to date', '$128.00'],
      ['Projected for the month', '$149.98'],
      ['Daily pace', '$5.00 a day'],
      ['Monthly limit', '$300.00 · 42% used'],
      ['Alert threshold', '80% · $240.00'],
    ]);
    assert.match(view.tooltip, /\$\(check\) At this month's daily pace the month ends at about \$149\.98, below the alert threshold \(\$240\.00\)\./);
    assert.match(view.tooltip, /Usage reaches the bill a few hours late, and a month's bill is final once it settles early the next month\./);
    assert.match(view.tooltip, /\$\(cloud\) Source: dev@example\.com · updated just now/);
  });

  it('links to the spending panel and the limit panel only', () => {
    const view = presentSpend(input(128), NOW, OPTIONS);
    assert.deepEqual(view.linkedCommands, [COMMANDS.showSpending, COMMANDS.showSpendingLimit]);
    const linked = [...view.tooltip.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(linked, [COMMANDS.showSpending, COMMANDS.showSpendingLimit]);
  });

  it('without a limit: plain, and the tooltip says so with a link to set one', () => {
    for (const [limit, why] of [
      [null, /No monthly spending limit is set, so the spend is not compared with one\./],
      [usageLimit(300, 80, { enabled: false }), /The monthly spending limit is turned off/],
      [usageLimit(0), /No monthly spending limit is set/],
      [usageLimit(300, 80, { amount: { amount: 300, currency: 'CNY' } }), /The limit is in CNY and the spend in USD, so they are not compared\./],
    ] as const) {
      const view = presentSpend(input(420, limit), NOW, OPTIONS);
      assert.equal(view.text, '$(credit-card) $420.00');
      assert.equal(view.background, undefined);
      assert.equal(view.level, 'normal');
      assert.match(view.tooltip, why);
      assert.match(view.tooltip, /\[\$\(shield\) Set a spending limit\]\(command:qwenCloud\.showSpendingLimit\)/);
      assert.match(view.accessibilityLabel, /No limit to compare with\./);
      assert.doesNotMatch(view.tooltip, /Monthly limit \|/);
    }
    const loading = presentSpend({ spend: snap(monthSpend(12)), limit: snap<UsageLimit | null>(undefined, { loading: true }) }, NOW, OPTIONS);
    assert.match(loading.tooltip, /Loading the spending limit…/);
    const failed = presentSpend({ spend: snap(monthSpend(12)), limit: snap<UsageLimit | null>(undefined, { error: new NetworkError('down') }) }, NOW, OPTIONS);
    assert.match(failed.tooltip, /The spending limit could not be loaded: described network/);
  });

  it('lists the top three models and API keys of the month', () => {
    const tops: SpendTops = {
      month: '2026-11',
      models: [
        { key: 'qwen3-coder-plus', name: 'qwen3-coder-plus', amount: 80.12 },
        { key: 'qwen-plus', name: 'qwen-plus', amount: 30 },
        { key: 'qwen3-max', name: 'qwen3-max', amount: 12 },
        { key: 'qwen-flash', name: 'qwen-flash', amount: 5 },
      ],
      apiKeys: [
        { key: 'k1', name: 'Local *dev* (sk-ab12…9f3c)', amount: 90 },
        { key: '', name: '—', amount: 20 },
      ],
    };
    const view = presentSpend(input(128, usageLimit(), { tops }), NOW, OPTIONS);
    const rows = view.tooltip.split('\n').filter((l) => l.startsWith('| ') && l.split('|').length === 6);
    const cells = rows.map((r) => r.split('|').slice(1, -1).map((c) => c.replace(/&nbsp;/g, '').trim()));
    assert.deepEqual(cells, [
      ['Top models', '', 'Top API keys', ''],
      ['qwen3-coder-plus', '$80.12', 'Local \\*dev\\* (sk-ab12…9f3c)', '$90.00'],
      ['qwen-plus', '$30.00', 'No API key', '$20.00'],
      ['qwen3-max', '$12.00', '', ''],
    ]);
    const lastMonth = presentSpend(input(128, usageLimit(), { tops: { ...tops, month: '2026-10' } }), NOW, OPTIONS);
    assert.doesNotMatch(lastMonth.tooltip, /Top models/, 'last month\'s top spenders are not this month\'s');
  });

  it('shows what is left of the free quota, and that usage inside it produces no bill', () => {
    const quota = (model: string, remaining: number, status: FreeQuota['status'] = 'valid', total = 1_000_000): FreeQuota => ({
      model,
      total,
      remaining,
      unit: 'tokens',
      status,
      cycleEnd: NOW + 30 * DAY_MS,
    });
    const freeQuota = snap<readonly FreeQuota[]>([
      quota('qwen-plus', 0, 'exhausted'),
      quota('qwen3-omni-flash', 528_172),
      { ...quota('qwen-image-plus', 74, 'valid', 100), unit: 'images' },
      quota('qwen3-max', 183_250, 'expired'),
    ]);
    const view = presentSpend(input(128, usageLimit(), { freeQuota }), NOW, OPTIONS);
    assert.match(view.tooltip, /\$\(gift\) \*\*Free quota\*\*: usage inside it produces no bill\./);
    assert.match(view.tooltip, /qwen3-omni-flash: 528\.2K of 1M tokens left, until Dec 26, 2026/);
    assert.match(view.tooltip, /qwen-image-plus: 74 of 100 images left, until Dec 26, 2026/);
    assert.match(view.tooltip, /Used up \(billed now\): qwen-plus/);
    assert.match(view.tooltip, /Expired: qwen3-max/);
    assert.ok(view.tooltip.indexOf('qwen3-omni-flash') < view.tooltip.indexOf('qwen-image-plus'), 'the one with less left first');
    const none = presentSpend(input(128, usageLimit(), { freeQuota: snap<readonly FreeQuota[]>([quota('qwen-plus', 0, 'exhausted')]) }), NOW, OPTIONS);
    assert.match(none.tooltip, /No free quota is left: all usage is billed\./);
    const empty = presentSpend(input(128, usageLimit(), { freeQuota: snap<readonly FreeQuota[]>([]) }), NOW, OPTIONS);
    assert.doesNotMatch(empty.tooltip, /Free quota/);
  });

  it('marks the demo account and stale data, and a month that has ended', () => {
    const demo = presentSpend({ spend: snap(monthSpend(18.4), { source: DEMO }), limit: snap<UsageLimit | null>(usageLimit(50)) }, NOW, OPTIONS);
    assert.equal(demo.text, '$(credit-card) $18.40 / $50 · Demo');
    assert.match(demo.tooltip, /_Demo data_/);
    assert.match(demo.accessibilityLabel, /Demo data\.$/);

    const old = presentSpend({ spend: snap(monthSpend(18.4), { fetchedAt: NOW - 45 * MINUTE_MS }), limit: snap<UsageLimit | null>(usageLimit(50)) }, NOW, OPTIONS);
    assert.equal(old.stale, true);
    assert.equal(old.text, '$(credit-card) $18.40 / $50 · $(history) 45 min ago');
    assert.match(old.tooltip, /\$\(history\) Source: dev@example\.com · updated 45 min ago\. It refreshes while a VS Code window is focused\./);

    const failed = presentSpend({ spend: snap(monthSpend(18.4), { error: new NetworkError('down') }), limit: snap<UsageLimit | null>(usageLimit(50)) }, NOW, OPTIONS);
    assert.equal(failed.stale, true);
    assert.match(failed.tooltip, /The last refresh failed: described network/);

    const afterMidnight = startOfMonth('2026-12') + 10 * MINUTE_MS;
    const ended = presentSpend({ spend: snap(monthSpend(288), { fetchedAt: afterMidnight - 20 * MINUTE_MS }), limit: snap<UsageLimit | null>(usageLimit()) }, afterMidnight, OPTIONS);
    assert.equal(ended.stale, true);
    assert.match(ended.tooltip, /\| The month came to \| (&nbsp;)*\$288\.00 \|/);
    assert.match(ended.tooltip, /November 2026 has ended; its bill settles early next month\./);
    assert.equal(ended.level, 'warning', 'the month ended past the threshold');
  });

  it('has loading and error states', () => {
    const loading = presentSpend({ spend: snap<MonthSpend>(undefined, { loading: true }), limit: snap<UsageLimit | null>(undefined) }, NOW, OPTIONS);
    assert.deepEqual([loading.state, loading.text], ['loading', '$(sync~spin) Spend']);
    const error = presentSpend({ spend: snap<MonthSpend>(undefined, { error: new NetworkError('connect ECONNREFUSED `x`') }), limit: snap<UsageLimit | null>(undefined) }, NOW, OPTIONS);
    assert.deepEqual([error.state, error.text], ['error', '$(warning) Spend unavailable']);
    assert.match(error.tooltip, /\*\*This month's spend could not be loaded\.\*\* described network/);
    assert.match(error.tooltip, /`connect ECONNREFUSED 'x'`/);
    assert.deepEqual(error.linkedCommands, [COMMANDS.showSpending, COMMANDS.showSpendingLimit]);
  });
});

describe('when the pay-as-you-go item shows', () => {
  const spendShown = snap(monthSpend(1));
  const spendMissing = snap<MonthSpend>(undefined, { unavailable: true });
  const withPlan = snap<Plans | null>({ coding: plan() });
  const noPlan = snap<Plans | null>(null);
  const planLoading = snap<Plans | null>(undefined, { loading: true });
  const planUnavailable = snap<Plans | null>(undefined, { unavailable: true });

  it('auto: only for accounts without a Coding Plan, once that is known', () => {
    assert.equal(showsSpendItem('auto', withPlan, spendShown), false);
    assert.equal(showsSpendItem('auto', noPlan, spendShown), true);
    assert.equal(showsSpendItem('auto', planLoading, spendShown), false, 'no flash while the plan loads');
    assert.equal(showsSpendItem('auto', planUnavailable, spendShown), true, 'an account that cannot have one (an AccessKey alone)');
  });

  it('always and never, and nothing without a source for the spend', () => {
    assert.equal(showsSpendItem('always', withPlan, spendShown), true);
    assert.equal(showsSpendItem('never', noPlan, spendShown), false);
    assert.equal(showsSpendItem('always', withPlan, spendMissing), false);
    assert.equal(showsSpendItem('auto', noPlan, spendMissing), false);
  });

  it('the quota meter steps aside only when the plan is known to be missing and the spend item shows', () => {
    assert.equal(quotaMeterYields('auto', noPlan, spendShown), true);
    assert.equal(quotaMeterYields('always', noPlan, spendShown), true);
    assert.equal(quotaMeterYields('never', noPlan, spendShown), false);
    assert.equal(quotaMeterYields('always', withPlan, spendShown), false);
    assert.equal(quotaMeterYields('auto', noPlan, spendMissing), false);
    assert.equal(quotaMeterYields('auto', planUnavailable, spendShown), false, 'signed out: the meter offers the sign-in');
  });
});
