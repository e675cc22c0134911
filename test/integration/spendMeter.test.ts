// The pay-as-you-go item in a real extension host: when it shows, its text, colour, tooltip and
// accessibility label on the demo account and on accounts the test steers, its settings, and that spend
// notifications still come from the one notifier the limit panel shares.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DemoAccount } from '../../src/api/demo/demoAccount';
import { DemoSource } from '../../src/api/demo/demoSource';
import { AccountRouter, type AccountSource, type SourceInfo } from '../../src/core/account/source';
import { DAY_MS, dateKey, monthKey, startOfMonth } from '../../src/core/common/calendar';
import type { CodingPlan, MonthSpend, UsageLimit } from '../../src/core/account/model';
import { evaluateSpend, projectMonthSpend } from '../../src/core/spending/spendAlerts';
import { spendLevel } from '../../src/core/spending/spendMeter';
import { levelBackground } from '../../src/core/quota/thresholds';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { SpendStatusBarView } from '../../src/statusBar/spendStatusBar';
import { accountSettled, activateExtension, now, seams, waitFor, withSetting } from './helpers';

const ACCOUNT: SourceInfo = { kind: 'qwenCloud', label: 'payg@example.com' };
const TRUSTED = ['qwenCloud.showSpending', 'qwenCloud.showSpendingLimit'];

async function spendView(api: QwenCloudMeterApi, what: string, ok: (v: SpendStatusBarView) => boolean): Promise<SpendStatusBarView> {
  return waitFor(() => {
    const v = api.spendStatusBar.view();
    return v && ok(v) ? v : undefined;
  }, what);
}

const usd = (amount: number, whole = false): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 }).format(amount);

function plan(): CodingPlan {
  const w = (kind: 'fiveHour' | 'weekly' | 'monthly') => ({ kind, used: 10, total: 1000, resetsAt: now() + 3_600_000 });
  return { instanceId: 'p', tier: 'pro', rawType: 'pro', status: 'valid', rawStatus: 'VALID', windows: { fiveHour: w('fiveHour'), weekly: w('weekly'), monthly: w('monthly') } };
}

/** A pay-as-you-go account the test steers: this month's spend and the limit are whatever it says. */
class PaygSource implements AccountSource {
  constructor(
    readonly info: SourceInfo,
    public spend: () => MonthSpend | Error,
    public limit: UsageLimit | null,
    public codingPlan: CodingPlan | null = null,
  ) {}
  async getCodingPlan(): Promise<CodingPlan | null> {
    return this.codingPlan;
  }
  async getMonthSpend(): Promise<MonthSpend> {
    const spend = this.spend();
    if (spend instanceof Error) {
      throw spend;
    }
    return spend;
  }
  async getUsageLimit(): Promise<UsageLimit | null> {
    return this.limit;
  }
}

const thisMonth = (amount: number, currency = 'USD'): MonthSpend => ({ month: monthKey(now()), total: { amount, currency }, daily: [] });
const limitOf = (amount: number, alertThreshold = 80, currency = 'USD'): UsageLimit => ({ enabled: true, amount: { amount, currency }, alertThreshold, emails: [] });

describe('the pay-as-you-go item', () => {
  let api: QwenCloudMeterApi;
  let original: AccountRouter;
  const alerts: string[] = [];
  let restorePrompts: () => void;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    await accountSettled(api);
    original = api.store.router;
    // Spend alerts go out as usual; the test collects them instead of showing them.
    restorePrompts = seams(api).usePrompts({
      warn: async (message) => {
        alerts.push(message);
        return undefined;
      },
    });
  });

  after(async () => {
    restorePrompts();
    api.store.setRouter(original);
    await api.store.refresh(undefined, { force: true });
  });

  /** Switches to the sources given and fetches what the items read. */
  async function use(...sources: AccountSource[]): Promise<void> {
    api.store.setRouter(new AccountRouter(sources, undefined));
    await api.store.refresh(['codingPlan', 'monthSpend', 'usageLimit', 'freeQuota'], { force: true });
  }

  it('auto: stays out of the way with a Coding Plan, and takes the quota meter\'s place without one', async () => {
    api.store.setRouter(original);
    await waitFor(() => (api.store.get('codingPlan').value ? true : undefined), 'the demo\'s Coding Plan');
    const hidden = await spendView(api, 'the hidden item', (v) => !v.visible);
    assert.equal(hidden.visible, false);
    assert.equal(api.statusBar.view()?.visible, true);

    await use(new PaygSource(ACCOUNT, () => thisMonth(4.25), limitOf(100)));
    const v = await spendView(api, 'the pay-as-you-go item', (x) => x.visible && x.state === 'ready');
    assert.equal(v.text, '$(credit-card) $4.25 / $100');
    assert.equal(v.backgroundColor, undefined);
    assert.equal(v.command, 'qwenCloud.showSpending');
    assert.equal(api.statusBar.view()?.state, 'noPlan');
    assert.equal(api.statusBar.view()?.visible, false, 'the meter would only say "No Coding Plan"');

    const never = await withSetting('qwenCloud.statusBar.spend', 'never');
    try {
      await waitFor(() => (api.spendStatusBar.view() === undefined ? true : undefined), 'no item');
      await waitFor(() => (api.statusBar.view()?.visible === true ? true : undefined), 'the meter back, saying there is no plan');
    } finally {
      await never();
    }
    await spendView(api, 'the item back', (x) => x.visible && x.text === '$(credit-card) $4.25 / $100');

    const always = await withSetting('qwenCloud.statusBar.spend', 'always');
    try {
      await use(new PaygSource(ACCOUNT, () => thisMonth(4.25), limitOf(100), plan()));
      await spendView(api, 'the item beside the meter', (x) => x.visible && x.state === 'ready');
      await waitFor(() => (api.statusBar.view()?.visible === true && api.statusBar.view()?.state === 'ready' ? true : undefined), 'the quota meter too');
    } finally {
      await always();
    }
  });

  describe('with the setting on "always"', () => {
    let restore: () => Promise<void>;
    before(async () => {
      restore = await withSetting('qwenCloud.statusBar.spend', 'always');
    });
    after(async () => {
      await restore();
    });

    it('shows the demo account\'s month: spend against the limit, projection, top models and keys, free quota', async () => {
      api.store.setRouter(original);
      // Early on a month's first day nothing is billed yet (bills run a few hours late): no top models then.
      const billed = (): boolean => (api.store.get('monthSpend').value?.total.amount ?? 0) > 0;
      const v = await spendView(api, 'the demo month', (x) => x.visible && x.state === 'ready' && x.text.endsWith(' · Demo') && (/Top models/.test(x.tooltip) || !billed()) && /Free quota/.test(x.tooltip));
      const spend = api.store.get('monthSpend').value!;
      // The demo's limit: $300 at 80 %, unless an earlier suite left another.
      const limit = api.store.get('usageLimit').value!;
      const cap = limit.amount.amount;
      const esc = (text: string): string => text.replace(/[$.]/g, '\\$&');
      const level = spendLevel(evaluateSpend(spend, limit, now()));
      const icon = level === 'normal' ? '$(credit-card)' : level === 'exhausted' ? '$(error)' : '$(warning)';
      assert.equal(v.text, `${icon} ${usd(spend.total.amount)} / ${usd(cap, Number.isInteger(cap))} · Demo`);
      assert.equal(v.backgroundColor, levelBackground(level));
      assert.match(v.tooltip, new RegExp(`\\| Month to date \\| (&nbsp;)*${esc(usd(spend.total.amount))} \\|`));
      if (billed()) {
        assert.match(v.tooltip, /\| Projected for the month \| (&nbsp;)*\$[\d,.]+/);
      }
      assert.match(v.tooltip, new RegExp(`\\| Monthly limit \\| (&nbsp;)*${esc(usd(cap))} · ${Math.floor((100 * spend.total.amount) / cap)}% used \\|`));
      assert.match(v.tooltip, new RegExp(`\\| Alert threshold \\| (&nbsp;)*${limit.alertThreshold}% · ${esc(usd((cap * limit.alertThreshold) / 100))} \\|`));
      // The month's largest model, as the demo's cost analysis says.
      const at = now();
      const month = monthKey(at);
      const series = await new DemoSource(new DemoAccount(), { now }).getCostAnalysis({
        granularity: 'month',
        from: `${month}-01`,
        to: dateKey(at),
        groupBy: 'model',
      });
      const top = series.totals[0];
      if (top) {
        assert.ok(v.tooltip.includes(`| ${top.name} |`), `the top model ${top.name} in\n${v.tooltip}`);
      }
      assert.match(v.tooltip, /qwen3-omni-flash: [\d.]+K? of 1M tokens left, until /);
      assert.match(v.tooltip, /Used up \(billed now\): (qwen-plus, qwen3-coder-plus|qwen3-coder-plus, qwen-plus)/);
      assert.match(v.tooltip, /Expired: qwen3-max/);
      assert.match(v.tooltip, /usage inside it produces no bill/);
      assert.match(v.tooltip, /Usage reaches the bill a few hours late/);
      assert.match(v.tooltip, /\$\(cloud\) Source: Demo · updated (just now|\d+ min ago)/);
      assert.deepEqual(v.trustedCommands, TRUSTED);
      assert.match(v.accessibilityLabel, new RegExp(`^Qwen Cloud pay-as-you-go spend this month: \\$[\\d,.]+\\. \\d+ percent of the monthly limit of ${esc(usd(cap))}\\..* Demo data\\.$`));
      assert.equal(api.statusBar.view()?.visible, true, 'the demo has a Coding Plan: both show');

      // A click opens the spending panel.
      await vscode.commands.executeCommand(v.command!);
      const panel = await waitFor(() => (api.spendingPanel.current?.ready ? api.spendingPanel.current : undefined), 'the spending panel', 30_000);
      panel.dispose();
    });

    it('turns yellow at the alert threshold and red at the limit; the one spend notifier says so, once', async () => {
      const source = new PaygSource(ACCOUNT, () => thisMonth(10), limitOf(1000));
      await use(source);
      // 10 of 1,000: far from the threshold, even projected from day 3.
      let v = await spendView(api, 'a quiet month', (x) => x.text === '$(credit-card) $10.00 / $1,000');
      assert.equal(v.backgroundColor, undefined);
      assert.doesNotMatch(v.text, /Demo/);
      assert.match(v.tooltip, /\$\(cloud\) Source: payg@example\.com · updated just now/);

      // 60 of 1,000 with the alert at 5 %: past the threshold, and too little to project past the limit.
      source.limit = limitOf(1000, 5);
      source.spend = () => thisMonth(60);
      await api.store.refresh(['monthSpend', 'usageLimit'], { force: true });
      v = await spendView(api, 'past the threshold', (x) => x.text === '$(warning) $60.00 / $1,000');
      assert.equal(v.backgroundColor, 'statusBarItem.warningBackground');
      assert.match(v.tooltip, /\*\*Past the alert threshold: \$50\.00 \(5% of the limit\)\.\*\*/);

      const before = alerts.length;
      source.spend = () => thisMonth(1200);
      await api.store.refresh(['monthSpend'], { force: true });
      v = await spendView(api, 'over the limit', (x) => x.text === '$(error) $1,200.00 / $1,000');
      assert.equal(v.backgroundColor, 'statusBarItem.errorBackground');
      assert.match(v.tooltip, /\$\(error\) \*\*At or over the monthly limit of \$1,000\.00\.\*\*/);
      assert.match(v.accessibilityLabel, /120 percent of the monthly limit of \$1,000\.00\. The limit is reached\./);
      await waitFor(() => (alerts.length > before ? true : undefined), 'the spend alert');
      await api.store.refresh(['monthSpend', 'usageLimit'], { force: true });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(alerts.length, before + 1, 'one notification, from the spend notifier only');
      assert.match(alerts.at(-1) ?? '', /^Qwen Cloud spend this month is \$1,200\.00, at or over your monthly limit of \$1,000\.00\.$/);

      const percent = await withSetting('qwenCloud.statusBar.spendFormat', 'percent');
      try {
        await spendView(api, 'the share of the limit', (x) => x.text === '$(error) $1,200.00 of $1,000 (120%)');
      } finally {
        await percent();
      }
    });

    it('turns red when the month is projected past the limit (from day 3), and says so', async () => {
      const at = now();
      const spend = thisMonth(500);
      const projection = projectMonthSpend(spend, at);
      // A limit between the spend so far and where the month is heading, with the alert at 100 %.
      const cap = Math.round(((500 + projection.projected) / 2) * 100) / 100;
      assert.ok(cap > 500);
      await use(new PaygSource(ACCOUNT, () => spend, limitOf(cap, 100)));
      const v = await spendView(api, 'the projected month', (x) => x.text.endsWith(` $500.00 / ${usd(cap, Number.isInteger(cap))}`));
      if (projection.reliable && projection.projected >= cap) {
        assert.equal(v.level, 'critical');
        assert.equal(v.text.split(' ')[0], '$(warning)');
        assert.equal(v.backgroundColor, 'statusBarItem.errorBackground');
        assert.match(v.tooltip, new RegExp(`spend reaches \\$[\\d,.]+ by month end, over the limit of ${usd(cap).replace(/[$.]/g, '\\$&')}\\.`));
      } else {
        // The first two days of a month: too early for a projection to colour the item.
        assert.equal(startOfMonth(monthKey(at)) + 3 * DAY_MS > at, true);
        assert.equal(v.level, 'normal');
        assert.match(v.tooltip, /\(early estimate\)/);
      }
    });

    it('uses the account\'s currency, and stays plain without a limit, with a link to set one', async () => {
      await use(new PaygSource(ACCOUNT, () => thisMonth(13.2, 'CNY'), limitOf(500, 80, 'CNY')));
      await spendView(api, 'yuan', (x) => x.text === '$(credit-card) ¥13.20 / ¥500');

      await use(new PaygSource(ACCOUNT, () => thisMonth(60), null));
      const v = await spendView(api, 'no limit', (x) => x.text === '$(credit-card) $60.00');
      assert.equal(v.backgroundColor, undefined);
      assert.match(v.tooltip, /No monthly spending limit is set, so the spend is not compared with one\./);
      assert.match(v.tooltip, /\[\$\(shield\) Set a spending limit\]\(command:qwenCloud\.showSpendingLimit\)/);
      assert.deepEqual(v.trustedCommands, TRUSTED);
    });

    it('says when the spend cannot be loaded, and keeps the last figures, marked, when a refresh fails', async () => {
      const source = new PaygSource(ACCOUNT, () => new (seams(api).errors.NetworkError)('connect ECONNREFUSED 127.0.0.1:9'), limitOf(100));
      await use(source);
      const error = await spendView(api, 'the error state', (x) => x.state === 'error');
      assert.equal(error.text, '$(warning) Spend unavailable');
      assert.match(error.tooltip, /\*\*This month's spend could not be loaded\.\*\*/);
      assert.match(error.tooltip, /`connect ECONNREFUSED 127\.0\.0\.1:9`/);
      assert.equal(error.command, 'qwenCloud.showSpending');

      source.spend = () => thisMonth(4.25);
      await api.store.refresh(['monthSpend'], { force: true });
      await spendView(api, 'the spend', (x) => x.text === '$(credit-card) $4.25 / $100');
      source.spend = () => new (seams(api).errors.NetworkError)('connect ECONNREFUSED 127.0.0.1:9');
      await api.store.refresh(['monthSpend'], { force: true });
      const stale = await spendView(api, 'stale figures', (x) => x.stale);
      assert.equal(stale.text, '$(credit-card) $4.25 / $100 · $(history) just now');
      assert.match(stale.tooltip, /\$\(history\) Source: payg@example\.com · updated just now\. The last refresh failed: /);
    });
  });
});
