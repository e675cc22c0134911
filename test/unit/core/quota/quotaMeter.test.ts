import * as assert from 'node:assert/strict';
import { DemoAccount } from '../../../../src/api/demo/demoAccount';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import { AuthError, NetworkError, type QwenCloudError } from '../../../../src/core/account/errors';
import { formatTime } from '../../../../src/core/common/format';
import type { CodingPlan, FullCodingPlan, RequestWindowKind, TokenPlan, UsageSample } from '../../../../src/core/account/model';
import { combinePlans, type Plans, planWindows } from '../../../../src/core/quota/quota';
import { escapeMarkdown } from '../../../../src/core/common/statusTooltip';
import { type MeterOptions, presentMeter, type UsageSamples } from '../../../../src/core/quota/quotaMeter';
import type { Snapshot } from '../../../../src/core/account/store';
import { DEFAULT_THRESHOLDS } from '../../../../src/core/quota/thresholds';
import { UsageHistory } from '../../../../src/core/quota/usageHistory';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const COMMANDS = { refresh: 'qwenCloud.refresh', showCodingPlan: 'qwenCloud.showCodingPlan', openConsole: 'qwenCloud.openConsole', showLog: 'qwenCloud.showLog' };
const OPTIONS: MeterOptions = {
  windows: ['fiveHour', 'weekly', 'monthly', 'credits', 'seat'],
  display: 'used',
  format: 'percent',
  compact: false,
  thresholds: DEFAULT_THRESHOLDS,
  staleAfterMs: 11 * MINUTE_MS,
  commands: COMMANDS,
  describeError: (e: QwenCloudError) => `described ${e.kind}`,
  locale: 'en-US',
};

const DEMO = { kind: 'demo', label: 'Demo' } as const;
const ACCOUNT = { kind: 'qwenCloud', label: 'dev_[me]@example.com' } as const;

/** The meter's snapshot of an account with this Coding Plan (or none), and no Token Plan unless `token` is given. */
function snapshot(value: CodingPlan | null | undefined, extra: Partial<Snapshot<Plans | null>> = {}, token?: TokenPlan): Snapshot<Plans | null> {
  const plans: Plans | null | undefined = value === undefined ? undefined : value === null && !token ? null : { ...(value ? { coding: value } : {}), ...(token ? { token } : {}) };
  return { ...(plans !== undefined ? { value: plans, fetchedAt: NOW, source: DEMO } : {}), loading: false, unavailable: false, ...extra };
}

/** A Pro plan with the given shares used, resetting in 72 minutes, 3 days and 14 days. */
function plan(shares: Record<RequestWindowKind, number>, extra: Partial<Omit<CodingPlan, 'windows'>> = {}): FullCodingPlan {
  const totals = { fiveHour: 6000, weekly: 45000, monthly: 90000 };
  const resets = { fiveHour: NOW + 72 * MINUTE_MS, weekly: NOW + 3 * DAY_MS, monthly: NOW + 14 * DAY_MS };
  const w = (kind: RequestWindowKind) => ({ kind, used: Math.round(totals[kind] * shares[kind]), total: totals[kind], resetsAt: resets[kind] });
  return {
    instanceId: 'sfm-1',
    tier: 'pro',
    rawType: 'pro',
    status: 'valid',
    rawStatus: 'VALID',
    autoRenew: true,
    windows: { fiveHour: w('fiveHour'), weekly: w('weekly'), monthly: w('monthly') },
    ...extra,
  };
}

/** Samples of steady use at `perHour` over the last hour, ending at `used` now. */
function steady(used: number, perHour: number): UsageSamples {
  const samples: UsageSample[] = Array.from({ length: 13 }, (_, i) => ({ at: NOW - (12 - i) * 5 * MINUTE_MS, used: Math.round(used - (perHour * (12 - i)) / 12) }));
  return { fiveHour: samples };
}

describe('the quota meter', () => {
  it('shows the three windows compactly, used, in percent', () => {
    const view = presentMeter(snapshot(plan({ fiveHour: 0.42, weekly: 0.18, monthly: 0.09 })), {}, NOW, OPTIONS);
    assert.equal(view.state, 'ready');
    assert.equal(view.text, '$(dashboard) 5h 42% · wk 18% · mo 9% · Demo');
    assert.equal(view.level, 'normal');
    assert.equal(view.background, undefined);
    assert.equal(view.stale, false);
    assert.match(view.accessibilityLabel, /^Qwen Cloud Coding Plan quota\. 5-hour window: 42 percent used, Weekly window: 18 percent used, Monthly window: 9 percent used\. Demo data\.$/);
  });

  it('shows what is left, or counts, or only the tightest window, as the settings say', () => {
    const p = snapshot(plan({ fiveHour: 0.42, weekly: 0.6, monthly: 0.3333 }));
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, display: 'remaining' }).text, '$(dashboard) 5h 58% · wk 40% · mo 67% left · Demo');
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, format: 'count' }).text, '$(dashboard) 5h 2,520/6,000 · wk 27K/45K · mo 30K/90K · Demo');
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, format: 'count', display: 'remaining' }).text, '$(dashboard) 5h 3,480 · wk 18K · mo 60K left · Demo');
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, compact: true }).text, '$(dashboard) wk 60% · Demo');
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, compact: true, windows: ['fiveHour', 'monthly'] }).text, '$(dashboard) 5h 42% · Demo');
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, windows: ['monthly'] }).text, '$(dashboard) mo 33% · Demo');
    assert.equal(presentMeter(p, {}, NOW, { ...OPTIONS, windows: [] }).text, '$(dashboard) 5h 42% · wk 60% · mo 33% · Demo', 'no choice shows all');
    const real = presentMeter(snapshot(plan({ fiveHour: 0.42, weekly: 0.6, monthly: 0.3333 }), { source: ACCOUNT }), {}, NOW, OPTIONS);
    assert.equal(real.text, '$(dashboard) 5h 42% · wk 60% · mo 33%', 'no Demo label on a real account');
  });

  it('turns yellow from the warning threshold and red from the critical one, saying so in words', () => {
    const at = (fiveHour: number) => presentMeter(snapshot(plan({ fiveHour, weekly: 0.1, monthly: 0.05 })), {}, NOW, OPTIONS);
    assert.equal(at(0.79).background, undefined);
    const warning = at(0.8);
    assert.deepEqual([warning.level, warning.background, warning.text], ['warning', 'statusBarItem.warningBackground', '$(warning) 5h 80% · wk 10% · mo 5% · Demo']);
    assert.match(warning.accessibilityLabel, /Warning: the 5-hour window is past 80 percent\./);
    const critical = at(0.96);
    assert.deepEqual([critical.level, critical.background], ['critical', 'statusBarItem.errorBackground']);
    assert.match(critical.accessibilityLabel, /Critical: the 5-hour window is past 95 percent\./);
    const exhausted = at(1);
    assert.deepEqual([exhausted.level, exhausted.background, exhausted.text], ['exhausted', 'statusBarItem.errorBackground', '$(error) 5h 100% · wk 10% · mo 5% · Demo']);
    assert.match(exhausted.accessibilityLabel, /The 5-hour window is used up until /);
    assert.match(exhausted.tooltip, /\*\*The 5-hour window is used up: Coding Plan requests fail until it resets at .*There is no pay-as-you-go fallback\.\*\*/);
    const custom = presentMeter(snapshot(plan({ fiveHour: 0.6, weekly: 0.1, monthly: 0.05 })), {}, NOW, { ...OPTIONS, thresholds: { warning: 50, critical: 60 } });
    assert.equal(custom.level, 'critical', 'the thresholds come from the settings');
  });

  it('always shows a window at the critical level, even one the settings hide', () => {
    const view = presentMeter(snapshot(plan({ fiveHour: 0.2, weekly: 0.97, monthly: 0.5 })), {}, NOW, { ...OPTIONS, windows: ['fiveHour'] });
    assert.equal(view.text, '$(warning) 5h 20% · wk 97% · Demo');
    assert.deepEqual(view.shown, ['fiveHour', 'weekly']);
  });

  it('has a tooltip with each window, its reset as a countdown and a local time, the plan and where the data came from', () => {
    const p = plan({ fiveHour: 0.83, weekly: 0.31, monthly: 0.2 });
    const view = presentMeter(snapshot(p, { fetchedAt: NOW - 2 * MINUTE_MS }), {}, NOW, OPTIONS);
    const t = view.tooltip;
    assert.match(t, /^\$\(dashboard\) \*\*Coding Plan Pro\*\* · Active · renews automatically · _Demo data_/);
    assert.ok(t.includes('| Window | &nbsp;&nbsp;&nbsp;Used | &nbsp;&nbsp;&nbsp;Resets |\n|:--|--:|:--|\n'), t);
    const fiveHourReset = formatTime(p.windows.fiveHour.resetsAt, NOW, 'en-US');
    const gap = '&nbsp;&nbsp;&nbsp;';
    assert.ok(t.includes(`| $(warning) 5-hour window | ${gap}4,980 / 6,000 (83%) | ${gap}in 1 h 12 min, at ${fiveHourReset} |`), t);
    assert.ok(t.includes(`| Weekly window | ${gap}13,950 / 45,000 (31%) | ${gap}in 3 d, at `), t);
    assert.ok(t.includes(`| Monthly window | ${gap}18,000 / 90,000 (20%) | ${gap}in 14 d, at `), t);
    assert.match(t, /\$\(cloud\) Source: Demo · updated 2 min ago/);
    assert.match(t, /About 34–204 tasks left before the 5-hour window runs out \(a task takes about 5–30 requests\)\./);
    assert.ok(t.endsWith('[$(refresh) Refresh](command:qwenCloud.refresh) · [$(dashboard) Coding Plan](command:qwenCloud.showCodingPlan) · [$(link-external) Console](command:qwenCloud.openConsole)'), t);
    assert.deepEqual(view.linkedCommands, ['qwenCloud.refresh', 'qwenCloud.showCodingPlan', 'qwenCloud.openConsole']);
  });

  it('shows the pace and when the 5-hour window runs out at this pace', () => {
    // 4,980 used, 1,020 left, 1,200 an hour: out in 51 min, 21 min before the reset in 72 min.
    const p = plan({ fiveHour: 0.83, weekly: 0.31, monthly: 0.2 });
    const view = presentMeter(snapshot(p), steady(4980, 1200), NOW, OPTIONS);
    assert.match(view.tooltip, /\$\(pulse\) Pace: about 1,200 requests an hour over the last 1 h\./);
    const at = formatTime(NOW + 51 * MINUTE_MS, NOW, 'en-US');
    assert.ok(view.tooltip.includes(`$(watch) At this pace the 5-hour window runs out at ${at}, 21 min before it resets.`), view.tooltip);
    assert.equal(view.analysis?.windows.fiveHour?.forecast.kind, 'runsOut');
    const slow = presentMeter(snapshot(p), steady(4980, 300), NOW, OPTIONS);
    assert.match(slow.tooltip, /At this pace every window lasts until it resets; about 660 requests of the 5-hour window are left at its reset\./);
    const none = presentMeter(snapshot(p), {}, NOW, OPTIONS);
    assert.match(none.tooltip, /Pace: not enough recent data yet/);
  });

  it('forecasts the weekly window from its average so far, not from the last hour', () => {
    // Two days into the week with 40,000 of 45,000 used: 833 an hour; 5,000 left lasts 6 h, the week 5 days.
    const p = plan({ fiveHour: 0.1, weekly: 40000 / 45000, monthly: 0.5 }, {});
    const weekly = { ...p.windows.weekly, resetsAt: NOW + 5 * DAY_MS };
    const view = presentMeter(snapshot({ ...p, windows: { ...p.windows, weekly } }), steady(600, 0), NOW, OPTIONS);
    assert.match(view.tooltip, /At its average pace so far \(833 requests an hour\), the weekly window runs out at .*, 4 d 18 h before it resets\./);
    assert.equal(view.analysis?.windows.weekly?.paceBasis, 'average');
  });

  it('marks stale data with its age, in the text, the tooltip and the label', () => {
    const p = plan({ fiveHour: 0.42, weekly: 0.18, monthly: 0.09 });
    const old = presentMeter(snapshot(p, { fetchedAt: NOW - 25 * MINUTE_MS }), {}, NOW, OPTIONS);
    assert.equal(old.stale, true);
    assert.equal(old.text, '$(dashboard) 5h 42% · wk 18% · mo 9% · $(history) 25 min ago · Demo');
    assert.match(old.tooltip, /\$\(history\) Source: Demo · updated 25 min ago\. It refreshes while a VS Code window is focused\./);
    assert.match(old.accessibilityLabel, /The data is 25 min old\./);
    const failed = presentMeter(snapshot(p, { fetchedAt: NOW - 3 * MINUTE_MS, error: new NetworkError('socket hang up'), source: ACCOUNT }), {}, NOW, OPTIONS);
    assert.equal(failed.stale, true, 'a failed refresh makes the data stale at any age');
    assert.equal(failed.text, '$(dashboard) 5h 42% · wk 18% · mo 9% · $(history) 3 min ago');
    assert.match(failed.tooltip, /Source: dev\\_\\\[me\\\]@example\.com · updated 3 min ago\. The last refresh failed: described network/);
    assert.ok(failed.linkedCommands.includes('qwenCloud.showLog'));
  });

  it('has a state for loading, signed out, no plan and errors', () => {
    const loading = presentMeter(snapshot(undefined, { loading: true }), {}, NOW, OPTIONS);
    assert.deepEqual([loading.state, loading.text], ['loading', '$(sync~spin) Qwen Cloud']);
    assert.equal(presentMeter(snapshot(undefined), {}, NOW, OPTIONS).state, 'loading', 'before the first refresh');

    const signedOut = presentMeter(snapshot(undefined, { unavailable: true }), {}, NOW, OPTIONS);
    assert.deepEqual([signedOut.state, signedOut.text], ['signedOut', '$(account) Sign in to Qwen Cloud']);
    assert.match(signedOut.tooltip, /need a Qwen Cloud sign-in/);
    assert.ok(!signedOut.tooltip.includes('command:'), 'no sign-in link while no sign-in command exists');
    const withSignIn = presentMeter(snapshot(undefined, { unavailable: true }), {}, NOW, { ...OPTIONS, commands: { ...COMMANDS, signIn: 'qwenCloud.signIn' } });
    assert.match(withSignIn.tooltip, /\[\$\(sign-in\) Sign in\]\(command:qwenCloud\.signIn\)/);
    const expired = presentMeter(snapshot(undefined, { error: new AuthError('401') }), {}, NOW, OPTIONS);
    assert.equal(expired.state, 'signedOut');
    assert.match(expired.tooltip, /sign-in has expired or was refused\.\*\*\n\nSign in again to see your plan's quota, or keep using the demo account\./);

    const refused = presentMeter(snapshot(undefined, { error: new AuthError('NotAuthorized: no access to billing', 'permission') }), {}, NOW, OPTIONS);
    assert.equal(refused.state, 'error', 'a refused permission is no sign-in problem: it says what to grant');

    const noPlan = presentMeter(snapshot(null), {}, NOW, OPTIONS);
    assert.deepEqual([noPlan.state, noPlan.text], ['noPlan', '$(dashboard) No plan · Demo']);
    assert.match(noPlan.tooltip, /no Coding Plan or Token Plan/);
    assert.match(noPlan.tooltip, /command:qwenCloud\.openConsole/);

    const error = presentMeter(snapshot(undefined, { error: new NetworkError('connect ECONNREFUSED 127.0.0.1:9') }), {}, NOW, OPTIONS);
    assert.deepEqual([error.state, error.text], ['error', '$(warning) Quota unavailable']);
    assert.match(error.tooltip, /Your plan could not be loaded\.\*\* described network/);
    assert.match(error.tooltip, /`connect ECONNREFUSED 127\.0\.0\.1:9`/);
    assert.deepEqual(error.linkedCommands, ['qwenCloud.refresh', 'qwenCloud.showLog']);
    for (const view of [loading, signedOut, noPlan, error]) {
      assert.equal(view.background, undefined);
      assert.ok(view.accessibilityLabel.length > 10);
    }
  });

  it('does not colour a window whose reset has passed, and says it is refreshing', () => {
    const p = plan({ fiveHour: 1, weekly: 0.2, monthly: 0.1 });
    const view = presentMeter(snapshot(p, { fetchedAt: NOW }), {}, p.windows.fiveHour.resetsAt + 5_000, OPTIONS);
    assert.equal(view.level, 'normal');
    assert.match(view.tooltip, /\| 5-hour window \| (&nbsp;)+6,000 \/ 6,000 \(100%\) \| (&nbsp;)+reset at .*, refreshing… \|/);
  });

  it('works on the demo account at its own usage levels', () => {
    const account = new DemoAccount();
    for (const share of [0, 0.5, 0.85, 0.97, 1]) {
      const p = account.codingPlan(NOW, { fiveHour: share });
      const history = new UsageHistory();
      history.observe(planWindows(p), account.recentUsage(NOW), NOW, 'demo');
      const view = presentMeter(snapshot(p), history.samplesByKind(), NOW, OPTIONS);
      const expected = share >= 1 ? 'exhausted' : share >= 0.95 ? 'critical' : share >= 0.8 ? 'warning' : 'normal';
      assert.equal(view.analysis?.windows.fiveHour?.level, expected, `at ${share}`);
      assert.ok(view.text.startsWith(`${expected === 'normal' ? '$(dashboard)' : expected === 'exhausted' ? '$(error)' : '$(warning)'} 5h ${Math.floor(share * 100)}% · wk `), view.text);
      assert.ok(view.analysis?.pace, 'the demo history gives a pace at once');
    }
  });

  it('escapes Markdown and theme icons in text from outside', () => {
    assert.equal(escapeMarkdown('a_b*c [x](command:evil) $(bug) <img> | 1-2'), 'a\\_b\\*c \\[x\\](command:evil) \\$(bug) \\<img\\> \\| 1-2');
    assert.equal(escapeMarkdown('# title\n- item\n12. item'), '\\# title\n\\- item\n12\\. item');
  });

  it('counts the hours a pace was measured over', () => {
    const p = plan({ fiveHour: 0.5, weekly: 0.2, monthly: 0.1 });
    const samples = { weekly: [{ at: NOW - 20 * MINUTE_MS, used: 2900 }, { at: NOW, used: 3000 }] };
    assert.match(presentMeter(snapshot(p), samples, NOW, OPTIONS).tooltip, /about 300 requests an hour over the last 20 min/);
    assert.equal(presentMeter(snapshot(p), samples, NOW + 2 * HOUR_MS, OPTIONS).analysis?.pace, undefined, 'samples two hours old say nothing about now');
  });

  describe('with a Token Plan', () => {
    const CYCLE_START = NOW - 20 * DAY_MS;
    const CYCLE_END = NOW + 10 * DAY_MS;
    const personal = (used: number, extra: Partial<TokenPlan> = {}): TokenPlan => ({
      edition: 'personal',
      tier: 'standard',
      rawTier: 'standard',
      status: 'valid',
      rawStatus: 'valid',
      autoRenew: true,
      credits: { kind: 'credits', used, total: 45_000, resetsAt: CYCLE_END, startsAt: CYCLE_START },
      packs: [{ name: 'Add-on 5,000', total: 5_000, remaining: 3_180, expiresAt: CYCLE_END + 30 * DAY_MS }],
      ...extra,
    });

    it('shows the credits alone for an account with only a Token Plan, not "No Coding Plan"', () => {
      const view = presentMeter(snapshot(null, {}, personal(9_000)), {}, NOW, OPTIONS);
      assert.equal(view.state, 'ready');
      assert.equal(view.text, '$(dashboard) cr 20% · Demo');
      assert.deepEqual(view.shown, ['credits']);
      const t = view.tooltip;
      assert.match(t, /^\$\(credit-card\) \*\*Token Plan Standard\*\* · Active · renews automatically · _Demo data_/);
      assert.ok(t.includes('| Credits | &nbsp;&nbsp;&nbsp;9,000 / 45,000 (20%) | &nbsp;&nbsp;&nbsp;in 10 d, at '), t);
      assert.match(t, /Add-on packs: 3,180 of 5,000 credits left; the first expires on /);
      assert.match(t, /the credits last until they renew, with about \d[\d,]* to spare/);
      assert.ok(!/tasks left|Pace: /.test(t), 'requests and tasks belong to the Coding Plan');
      assert.match(t, /\[\$\(dashboard\) Token Plan\]\(command:qwenCloud\.showCodingPlan\)/);
      assert.match(view.accessibilityLabel, /^Qwen Cloud Token Plan credits\. Credits: 20 percent used\./);
    });

    it('shows both plans side by side, the credits after the three windows', () => {
      const view = presentMeter(snapshot(plan({ fiveHour: 0.42, weekly: 0.18, monthly: 0.09 }), {}, personal(40_000)), {}, NOW, OPTIONS);
      assert.equal(view.text, '$(warning) 5h 42% · wk 18% · mo 9% · cr 88% · Demo');
      assert.equal(view.level, 'warning');
      assert.match(view.tooltip, /\*\*Coding Plan Pro\*\*[\s\S]*\*\*Token Plan Standard\*\*/);
      // 40,000 credits in 20 days is 83 an hour: the 5,000 left last 60 hours, well before the cycle ends.
      assert.match(view.tooltip, /At their average pace this cycle \(83 credits an hour\), the Token Plan credits run out at .*, 7 d 12 h before they renew\./);
      assert.equal(presentMeter(snapshot(plan({ fiveHour: 0.42, weekly: 0.18, monthly: 0.09 }), {}, personal(40_000)), {}, NOW, { ...OPTIONS, windows: ['fiveHour'] }).text, '$(warning) 5h 42% · Demo');
      assert.equal(presentMeter(snapshot(null, {}, personal(40_000)), {}, NOW, { ...OPTIONS, windows: ['fiveHour'] }).text, '$(warning) cr 88% · Demo', 'chosen windows the account lacks show what it has');
      assert.equal(presentMeter(snapshot(plan({ fiveHour: 0.42, weekly: 0.18, monthly: 0.09 }), {}, personal(40_000)), {}, NOW, { ...OPTIONS, compact: true }).text, '$(warning) cr 88% · Demo');
    });

    it('turns red and says it is a hard stop when the credits are used up, and that the add-on packs carry on while they last', () => {
      const packs = presentMeter(snapshot(null, {}, personal(45_000)), {}, NOW, OPTIONS);
      assert.equal(packs.level, 'critical', 'the packs still serve requests');
      assert.match(packs.tooltip, /The monthly credits are used up: requests now spend the add-on packs \(3,180 credits left\) until the credits renew at /);
      const view = presentMeter(snapshot(null, {}, personal(45_000, { packs: [] })), {}, NOW, OPTIONS);
      assert.equal(view.level, 'exhausted');
      assert.equal(view.text, '$(error) cr 100% · Demo');
      assert.match(view.tooltip, /\*\*The Token Plan credits are used up: requests fail until they renew at .*, or an add-on pack is bought\. There is no pay-as-you-go fallback\.\*\*/);
    });

    it('shows a Team\'s pool, its seats and this user\'s seat', () => {
      const team = personal(120_000, {
        edition: 'team',
        tier: 'other',
        rawTier: 'Token Plan Team Edition',
        autoRenew: false,
        credits: { kind: 'credits', used: 120_000, total: 325_000, resetsAt: CYCLE_END, startsAt: CYCLE_START },
        seat: { kind: 'seat', used: 90_000, total: 100_000, resetsAt: CYCLE_END, startsAt: CYCLE_START },
        seats: { total: 7, assigned: 6 },
        packs: [],
      });
      const view = presentMeter(snapshot(null, {}, team), {}, NOW, OPTIONS);
      // The seat at 90 % turns the meter yellow though the pool is at 36 %: it stops this user's requests.
      assert.equal(view.text, '$(warning) cr 36% · seat 90% · Demo');
      assert.equal(view.level, 'warning');
      assert.match(view.tooltip, /\*\*Token Plan Team\*\* · Active · 6 of 7 seats assigned/);
      assert.ok(view.tooltip.includes('| Team credits | &nbsp;&nbsp;&nbsp;120,000 / 325,000 (36%) |'), view.tooltip);
      assert.ok(view.tooltip.includes('| $(warning) Your seat | &nbsp;&nbsp;&nbsp;90,000 / 100,000 (90%) |'), view.tooltip);
      assert.ok(!view.tooltip.includes('Add-on packs'));
    });

    it('says so when a plan reported no window at all, rather than draw an empty meter', () => {
      const view = presentMeter(snapshot({ ...plan({ fiveHour: 0, weekly: 0, monthly: 0 }), windows: {} }), {}, NOW, OPTIONS);
      assert.equal(view.text, '$(dashboard) No quota reported · Demo');
      assert.match(view.tooltip, /Qwen Cloud reported no quota for Coding Plan Pro\./);
      assert.equal(view.accessibilityLabel, 'Qwen Cloud reported no quota for Coding Plan Pro.');
    });

    it('shows a Coding Plan that reported only its monthly window', () => {
      const full = plan({ fiveHour: 0.5, weekly: 0.5, monthly: 0.3 });
      const view = presentMeter(snapshot({ ...full, windows: { monthly: full.windows.monthly } }), {}, NOW, OPTIONS);
      assert.equal(view.text, '$(dashboard) mo 30% · Demo');
      assert.ok(!view.tooltip.includes('5-hour window |'));
      assert.match(view.tooltip, /tasks left before the monthly window runs out/);
    });
  });
});

describe('the plans as one snapshot', () => {
  const at = (n: number) => ({ fetchedAt: n, source: { kind: 'qwenCloud', label: 'me' } as const });
  const none = { loading: false, unavailable: false };
  const coding = plan({ fiveHour: 0.1, weekly: 0.1, monthly: 0.1 });
  const token: TokenPlan = { edition: 'personal', tier: 'lite', rawTier: 'lite', status: 'valid', rawStatus: 'valid', credits: { kind: 'credits', used: 1, total: 11_500, resetsAt: NOW + DAY_MS }, packs: [] };

  it('holds whichever plans the account has, aged by the older answer', () => {
    const both = combinePlans({ ...none, value: coding, ...at(NOW - 5_000) }, { ...none, value: token, ...at(NOW) });
    assert.deepEqual(both.value, { coding, token });
    assert.equal(both.fetchedAt, NOW - 5_000);
    assert.deepEqual(combinePlans({ ...none, value: null, ...at(NOW) }, { ...none, value: token, ...at(NOW) }).value, { token });
  });

  it('is null only once both said so, or one is not served', () => {
    assert.equal(combinePlans({ ...none, value: null, ...at(NOW) }, { ...none, value: null, ...at(NOW) }).value, null);
    assert.equal(combinePlans({ ...none, value: null, ...at(NOW) }, { ...none, unavailable: true }).value, null);
    assert.equal(combinePlans({ ...none, value: null, ...at(NOW) }, { ...none, loading: true }).value, undefined, 'still loading the Token Plan');
    assert.equal(combinePlans({ ...none, unavailable: true }, { ...none, unavailable: true }).unavailable, true);
  });

  it('keeps one plan when the other fails, marked stale only by its own failure', () => {
    const error = new NetworkError('down');
    const kept = combinePlans({ ...none, value: coding, ...at(NOW) }, { ...none, error });
    assert.deepEqual(kept.value, { coding });
    assert.equal(kept.error, undefined, 'the Token Plan failing says nothing about the Coding Plan shown');
    assert.equal(combinePlans({ ...none, value: coding, ...at(NOW), error }, { ...none, value: null, ...at(NOW) }).error, error);
    const failed = combinePlans({ ...none, value: null, ...at(NOW) }, { ...none, error });
    assert.equal(failed.value, undefined);
    assert.equal(failed.error, error);
  });
});
