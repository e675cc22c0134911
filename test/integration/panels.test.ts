// The spending and limit panels driven through their message protocols in a real extension host, with
// the real webviews loaded (they say `ready`). Data comes through the store from the account source: the
// demo account here, and any AccountSource (the simulator's, a test's) the same way.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import { AccountRouter, type AccountSource } from '../../src/core/account/source';
import { dateKey, monthKey } from '../../src/core/common/calendar';
import { collectLineItems } from '../../src/core/spending/lineItemTable';
import { sumAmounts } from '../../src/core/spending/spending';
import type { MonthSpend, UsageLimit } from '../../src/core/account/model';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { LimitHostMessage } from '../../src/shared/limitProtocol';
import { DEFAULT_SPENDING_VIEW, type SpendingContent, type SpendingView } from '../../src/shared/spendingProtocol';
import { activateExtension, seams, waitFor } from './helpers';

type SpendingPanel = NonNullable<QwenCloudMeterApi['spendingPanel']['current']>;
type LimitPanel = NonNullable<QwenCloudMeterApi['limitPanel']['current']>;

async function openSpending(api: QwenCloudMeterApi, args?: unknown): Promise<SpendingPanel> {
  await vscode.commands.executeCommand('qwenCloud.showSpending', args);
  return waitFor(() => (api.spendingPanel.current?.ready ? api.spendingPanel.current : undefined), 'the spending webview to say ready', 30_000);
}

/** Sends a view the way the webview does and waits for the content it asks for. */
async function setView(panel: SpendingPanel, view: SpendingView, kind: 'chart' | 'list'): Promise<SpendingContent> {
  assert.equal(await panel.receive({ type: 'setView', view }), true);
  return waitFor(() => {
    const content = panel.content;
    return content?.kind === kind && JSON.stringify(panel.view) === JSON.stringify(view) ? content : undefined;
  }, `${kind} content`);
}


describe('the spending panel through its protocol', () => {
  let api: QwenCloudMeterApi;
  let panel: SpendingPanel;

  // The extension's clock, not the machine's: the run may be put on another date (QCM_CLOCK_START).
  const now = (): number => api.clock.now();
  const today = (): string => dateKey(now());

  before(async () => {
    api = await activateExtension();
    panel = await openSpending(api);
  });

  it('groups by API key by month, and adds up to the itemised records', async () => {
    const view: SpendingView = { ...DEFAULT_SPENDING_VIEW, range: { preset: 'last3Months' }, granularity: 'month', groupBy: 'apiKey' };
    const content = await setView(panel, view, 'chart');
    assert.ok(content.kind === 'chart');
    assert.equal(content.series.groupBy, 'apiKey');
    assert.equal(content.series.granularity, 'month');
    assert.equal(content.series.periods.length, 3);
    assert.equal(content.series.periods.at(-1)?.period, monthKey(now()));
    assert.ok(content.series.totals.length >= 3, 'several keys spent');
    // The same range, itemised, adds up to the same total.
    const list = await setView(panel, { ...view, mode: 'list' }, 'list');
    assert.ok(list.kind === 'list');
    // Three months hold at least two whole ones, on any day of the year: always more than a page.
    assert.ok(list.total > 100, `${list.total} records`);
    assert.equal(list.rows.length, 100);
    assert.equal(list.pageCount, Math.ceil(list.total / 100));
    const chartTotal = sumAmounts(content.series.periods.map((p) => p.total));
    const records = await api.store.query('lineItems', 'integration-test', (source, options) =>
      collectLineItems(source, { from: list.range.from, to: list.range.to }, options),
    );
    assert.equal(records.value.items.length, list.total);
    assert.ok(chartTotal > 0);
    assert.ok(Math.abs(sumAmounts(records.value.items.map((i) => i.amount)) - chartTotal) < 1e-6, 'chart and list agree');
  });

  it('switches to days, and filters by model and production step', async () => {
    const view: SpendingView = {
      ...DEFAULT_SPENDING_VIEW,
      range: { preset: 'last7Days' },
      granularity: 'day',
      groupBy: 'model',
      filter: { productionStep: ['Model inference'], apiKey: [], model: ['qwen-plus', 'qwen3-max'] },
    };
    const content = await setView(panel, view, 'chart');
    assert.ok(content.kind === 'chart');
    assert.equal(content.series.periods.length, 7);
    assert.equal(content.series.periods.at(-1)?.period, today());
    assert.deepEqual(content.series.totals.map((t) => t.key).sort(), ['qwen-plus', 'qwen3-max']);
    assert.ok(content.options.model.length >= 5, 'the filter still offers every model with spend');
    assert.ok(content.options.productionStep.some((o) => o.key === 'Model inference'));
  });

  it('sorts and pages the itemised list on the host', async () => {
    const view: SpendingView = { ...DEFAULT_SPENDING_VIEW, range: { preset: 'last30Days' }, mode: 'list', sort: { column: 'amount', direction: 'asc' }, page: 2 };
    const content = await setView(panel, view, 'list');
    assert.ok(content.kind === 'list');
    assert.equal(content.page, 2);
    const amounts = content.rows.map((r) => r.amount);
    assert.deepEqual(amounts, [...amounts].sort((a, b) => a - b));
  });

  it('exports the current list to the CSV file the user chose', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qcm-export-'));
    const file = vscode.Uri.file(join(folder, 'spending.csv'));
    const restorePrompts = seams(api).usePrompts({ saveFile: async () => file });
    try {
      const view: SpendingView = { ...DEFAULT_SPENDING_VIEW, range: { preset: 'last7Days' }, mode: 'list', filter: { productionStep: [], apiKey: [], model: ['qwen-plus'] } };
      const content = await setView(panel, view, 'list');
      assert.ok(content.kind === 'list');
      const notice = new Promise<string>((resolve) => {
        const sub = panel.onDidPost((m) => {
          if (m.type === 'notice') {
            sub.dispose();
            resolve(m.message);
          }
        });
      });
      assert.equal(await panel.receive({ type: 'exportCsv' }), true);
      assert.match(await notice, /^Exported \d+ rows to /);
      const raw: unknown = parse(readFileSync(file.fsPath, 'utf8'), { bom: true });
      const [header, ...records] = raw as string[][];
      assert.equal(header?.[4], 'Model');
      assert.equal(header?.[7], 'Amount');
      assert.equal(records.length, content.total);
      assert.ok(records.every((r) => r[4] === 'qwen-plus'));
      assert.ok(records.every((r) => /^-?\d+(\.\d+)?$/.test(r[7] ?? '')), 'amounts are plain numbers');
    } finally {
      restorePrompts();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects malformed messages and changes nothing', async () => {
    const before = panel.view;
    for (const message of [
      'setView',
      null,
      { type: 'setView', view: { ...before, groupBy: 'bogus' } },
      { type: 'setView', view: { ...before, page: -4 } },
      { type: 'saveChartImage', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'readFile', path: '/etc/passwd' },
    ]) {
      assert.equal(await panel.receive(message), false, JSON.stringify(message));
    }
    assert.deepEqual(panel.view, before);
  });

  it('opens on one billing month, as the Invoices view asks', async () => {
    const month = monthKey(now() - 40 * 86_400_000);
    await setView(panel, { ...DEFAULT_SPENDING_VIEW, mode: 'chart' }, 'chart');
    await openSpending(api, { month });
    const content = await waitFor(() => (panel.content?.kind === 'chart' && panel.view.range.from === `${month}-01` ? panel.content : undefined), 'the month');
    assert.ok(content.kind === 'chart');
    assert.equal(panel.view.granularity, 'day');
    assert.equal(content.series.periods[0]?.period, `${month}-01`);
    assert.equal(api.spendingPanel.current, panel, 'the same panel, revealed');
  });

  it('refuses a command argument that is not a month, leaving the panel as it was', async () => {
    const before = panel.view;
    await vscode.commands.executeCommand('qwenCloud.showSpending', { month: '2026-13' });
    await vscode.commands.executeCommand('qwenCloud.showSpending', { month: 202611 });
    assert.deepEqual(panel.view, before);
  });
});

describe('the spending-limit panel through its protocol', () => {
  let api: QwenCloudMeterApi;
  let panel: LimitPanel;
  const results: LimitHostMessage[] = [];

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('qwenCloud.showSpendingLimit');
    panel = await waitFor(() => (api.limitPanel.current?.ready ? api.limitPanel.current : undefined), 'the limit webview to say ready', 30_000);
    panel.onDidPost((m) => results.push(m));
    await waitFor(() => panel.state().limit ?? undefined, 'the limit to load');
  });

  async function save(form: unknown): Promise<Extract<LimitHostMessage, { type: 'saveResult' }>> {
    const count = results.length;
    assert.equal(await panel.receive({ type: 'save', form }), true);
    return waitFor(() => results.slice(count).find((m): m is Extract<LimitHostMessage, { type: 'saveResult' }> => m.type === 'saveResult'), 'a save result');
  }

  it('refuses an invalid form on the host, field by field, and saves nothing', async () => {
    const before = api.store.get('usageLimit').value;
    const result = await save({ enabled: true, amount: '12.345', alertThreshold: 0, emails: ['not-an-email'] });
    assert.equal(result.outcome, 'invalid');
    assert.deepEqual(Object.keys(result.errors ?? {}).sort(), ['alertThreshold', 'amount', 'emails']);
    assert.deepEqual(api.store.get('usageLimit').value, before);
    assert.equal(await panel.receive({ type: 'save', form: { enabled: true, amount: 12, alertThreshold: 80, emails: [] } }), false, 'a number where text belongs');
  });

  it('saves a valid limit after confirmation, and it is what the account then reports', async () => {
    let detail = '';
    const restorePrompts = seams(api).usePrompts({
      confirm: async (_m, d, action) => {
        detail = d;
        return action;
      },
    });
    try {
      const result = await save({ enabled: true, amount: '275.50', alertThreshold: 90, emails: ['dev@example.com', 'ops@example.com'] });
      assert.equal(result.outcome, 'saved', result.message);
      assert.match(detail, /Monthly limit: \$[\d,.]+ → \$275\.50/);
      assert.match(detail, /Notify: ops@example\.com/);
      const saved = await waitFor(() => (api.store.get('usageLimit').value?.amount.amount === 275.5 ? api.store.get('usageLimit').value : undefined), 'the saved limit');
      assert.equal(saved?.alertThreshold, 90);
      assert.equal((await save({ enabled: true, amount: '275.5', alertThreshold: 90, emails: ['OPS@example.com', 'dev@example.com'] })).outcome, 'unchanged');
    } finally {
      restorePrompts();
    }
  });

  it('keeps the values and explains when the account does not support saving', async () => {
    const limit: UsageLimit = { enabled: true, amount: { amount: 500, currency: 'USD' }, alertThreshold: 80, emails: [] };
    const spend: MonthSpend = { month: monthKey(api.clock.now()), total: { amount: 10, currency: 'USD' }, daily: [] };
    const source: AccountSource = {
      info: { kind: 'qwenCloud', label: 'Test account' },
      getUsageLimit: async () => limit,
      getMonthSpend: async () => spend,
      setUsageLimit: async () => {
        throw new (seams(api).errors.UnsupportedError)('InvalidAction.NotFound');
      },
    };
    const original = api.store.router;
    const restorePrompts = seams(api).usePrompts({ confirm: async (_m, _d, action) => action });
    api.store.setRouter(new AccountRouter([source], undefined));
    try {
      await api.store.refresh(['usageLimit', 'monthSpend'], { force: true });
      await waitFor(() => (panel.state().label === 'Test account' && panel.state().limit ? true : undefined), 'the test account');
      const result = await save({ enabled: true, amount: '400', alertThreshold: 75, emails: [] });
      assert.equal(result.outcome, 'unsupported');
      assert.match(result.message, /console/);
      assert.equal(api.store.get('usageLimit').value?.amount.amount, 500, 'nothing changed on the account');
    } finally {
      api.store.setRouter(original);
      restorePrompts();
      await api.store.refresh(['usageLimit', 'monthSpend'], { force: true });
    }
  });

  it('alerts in VS Code once the month\'s spend crosses the limit, and only once', async () => {
    // A month with spend already on it, whatever the day: early on the 1st the demo's own month is empty. The
    // limit starts far enough above it that even the month's projection stays under the threshold on any day.
    let limit: UsageLimit = { enabled: true, amount: { amount: 3000, currency: 'USD' }, alertThreshold: 80, emails: [] };
    const spend: MonthSpend = { month: monthKey(api.clock.now()), total: { amount: 42.5, currency: 'USD' }, daily: [] };
    const source: AccountSource = {
      info: { kind: 'demo', label: 'Demo' },
      getUsageLimit: async () => limit,
      getMonthSpend: async () => spend,
      setUsageLimit: async (next) => {
        limit = next;
      },
    };
    const alerts: string[] = [];
    const restorePrompts = seams(api).usePrompts({
      warn: async (message) => {
        alerts.push(message);
        return undefined;
      },
      confirm: async (_m, _d, action) => action,
    });
    const original = api.store.router;
    api.store.setRouter(new AccountRouter([source], undefined));
    try {
      await api.store.refresh(['usageLimit', 'monthSpend'], { force: true });
      await waitFor(() => (panel.state().limit?.amount.amount === 3000 ? true : undefined), 'the month with its limit');
      assert.equal(alerts.length, 0, 'below the threshold: no alert');
      // A limit just under this month's spend: the limit is reached.
      assert.equal((await save({ enabled: true, amount: '41', alertThreshold: 80, emails: [] })).outcome, 'saved');
      await waitFor(() => (alerts.length > 0 ? true : undefined), 'the spend alert');
      assert.match(alerts[0] ?? '', /at or over your monthly limit of \$41\.00\. \(Demo\)$/);
      await api.store.refresh(['monthSpend', 'usageLimit'], { force: true });
      assert.equal(api.spendAlerts.check(), undefined, 'not again this month');
      assert.equal(alerts.length, 1);
    } finally {
      api.store.setRouter(original);
      restorePrompts();
      await api.store.refresh(['usageLimit', 'monthSpend'], { force: true });
    }
  });
});
