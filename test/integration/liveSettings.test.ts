// Every `qwenCloud.*` setting that changes what is shown takes effect at once, without a reload: each is
// changed here as a user's settings.json would change it (workspace.getConfiguration().update) and the effect
// is read back from what VS Code shows: the status bar items, the plan view, the scanner's diagnostics and
// CodeLenses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AccountRouter, type AccountSource, type SourceInfo } from '../../src/core/account/source';
import type { CodingPlan, MonthSpend, RequestWindowKind, UsageLimit } from '../../src/core/account/model';
import { monthKey } from '../../src/core/common/calendar';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { StatusBarView } from '../../src/statusBar/quotaStatusBar';
import type { SpendStatusBarView } from '../../src/statusBar/spendStatusBar';
import { accountSettled, activateExtension, now, waitFor, withSetting, diagnosticCode as ruleOf, workspaceFolderUri as folder, writeWorkspaceFile as writeFile } from './helpers';

const ACCOUNT: SourceInfo = { kind: 'qwenCloud', label: 'live-settings@example.com' };

/** A Pro plan at 42 %, 60 % and 85 % used, and a month of $1 spent against a $100 limit (projected to stay below its threshold). */
class SteadyAccount implements AccountSource {
  constructor(readonly info: SourceInfo) {}
  async getCodingPlan(): Promise<CodingPlan> {
    const totals = { fiveHour: 6000, weekly: 45000, monthly: 90000 };
    const shares = { fiveHour: 0.42, weekly: 0.6, monthly: 0.85 };
    const w = (kind: RequestWindowKind) => ({ kind, used: Math.round(totals[kind] * shares[kind]), total: totals[kind], resetsAt: now() + 3 * 3_600_000 });
    return { instanceId: 'live', tier: 'pro', rawType: 'pro', status: 'valid', rawStatus: 'VALID', windows: { fiveHour: w('fiveHour'), weekly: w('weekly'), monthly: w('monthly') } };
  }
  async getMonthSpend(): Promise<MonthSpend> {
    return { month: monthKey(now()), total: { amount: 1, currency: 'USD' }, daily: [] };
  }
  async getUsageLimit(): Promise<UsageLimit> {
    return { enabled: true, amount: { amount: 100, currency: 'USD' }, alertThreshold: 80, emails: [] };
  }
}

const scannerDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Qwen Cloud Meter');
const lensTitles = async (uri: vscode.Uri): Promise<string[]> =>
  ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map((l) => l.command?.title ?? '');

describe('settings take effect without a reload', () => {
  let api: QwenCloudMeterApi;
  let original: AccountRouter;

  /** What an item shows, for a timeout's message. */
  const shown = (v: StatusBarView | SpendStatusBarView | undefined): string =>
    v ? JSON.stringify({ visible: v.visible, alignment: v.alignment, text: v.text, state: v.state, background: v.backgroundColor }) : 'no item';
  const meter = (what: string, ok: (v: StatusBarView) => boolean): Promise<StatusBarView> =>
    waitFor(() => {
      const v = api.statusBar.view();
      if (v && ok(v)) {
        return v;
      }
      throw new Error(`the meter shows ${shown(v)}`);
    }, what);
  const spendItem = (what: string, ok: (v: SpendStatusBarView) => boolean): Promise<SpendStatusBarView> =>
    waitFor(() => {
      const v = api.spendStatusBar.view();
      if (v && ok(v)) {
        return v;
      }
      throw new Error(`the spend item shows ${shown(v)}`);
    }, what);

  /** Changes a user setting and restores it however the test ends. */
  async function withChanged<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
    const restore = await withSetting(key, value);
    try {
      return await body();
    } finally {
      await restore();
    }
  }

  async function useSteadyAccount(): Promise<void> {
    api.store.setRouter(new AccountRouter([new SteadyAccount(ACCOUNT)], undefined));
    await api.store.refresh(['codingPlan', 'monthSpend', 'usageLimit'], { force: true });
    await meter('the steady account\'s quota', (v) => v.state === 'ready' && v.text === '$(warning) 5h 42% · wk 60% · mo 85%');
  }

  before(async () => {
    api = await activateExtension();
    await api.ready;
    await accountSettled(api);
    original = api.store.router;
  });

  after(async () => {
    api.store.setRouter(original);
    await api.store.refresh(undefined, { force: true });
  });

  describe('the status bar', () => {
    afterEach(async () => {
      api.store.setRouter(original);
      await api.store.refresh(['codingPlan', 'tokenPlan', 'monthSpend', 'usageLimit'], { force: true });
    });

    it('statusBar.spend: "always" shows the pay-as-you-go item beside the demo\'s meter at once, "never" removes it, "auto" hides it again', async () => {
      // The report: on an account with a Coding Plan, "always" showed nothing until a reload.
      await waitFor(() => (api.store.get('codingPlan').value ? true : undefined), 'the demo\'s Coding Plan');
      await spendItem('the item hidden in "auto" beside a Coding Plan', (v) => !v.visible);
      await withChanged('qwenCloud.statusBar.spend', 'always', async () => {
        const shown = await spendItem('the item shown', (v) => v.visible && v.state === 'ready');
        assert.match(shown.text, /^\$\((credit-card|warning|error)\) .*\$[\d,.]+/);
        assert.equal(api.statusBar.view()?.visible, true, 'the meter stays');
        await withChanged('qwenCloud.statusBar.spend', 'never', async () => {
          await waitFor(() => (api.spendStatusBar.view() === undefined ? true : undefined), 'no item at all');
        });
        await spendItem('the item back on "always"', (v) => v.visible && v.state === 'ready');
      });
      await spendItem('the item hidden again on "auto"', (v) => !v.visible);
    });

    it('statusBar.spendFormat: the amount, or the share of the limit', async () => {
      await useSteadyAccount();
      await withChanged('qwenCloud.statusBar.spend', 'always', async () => {
        await spendItem('the amount against the limit', (v) => v.visible && v.text === '$(credit-card) $1.00 / $100');
        await withChanged('qwenCloud.statusBar.spendFormat', 'percent', async () => {
          await spendItem('the share of the limit', (v) => v.text === '$(credit-card) $1.00 of $100 (1%)');
        });
        await spendItem('the amount again', (v) => v.text === '$(credit-card) $1.00 / $100');
      });
    });

    it('statusBar.enabled and statusBar.alignment: the meter goes, comes back, and both items move side', async () => {
      await useSteadyAccount();
      await withChanged('qwenCloud.statusBar.enabled', false, async () => {
        await waitFor(() => (api.statusBar.view() === undefined ? true : undefined), 'no quota meter');
      });
      await meter('the meter back', (v) => v.visible && v.text === '$(warning) 5h 42% · wk 60% · mo 85%');
      assert.equal(api.statusBar.view()?.alignment, 'right');
      await withChanged('qwenCloud.statusBar.spend', 'always', async () => {
        await spendItem('the spend item on the right', (v) => v.visible && v.alignment === 'right');
        await withChanged('qwenCloud.statusBar.alignment', 'left', async () => {
          await waitFor(() => (api.settings.value.statusBar.alignment === 'left' ? true : undefined), 'the setting read');
          await spendItem('the spend item on the left', (v) => v.alignment === 'left');
          await meter('the meter on the left, still showing the quota', (v) => v.alignment === 'left' && v.visible && v.text === '$(warning) 5h 42% · wk 60% · mo 85%');
          await spendItem('the spend item on the left, still showing the month', (v) => v.alignment === 'left' && v.visible && v.text === '$(credit-card) $1.00 / $100');
        });
        await meter('the meter on the right again', (v) => v.alignment === 'right' && v.visible);
        await spendItem('the spend item on the right again', (v) => v.alignment === 'right' && v.visible);
      });
    });

    it('statusBar.display, .windows, .format and .compact: the meter\'s text follows each', async () => {
      await useSteadyAccount();
      await withChanged('qwenCloud.statusBar.display', 'remaining', async () => {
        await meter('the share left', (v) => v.text === '$(warning) 5h 58% · wk 40% · mo 15% left');
      });
      await withChanged('qwenCloud.statusBar.windows', ['weekly', 'monthly'], async () => {
        await meter('two windows', (v) => v.text === '$(warning) wk 60% · mo 85%');
        await withChanged('qwenCloud.statusBar.format', 'count', async () => {
          await meter('counts', (v) => v.text === '$(warning) wk 27K/45K · mo 76.5K/90K');
          await withChanged('qwenCloud.statusBar.compact', true, async () => {
            await meter('the tightest window alone', (v) => v.text === '$(warning) mo 76.5K/90K');
          });
        });
      });
      await meter('all three again', (v) => v.text === '$(warning) 5h 42% · wk 60% · mo 85%');
    });

    it('quota.warningThreshold and .criticalThreshold: the meter\'s colour follows them', async () => {
      await useSteadyAccount();
      assert.equal(api.statusBar.view()?.backgroundColor, 'statusBarItem.warningBackground', '85 % is past the default 80 %');
      await withChanged('qwenCloud.quota.warningThreshold', 90, async () => {
        await meter('no warning below 90 %', (v) => v.backgroundColor === undefined && v.text.startsWith('$(dashboard) '));
        await withChanged('qwenCloud.quota.criticalThreshold', 91, async () => {
          await meter('still no colour below both', (v) => v.backgroundColor === undefined);
        });
      });
      await withChanged('qwenCloud.quota.criticalThreshold', 84, async () => {
        await withChanged('qwenCloud.quota.warningThreshold', 50, async () => {
          await meter('red at 85 % with the critical threshold at 84 %', (v) => v.backgroundColor === 'statusBarItem.errorBackground');
        });
      });
      await meter('the default colour back', (v) => v.backgroundColor === 'statusBarItem.warningBackground');
    });
  });

  it('demo.plans: the demo account\'s meter and plan view change plan at once', async () => {
    api.store.setRouter(original);
    assert.ok(api.store.router.isDemo);
    await withChanged('qwenCloud.demo.plans', 'tokenPlanPersonal', async () => {
      await meter('the Token Plan\'s credits', (v) => /^\$\((dashboard|warning|error)\) cr \d+% · Demo$/.test(v.text));
      await waitFor(() => (api.planView.rootNodes.some((n) => n.id === 'token') && !api.planView.rootNodes.some((n) => n.id === 'plan') ? true : undefined), 'the Token Plan alone in the plan view');
    });
    await meter('the Coding Plan again', (v) => /^\$\((dashboard|warning|error)\) 5h \d+% · wk \d+% · mo \d+% · Demo$/.test(v.text));
  });

  describe('the cost scanner', () => {
    it('scanner.dynamicSeverity: findings decided at run time change severity, or go', async () => {
      const chatbot = vscode.Uri.joinPath(folder(), 'chatbot.py');
      await vscode.window.showTextDocument(chatbot);
      const thinking = (): vscode.Diagnostic | undefined => scannerDiagnostics(chatbot).find((d) => ruleOf(d) === 'enable_thinking');
      await waitFor(() => (thinking()?.severity === vscode.DiagnosticSeverity.Information ? true : undefined), 'the run-time finding as information');
      await withChanged('qwenCloud.scanner.dynamicSeverity', 'warning', async () => {
        await waitFor(() => (thinking()?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined), 'the run-time finding as a warning');
        assert.equal(scannerDiagnostics(chatbot).find((d) => ruleOf(d) === 'enable_search')?.severity, vscode.DiagnosticSeverity.Warning, 'the others as before');
      });
      await withChanged('qwenCloud.scanner.dynamicSeverity', 'none', async () => {
        await waitFor(() => (thinking() === undefined && scannerDiagnostics(chatbot).some((d) => ruleOf(d) === 'enable_search') ? true : undefined), 'no run-time finding');
      });
      await waitFor(() => (thinking()?.severity === vscode.DiagnosticSeverity.Information ? true : undefined), 'information again');
    });

    it('scanner.qwenPatterns: a file that calls Qwen through the user\'s own gateway is scanned once the pattern names it', async () => {
      // `n` is a generic name: it counts only in a file that points at Qwen.
      const uri = await writeFile('scratch/gateway.py', 'import client_lib\nclient = client_lib.Client(base_url="https://llm.internal.example.com/v1")\nr = client.chat.completions.create(model=MODEL, messages=m, n=3)\n');
      await vscode.window.showTextDocument(uri);
      await new Promise((r) => setTimeout(r, 1_000));
      assert.deepEqual(scannerDiagnostics(uri), [], 'nothing says this file calls Qwen');
      await withChanged('qwenCloud.scanner.qwenPatterns', ['llm\\.internal\\.example\\.com'], async () => {
        await waitFor(() => (scannerDiagnostics(uri).some((d) => ruleOf(d) === 'n') ? true : undefined), 'n = 3 found through the pattern');
      });
      await waitFor(() => (scannerDiagnostics(uri).length === 0 ? true : undefined), 'nothing again without the pattern');
    });

    it('scanner.prices and scanner.codeLens: the CodeLens shows the user\'s figure at once, and goes and comes back', async () => {
      const uri = await writeFile('scratch/prices.py', 'import dashscope\nr = dashscope.Generation.call(model="qwen3-coder-plus", messages=m, enable_thinking=True)\n');
      await vscode.window.showTextDocument(uri);
      const unknown = '$(credit-card) Price unknown. Thinking tokens are billed as output tokens.';
      await waitFor(async () => ((await lensTitles(uri)).includes(unknown) ? true : undefined), 'a CodeLens without a figure');
      await withChanged('qwenCloud.scanner.prices', { outputPerMillionUsd: { 'qwen3-coder-plus': 5 } }, async () => {
        const priced = '$(credit-card) qwen3-coder-plus output $5 per million tokens (your price). Thinking tokens are billed as output tokens.';
        await waitFor(async () => ((await lensTitles(uri)).includes(priced) ? true : undefined), 'the user\'s figure in the CodeLens');
      });
      await waitFor(async () => ((await lensTitles(uri)).includes(unknown) ? true : undefined), 'no figure again');
      await withChanged('qwenCloud.scanner.codeLens', false, async () => {
        await waitFor(async () => ((await lensTitles(uri)).length === 0 ? true : undefined), 'no CodeLens');
      });
      await waitFor(async () => ((await lensTitles(uri)).length === 1 ? true : undefined), 'the CodeLens back');
    });

    it('scanner.enabled and scanner.severity: findings go and come back, and change severity', async () => {
      const uri = await writeFile('scratch/severity.py', 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus", messages=m, enable_search=True)\n');
      await vscode.window.showTextDocument(uri);
      const search = (): vscode.Diagnostic | undefined => scannerDiagnostics(uri).find((d) => ruleOf(d) === 'enable_search');
      await waitFor(() => (search()?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined), 'enable_search as a warning');
      await withChanged('qwenCloud.scanner.severity', { enable_search: 'error' }, async () => {
        await waitFor(() => (search()?.severity === vscode.DiagnosticSeverity.Error ? true : undefined), 'enable_search as an error');
      });
      await withChanged('qwenCloud.scanner.enabled', false, async () => {
        await waitFor(() => (scannerDiagnostics(uri).length === 0 ? true : undefined), 'no findings');
      });
      await waitFor(() => (search()?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined), 'the warning back');
    });
  });
});
