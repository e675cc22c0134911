// Every fault the simulator can inject, against every feature that shows account data: the status bar
// meter, the four trees, the two panels and the revoke flow. For each fault x feature: the UI says what
// happened, keeps the last good data marked stale with its age, and recovers by itself once the fault
// clears (the poller runs at test timings through the `testing` seam; nobody clicks anything); polling
// under the fault shows no toasts. The run prints the matrix (fault x feature -> result).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { LimitHostMessage, LimitState } from '../../src/shared/limitProtocol';
import type { SpendingContent, SpendingHostMessage, SpendingSummary } from '../../src/shared/spendingProtocol';
import type { SimulatorControl } from '../simulator/simulator';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { activateExtension, waitFor, seams } from './helpers';
import { type Answer, pickItem, ScriptedPrompts } from './scriptedPrompts';
import { simulator, useSimulatorEndpoints } from './simulator';
import { toasts, toastWatchWorks } from './toasts';
import { forgetUnhandledRejection, unhandledRejections } from './rejections';

const FEATURES = ['status bar', 'Coding Plan', 'Subscriptions', 'Invoices', 'API Keys', 'spending panel', 'limit panel', 'revoke'] as const;
type Feature = (typeof FEATURES)[number];
/** Served by the Qwen Cloud sign-in (bearer token) only. */
const SIGN_IN_ONLY: readonly Feature[] = ['status bar', 'Coding Plan', 'Subscriptions', 'Invoices', 'limit panel'];
/** Served by the AccessKey (signed OpenAPI calls) only. The spending panel uses both. */
const ACCESS_KEY_ONLY: readonly Feature[] = ['API Keys', 'revoke'];

const POLL = { intervalMs: 1_000, minBackoffMs: 250 };
const REQUEST_TIMEOUT_MS = 2_500;
const CODING_PLAN_ROUTE = 'codingPlan.queryCodingPlanInstanceInfo';
/** The key the revoke flow works on in every scenario (it is enabled again afterwards). */
const KEY = 'CI pipeline';

interface Scenario {
  readonly fault: string;
  readonly on: SimulatorControl;
  readonly off: SimulatorControl;
  /** The UI's words for this failure (what describeError says); absent when nothing may fail. */
  readonly says?: RegExp;
  /** Features the fault cannot reach: they must carry on as if nothing happened. */
  readonly unaffected?: readonly Feature[];
  /** Answers come late but within the timeout: data stays on screen while loading, then is fresh. */
  readonly slow?: boolean;
  /** A route, or its start, the poller keeps asking for under the fault (to watch polling go on without toasts). */
  readonly polled: string;
  /** Anything else the scenario must show; returns why not. */
  readonly check?: () => Promise<string | undefined>;
  /** What the user does to get back once the fault clears, where nothing can recover by itself. */
  readonly recover?: () => Promise<void>;
  /**
   * Notifications the scenario may show: each at most once, and exactly once unless `atMost` (a session
   * says it ended once per session, so a later scenario on the same session may already have had it).
   */
  readonly toasts?: readonly { readonly pattern: RegExp; readonly atMost?: boolean }[];
}

/** Signs in again through the device flow, approving in the simulator's place of the browser. */
async function signInAgain(): Promise<void> {
  const signingIn = vscode.commands.executeCommand('qwenCloud.signIn');
  await waitFor(async () => ((await simulator().set({})).pendingDevices === 1 ? true : undefined), 'a pending sign-in');
  await simulator().set({ approveDevice: true });
  await signingIn;
}

const SESSION_ENDED = /^Your Qwen Cloud session has ended\. Sign in again/;

const SCENARIOS: readonly Scenario[] = [
  { fault: 'latency spike within the timeout', on: { faults: [{ kind: 'latency', ms: 1_000 }] }, off: { faults: [] }, slow: true, polled: CODING_PLAN_ROUTE },
  { fault: 'latency beyond the timeout', on: { faults: [{ kind: 'latency', ms: 6_000 }] }, off: { faults: [] }, says: /took too long to answer/, polled: CODING_PLAN_ROUTE },
  { fault: '5xx storm (503)', on: { faults: [{ kind: 'status', status: 503 }] }, off: { faults: [] }, says: /reported an error/, polled: CODING_PLAN_ROUTE },
  {
    fault: '429 with Retry-After: 3',
    on: { faults: [{ kind: 'rateLimit', retryAfterSec: 3 }] },
    off: { faults: [] },
    says: /limiting requests/,
    polled: CODING_PLAN_ROUTE,
    check: async () => {
      // Retry-After is honoured, by the HTTP retries and by the poller: the Coding Plan, which one caller
      // asks for, is never asked for again sooner than 3 s after a refusal. (Routes that several resources
      // share see overlapping requests; the unit tests check the AccessKey side's retries on their own.)
      const times = (await simulator().requests()).filter((r) => r.status === 429 && r.route.includes(CODING_PLAN_ROUTE)).map((r) => r.at);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      const shortest = Math.min(...gaps);
      return gaps.length >= 3 && shortest >= 2_900 ? undefined : `Retry-After not honoured: ${gaps.length} gaps, the shortest ${shortest} ms`;
    },
  },
  { fault: 'malformed body', on: { faults: [{ kind: 'malformed' }] }, off: { faults: [] }, says: /does not understand/, polled: CODING_PLAN_ROUTE },
  { fault: 'truncated body', on: { faults: [{ kind: 'truncated' }] }, off: { faults: [] }, says: /does not understand/, polled: CODING_PLAN_ROUTE },
  { fault: 'connection reset mid-body', on: { faults: [{ kind: 'reset' }] }, off: { faults: [] }, says: /could not be reached/, polled: CODING_PLAN_ROUTE },
  {
    fault: 'token refused as expired',
    on: { faults: [{ kind: 'expiredToken' }] },
    off: { faults: [] },
    says: /credentials were refused or have expired/,
    unaffected: ACCESS_KEY_ONLY,
    polled: CODING_PLAN_ROUTE,
    // The token is kept: when the server takes it again, everything comes back by itself.
    toasts: [{ pattern: SESSION_ENDED }],
  },
  {
    // Nothing renews a session: the features the sign-in serves say to sign in again (and keep what they
    // showed); nothing asks for a refresh. The user's way back is a new sign-in, done here at the end.
    fault: 'token expired on the server',
    on: { expireTokens: true },
    off: {},
    says: /credentials were refused or have expired\. Sign in again/,
    unaffected: ACCESS_KEY_ONLY,
    polled: CODING_PLAN_ROUTE,
    recover: signInAgain,
    toasts: [{ pattern: SESSION_ENDED, atMost: true }, { pattern: /^Signed in to Qwen Cloud as / }],
    check: async () => {
      const renewals = (await simulator().requests()).filter((r) => r.route === 'device:refresh').length;
      return renewals === 0 ? undefined : `${renewals} session renewals were asked for`;
    },
  },
  {
    fault: 'clock skew (+20 min)',
    on: { clockOffsetMs: 20 * 60_000 },
    off: { clockOffsetMs: 0 },
    says: /clock/,
    unaffected: SIGN_IN_ONLY,
    // Any AccessKey call: the key list starts with the workspaces, so under the fault that is what polls.
    polled: 'openapi:',
  },
  { fault: 'unknown action', on: { faults: [{ kind: 'unknownAction' }] }, off: { faults: [] }, says: /not available for your account through the API/, polled: CODING_PLAN_ROUTE },
];

type SpendingPanel = NonNullable<QwenCloudMeterApi['spendingPanel']['current']>;
type LimitPanel = NonNullable<QwenCloudMeterApi['limitPanel']['current']>;

/** Polls `check` until it returns undefined (all is as it should be); returns its last complaint on timeout. */
async function until(check: () => string | undefined, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      last = check();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (last === undefined || Date.now() > deadline) {
      return last;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const short = (text: string | undefined): string => JSON.stringify((text ?? '').replace(/\s+/g, ' ').slice(0, 140));
const orders = (api: QwenCloudMeterApi): number => api.subscriptionsView.rootNodes.flatMap((n) => (n.id.startsWith('year:') ? (n.children ?? []) : [])).length;

describe('the fault tests\' own instruments', () => {
  it('see a promise rejected without a handler in this host', async () => {
    const marker = `deliberately unhandled ${Date.now()}`;
    void Promise.reject(new Error(marker));
    await waitFor(() => (unhandledRejections().some((r) => r.includes(marker)) ? true : undefined), 'the rejection to be counted', 5_000);
    forgetUnhandledRejection(marker);
    assert.equal(unhandledRejections().some((r) => r.includes(marker)), false);
  });

  it('see the notifications the extension shows', async () => {
    await toastWatchWorks();
  });
});

describe('faults at the simulator, feature by feature', function () {
  this.timeout(180_000);
  let api: QwenCloudMeterApi;
  let restoreEndpoints: () => Promise<void>;
  let spending: SpendingPanel;
  let limit: LimitPanel;
  let summary: SpendingSummary | undefined;
  let limitState: LimitState | undefined;
  const matrix = new Map<string, Record<Feature, string> & { toasts: string }>();

  /** What a tree shows: its items, and the message above them. */
  const tree = (feature: Feature): { nodes: number; message: string | undefined } => {
    const view = feature === 'Coding Plan' ? api.planView : feature === 'Invoices' ? api.invoicesView : feature === 'API Keys' ? api.apiKeysView : api.subscriptionsView;
    return { nodes: feature === 'Subscriptions' ? orders(api) : view.rootNodes.length, message: view.treeView.message };
  };

  /** Undefined when the feature shows fresh data with no note of failure; else what it shows. */
  const fresh: Record<Exclude<Feature, 'revoke'>, () => string | undefined> = {
    'status bar': () => {
      const v = api.statusBar.view();
      return v?.state === 'ready' && !v.stale ? undefined : `shows ${short(v?.text)} (${v?.state ?? 'nothing'})`;
    },
    'Coding Plan': () => freshTree('Coding Plan'),
    Subscriptions: () => freshTree('Subscriptions'),
    Invoices: () => freshTree('Invoices'),
    'API Keys': () => freshTree('API Keys'),
    'spending panel': () => {
      const content: SpendingContent | undefined = spending.content;
      if (!summary || summary.error !== undefined || summary.loading || !summary.monthSpend) {
        return `summary ${short(JSON.stringify(summary ?? null))}`;
      }
      return content?.kind === 'chart' && !('refreshError' in content) ? undefined : `content ${content?.kind ?? 'none'}${content && 'refreshError' in content ? ' (stale)' : ''}`;
    },
    'limit panel': () => (limitState && limitState.error === undefined && !limitState.loading && limitState.limit !== undefined ? undefined : `state ${short(JSON.stringify(limitState ?? null))}`),
  };

  function freshTree(feature: Feature): string | undefined {
    const t = tree(feature);
    return t.nodes > 0 && t.message === undefined ? undefined : `${t.nodes} items, message ${short(t.message)}`;
  }

  /** Undefined when the feature says what happened (in `says`' words), keeps `kept` items and shows their age. */
  function faulted(feature: Exclude<Feature, 'revoke'>, says: RegExp, kept: number, scenario: Scenario): string | undefined {
    switch (feature) {
      case 'status bar': {
        const v = api.statusBar.view();
        if (!v || v.state !== 'ready') {
          return `not showing the quota: ${short(v?.text)}`;
        }
        return v.stale && v.text.includes('$(history)') && /The last refresh failed: /.test(v.tooltip) && says.test(v.tooltip) ? undefined : `shows ${short(v.text)}, tooltip ${short(v.tooltip.split('\n').find((l) => l.includes('$(history)')))}`;
      }
      case 'Coding Plan':
      case 'Subscriptions':
      case 'Invoices':
      case 'API Keys': {
        const t = tree(feature);
        const ok = t.nodes >= kept && /from (just now|.+ ago)/.test(t.message ?? '') && /failed/.test(t.message ?? '') && says.test(t.message ?? '');
        return ok ? undefined : `${t.nodes} of ${kept} items, message ${short(t.message)}`;
      }
      case 'spending panel': {
        const content = spending.content;
        const summaryOk = summary?.monthSpend !== undefined && summary.updatedAt !== undefined && says.test(summary.error ?? '');
        const signInHit = !(scenario.unaffected ?? []).includes('Coding Plan');
        const contentOk =
          content?.kind === 'chart' && (signInHit ? 'refreshError' in content && says.test(String(content.refreshError)) : !('refreshError' in content));
        return summaryOk && contentOk ? undefined : `summary error ${short(summary?.error)}, content ${content?.kind ?? 'none'}${content?.kind === 'error' ? ` ${short(content.message)}` : ''}`;
      }
      case 'limit panel':
        return limitState?.limit !== undefined && limitState.updatedAt !== undefined && says.test(limitState.error ?? '') ? undefined : `state ${short(JSON.stringify(limitState ?? null))}`;
    }
  }

  /** How many items each feature shows now (what a fault must not take away). */
  const itemCounts = (): Record<Feature, number> => ({
    'status bar': 1,
    'Coding Plan': tree('Coding Plan').nodes,
    Subscriptions: tree('Subscriptions').nodes,
    Invoices: tree('Invoices').nodes,
    'API Keys': tree('API Keys').nodes,
    'spending panel': 1,
    'limit panel': 1,
    revoke: 1,
  });

  async function allFresh(what: string, timeoutMs = 40_000): Promise<void> {
    const problems = await Promise.all(
      Object.entries(fresh).map(async ([feature, check]) => {
        const why = await until(check, timeoutMs);
        return why === undefined ? '' : `${feature}: ${why}`;
      }),
    );
    assert.deepEqual(problems.filter(Boolean), [], `every feature fresh ${what}`);
  }

  /** Runs the revoke flow on KEY, choosing Disable (or Enable when it is disabled); returns what it showed and did. */
  async function revoke(): Promise<{ outcome: string; placeHolder: string; listed: number }> {
    const action: Answer = (shown) => shown.items?.find((i) => /\b(Disable|Enable)$/.test(i.label));
    const prompts = new ScriptedPrompts([pickItem(KEY), action]);
    const outcome = await seams(api).revokeFlowWith(prompts).run();
    const pick = prompts.shown[0];
    return { outcome, placeHolder: pick?.placeHolder ?? '', listed: pick?.items?.filter((i) => i.description).length ?? 0 };
  }

  /** After a scenario: KEY enabled again, through the flow, which must now show a fresh list. */
  async function restoreKey(): Promise<string | undefined> {
    const key = api.store.get('apiKeys').value?.find((k) => k.description === KEY);
    const enable: Answer = (shown) => shown.items?.find((i) => /\bEnable$/.test(i.label));
    const prompts = new ScriptedPrompts(key?.disabled ? [pickItem(KEY), enable] : [() => undefined]);
    const outcome = await seams(api).revokeFlowWith(prompts).run();
    const placeHolder = prompts.shown[0]?.placeHolder ?? '';
    if (/failed/.test(placeHolder)) {
      return `the list is still marked stale: ${short(placeHolder)}`;
    }
    return outcome === (key?.disabled ? 'enabled' : 'cancelled') ? undefined : `could not restore the key: ${outcome}`;
  }

  before(async function () {
    this.timeout(240_000);
    api = await activateExtension();
    await api.ready;
    await toastWatchWorks();
    restoreEndpoints = await useSimulatorEndpoints();
    await simulator().reset();
    await simulator().set({ deviceIntervalSec: 1, tokenLifetimeMs: 48 * 3_600_000, spec: { seed: 'fault-tests', historyMonths: 14, extraApiKeys: 3, extraOrders: 0 } });
    seams(api).setRequestTimeout(REQUEST_TIMEOUT_MS);
    seams(api).setPollTimings(POLL);
    const signingIn = vscode.commands.executeCommand('qwenCloud.signIn');
    await waitFor(async () => ((await simulator().set({})).pendingDevices === 1 ? true : undefined), 'a pending sign-in');
    await simulator().set({ approveDevice: true });
    await signingIn;
    await seams(api).secrets.setAccessKey({ accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    await waitFor(() => (api.store.router.sourceFor('codingPlan')?.info.kind === 'qwenCloud' && api.store.router.sourceFor('apiKeys')?.info.kind === 'accessKey' ? true : undefined), 'both accounts');

    // Everything on screen at once: the four trees in the sidebar, the two panels side by side.
    for (const view of ['codingPlan', 'subscriptions', 'invoices', 'apiKeys']) {
      await vscode.commands.executeCommand(`qwenCloud.${view}.focus`);
    }
    await vscode.commands.executeCommand('qwenCloud.showSpending');
    await waitFor(() => (api.spendingPanel.current?.ready ? true : undefined), 'the spending webview', 30_000);
    await vscode.commands.executeCommand('qwenCloud.showSpendingLimit');
    await waitFor(() => (api.limitPanel.current?.ready ? true : undefined), 'the limit webview', 30_000);
    // The limit panel opened over the spending panel: move it to a group of its own, so both show.
    await vscode.commands.executeCommand('workbench.action.moveEditorToRightGroup');
    spending = await waitFor(() => (api.spendingPanel.current?.ready && api.spendingPanel.current.panel.visible ? api.spendingPanel.current : undefined), 'the spending webview shown again', 30_000);
    limit = await waitFor(() => (api.limitPanel.current?.ready && api.limitPanel.current.panel.visible ? api.limitPanel.current : undefined), 'the limit webview after the move', 30_000);
    spending.onDidPost((m: SpendingHostMessage) => {
      if (m.type === 'summary') {
        summary = m.summary;
      }
    });
    limit.onDidPost((m: LimitHostMessage) => {
      if (m.type === 'state') {
        limitState = m.state;
      }
    });
    // What the webviews were sent before the listeners: ask again, as a webview does when it is shown.
    await spending.receive({ type: 'ready' });
    await limit.receive({ type: 'ready' });
    for (const view of [api.planView, api.subscriptionsView, api.invoicesView, api.apiKeysView]) {
      assert.equal(view.treeView.visible, true, `${view.treeView.title ?? 'a view'} is visible`);
    }
    await allFresh('after signing in', 60_000);
  });

  after(async function () {
    this.timeout(120_000);
    await simulator().set({ faults: [], clockOffsetMs: 0 });
    const header = ['fault', ...FEATURES, 'toasts'];
    const rows = [...matrix].map(([fault, cells]) => [fault, ...FEATURES.map((f) => cells[f]), cells.toasts]);
    console.log(['', '  Fault matrix (fault x feature -> result):', '', `  | ${header.join(' | ')} |`, `  |${header.map(() => ' --- |').join('')}`, ...rows.map((r) => `  | ${r.join(' | ')} |`), ''].join('\n'));
    api.spendingPanel.current?.dispose();
    api.limitPanel.current?.dispose();
    seams(api).setPollTimings(undefined);
    await seams(api).secrets.deleteAccessKey();
    await vscode.commands.executeCommand('qwenCloud.signOut');
    seams(api).setRequestTimeout(undefined);
    await restoreEndpoints();
    await simulator().set({ spec: { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 } });
    await simulator().reset();
    await waitFor(() => (api.store.router.isDemo ? true : undefined), 'the demo account again');
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.fault}: says so, keeps the last good data, recovers by itself, no toast storm`, async () => {
      const cells = Object.fromEntries(FEATURES.map((f) => [f, ''])) as Record<Feature, string>;
      const fail = (feature: Feature, why: string): void => {
        cells[feature] = cells[feature] || `FAIL: ${why}`;
      };
      try {
        await allFresh('before the fault');
      } catch (error) {
        matrix.set(scenario.fault, { ...(Object.fromEntries(FEATURES.map((f) => [f, 'FAIL: not fresh before the fault'])) as Record<Feature, string>), toasts: '-' });
        throw error;
      }
      await simulator().set({ faults: [], clockOffsetMs: 0 });
      const kept = itemCounts();
      const firstToast = toasts().length;
      const affected = (f: Feature): boolean => !(scenario.unaffected ?? []).includes(f);

      await simulator().set(scenario.on);
      // The user presses Refresh (the poller would get there too): every feature asks the account now.
      const refreshing = vscode.commands.executeCommand('qwenCloud.refresh');
      if (scenario.slow) {
        // While the answers are late, nothing goes blank.
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setTimeout(r, 120));
          const counts = itemCounts();
          for (const f of FEATURES) {
            if (counts[f] < kept[f]) {
              fail(f, `went blank while loading (${counts[f]} of ${kept[f]} items)`);
            }
          }
          if (spending.content?.kind !== 'chart') {
            fail('spending panel', `the chart went away while loading (${spending.content?.kind ?? 'none'})`);
          }
          if (api.statusBar.view()?.state !== 'ready') {
            fail('status bar', `shows ${short(api.statusBar.view()?.text)} while loading`);
          }
        }
      }
      await refreshing;

      // 1. Each feature says what happened and keeps what it showed, with its age; the others carry on.
      const says = scenario.says;
      await Promise.all(
        (Object.keys(fresh) as Exclude<Feature, 'revoke'>[]).map(async (f) => {
          if (says && affected(f)) {
            const why = await until(() => faulted(f, says, kept[f], scenario), 40_000);
            if (why) {
              fail(f, why);
            }
          } else {
            const why = await until(fresh[f], 40_000);
            if (why) {
              fail(f, `${scenario.slow ? 'not fresh after the late answers' : 'affected'}: ${why}`);
            }
          }
        }),
      );

      // 2. Revoking a key under the fault: the list it offers is marked stale; a failure says why, in one toast.
      const toastsBeforeRevoke = toasts().length;
      const during = await revoke();
      const revokeToasts = toasts().slice(toastsBeforeRevoke).filter((t) => t.message.includes(KEY));
      if (says && affected('revoke')) {
        if (!(during.listed > 0 && /failed/.test(during.placeHolder) && says.test(during.placeHolder))) {
          fail('revoke', `the key list is not marked stale: ${during.listed} keys, placeholder ${short(during.placeHolder)}`);
        }
        if (during.outcome !== 'failed' || revokeToasts.length !== 1 || revokeToasts[0]?.level !== 'error' || !says.test(revokeToasts[0].message)) {
          fail('revoke', `${during.outcome}, toasts ${short(revokeToasts.map((t) => t.message).join(' / '))}`);
        }
      } else if (!['disabled', 'enabled'].includes(during.outcome) || /failed/.test(during.placeHolder)) {
        fail('revoke', `affected: ${during.outcome}, placeholder ${short(during.placeHolder)}`);
      }

      // 3. Polling goes on under the fault (with its back-off), and shows no toast.
      const polledBefore = (await simulator().requests()).filter((r) => r.route.includes(scenario.polled)).length;
      const toastsBeforeStorm = toasts().length;
      await waitFor(
        async () => ((await simulator().requests()).filter((r) => r.route.includes(scenario.polled)).length >= polledBefore + 3 ? true : undefined),
        `three more requests to ${scenario.polled} under the fault`,
        60_000,
      );

      // 4. The fault clears; every feature recovers by itself (or after the user's one step back, where
      // nothing can: a session the server ended needs a new sign-in).
      await simulator().set(scenario.off);
      await scenario.recover?.();
      await Promise.all(
        (Object.keys(fresh) as Exclude<Feature, 'revoke'>[]).map(async (f) => {
          const why = await until(fresh[f], 40_000);
          if (why) {
            fail(f, `did not recover: ${why}`);
          }
        }),
      );
      const after = await restoreKey();
      if (after) {
        fail('revoke', `after the fault: ${after}`);
      }
      const extra = await scenario.check?.();
      if (extra) {
        for (const f of FEATURES) {
          fail(f, extra);
        }
      }

      // No toasts but the one the revoke flow's own failure (or success) shows, and those the scenario must
      // show, once each.
      const expected = scenario.toasts ?? [];
      const shown = toasts().slice(firstToast);
      for (const { pattern, atMost } of expected) {
        const count = shown.filter((t) => pattern.test(t.message)).length;
        if (count > 1 || (count === 0 && !atMost)) {
          fail('status bar', `${count} notifications matching ${String(pattern)}, not ${atMost ? 'at most ' : ''}one`);
        }
      }
      const allowed = (message: string): boolean => message.includes(KEY) || expected.some((e) => e.pattern.test(message));
      const unasked = shown.filter((t) => !allowed(t.message));
      const storm = toasts()
        .slice(toastsBeforeStorm)
        .filter((t) => !allowed(t.message));
      for (const f of FEATURES) {
        cells[f] ||= says && affected(f) ? (f === 'revoke' ? 'stale list, 1 error toast; recovered' : 'said, kept stale; recovered') : scenario.slow ? 'kept while loading; fresh' : 'unaffected';
      }
      matrix.set(scenario.fault, { ...cells, toasts: unasked.length === 0 ? '0' : `FAIL: ${unasked.length} (${short(unasked.map((t) => t.message).join(' / '))})` });
      const failed = FEATURES.filter((f) => cells[f].startsWith('FAIL')).map((f) => `${f}: ${cells[f]}`);
      assert.deepEqual(failed, [], scenario.fault);
      assert.deepEqual(storm.map((t) => t.message), [], 'no toast while polling under the fault');
      assert.deepEqual(unasked.map((t) => t.message), [], 'no toast the user did not ask for');
    });
  }

  it('a Retry-After of 30 days (a quota that resets next month): no request storm', async () => {
    await allFresh('before the fault');
    const started = Date.now();
    await simulator().set({ faults: [{ kind: 'rateLimit', retryAfterSec: 30 * 24 * 3_600, match: CODING_PLAN_ROUTE }] });
    await vscode.commands.executeCommand('qwenCloud.refresh');
    // Node runs a timer longer than 24.8 days after 1 ms: unclamped, this asked hundreds of times a second.
    await new Promise((r) => setTimeout(r, 5_000));
    const asked = (await simulator().requests()).filter((r) => r.route.includes(CODING_PLAN_ROUTE) && r.at >= started).length;
    await simulator().set({ faults: [] });
    assert.ok(asked <= 3, `${asked} requests for the Coding Plan in 5 s under a 30-day Retry-After`);
    // A manual refresh still goes at once, and brings everything back.
    await vscode.commands.executeCommand('qwenCloud.refresh');
    await allFresh('after the 30-day Retry-After cleared');
  });
});
