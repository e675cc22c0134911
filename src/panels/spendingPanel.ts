// The spending panel: this month against the limit and the free quota, a chart by period and group, the
// itemised list, model usage statistics (calls and tokens per model, from the itemised records), and CSV
// export. It reads everything through the store (`get` for snapshots, `query` for series and lists)
// and tells the controller what it shows; the webview only renders what it is sent.
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { toDisposable } from '../common/lifecycle';
import { Commands, Panels } from '../constants';
import type { AccountRouter, CostQuery, DimensionFilter, SourceInfo, SpendingGroupTotal, SpendingSeries } from '../core/account/source';
import { dateKey, isMonthKey } from '../core/common/calendar';
import { InvalidInputError } from '../core/account/errors';
import { collectLineItems, type LineItemRow, pageOf, sortRows, toRow } from '../core/spending/lineItemTable';
import type { LineItem } from '../core/account/model';
import { aggregateModelUsage, foldModelUsage, type ModelUsage } from '../core/spending/modelUsage';
import { planFit } from '../core/spending/planFit';
import { DEFAULT_PLAN_OFFERS, pricedOffers } from '../core/spending/planOffers';
import { projectMonthSpend } from '../core/spending/spendAlerts';
import { foldGroups } from '../core/spending/spending';
import { lineItemsCsvParts, modelUsageCsv, seriesCsv } from '../core/spending/spendingCsv';
import { monthRange, type ResolvedRange, resolveRange } from '../core/spending/spendingRange';
import { failureOutcome, type RefreshOutcome, type ResourceKey } from '../core/account/store';
import { describeError } from '../commands/runCommand';
import {
  CHART_DIMENSIONS,
  DEFAULT_SPENDING_VIEW,
  type FilterOptions,
  isSpendingView,
  isSpendingWebviewMessage,
  type SpendingContent,
  type SpendingHostMessage,
  type SpendingSummary,
  type SpendingView,
  type SpendingWebviewMessage,
} from '../shared/spendingProtocol';
import { PanelHost, panelHtml, panelOptions } from './panelHost';
import { type PanelCollaborators, PanelManager } from './panelManager';

/** Groups the chart shows on their own; the rest add up to "Other". Eight theme colours tell them apart. */
const MAX_CHART_GROUPS = 8;
/** How often a long read of itemised records reports its progress to the webview. */
const PROGRESS_INTERVAL_MS = 500;
const SHOWN: readonly ResourceKey[] = ['monthSpend', 'usageLimit', 'balance', 'workspaces', 'freeQuota'];

/** What the spending command accepts: `{ month: 'YYYY-MM' }` opens the panel on one billing month. */
export interface ShowSpendingArgs {
  readonly month?: string;
}

export function parseShowSpendingArgs(value: unknown): ShowSpendingArgs {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value === 'object' && 'month' in value && typeof value.month === 'string' && isMonthKey(value.month)) {
    return { month: value.month };
  }
  throw new InvalidInputError(vscode.l10n.t('The spending panel opens on a month given as {0}.', '{ month: "YYYY-MM" }'));
}

export function sourceLabel(source: SourceInfo | undefined): string {
  if (!source) {
    return '';
  }
  return source.kind === 'demo' ? vscode.l10n.t('Demo') : source.label;
}

/** Spend with no API key (a fine-tuning job, say) gets a name that says so. */
function withGroupNames(series: SpendingSeries): SpendingSeries {
  const name = (g: SpendingGroupTotal): SpendingGroupTotal =>
    g.key === '' ? { ...g, name: series.groupBy === 'apiKey' ? vscode.l10n.t('No API key') : vscode.l10n.t('(none)') } : g;
  return { ...series, periods: series.periods.map((p) => ({ ...p, parts: p.parts.map(name) })), totals: series.totals.map(name) };
}

/** Two views that ask for the same data: they differ at most in the model usage chart's metric. */
function sameDataView(a: SpendingView, b: SpendingView): boolean {
  const { usageMetric: _a, ...restA } = a;
  const { usageMetric: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}

function filterOf(view: SpendingView): DimensionFilter {
  const filter: Record<string, readonly string[]> = {};
  for (const d of CHART_DIMENSIONS) {
    if (view.filter[d].length > 0) {
      filter[d] = view.filter[d];
    }
  }
  return filter;
}

export class SpendingPanel extends PanelHost<SpendingWebviewMessage, SpendingHostMessage> {
  private viewState: SpendingView;
  private generation = 0;
  private lastContent: SpendingContent | undefined;
  /** The view `lastContent` answers (as JSON): a refresh of the same view keeps it on screen meanwhile. */
  private contentView: string | undefined;
  /** The account `lastContent` came from: another account's figures are never kept, not even as stale. */
  private contentRouter: AccountRouter | undefined;
  /** Retries a failed load on the controller's ticks until one succeeds. */
  private retry: vscode.Disposable | undefined;
  /** The sorted list behind the last page shown, so paging does not sort again. */
  private sorted: { readonly key: string; readonly rows: readonly LineItemRow[] } | undefined;
  /** The data behind what is on screen, for the export. */
  private current:
    | { readonly kind: 'chart'; readonly series: SpendingSeries }
    | { readonly kind: 'list'; readonly rows: readonly LineItemRow[] }
    | { readonly kind: 'usage'; readonly usage: ModelUsage }
    | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    view: SpendingView,
    private readonly c: PanelCollaborators,
  ) {
    super(panel, 'SpendingPanel', isSpendingWebviewMessage, c.log);
    this.viewState = view;
    panel.webview.options = panelOptions(c.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(c.extensionUri, 'media', 'activity-bar.svg');
    panel.webview.html = panelHtml(panel.webview, c.extensionUri, 'spending', vscode.l10n.t('Qwen Cloud Spending'));
    this.register(c.controller.show(SHOWN));
    this.register(
      c.store.onDidChange((key) => {
        if (SHOWN.includes(key)) {
          this.postSummary();
        }
      }),
    );
    this.register(
      c.store.onDidInvalidate((feature) => {
        if (feature === 'costAnalysis' || feature === 'lineItems') {
          void this.load();
        }
      }),
    );
    this.register(toDisposable(() => this.stopRetrying()));
  }

  private stopRetrying(): void {
    this.retry?.dispose();
    this.retry = undefined;
  }

  get view(): SpendingView {
    return this.viewState;
  }

  /** What the content area shows now (the integration tests read it). */
  get content(): SpendingContent | undefined {
    return this.lastContent;
  }

  /** Switches to another view, as the webview's `setView` does; used when the command opens a month. */
  async show(view: SpendingView): Promise<void> {
    this.viewState = view;
    if (this.ready) {
      this.post({ type: 'init', view, l10n: vscode.l10n.bundle });
    }
    await this.load();
  }

  protected async onReady(): Promise<void> {
    this.post({ type: 'init', view: this.viewState, l10n: vscode.l10n.bundle });
    this.postSummary();
    await this.load();
  }

  protected async handle(message: SpendingWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'setView': {
        const previous = this.viewState;
        this.viewState = message.view;
        // Another metric of the model usage on screen is the webview's to draw: the data stays the same.
        if (this.lastContent?.kind === 'usage' && sameDataView(previous, message.view)) {
          return;
        }
        await this.load();
        return;
      }
      case 'refresh':
        await this.c.controller.refresh(SHOWN);
        await this.load({ force: true });
        return;
      case 'exportCsv':
        return this.exportCsv();
      case 'saveChartImage':
        return this.saveChartImage(message.dataUrl);
      case 'openLimit':
        await vscode.commands.executeCommand(Commands.showSpendingLimit);
        return;
    }
  }

  protected onHandlerError(error: unknown): void {
    this.post({ type: 'notice', level: 'error', message: describeError(error) });
  }

  private summary(): SpendingSummary {
    const { store, clock } = this.c;
    const spend = store.get('monthSpend');
    const limit = store.get('usageLimit');
    const balance = store.get('balance');
    const freeQuota = store.get('freeQuota');
    const source = spend.source ?? limit.source ?? store.router.sources[0]?.info;
    const error = spend.error ?? limit.error ?? balance.error;
    return {
      label: sourceLabel(source),
      demo: source?.kind === 'demo',
      ...(spend.value ? { month: spend.value.month, monthSpend: spend.value.total, projected: projectMonthSpend(spend.value, clock.now()).projected } : {}),
      ...(limit.value !== undefined ? { limit: limit.value } : {}),
      ...(balance.value !== undefined ? { balance: balance.value?.available ?? null } : {}),
      ...(freeQuota.value !== undefined ? { freeQuota: freeQuota.value } : {}),
      ...(freeQuota.value === undefined && freeQuota.error ? { freeQuotaError: describeError(freeQuota.error) } : {}),
      ...(spend.fetchedAt !== undefined ? { updatedAt: spend.fetchedAt } : {}),
      loading: spend.loading || limit.loading,
      ...(error ? { error: describeError(error) } : {}),
    };
  }

  private postSummary(): void {
    this.post({ type: 'summary', summary: this.summary() });
  }

  private setContent(content: SpendingContent): void {
    this.lastContent = content;
    this.contentView = JSON.stringify(this.viewState);
    this.contentRouter = this.c.store.router;
    this.post({ type: 'content', view: this.viewState, content });
  }

  /**
   * Fetches what the view asks for; a newer request makes an older answer moot. Asking again for the view
   * already shown keeps it on screen meanwhile, and keeps it, marked stale, if the answer fails. A failure
   * is retried on the controller's ticks, so the panel recovers by itself.
   */
  private async load(options: { force?: boolean } = {}): Promise<RefreshOutcome> {
    const generation = ++this.generation;
    const view = this.viewState;
    const resolved = resolveRange(view.range, dateKey(this.c.clock.now()));
    if (!resolved.ok) {
      this.current = undefined;
      this.stopRetrying();
      this.setContent({ kind: 'invalid', message: resolved.error });
      return { ok: true };
    }
    const shown = this.lastContent;
    const sameAccount = this.contentRouter === this.c.store.router;
    const kept = sameAccount && this.contentView === JSON.stringify(view) && (shown?.kind === 'chart' || shown?.kind === 'list' || shown?.kind === 'usage') ? shown : undefined;
    if (!kept) {
      this.setContent({ kind: 'loading' });
    }
    try {
      const range = resolved.range;
      const force = options.force === true;
      const [options_, content] = await Promise.all([
        this.filterOptions(range, force),
        view.mode === 'chart' ? this.chart(view, range, force) : this.list(view, range, force),
      ]);
      if (generation !== this.generation) {
        return { ok: true };
      }
      this.stopRetrying();
      if (content.kind === 'chart') {
        this.current = { kind: 'chart', series: content.series };
        const folded = foldGroups(content.series, MAX_CHART_GROUPS, vscode.l10n.t('Other'));
        this.setContent({ kind: 'chart', range, series: folded, options: options_, fetchedAt: content.fetchedAt });
      } else if (view.mode === 'usage') {
        const currency = content.items[0]?.currency ?? this.c.store.get('monthSpend').value?.total.currency ?? 'USD';
        const usage = aggregateModelUsage(content.items, { granularity: view.granularity, from: range.from, to: range.to, filter: filterOf(view) }, currency);
        this.current = { kind: 'usage', usage };
        const folded = foldModelUsage(usage, MAX_CHART_GROUPS, vscode.l10n.t('Other'));
        const fit = planFit({ items: content.items, from: range.from, to: range.to, currency, offers: pricedOffers(DEFAULT_PLAN_OFFERS, this.c.settings?.value.planFit.prices ?? {}) });
        const plans = { ...fit, sources: DEFAULT_PLAN_OFFERS.sources, asOf: DEFAULT_PLAN_OFFERS.asOf };
        this.setContent({ kind: 'usage', range, usage: folded, truncated: content.truncated, planFit: plans, options: options_, fetchedAt: content.fetchedAt });
      } else {
        const workspaceList = this.c.store.get('workspaces').value ?? [];
        const key = JSON.stringify([range, view.filter, view.sort, content.fetchedAt, options_.apiKey, workspaceList]);
        let rows = this.sorted?.key === key ? this.sorted.rows : undefined;
        if (!rows) {
          const names = new Map(options_.apiKey.map((o) => [o.key, o.name]));
          const workspaces = new Map(workspaceList.map((w) => [w.id, w.name]));
          rows = sortRows(
            content.items.map((item) => toRow(item, { apiKey: (id) => names.get(id), workspace: (id) => workspaces.get(id) })),
            view.sort,
          );
          this.sorted = { key, rows };
        }
        this.current = { kind: 'list', rows };
        const page = pageOf(rows, view.page);
        this.setContent({ kind: 'list', range, ...page, truncated: content.truncated, options: options_, fetchedAt: content.fetchedAt });
      }
      return { ok: true };
    } catch (error) {
      if (generation !== this.generation) {
        return { ok: true };
      }
      this.log.warn(`Spending panel: loading failed: ${error instanceof Error ? error.message : String(error)}`);
      if (kept) {
        // What was shown stays (and so does what the export writes), with the failure beside it.
        this.setContent({ ...kept, refreshError: describeError(error) });
      } else {
        this.current = undefined;
        this.setContent({ kind: 'error', message: describeError(error) });
      }
      const outcome = failureOutcome(error);
      this.retry ??= this.c.controller.retryUntilLoaded(() => this.load(), outcome);
      return outcome;
    }
  }

  private async costAnalysis(query: CostQuery, force: boolean): Promise<{ series: SpendingSeries; fetchedAt: number }> {
    const result = await this.c.store.query('costAnalysis', JSON.stringify(query), (source, o) => {
      if (!source.getCostAnalysis) {
        throw new Error('The source serves cost analysis without getCostAnalysis.');
      }
      return source.getCostAnalysis(query, o);
    }, { force });
    return { series: withGroupNames(result.value), fetchedAt: result.fetchedAt };
  }

  private async chart(view: SpendingView, range: ResolvedRange, force: boolean): Promise<{ kind: 'chart'; series: SpendingSeries; fetchedAt: number }> {
    const query: CostQuery = { granularity: view.granularity, from: range.from, to: range.to, groupBy: view.groupBy, filter: filterOf(view) };
    return { kind: 'chart', ...(await this.costAnalysis(query, force)) };
  }

  private async list(
    view: SpendingView,
    range: ResolvedRange,
    force: boolean,
  ): Promise<{ kind: 'list'; items: readonly LineItem[]; truncated: boolean; fetchedAt: number }> {
    const query = { from: range.from, to: range.to, filter: filterOf(view) };
    const generation = this.generation;
    let reported = 0;
    // A long range reads page after page: say how far it got, about twice a second, over the spinner only.
    const onProgress = (read: number): void => {
      const now = performance.now();
      if (generation === this.generation && this.lastContent?.kind === 'loading' && now - reported >= PROGRESS_INTERVAL_MS) {
        reported = now;
        this.setContent({ kind: 'loading', read });
      }
    };
    const result = await this.c.store.query('lineItems', JSON.stringify(query), (source, o) => collectLineItems(source, query, o, undefined, undefined, onProgress), { force });
    return { kind: 'list', ...result.value, fetchedAt: result.fetchedAt };
  }

  /** The values each filter offers: every group with spend in the range. */
  private async filterOptions(range: ResolvedRange, force: boolean): Promise<FilterOptions> {
    const [productionStep, apiKey, model] = await Promise.all(
      CHART_DIMENSIONS.map(async (groupBy) => {
        const { series } = await this.costAnalysis({ granularity: 'month', from: range.from, to: range.to, groupBy }, force);
        return series.totals.map((t) => ({ key: t.key, name: t.name }));
      }),
    );
    return { productionStep: productionStep ?? [], apiKey: apiKey ?? [], model: model ?? [] };
  }

  private async exportCsv(): Promise<void> {
    const current = this.current;
    const content = this.lastContent;
    if (!current || !content || (content.kind !== 'chart' && content.kind !== 'list' && content.kind !== 'usage')) {
      this.post({ type: 'notice', level: 'warning', message: vscode.l10n.t('There is nothing to export yet.') });
      return;
    }
    const { from, to } = content.range;
    const name = {
      list: `qwen-cloud-line-items-${from}-${to}.csv`,
      chart: `qwen-cloud-spending-${from}-${to}.csv`,
      usage: `qwen-cloud-model-usage-${from}-${to}.csv`,
    }[current.kind];
    const uri = await this.c.prompts.saveFile(name, { [vscode.l10n.t('CSV files')]: ['csv'] });
    if (!uri) {
      return;
    }
    const parts: string[] = [];
    if (current.kind === 'list') {
      for (const part of lineItemsCsvParts(current.rows)) {
        parts.push(part);
        // Let the extension host breathe between pieces of a long export.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } else if (current.kind === 'usage') {
      parts.push(modelUsageCsv(current.usage));
    } else {
      parts.push(seriesCsv(current.series));
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(parts.join('')));
    const count =
      current.kind === 'list'
        ? current.rows.length
        : current.kind === 'usage'
          ? current.usage.periods.reduce((n, p) => n + p.models.length, 0)
          : current.series.periods.length;
    this.log.info(`Spending panel: exported ${count} rows.`);
    this.post({ type: 'notice', level: 'info', message: vscode.l10n.t('Exported {0} rows to {1}.', count, vscode.workspace.asRelativePath(uri)) });
  }

  private async saveChartImage(dataUrl: string): Promise<void> {
    const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    // A PNG starts with its 8-byte signature; anything else is not what the chart produces.
    if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47 || bytes.readUInt32BE(4) !== 0x0d0a1a0a) {
      this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('The chart image could not be read.') });
      return;
    }
    const uri = await this.c.prompts.saveFile('qwen-cloud-spending.png', { [vscode.l10n.t('PNG images')]: ['png'] });
    if (!uri) {
      return;
    }
    await vscode.workspace.fs.writeFile(uri, bytes);
    this.post({ type: 'notice', level: 'info', message: vscode.l10n.t('Saved the chart to {0}.', vscode.workspace.asRelativePath(uri)) });
  }
}

/** Owns the one spending panel: creates it, reveals it instead of opening a second, restores it after a reload. */
export class SpendingPanelManager extends PanelManager<SpendingPanel, SpendingView> {
  constructor(c: PanelCollaborators) {
    super(Panels.spending, vscode.l10n.t('Qwen Cloud Spending'), c);
  }

  async createOrShow(args: ShowSpendingArgs = {}): Promise<SpendingPanel> {
    const view: SpendingView | undefined = args.month
      ? { ...(this.current?.view ?? DEFAULT_SPENDING_VIEW), range: monthRange(args.month), granularity: 'day', page: 0 }
      : undefined;
    const shown = this.reveal();
    if (!shown) {
      return this.open(view ?? DEFAULT_SPENDING_VIEW);
    }
    if (view) {
      await shown.show(view);
    }
    return shown;
  }

  protected host(webviewPanel: vscode.WebviewPanel, view: SpendingView): SpendingPanel {
    return new SpendingPanel(webviewPanel, view, this.c);
  }

  /** The view the webview saved, or the default when it saved none this version understands. */
  protected restore(saved: unknown): SpendingView {
    return typeof saved === 'object' && saved !== null && 'view' in saved && isSpendingView(saved.view) ? saved.view : DEFAULT_SPENDING_VIEW;
  }
}
