// Load: the simulator serves a large account (five years of daily records, 500 API keys, 2,000 orders)
// and every view, the status bar, the spending panel and the key pick are driven against it. Each step's
// wall-clock time is printed and written to .test-results/load.json, not asserted (a shared two-core
// machine makes times noisy); what is asserted is that everything is there, or the view says how it
// limits, and that memory stays bounded.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { addDays, addMonths, dateKey, monthKey } from '../../src/core/common/calendar';
import { MAX_LIST_ROWS, PAGE_SIZE } from '../../src/core/spending/lineItemTable';
import { MAX_RANGE_DAYS } from '../../src/core/spending/spendingRange';
import type { QwenCloudMeterApi } from '../../src/extension';
import { DEFAULT_SPENDING_VIEW, type SpendingContent, type SpendingView } from '../../src/shared/spendingProtocol';
import type { ViewNode } from '../../src/views/treeModel';
import { LARGE_ACCOUNT, largeAccountSpec } from '../simulator/largeAccount';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { accountSettled, activateExtension, waitFor, withSetting, seams } from './helpers';
import { escape, ScriptedPrompts } from './scriptedPrompts';
import { signInToSimulator, simulator, useSimulatorEndpoints } from './simulator';

type SpendingPanel = NonNullable<QwenCloudMeterApi['spendingPanel']['current']>;

const DEFAULT_SPEC = { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 };
/** The compiled test runs from out/test/integration. */
const RESULTS = join(__dirname, '..', '..', '..', '.test-results', 'load.json');
const MB = 1024 * 1024;

const children = (node: ViewNode | undefined): readonly ViewNode[] => node?.children ?? [];
const orderNodes = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => (n.id.startsWith('year:') ? [...children(n)] : []));
const keyNodes = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => [...children(n)]).filter((n) => n.id.startsWith('key:'));

/**
 * A full collection before each memory reading, so it measures what is kept rather than when the
 * collector last ran. The host does not expose `gc`; V8 lets a fresh context have it.
 */
function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => void (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

interface Step {
  readonly step: string;
  readonly ms: number;
  readonly count?: number;
  readonly detail?: string;
}

interface Memory {
  readonly point: string;
  readonly heapMB: number;
  readonly rssMB: number;
}

describe('a large account under load (5 years, 500 keys, 2,000 orders)', function () {
  this.timeout(10 * 60_000);
  let api: QwenCloudMeterApi;
  let restoreEndpoints: () => Promise<void>;
  let restoreSpendItem: () => Promise<void>;
  let panel: SpendingPanel | undefined;
  const gc = collector();
  const steps: Step[] = [];
  const memory: Memory[] = [];

  const timed = async <T>(step: string, run: () => Promise<T>, summarise: (value: T) => { count?: number; detail?: string } = () => ({})): Promise<T> => {
    const started = performance.now();
    const value = await run();
    steps.push({ step, ms: Math.round(performance.now() - started), ...summarise(value) });
    return value;
  };
  const measure = (point: string): Memory => {
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    const reading = { point, heapMB: Math.round(usage.heapUsed / MB), rssMB: Math.round(usage.rss / MB) };
    memory.push(reading);
    return reading;
  };
  const heapOf = (point: string): number => memory.find((m) => m.point === point)?.heapMB ?? Number.NaN;

  /** Sends a view the way the webview does; resolves with the content it asked for. */
  const setView = async (view: SpendingView, kind: SpendingContent['kind']): Promise<SpendingContent> => {
    const p = panel!;
    assert.equal(await p.receive({ type: 'setView', view }), true);
    return waitFor(() => (p.content?.kind === kind && JSON.stringify(p.view) === JSON.stringify(view) ? p.content : undefined), `${kind} content`, 120_000);
  };
  /** Refreshes everything shown, as the Refresh button does, once no fetch is under way. */
  const refreshAll = async (): Promise<void> => {
    await vscode.commands.executeCommand('qwenCloud.refresh');
    // A refresh shows the first page of orders again, in place of the 2,000 loaded.
    const settled = (): boolean =>
      orderNodes(api.subscriptionsView.rootNodes).length === 20 &&
      api.subscriptionsView.rootNodes.at(-1)?.label === 'Load more' &&
      (['bills', 'apiKeys', 'codingPlan', 'monthSpend'] as const).every((k) => !api.store.get(k).loading);
    await waitFor(() => (settled() ? true : undefined), 'the refreshed views', 120_000);
  };

  before(async () => {
    api = await activateExtension();
    await api.ready;
    restoreEndpoints = await useSimulatorEndpoints();
    restoreSpendItem = await withSetting('qwenCloud.statusBar.spend', 'always');
    await simulator().reset();
    const spec = largeAccountSpec(await simulator().now());
    await simulator().set({ deviceIntervalSec: 1, spec });
    await accountSettled(api);
    measure('before sign-in');
  });

  after(async () => {
    panel?.dispose();
    await api.subscriptionsView.setFilter({ types: [], range: 'all' });
    await seams(api).secrets.deleteAccessKey();
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await simulator().set({ spec: DEFAULT_SPEC });
    await simulator().reset();
    await restoreSpendItem();
    await restoreEndpoints();
    const table = [
      ...steps.map((s) => `  ${s.step.padEnd(58)} ${String(s.ms).padStart(7)} ms  ${s.count === undefined ? '' : String(s.count).padStart(7)}  ${s.detail ?? ''}`),
      '',
      ...memory.map((m) => `  ${m.point.padEnd(58)} heap ${String(m.heapMB).padStart(5)} MB  rss ${String(m.rssMB).padStart(5)} MB`),
    ];
    console.log(`\n  Load figures (step, wall-clock, count; memory${gc ? ' after a full collection' : ', no forced collection'}):\n${table.join('\n')}\n`);
    mkdirSync(join(RESULTS, '..'), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify({ account: LARGE_ACCOUNT, forcedGc: gc !== undefined, steps, memory }, null, 2)}\n`);
  });

  it('signs in, and the simulator serves 500 keys and 2,000 orders', async () => {
    await timed('sign in (device flow)', () => signInToSimulator(api));
    // The first fetch also has the simulator generate five years of records for the bills: later steps
    // then time the extension rather than the simulator's first pass.
    await vscode.commands.executeCommand('qwenCloud.invoices.focus');
    await timed('first fetch of the bills (simulator generates 5 years)', () =>
      waitFor(() => (api.store.get('bills').source?.kind === 'qwenCloud' && !api.store.get('bills').loading ? true : undefined), 'the bills', 120_000),
    );
    const spec = (await simulator().set({})).spec as { historyMonths: number; extraApiKeys: number; extraOrders: number };
    assert.equal(spec.historyMonths, 60);
    const orders = await api.store.query('orders', 'load:count', (source, options) => source.listOrders!({ pageSize: 100 }, options));
    assert.equal(orders.value.total, LARGE_ACCOUNT.orders);
  });

  it('Coding Plan: the plan and its windows', async () => {
    await vscode.commands.executeCommand('qwenCloud.codingPlan.focus');
    const nodes = await timed(
      'Coding Plan view',
      () => waitFor(() => (api.planView.rootNodes.length === 4 && api.store.get('codingPlan').source?.kind === 'qwenCloud' ? api.planView.rootNodes : undefined), 'the plan', 60_000),
      (n) => ({ count: n.length, detail: 'root nodes' }),
    );
    assert.deepEqual(children(nodes[1]).map((n) => n.label), ['Used', 'Remaining', 'Resets']);
  });

  it('the status bar: the quota meter and this month\'s pay-as-you-go spend', async () => {
    const quota = await timed('status bar: quota item', () => waitFor(() => (api.statusBar.view()?.state === 'ready' ? api.statusBar.view() : undefined), 'the quota item', 60_000), (v) => ({ detail: v.text }));
    assert.match(quota.text, /5h \d+% · wk \d+% · mo \d+%/);
    const spend = await timed(
      'status bar: spend item',
      () => waitFor(() => (api.spendStatusBar.view()?.state === 'ready' && api.store.get('monthSpend').source?.kind === 'qwenCloud' ? api.spendStatusBar.view() : undefined), 'the spend item', 60_000),
      (v) => ({ detail: v.text }),
    );
    assert.equal(spend.visible, true);
    assert.match(spend.text, /^\$\((credit-card|warning|error)\) \$[\d,]+\.\d\d \/ \$300$/);
  });

  it('Subscriptions: the first page, then Load more down to every one of the 2,000 orders', async () => {
    await vscode.commands.executeCommand('qwenCloud.subscriptions.focus');
    const first = await timed('Subscriptions: first page', () => waitFor(() => (orderNodes(api.subscriptionsView.rootNodes).length > 0 ? api.subscriptionsView.rootNodes : undefined), 'the first page', 60_000), (n) => ({ count: orderNodes(n).length }));
    assert.equal(orderNodes(first).length, 20);
    assert.equal(first.at(-1)?.id, 'more');
    let pages = 1;
    const times: number[] = [];
    await timed(
      'Subscriptions: Load more to the end',
      async () => {
        while (api.subscriptionsView.rootNodes.some((n) => n.id === 'more')) {
          const before = orderNodes(api.subscriptionsView.rootNodes).length;
          const started = performance.now();
          await vscode.commands.executeCommand('qwenCloud.loadMoreOrders');
          await waitFor(() => (orderNodes(api.subscriptionsView.rootNodes).length > before || !api.subscriptionsView.rootNodes.some((n) => n.id === 'more') ? true : undefined), `page ${pages + 1}`, 60_000);
          times.push(performance.now() - started);
          pages++;
          assert.ok(pages <= LARGE_ACCOUNT.orders / 20 + 1, 'no more pages than the orders fill');
        }
      },
      () => {
        const sorted = [...times].sort((a, b) => a - b);
        const slowest = times.indexOf(sorted.at(-1) ?? 0) + 2;
        return { count: orderNodes(api.subscriptionsView.rootNodes).length, detail: `${pages} pages, median ${Math.round(sorted[sorted.length >> 1] ?? 0)} ms, slowest ${Math.round(sorted.at(-1) ?? 0)} ms (page ${slowest})` };
      },
    );
    const nodes = api.subscriptionsView.rootNodes;
    const ids = orderNodes(nodes).map((n) => n.id);
    assert.equal(ids.length, LARGE_ACCOUNT.orders);
    assert.equal(new Set(ids).size, ids.length, 'no order twice');
    const years = nodes.filter((n) => n.id.startsWith('year:'));
    assert.equal(years.filter((n) => n.expanded).length, 1, 'only the newest year opens: the rest stay collapsed');
    steps.push({ step: 'Subscriptions: year groups', ms: 0, count: years.length });
  });

  it('Invoices: every month the view reaches, twelve at a time', async () => {
    await vscode.commands.executeCommand('qwenCloud.invoices.focus');
    const first = await timed('Invoices: first twelve months', () => waitFor(() => (api.store.get('bills').source?.kind === 'qwenCloud' && api.invoicesView.rootNodes.length > 0 ? api.invoicesView.rootNodes : undefined), 'the bills', 120_000), (n) => ({ count: n.length - 1 }));
    assert.equal(first.length, 13, '12 months and "Show older"');
    await timed(
      'Invoices: Show older to the end',
      async () => {
        while (api.invoicesView.rootNodes.some((n) => n.id === 'older')) {
          await vscode.commands.executeCommand('qwenCloud.showOlderBills');
        }
      },
      () => ({ count: api.invoicesView.rootNodes.filter((n) => n.id.startsWith('bill:')).length, detail: 'months, then the row for older bills' }),
    );
    const bills = api.store.get('bills').value!;
    // The account has five years of bills; the view asks for the last three (BILL_HISTORY_MONTHS) and
    // says that the console keeps the rest.
    assert.equal(bills.length, 37, 'the current month and 36 before it');
    const nodes = api.invoicesView.rootNodes.filter((n) => n.id.startsWith('bill:'));
    assert.equal(nodes.length, bills.length);
    const beyond = api.invoicesView.rootNodes.at(-1);
    assert.equal(beyond?.id, 'beyond', 'the last row says where the older bills are');
    assert.equal(beyond.description, 'this view lists the last 36 months');
    assert.equal(beyond.command?.command, 'qwenCloud.openBillInConsole');
    assert.equal(nodes.at(-1)?.id, `bill:${addMonths(monthKey(await simulator().now()), -36)}`);
    // The running month may have nothing yet in the first hours of its first day (bills run a few hours late).
    assert.ok(bills.every((b) => b.total.amount > 0 || b.status === 'running'), 'every month of a busy account has a bill');
  });

  it('API Keys: all 500 keys, grouped by workspace', async () => {
    await vscode.commands.executeCommand('qwenCloud.apiKeys.focus');
    await seams(api).secrets.setAccessKey({ accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    const nodes = await timed('API Keys view', () => waitFor(() => (keyNodes(api.apiKeysView.rootNodes).length === LARGE_ACCOUNT.apiKeys ? api.apiKeysView.rootNodes : undefined), '500 keys', 120_000), (n) => ({ count: keyNodes(n).length, detail: `${n.length} workspaces` }));
    assert.deepEqual(nodes.map((n) => n.label), ['Default Workspace', 'Production']);
    assert.deepEqual(nodes.map((n) => n.description), nodes.map((n) => `${children(n).length} keys`));
    assert.equal(new Set(keyNodes(nodes).map((n) => n.id)).size, LARGE_ACCOUNT.apiKeys);
  });

  it('the revoke flow offers all 500 keys in its pick', async () => {
    const prompts = new ScriptedPrompts([escape]);
    const outcome = await timed('revoke flow: the key pick', () => seams(api).revokeFlowWith(prompts).run(), () => ({ count: prompts.shown[0]?.items?.filter((i) => /^sk-/.test(i.description ?? '')).length ?? 0 }));
    assert.equal(outcome, 'cancelled');
    const items = prompts.shown[0]?.items ?? [];
    assert.equal(items.filter((i) => /^sk-[0-9a-f]{4}\*+[0-9a-f]{4}$/.test(i.description ?? '')).length, LARGE_ACCOUNT.apiKeys);
    assert.ok(items.some((i) => i.label === 'Production'), 'grouped by workspace');
  });

  it('the spending panel: charts over the longest range, by month and by day, by model and by key', async () => {
    panel = await timed('spending panel: open (last 30 days, by day)', async () => {
      await vscode.commands.executeCommand('qwenCloud.showSpending');
      const p = await waitFor(() => (api.spendingPanel.current?.ready ? api.spendingPanel.current : undefined), 'the spending webview', 60_000);
      await waitFor(() => (p.content?.kind === 'chart' ? true : undefined), 'the first chart', 120_000);
      return p;
    });
    const today = dateKey(await simulator().now());
    const longest: SpendingView['range'] = { preset: 'custom', from: addDays(today, -(MAX_RANGE_DAYS - 1)), to: today };
    // Five years is more than the panel reads at once: it says how long a range may be.
    const tooLong = await setView({ ...DEFAULT_SPENDING_VIEW, range: { preset: 'custom', from: `${addMonths(today.slice(0, 7), -60)}-01`, to: today }, granularity: 'month' }, 'invalid');
    assert.ok(tooLong.kind === 'invalid');
    assert.equal(tooLong.message, `Choose a range of at most ${MAX_RANGE_DAYS} days.`);
    for (const groupBy of ['model', 'apiKey'] as const) {
      const content = await timed(`chart: ${MAX_RANGE_DAYS} days by month, by ${groupBy}`, () => setView({ ...DEFAULT_SPENDING_VIEW, range: longest, granularity: 'month', groupBy }, 'chart'), (c) => ({
        count: c.kind === 'chart' ? c.series.periods.length : 0,
        detail: c.kind === 'chart' ? `${c.series.totals.length} groups shown, ${c.options.apiKey.length} keys in the filter` : '',
      }));
      assert.ok(content.kind === 'chart');
      assert.equal(content.series.periods.length, 25);
      assert.ok(content.series.totals.length <= 9, 'eight groups and "Other"');
      assert.equal(content.options.apiKey.length, LARGE_ACCOUNT.apiKeys, 'the filter offers every key');
    }
    for (const groupBy of ['model', 'apiKey'] as const) {
      const content = await timed(`chart: last 12 months by day, by ${groupBy}`, () => setView({ ...DEFAULT_SPENDING_VIEW, range: { preset: 'last12Months' }, granularity: 'day', groupBy }, 'chart'), (c) => ({
        count: c.kind === 'chart' ? c.series.periods.length : 0,
      }));
      assert.ok(content.kind === 'chart');
      assert.ok(content.series.periods.length >= 334 && content.series.periods.length <= 366, `${content.series.periods.length} days`);
      assert.ok(content.series.periods.every((p) => p.parts.length <= 9));
    }
  });

  it('the spending panel: the itemised list of a big range, sorted and paged, and its CSV', async () => {
    const view: SpendingView = { ...DEFAULT_SPENDING_VIEW, range: { preset: 'last12Months' }, mode: 'list' };
    // While the records come in page after page, the spinner says how many were read.
    const progress: number[] = [];
    const listening = panel!.onDidPost((m) => {
      if (m.type === 'content' && m.content.kind === 'loading' && m.content.read !== undefined) {
        progress.push(m.content.read);
      }
    });
    const list = await timed('list: last 12 months, first page', () => setView(view, 'list'), (c) => ({ count: c.kind === 'list' ? c.total : 0, detail: c.kind === 'list' ? `${c.pageCount} pages, truncated ${String(c.truncated)}` : '' }));
    listening.dispose();
    assert.ok(list.kind === 'list');
    assert.ok(progress.length >= 2, `progress reported ${progress.length} times while reading`);
    assert.deepEqual([...progress].sort((a, b) => a - b), progress, 'the count only grows');
    // The newest month comes first; early on its first day it holds no records yet, so the count may start at 0.
    // Reading goes on only while under the cap: every count but the last is below it (the last may pass it).
    assert.ok(progress.every((n) => n >= 0) && progress.slice(0, -1).every((n) => n < MAX_LIST_ROWS) && (progress.at(-1) ?? 0) > 0, progress.join(', '));
    // A year of this account is over 300,000 records: the list keeps the newest 100,000 and says so.
    assert.equal(list.truncated, true);
    assert.equal(list.total, MAX_LIST_ROWS);
    assert.equal(list.rows.length, PAGE_SIZE);
    assert.equal(list.pageCount, MAX_LIST_ROWS / PAGE_SIZE);
    const last = await timed('list: last page', () => setView({ ...view, page: list.pageCount - 1 }, 'list'), (c) => ({ count: c.kind === 'list' ? c.rows.length : 0 }));
    assert.ok(last.kind === 'list' && last.page === list.pageCount - 1);
    const sorted = await timed('list: sort by amount', () => setView({ ...view, sort: { column: 'amount', direction: 'desc' } }, 'list'), (c) => ({ count: c.kind === 'list' ? c.rows.length : 0 }));
    assert.ok(sorted.kind === 'list');
    const amounts = sorted.rows.map((r) => r.amount);
    assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a));
    const paged = await timed('list: sorted, page 500', () => setView({ ...view, sort: { column: 'amount', direction: 'desc' }, page: 500 }, 'list'));
    assert.ok(paged.kind === 'list' && paged.rows.every((r) => r.amount <= (amounts.at(-1) ?? 0)), 'later pages hold smaller amounts');
    const key = list.options.apiKey[0]!;
    // The account's API cannot filter records by key: the panel reads the newest 100,000 of the year,
    // keeps the key's, and says the range held more, rather than read all 300,000.
    const filter = { ...view.filter, apiKey: [key.key] };
    const filtered = await timed('list: one key over 12 months', () => setView({ ...view, filter }, 'list'), (c) => ({ count: c.kind === 'list' ? c.total : 0, detail: c.kind === 'list' ? `truncated ${String(c.truncated)}` : '' }));
    assert.ok(filtered.kind === 'list' && filtered.total > 0 && filtered.truncated);
    assert.ok(filtered.rows.every((r) => r.apiKey === key.name));
    const month = await timed('list: one key over 30 days', () => setView({ ...view, range: { preset: 'last30Days' }, filter }, 'list'), (c) => ({ count: c.kind === 'list' ? c.total : 0, detail: c.kind === 'list' ? `truncated ${String(c.truncated)}` : '' }));
    assert.ok(month.kind === 'list' && month.total > 0 && !month.truncated, 'a month of the account is within what the panel reads');
    assert.ok(month.rows.every((r) => r.apiKey === key.name));

    const back = await setView(view, 'list');
    assert.ok(back.kind === 'list');
    const folder = mkdtempSync(join(tmpdir(), 'qcm-load-'));
    const file = vscode.Uri.file(join(folder, 'line-items.csv'));
    const restorePrompts = seams(api).usePrompts({ saveFile: async () => file });
    try {
      const p = panel!;
      const notice = new Promise<string>((resolve) => {
        const sub = p.onDidPost((m) => {
          if (m.type === 'notice') {
            sub.dispose();
            resolve(m.message);
          }
        });
      });
      const message = await timed('CSV export of the list', async () => {
        assert.equal(await p.receive({ type: 'exportCsv' }), true);
        return notice;
      }, () => ({ count: MAX_LIST_ROWS, detail: `${(statSync(file.fsPath).size / MB).toFixed(1)} MB` }));
      assert.match(message, /^Exported 100000 rows to /);
      const lines = readFileSync(file.fsPath, 'utf8').split('\r\n').filter((l) => l.length > 0);
      assert.equal(lines.length, MAX_LIST_ROWS + 1, 'a header and every row');
    } finally {
      restorePrompts();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the spending panel: model usage over the last 12 months', async () => {
    const usage = await timed('model usage: last 12 months by month', () => setView({ ...DEFAULT_SPENDING_VIEW, range: { preset: 'last12Months' }, granularity: 'month', mode: 'usage' }, 'usage'), (c) => ({
      count: c.kind === 'usage' ? c.usage.models.length : 0,
      detail: c.kind === 'usage' ? `models; truncated ${String(c.truncated)}` : '',
    }));
    assert.ok(usage.kind === 'usage');
    assert.equal(usage.truncated, true, 'the usage figures say they rest on the newest 100,000 records');
    assert.ok(usage.usage.models.length >= 6);
    // The itemised records of the account's API report tokens, not calls.
    assert.equal(usage.usage.reported.tokens, true);
    assert.ok(usage.usage.total.inputTokens > 0);
    measure('everything open');
    const growth = heapOf('everything open') - heapOf('before sign-in');
    // The list's 100,000 records and their rows are the bulk; 300 MB leaves room for the host's own churn.
    assert.ok(growth < 300, `the heap grew ${growth} MB with everything open`);
  });

  it('memory: closing the panel and refreshing gives it back, and refreshes do not keep adding', async () => {
    panel?.dispose();
    panel = undefined;
    await timed('refresh everything (1)', refreshAll);
    measure('panel closed, refreshed once');
    for (let i = 2; i <= 4; i++) {
      await timed(`refresh everything (${i})`, refreshAll);
    }
    measure('after 3 more refreshes');
    const settled = heapOf('panel closed, refreshed once');
    const after = heapOf('after 3 more refreshes');
    assert.ok(settled - heapOf('before sign-in') < 150, `the heap is ${settled - heapOf('before sign-in')} MB above the start with the panel closed`);
    // Refreshing replaces the data rather than adding to it.
    assert.ok(after - settled < (gc ? 30 : 100), `the heap grew ${after - settled} MB over 3 refreshes`);
  });
});
