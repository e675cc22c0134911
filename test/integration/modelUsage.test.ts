// Model usage statistics and the free quota in the spending panel, through its message protocol in a real
// extension host with the real webview loaded: the figures against the itemised records, the chart's
// range and filters, a metric switch that reloads nothing, the CSV export, and an account whose records
// report tokens but no calls.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import { AccountRouter, type AccountSource, type CostQuery, type LineItemQuery, type SourceInfo, type SpendingSeries } from '../../src/core/account/source';
import { addDays, dateKey, monthKey } from '../../src/core/common/calendar';
import { collectLineItems } from '../../src/core/spending/lineItemTable';
import type { LineItem, MonthSpend, Page } from '../../src/core/account/model';
import { aggregateSpending, matchesFilter } from '../../src/core/spending/spending';
import type { QwenCloudMeterApi } from '../../src/extension';
import { DEFAULT_SPENDING_VIEW, type SpendingContent, type SpendingHostMessage, type SpendingView } from '../../src/shared/spendingProtocol';
import { accountSettled, activateExtension, now, seams, waitFor } from './helpers';

type SpendingPanel = NonNullable<QwenCloudMeterApi['spendingPanel']['current']>;
type UsageContent = Extract<SpendingContent, { kind: 'usage' }>;

async function setUsageView(panel: SpendingPanel, view: SpendingView): Promise<UsageContent> {
  assert.equal(await panel.receive({ type: 'setView', view }), true);
  return waitFor(() => {
    const content = panel.content;
    return content?.kind === 'usage' && JSON.stringify(panel.view) === JSON.stringify(view) ? content : undefined;
  }, 'model usage content');
}

/** An account whose itemised records carry token quantities but no call counts, as the gateway's rows do. */
class TokensOnlySource implements AccountSource {
  readonly info: SourceInfo = { kind: 'qwenCloud', label: 'tokens@example.com' };
  private readonly items: LineItem[];
  constructor() {
    const today = dateKey(now());
    const row = (date: string, model: string, lineItem: string, tokens: number): LineItem => ({
      id: `${date}-${model}-${lineItem}`,
      billingDate: date,
      billingMonth: date.slice(0, 7),
      productionStep: 'Model inference',
      model,
      usage: { quantity: tokens, unit: 'tokens' },
      amount: tokens / 1e6,
      currency: 'USD',
      workspaceId: 'ws-1',
      apiKeyId: 'k1',
      lineItem,
      ...(lineItem === 'Output tokens' ? { outputTokens: tokens } : { inputTokens: tokens }),
    });
    this.items = [
      row(today, 'qwen-plus', 'Input tokens', 120_000),
      row(today, 'qwen-plus', 'Output tokens', 30_000),
      row(addDays(today, -1), 'qwen3-max', 'Input tokens', 400_000),
    ];
  }
  async getMonthSpend(): Promise<MonthSpend> {
    return { month: monthKey(now()), total: { amount: 0.55, currency: 'USD' }, daily: [] };
  }
  async getCostAnalysis(query: CostQuery): Promise<SpendingSeries> {
    return aggregateSpending(this.items, query, 'USD');
  }
  async listLineItems(query: LineItemQuery): Promise<Page<LineItem>> {
    return { items: this.items.filter((i) => i.billingDate >= query.from && i.billingDate <= query.to && matchesFilter(i, query.filter)) };
  }
}

describe('model usage in the spending panel', () => {
  let api: QwenCloudMeterApi;
  let panel: SpendingPanel;
  const usageView: SpendingView = { ...DEFAULT_SPENDING_VIEW, range: { preset: 'last7Days' }, granularity: 'day', mode: 'usage' };

  before(async () => {
    api = await activateExtension();
    await api.ready;
    await accountSettled(api);
    await vscode.commands.executeCommand('qwenCloud.showSpending');
    panel = await waitFor(() => (api.spendingPanel.current?.ready ? api.spendingPanel.current : undefined), 'the spending webview to say ready', 30_000);
  });

  after(async () => {
    await panel.receive({ type: 'setView', view: DEFAULT_SPENDING_VIEW });
  });

  it('counts calls and tokens per model and per day from the itemised records, over the chart\'s range', async () => {
    const content = await setUsageView(panel, usageView);
    const u = content.usage;
    assert.equal(u.periods.length, 7);
    assert.equal(u.periods.at(-1)?.period, dateKey(now()));
    assert.deepEqual(u.reported, { calls: true, tokens: true });
    const records = await api.store.query('lineItems', 'model-usage-test', (source, options) => collectLineItems(source, { from: content.range.from, to: content.range.to }, options));
    const items = records.value.items;
    assert.equal(u.total.records, items.length);
    assert.equal(u.total.calls, items.reduce((a, i) => a + (i.calls ?? 0), 0));
    assert.equal(u.total.outputTokens, items.reduce((a, i) => a + (i.outputTokens ?? 0), 0));
    assert.ok(u.models.length >= 5, 'every model with records');
    const calls = u.models.map((m) => m.calls);
    assert.deepEqual(calls, [...calls].sort((a, b) => b - a), 'most calls first');
    for (const p of u.periods) {
      assert.equal(p.models.reduce((a, m) => a + m.calls, 0), p.total.calls, p.period);
    }
  });

  it('applies the chart\'s filters and granularity', async () => {
    const filtered = await setUsageView(panel, { ...usageView, filter: { productionStep: [], apiKey: [], model: ['qwen-plus'] } });
    assert.deepEqual(filtered.usage.models.map((m) => m.model), ['qwen-plus']);
    assert.ok(filtered.options.model.length >= 5, 'the filter still offers every model');
    const monthly = await setUsageView(panel, { ...usageView, range: { preset: 'last3Months' }, granularity: 'month' });
    assert.equal(monthly.usage.periods.length, 3);
    assert.equal(monthly.usage.periods.at(-1)?.period, monthKey(now()));
  });

  it('switches the metric without loading anything again', async () => {
    const content = await setUsageView(panel, usageView);
    const posted: SpendingHostMessage[] = [];
    const sub = panel.onDidPost((m) => posted.push(m));
    try {
      const view: SpendingView = { ...usageView, usageMetric: 'outputTokens' };
      assert.equal(await panel.receive({ type: 'setView', view }), true);
      assert.deepEqual(panel.view, view);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(panel.content, content, 'the same content');
      assert.deepEqual(posted.filter((m) => m.type === 'content'), []);
    } finally {
      sub.dispose();
    }
    assert.equal(await panel.receive({ type: 'setView', view: { ...usageView, usageMetric: 'amount' } }), false, 'not a metric');
  });

  it('exports one row per day and model, with calls and tokens', async () => {
    const content = await setUsageView(panel, usageView);
    const folder = mkdtempSync(join(tmpdir(), 'qcm-usage-'));
    const file = vscode.Uri.file(join(folder, 'usage.csv'));
    let suggested = '';
    const restorePrompts = seams(api).usePrompts({
      saveFile: async (name) => {
        suggested = name;
        return file;
      },
    });
    try {
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
      assert.equal(suggested, `qwen-cloud-model-usage-${content.range.from}-${content.range.to}.csv`);
      const raw: unknown = parse(readFileSync(file.fsPath, 'utf8'), { bom: true });
      const [header, ...rows] = raw as string[][];
      assert.deepEqual(header, ['Period', 'Model', 'Calls', 'Input tokens', 'Output tokens', 'Amount (USD)']);
      // Every model of every day, unfolded: the export is not limited to the chart's eight groups.
      const models = new Set(rows.map((r) => r[1]));
      assert.equal(models.size, content.usage.models.length);
      assert.equal(rows.reduce((a, r) => a + Number(r[2]), 0), content.usage.total.calls);
    } finally {
      restorePrompts();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shows the free quota in the summary', async () => {
    const summary = new Promise<Extract<SpendingHostMessage, { type: 'summary' }>['summary']>((resolve) => {
      const sub = panel.onDidPost((m) => {
        if (m.type === 'summary' && m.summary.freeQuota) {
          sub.dispose();
          resolve(m.summary);
        }
      });
    });
    await api.store.refresh(['freeQuota'], { force: true });
    const s = await summary;
    assert.deepEqual(s.freeQuota?.map((q) => [q.model, q.status]).sort(), [
      ['qwen-image-plus', 'valid'],
      ['qwen-plus', 'exhausted'],
      ['qwen3-coder-plus', 'exhausted'],
      ['qwen3-max', 'expired'],
      ['qwen3-omni-flash', 'valid'],
      ['qwen3-tts-flash', 'valid'],
    ]);
  });

  it('says so when the records report tokens but no calls', async () => {
    const original = api.store.router;
    api.store.setRouter(new AccountRouter([new TokensOnlySource()], undefined));
    try {
      const content = await waitFor(() => {
        const c = panel.content;
        return c?.kind === 'usage' && c.usage.models.some((m) => m.model === 'qwen3-max') ? c : undefined;
      }, 'the tokens-only account\'s usage');
      assert.deepEqual(content.usage.reported, { calls: false, tokens: true });
      assert.deepEqual(
        content.usage.models.map((m) => [m.model, m.calls, m.inputTokens, m.outputTokens]),
        [
          ['qwen3-max', 0, 400_000, 0],
          ['qwen-plus', 0, 120_000, 30_000],
        ],
        'ordered by tokens when calls are not reported',
      );
    } finally {
      api.store.setRouter(original);
    }
  });
});
