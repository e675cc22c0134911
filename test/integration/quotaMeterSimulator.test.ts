// The quota meter on a signed-in account served by the simulator: the item at several usage levels the
// simulator is told, a reset passing on the simulator's clock, and a refused sign-in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { StatusBarView } from '../../src/statusBar/quotaStatusBar';
import { activateExtension, waitFor } from './helpers';
import { signInToSimulator, simulator, useSimulatorEndpoints } from './simulator';

async function view(api: QwenCloudMeterApi, what: string, ok: (v: StatusBarView) => boolean): Promise<StatusBarView> {
  return waitFor(() => {
    const v = api.statusBar.view();
    return v && ok(v) ? v : undefined;
  }, what);
}

/** Signs in through the device flow and waits for the account's own data, not only the connection. */
async function signIn(api: QwenCloudMeterApi): Promise<void> {
  await signInToSimulator(api);
  await waitFor(() => (api.store.get('codingPlan').source?.kind === 'qwenCloud' ? true : undefined), 'the account\'s Coding Plan');
}

/** Refreshes the way a user does, once no refresh is under way (one under way would be shared). */
async function refresh(api: QwenCloudMeterApi): Promise<void> {
  await waitFor(() => (api.store.get('codingPlan').loading ? undefined : true), 'no refresh under way');
  await vscode.commands.executeCommand('qwenCloud.refresh');
}

describe('the quota meter on the simulator', () => {
  let api: QwenCloudMeterApi;
  let restore: () => Promise<void>;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    restore = await useSimulatorEndpoints();
    await simulator().reset();
    // A token that outlives the hours the clock test skips on the simulator's clock.
    await simulator().set({ deviceIntervalSec: 1, tokenLifetimeMs: 48 * 3_600_000, usage: { fiveHour: 0.42, weekly: 0.1, monthly: 0.2 } });
    await signIn(api);
  });

  after(async () => {
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await restore();
    await simulator().reset();
  });

  it('shows the account\'s windows at several usage levels, with their colours, words and notifications', async () => {
    const before = api.quotaAlerts.recent().length;
    const levels = [
      { share: 0.42, icon: '$(dashboard)', colour: undefined, words: /5-hour window: 42 percent used/, alert: undefined },
      { share: 0.85, icon: '$(warning)', colour: 'statusBarItem.warningBackground', words: /Warning: the 5-hour window is past 80 percent\./, alert: 'warning' },
      { share: 0.97, icon: '$(warning)', colour: 'statusBarItem.errorBackground', words: /Critical: the 5-hour window is past 95 percent\./, alert: 'critical' },
      { share: 1, icon: '$(error)', colour: 'statusBarItem.errorBackground', words: /The 5-hour window is used up until /, alert: 'exhausted' },
    ];
    for (const level of levels) {
      await simulator().set({ usage: { fiveHour: level.share, weekly: 0.1, monthly: 0.2 } });
      await refresh(api);
      const text = `${level.icon} 5h ${Math.round(level.share * 100)}% · wk 10% · mo 20%`;
      const v = await view(api, `the meter at ${level.share}`, (x) => x.text === text);
      assert.equal(v.backgroundColor, level.colour);
      assert.match(v.accessibilityLabel, level.words);
      assert.doesNotMatch(v.accessibilityLabel, /Demo/);
      assert.match(v.tooltip, /\*\*Coding Plan Pro\*\* · Active/);
      assert.match(v.tooltip, /\$\(cloud\) Source: developer@example\.com · updated just now/);
      assert.ok(v.tooltip.includes(`${(Math.round(level.share * 6000)).toLocaleString('en-US')} / 6,000 (${Math.round(level.share * 100)}%)`), v.tooltip);
    }
    const last = api.statusBar.view()!;
    assert.match(last.tooltip, /\*\*The 5-hour window is used up: Coding Plan requests fail until it resets at .*There is no pay-as-you-go fallback\.\*\*/);
    const shown = api.quotaAlerts.recent().slice(before).filter((a) => a.windowKind === 'fiveHour');
    assert.deepEqual(shown.map((a) => a.kind), ['warning', 'critical', 'exhausted']);
    assert.match(shown[2]!.message, /^The Coding Plan 5-hour window is used up\. Requests fail until it resets at .*: this is a hard stop, with no pay-as-you-go fallback\.$/);
  });

  it('shows the new window once the simulator\'s clock passes a reset, without a reload', async () => {
    await simulator().set({ usage: { fiveHour: 0.97, weekly: 0.1, monthly: 0.2 } });
    await refresh(api);
    const full = await view(api, 'a nearly full 5-hour window', (x) => x.text.startsWith('$(warning) 5h 97%'));
    const old = api.store.get('codingPlan').value!.windows.fiveHour!;
    try {
      // Ten minutes into the next 5-hour window, with the simulator's own usage (no override).
      await simulator().set({ now: old.resetsAt + 10 * 60_000, usage: null });
      await refresh(api);
      const fresh = await view(api, 'the next 5-hour window', (x) => x !== full && !x.text.startsWith('$(warning) 5h 97%'));
      const next = api.store.get('codingPlan').value!.windows.fiveHour!;
      assert.equal(api.store.get('codingPlan').error, undefined);
      assert.equal(next.resetsAt, old.resetsAt + 5 * 3_600_000, 'the window after');
      assert.ok(next.used < old.used);
      assert.match(fresh.text, new RegExp(`^\\$\\((dashboard|warning)\\) 5h ${Math.floor((next.used / next.total) * 100)}% · `));
      assert.ok(fresh.tooltip.includes(`${next.used.toLocaleString('en-US')} / 6,000`), fresh.tooltip);
    } finally {
      await simulator().set({ clockOffsetMs: 0 });
    }
  });

  it('on a refused sign-in, offers to sign in again or keep the demo, and keeping the demo signs out', async () => {
    await simulator().set({ faults: [{ kind: 'expiredToken', match: 'codingPlan' }] });
    // Start from nothing, as after a reload: the first answer refuses the token.
    api.store.setRouter(api.store.router);
    await refresh(api);
    const v = await view(api, 'the signed-out state', (x) => x.state === 'signedOut');
    assert.equal(v.text, '$(account) Sign in to Qwen Cloud');
    assert.match(v.tooltip, /Your Qwen Cloud sign-in has expired or was refused\./);
    const clicked = vscode.commands.executeCommand('qwenCloud.quota.statusActions');
    await new Promise((r) => setTimeout(r, 1_000));
    // The choices: "Sign in to Qwen Cloud", then "Keep using the demo account".
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await clicked;
    await simulator().set({ faults: [] });
    await waitFor(() => (api.store.router.isDemo ? true : undefined), 'the demo account');
    await view(api, 'the demo quota', (x) => x.state === 'ready' && x.text.endsWith(' · Demo'));
  });
});
