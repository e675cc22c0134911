// The quota meter in a real extension host: the item's text, colour, tooltip and accessibility label at
// several usage levels, its states, its settings, its notifications, and a reset passing while it shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DemoAccount } from '../../src/api/demo/demoAccount';
import { AccountRouter, type AccountSource, type SourceInfo } from '../../src/core/account/source';
import type { CodingPlan, FullCodingPlan, RequestWindowKind, TokenPlan } from '../../src/core/account/model';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { StatusBarView } from '../../src/statusBar/quotaStatusBar';
import { activateExtension, now, waitFor, withSetting } from './helpers';

// Demo data under its own label, so the meter's usage history from the real demo account does not carry over.
const DEMO_INFO: SourceInfo = { kind: 'demo', label: 'Demo (test)' };
const ACCOUNT_INFO: SourceInfo = { kind: 'qwenCloud', label: 'tester@example.com' };

/** A source the test steers: the next answer is a plan, `null` (no plan), an error, or a promise it holds back. */
class SteeredSource implements AccountSource {
  calls = 0;
  constructor(
    readonly info: SourceInfo,
    public answer: () => CodingPlan | null | Error | Promise<CodingPlan | null>,
  ) {}
  async getCodingPlan(): Promise<CodingPlan | null> {
    this.calls++;
    const answer = this.answer();
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  }
}

/** A Pro plan at the given shares, its 5-hour window resetting at `fiveHourResetsAt`. */
function plan(shares: Record<RequestWindowKind, number>, fiveHourResetsAt = now() + 72 * 60_000): FullCodingPlan {
  const totals = { fiveHour: 6000, weekly: 45000, monthly: 90000 };
  const resets = { fiveHour: fiveHourResetsAt, weekly: now() + 12 * 3_600_000, monthly: now() + 14 * 86_400_000 };
  const w = (kind: RequestWindowKind) => ({ kind, used: Math.round(totals[kind] * shares[kind]), total: totals[kind], resetsAt: resets[kind] });
  return { instanceId: 'sfm-test', tier: 'pro', rawType: 'pro', status: 'valid', rawStatus: 'VALID', windows: { fiveHour: w('fiveHour'), weekly: w('weekly'), monthly: w('monthly') } };
}

async function view(api: QwenCloudMeterApi, what: string, ok: (v: StatusBarView) => boolean): Promise<StatusBarView> {
  return waitFor(() => {
    const v = api.statusBar.view();
    return v && ok(v) ? v : undefined;
  }, what);
}

describe('the quota meter in the status bar', () => {
  let api: QwenCloudMeterApi;
  let original: AccountRouter;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    original = api.store.router;
  });

  afterEach(async () => {
    api.store.setRouter(original);
    await api.store.refresh(['codingPlan'], { force: true });
  });

  async function use(source: AccountSource | undefined): Promise<void> {
    api.store.setRouter(new AccountRouter(source ? [source] : [], undefined));
    await api.store.refresh(['codingPlan'], { force: true });
  }

  it('shows the demo account\'s three windows, with pace, forecast, resets and links in the tooltip', async () => {
    const v = await view(api, 'the demo quota', (x) => x.state === 'ready');
    const demo = api.store.get('codingPlan').value!;
    const pct = (k: RequestWindowKind) => Math.floor((demo.windows[k]!.used / demo.windows[k]!.total) * 100);
    assert.equal(v.text.replace(/^\$\((dashboard|warning)\) /, ''), `5h ${pct('fiveHour')}% · wk ${pct('weekly')}% · mo ${pct('monthly')}% · Demo`);
    const worst = Math.max(pct('fiveHour'), pct('weekly'), pct('monthly'));
    assert.equal(v.backgroundColor, worst >= 95 ? 'statusBarItem.errorBackground' : worst >= 80 ? 'statusBarItem.warningBackground' : undefined);
    assert.equal(v.command, 'qwenCloud.showCodingPlan');
    assert.match(v.tooltip, /\*\*Coding Plan Pro\*\* · Active · _Demo data_/);
    // "in 3 h 12 min", "in 3 h" on the hour, "in 12 min" or "in less than a minute".
    assert.match(v.tooltip, /\| 5-hour window \| (&nbsp;)*[\d,]+ \/ 6,000 \(\d+%\) \| (&nbsp;)*in (\d+ h \d+ min|\d+ h|\d+ min|less than a minute), at /);
    assert.match(v.tooltip, /\$\(pulse\) Pace: about [\d,]+ requests an hour over the last/, 'the demo history gives a pace at once');
    assert.match(v.tooltip, /tasks left before the/);
    assert.match(v.tooltip, /\$\(cloud\) Source: Demo · updated just now/);
    assert.match(v.tooltip, /\[\$\(refresh\) Refresh\]\(command:qwenCloud\.refresh\)/);
    assert.match(v.accessibilityLabel, /^Qwen Cloud Coding Plan quota\. 5-hour window: \d+ percent used, Weekly window: \d+ percent used, Monthly window: \d+ percent used\..* Demo data\.$/);
  });

  it('colours and words each usage level on demo data, and notifies once per level', async () => {
    const account = new DemoAccount();
    let share = 0.5;
    const source = new SteeredSource(DEMO_INFO, () => account.codingPlan(now(), { fiveHour: share, weekly: 0.1, monthly: 0.1 }));
    await use(source);
    const before = api.quotaAlerts.recent().length;
    const expectations = [
      { share: 0.5, icon: '$(dashboard)', colour: undefined, words: /5-hour window: 50 percent used/, alert: undefined },
      { share: 0.85, icon: '$(warning)', colour: 'statusBarItem.warningBackground', words: /Warning: the 5-hour window is past 80 percent\./, alert: 'warning' },
      { share: 0.97, icon: '$(warning)', colour: 'statusBarItem.errorBackground', words: /Critical: the 5-hour window is past 95 percent\./, alert: 'critical' },
      { share: 1, icon: '$(error)', colour: 'statusBarItem.errorBackground', words: /The 5-hour window is used up until /, alert: 'exhausted' },
    ];
    const alerts: string[] = [];
    for (const e of expectations) {
      share = e.share;
      await api.store.refresh(['codingPlan'], { force: true });
      const v = await view(api, `the meter at ${e.share}`, (x) => x.text.startsWith(`${e.icon} 5h ${Math.floor(e.share * 100)}%`));
      assert.equal(v.text, `${e.icon} 5h ${Math.floor(e.share * 100)}% · wk 10% · mo 10% · Demo`);
      assert.equal(v.backgroundColor, e.colour);
      assert.match(v.accessibilityLabel, e.words);
      if (e.alert) {
        alerts.push(e.alert);
      }
    }
    const v = api.statusBar.view()!;
    assert.match(v.tooltip, /\*\*The 5-hour window is used up: Coding Plan requests fail until it resets at .*There is no pay-as-you-go fallback\.\*\*/);
    const shown = api.quotaAlerts.recent().slice(before);
    assert.deepEqual(shown.map((a) => a.kind), alerts);
    assert.match(shown[shown.length - 1]!.message, /^Demo account: The Coding Plan 5-hour window is used up\. Requests fail until it resets at .*: this is a hard stop, with no pay-as-you-go fallback\.$/);
    await api.store.refresh(['codingPlan'], { force: true });
    assert.equal(api.quotaAlerts.recent().length, before + alerts.length, 'the same level in the same period does not notify again');
  });

  it('shows loading, then an error with details on click, then stale data with its age', async () => {
    let release: (p: CodingPlan) => void = () => undefined;
    const source = new SteeredSource(ACCOUNT_INFO, () => new Promise<CodingPlan>((r) => (release = r)));
    api.store.setRouter(new AccountRouter([source], undefined));
    const refreshing = api.store.refresh(['codingPlan'], { force: true });
    const loading = await view(api, 'the loading state', (x) => x.state === 'loading');
    assert.equal(loading.text, '$(sync~spin) Qwen Cloud');
    release(plan({ fiveHour: 0.42, weekly: 0.18, monthly: 0.09 }));
    await refreshing;
    const ready = await view(api, 'the account quota', (x) => x.state === 'ready');
    assert.equal(ready.text, '$(dashboard) 5h 42% · wk 18% · mo 9%', 'no Demo label on an account');
    assert.match(ready.tooltip, /Source: tester@example\.com · updated just now/);

    source.answer = () => new Error('connect ECONNREFUSED 127.0.0.1:9');
    await api.store.refresh(['codingPlan'], { force: true });
    const stale = await view(api, 'stale data', (x) => x.stale);
    assert.equal(stale.text, '$(dashboard) 5h 42% · wk 18% · mo 9% · $(history) just now');
    assert.match(stale.tooltip, /\$\(history\) Source: tester@example\.com · updated just now\. The last refresh failed: /);
    assert.match(stale.tooltip, /command:qwenCloud\.showLog/);

    await use(new SteeredSource(ACCOUNT_INFO, () => new Error('connect ECONNREFUSED 127.0.0.1:9')));
    const error = await view(api, 'the error state', (x) => x.state === 'error');
    assert.equal(error.text, '$(warning) Quota unavailable');
    assert.equal(error.command, 'qwenCloud.quota.statusActions');
    assert.match(error.tooltip, /Your plan could not be loaded\.\*\*/);
    assert.match(error.tooltip, /`connect ECONNREFUSED 127\.0\.0\.1:9`/);
    // The click shows the details in a notification (hidden by the test driver) and returns at once.
    await vscode.commands.executeCommand('qwenCloud.quota.statusActions');
  });

  it('says when the account has neither a Coding Plan nor a Token Plan', async () => {
    await use(new SteeredSource(ACCOUNT_INFO, () => null));
    const v = await view(api, 'the no-plan state', (x) => x.state === 'noPlan');
    assert.equal(v.text, '$(dashboard) No plan');
    assert.match(v.tooltip, /This account has no Coding Plan or Token Plan\./);
    assert.match(v.tooltip, /command:qwenCloud\.openConsole/);
  });

  it('when signed out, says so and offers a choice on click', async () => {
    await use(undefined);
    const v = await view(api, 'the signed-out state', (x) => x.state === 'signedOut');
    assert.equal(v.text, '$(account) Sign in to Qwen Cloud');
    assert.equal(v.command, 'qwenCloud.quota.statusActions');
    assert.match(v.accessibilityLabel, /You are not signed in to Qwen Cloud\./);
    assert.match(v.tooltip, /\[\$\(sign-in\) Sign in\]\(command:qwenCloud\.signIn\)/);
    // The click opens a quick pick (sign in, or keep the demo); dismissing it changes nothing.
    const clicked = vscode.commands.executeCommand('qwenCloud.quota.statusActions');
    await new Promise((r) => setTimeout(r, 1_000));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await clicked;
    assert.equal(api.statusBar.view()?.state, 'signedOut');
  });

  it('follows its settings: windows, counts, compact mode and thresholds', async () => {
    const source = new SteeredSource(ACCOUNT_INFO, () => plan({ fiveHour: 0.42, weekly: 0.6, monthly: 0.85 }));
    await use(source);
    await view(api, 'the default text', (x) => x.text === '$(warning) 5h 42% · wk 60% · mo 85%');
    assert.equal(api.statusBar.view()!.backgroundColor, 'statusBarItem.warningBackground');
    const restores = [
      await withSetting('qwenCloud.statusBar.format', 'count'),
      await withSetting('qwenCloud.statusBar.windows', ['fiveHour', 'weekly']),
    ];
    try {
      await view(api, 'counts of two windows', (x) => x.text === '$(warning) 5h 2,520/6,000 · wk 27K/45K');
      restores.push(await withSetting('qwenCloud.statusBar.compact', true));
      await view(api, 'the tightest chosen window', (x) => x.text === '$(warning) wk 27K/45K');
      restores.push(await withSetting('qwenCloud.quota.warningThreshold', 90));
      await view(api, 'no warning below 90 %', (x) => x.text === '$(dashboard) wk 27K/45K' && x.backgroundColor === undefined);
      restores.push(await withSetting('qwenCloud.quota.criticalThreshold', 50));
      // Warning 90 above critical 50 is rejected: the defaults (80/95) apply, so monthly at 85 % warns again.
      await view(api, 'the default thresholds back', (x) => x.backgroundColor === 'statusBarItem.warningBackground');
    } finally {
      for (const restore of restores.reverse()) {
        await restore();
      }
    }
    await view(api, 'the default text again', (x) => x.text === '$(warning) 5h 42% · wk 60% · mo 85%');
  });

  it('ticks its countdown locally and fetches the new window once the reset passes, without a reload', async function () {
    this.timeout(30_000);
    assert.equal(vscode.window.state.focused, true, 'countdowns tick while the window is focused');
    const resetsAt = now() + 6_000;
    // The first answer is always the full window, however slow the machine: the test needs to see it once.
    const source: SteeredSource = new SteeredSource(ACCOUNT_INFO, () =>
      source.calls === 1 || now() < resetsAt
        ? plan({ fiveHour: 0.98, weekly: 0.3, monthly: 0.2 }, resetsAt)
        : plan({ fiveHour: 0.001, weekly: 0.3, monthly: 0.2 }, resetsAt + 5 * 3_600_000),
    );
    await use(source);
    const before = await view(api, 'the full window', (x) => x.text.startsWith('$(warning) 5h 98%'));
    assert.match(before.tooltip, /in less than a minute, at /);
    const calls = source.calls;
    const after = await view(api, 'the new window after the reset', (x) => x.text.startsWith('$(dashboard) 5h 0%'));
    assert.equal(source.calls, calls + 1, 'one refresh, forced by the reset, and no other');
    assert.match(after.tooltip, /\| 5-hour window \| (&nbsp;)*6 \/ 6,000 \(0%\) \| (&nbsp;)*in 4 h 59 min, at /);
    assert.equal(after.backgroundColor, undefined);
  });

  it('shows the demo account\'s Token Plan in either edition, or both plans, as the setting says, and the switch command writes it', async () => {
    assert.ok(api.store.router.isDemo, 'the suite starts on the demo account');
    const restore = await withSetting('qwenCloud.demo.plans', 'tokenPlanPersonal');
    try {
      const personal = await view(api, 'the Personal credits', (x) => /^\$\((dashboard|warning|error)\) cr \d+% · Demo$/.test(x.text));
      assert.match(personal.tooltip, /\*\*Token Plan Standard\*\* · Active · renews automatically · _Demo data_/);
      assert.match(personal.tooltip, /\| Credits \| (&nbsp;)*[\d,]+ \/ 45,000 \(\d+%\) \| (&nbsp;)*in /);
      assert.match(personal.tooltip, /Add-on packs: 3,180 of 5,000 credits left/);
      assert.match(personal.accessibilityLabel, /^Qwen Cloud Token Plan credits\. Credits: \d+ percent used\./);
      assert.equal(api.store.get('codingPlan').value, null, 'no Coding Plan on this demo');
      await waitFor(() => (api.planView.rootNodes.map((n) => n.id).join() === 'token,token:credits,token:packs' ? true : undefined), 'the Token Plan alone in the plan view');

      await vscode.workspace.getConfiguration('qwenCloud').update('demo.plans', 'tokenPlanTeam', vscode.ConfigurationTarget.Global);
      const team = await view(api, 'the Team pool', (x) => x.tooltip.includes('**Token Plan Team**'));
      assert.match(team.tooltip, /· \d+ of \d+ seats assigned/);
      assert.match(team.tooltip, /\| (\$\(warning\) )?Team credits \|/);
      assert.match(team.tooltip, /\| (\$\(warning\) )?Your seat \|/);

      await vscode.workspace.getConfiguration('qwenCloud').update('demo.plans', 'both', vscode.ConfigurationTarget.Global);
      const both = await view(api, 'both plans', (x) => / · cr \d+% · Demo$/.test(x.text) && x.text.includes('5h '));
      assert.match(both.text, /5h \d+% · wk \d+% · mo \d+% · cr \d+% · Demo$/);
      assert.match(both.accessibilityLabel, /^Qwen Cloud plan quota\./);
      await waitFor(
        () => (api.planView.rootNodes.map((n) => n.id).join() === 'plan,window:fiveHour,window:weekly,window:monthly,token,token:credits,token:packs' ? true : undefined),
        'both plans in the plan view',
      );
    } finally {
      await restore();
    }
    await view(api, 'the Coding Plan alone again', (x) => !x.text.includes(' cr ') && x.text.includes('5h '));

    // The command offers the four choices and writes the one picked.
    const picking = vscode.commands.executeCommand('qwenCloud.switchDemoPlans');
    await new Promise((r) => setTimeout(r, 1_000));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    try {
      assert.equal(vscode.workspace.getConfiguration('qwenCloud').get('demo.plans'), 'tokenPlanPersonal', 'the second choice');
      await view(api, 'the switched demo', (x) => / cr \d+% · Demo$/.test(x.text));
    } finally {
      await vscode.workspace.getConfiguration('qwenCloud').update('demo.plans', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('notifies when a Token Plan\'s credits pass the thresholds or run out, in the words of credits, once each', async () => {
    let share = 0.5;
    // A day before the cycle renews, so at its average pace the allowance lasts: no forecast, only levels.
    const day = 86_400_000;
    const renewsAt = now() + day;
    const plan = (): TokenPlan => ({
      edition: 'personal',
      tier: 'standard',
      rawTier: 'standard',
      status: 'valid',
      rawStatus: 'valid',
      credits: { kind: 'credits', used: Math.round(45_000 * share), total: 45_000, resetsAt: renewsAt, startsAt: renewsAt - 30 * day },
      packs: [],
    });
    const source: AccountSource = { info: { kind: 'qwenCloud', label: 'token-plan@example.com' }, getCodingPlan: async () => null, getTokenPlan: async () => plan() };
    api.store.setRouter(new AccountRouter([source], undefined));
    try {
      const before = api.quotaAlerts.recent().length;
      for (const [next, text] of [
        [0.5, /^\$\(dashboard\) cr 50%$/],
        [0.85, /^\$\(warning\) cr 85%$/],
        [1, /^\$\(error\) cr 100%$/],
      ] as const) {
        share = next;
        await api.store.refresh(['codingPlan', 'tokenPlan'], { force: true });
        await view(api, `the credits at ${next}`, (x) => text.test(x.text));
      }
      const shown = api.quotaAlerts.recent().slice(before);
      assert.deepEqual(shown.map((a) => `${a.windowKind}:${a.kind}`), ['credits:warning', 'credits:exhausted']);
      assert.match(shown[0]!.message, /^85% of the Token Plan credits are used: 38,250 of 45,000\. They renew at /);
      assert.match(shown[1]!.message, /^The Token Plan credits are used up\. .* there is no pay-as-you-go fallback\.$/);
      await api.store.refresh(['codingPlan', 'tokenPlan'], { force: true });
      assert.equal(api.quotaAlerts.recent().length, before + 2, 'not again in the same cycle');
    } finally {
      api.store.setRouter(original);
      await api.store.refresh(['codingPlan', 'tokenPlan'], { force: true });
    }
  });
});
