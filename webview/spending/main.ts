// The spending panel in the browser: renders what the host sends and reports what the user asks for.
// It never fetches: `connect-src 'none'` forbids it, and the host owns the data.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { html, nothing, render, type TemplateResult } from 'lit';
import { dateKey } from '../../src/core/common/calendar';
import { formatAge } from '../../src/core/common/format';
import { freeQuotaUnitName, isUsable, orderFreeQuota } from '../../src/core/spending/freeQuota';
import { columnTitle, LINE_ITEM_COLUMNS, type LineItemColumn, NUMERIC_COLUMNS, PAGE_SIZE } from '../../src/core/spending/lineItemTable';
import { totalTokens, USAGE_METRICS, type UsageFigures, type UsageMetric } from '../../src/core/spending/modelUsage';
import { OTHER_GROUP_KEY } from '../../src/core/spending/spending';
import { presetLabel, RANGE_PRESETS, type RangePreset, resolveRange, defaultGranularity } from '../../src/core/spending/spendingRange';
import { CHART_DIMENSIONS, type ChartDimension, type FilterOptions, type SpendingContent, type SpendingSummary } from '../../src/shared/spendingProtocol';
import { onThemeChange, uiLocale } from '../common/host';
import { countFormat, moneyFormat, SpendingChart, type StackedSeries } from './chart';
import { count, dimensionLabel, formatAmount, periodLabel } from './format';
import { change, changeWithoutLoading, channel, type ContentOf, model, setRedraw, update } from './state';
import { chartBox, dataTable, emptyState, meter, valueOf, warningNotice } from './viewParts';

const chart = new SpendingChart();
const app = document.getElementById('app') as HTMLElement;

const today = (): string => dateKey(Date.now());

function onPreset(preset: RangePreset): void {
  if (preset === 'custom') {
    const current = resolveRange(model.view.range, today());
    const from = current.ok ? current.range.from : today();
    const to = current.ok ? current.range.to : today();
    model.draft = { from, to };
    change({ range: { preset, from, to } });
    return;
  }
  change({ range: { preset }, granularity: defaultGranularity(preset) });
}

function applyCustomRange(): void {
  const range = { preset: 'custom' as const, from: model.draft.from, to: model.draft.to };
  const resolved = resolveRange(range, today());
  if (!resolved.ok) {
    model.draft = { ...model.draft, error: resolved.error };
    update();
    return;
  }
  model.draft = { from: range.from, to: range.to };
  change({ range });
}

// --- header ----------------------------------------------------------------------------------------

function summaryView(s: SpendingSummary | undefined): TemplateResult {
  if (!s) {
    return html`<section class="summary" aria-busy="true"><vscode-progress-ring></vscode-progress-ring></section>`;
  }
  const currency = s.monthSpend?.currency ?? s.limit?.amount.currency ?? 'USD';
  const limit = s.limit && s.limit.enabled ? s.limit : undefined;
  const share = limit && s.monthSpend ? s.monthSpend.amount / limit.amount.amount : undefined;
  const percent = share === undefined ? undefined : Math.floor(share * 100);
  const level = share === undefined || !limit ? 'ok' : share >= 1 ? 'over' : share * 100 >= limit.alertThreshold ? 'warn' : 'ok';
  return html`<section class="summary" aria-label=${l10n.t('This month')}>
    <div class="card">
      <div class="card-label">${l10n.t('Billed this month')}</div>
      <div class="card-value" data-testid="month-spend">${s.monthSpend ? formatAmount(s.monthSpend.amount, s.monthSpend.currency) : '—'}</div>
      <div class="card-detail">
        ${s.updatedAt !== undefined ? l10n.t('Updated {0}', formatAge(Math.max(0, Date.now() - s.updatedAt))) : s.loading ? l10n.t('Loading…') : ''}
      </div>
    </div>
    <div class="card">
      <div class="card-label">${l10n.t('Monthly limit')}</div>
      ${limit
        ? html`<div class="card-value">${formatAmount(limit.amount.amount, limit.amount.currency)}</div>
            ${meter(level, l10n.t('Share of the monthly limit used'), Math.min(100, percent ?? 0))}
            <div class="card-detail">${percent === undefined ? '' : l10n.t('{0}% used · alert at {1}%', percent, limit.alertThreshold)}</div>`
        : html`<div class="card-value muted">${s.limit === undefined ? '—' : l10n.t('No limit')}</div>`}
    </div>
    <div class="card">
      <div class="card-label">${l10n.t('Projected by month end')}</div>
      <div class="card-value">${s.projected !== undefined ? formatAmount(s.projected, currency) : '—'}</div>
      <div class="card-detail">${l10n.t('At this month\'s daily pace')}</div>
    </div>
    <div class="card">
      <div class="card-label">${l10n.t('Balance')}</div>
      <div class="card-value">${s.balance ? formatAmount(s.balance.amount, s.balance.currency) : s.balance === null ? l10n.t('Not reported') : '—'}</div>
    </div>
    ${s.error ? warningNotice(l10n.t('Showing the last figures that loaded: {0}', s.error)) : nothing}
  </section>`;
}

// --- controls --------------------------------------------------------------------------------------

function filterControl(d: ChartDimension, options: FilterOptions | undefined): TemplateResult {
  const selected = new Set(model.view.filter[d]);
  const known = options?.[d] ?? [];
  // Keep selected values the range has no spend for, so a filter never silently changes.
  const all = [...known, ...[...selected].filter((k) => !known.some((o) => o.key === k)).map((k) => ({ key: k, name: k }))];
  return html`<label class="control">
    <span class="control-label" id="filter-${d}-label">${dimensionLabel(d)}</span>
    <vscode-multi-select
      aria-labelledby="filter-${d}-label"
      data-testid="filter-${d}"
      @change=${(e: Event) => change({ filter: { ...model.view.filter, [d]: [...(e.target as HTMLSelectElement & { value: string[] }).value] } })}
    >
      ${all.map((o) => html`<vscode-option value=${o.key} ?selected=${selected.has(o.key)}>${o.name || l10n.t('(none)')}</vscode-option>`)}
    </vscode-multi-select>
  </label>`;
}

/** One end of the custom range, kept as typed until Apply. */
function dateField(label: string, end: 'from' | 'to'): TemplateResult {
  return html`<label class="control">
    <span class="control-label">${label}</span>
    <vscode-textfield type="date" .value=${model.draft[end]} @input=${(e: Event) => (model.draft = { ...model.draft, [end]: valueOf(e), error: undefined })}></vscode-textfield>
  </label>`;
}

function controls(options: FilterOptions | undefined): TemplateResult {
  const v = model.view;
  const filtered = CHART_DIMENSIONS.some((d) => v.filter[d].length > 0);
  return html`<section class="controls" aria-label=${l10n.t('What to show')}>
    <div class="control-row">
      <label class="control">
        <span class="control-label" id="range-label">${l10n.t('Time range')}</span>
        <vscode-single-select aria-labelledby="range-label" data-testid="range" @change=${(e: Event) => onPreset(valueOf(e) as RangePreset)}>
          ${RANGE_PRESETS.map((p) => html`<vscode-option value=${p} ?selected=${v.range.preset === p}>${presetLabel(p)}</vscode-option>`)}
        </vscode-single-select>
      </label>
      ${v.range.preset === 'custom'
        ? html`${dateField(l10n.t('From'), 'from')}
            ${dateField(l10n.t('To'), 'to')}
            <vscode-button class="align-end" secondary @click=${applyCustomRange}>${l10n.t('Apply')}</vscode-button>`
        : nothing}
      <label class="control">
        <span class="control-label" id="granularity-label">${l10n.t('Period')}</span>
        <vscode-single-select aria-labelledby="granularity-label" data-testid="granularity" @change=${(e: Event) => change({ granularity: valueOf(e) === 'month' ? 'month' : 'day' })}>
          <vscode-option value="day" ?selected=${v.granularity === 'day'}>${l10n.t('By day')}</vscode-option>
          <vscode-option value="month" ?selected=${v.granularity === 'month'}>${l10n.t('By month')}</vscode-option>
        </vscode-single-select>
      </label>
      ${v.mode === 'usage'
        ? metricControl()
        : html`<label class="control">
            <span class="control-label" id="group-label">${l10n.t('Group by')}</span>
            <vscode-single-select aria-labelledby="group-label" data-testid="group-by" @change=${(e: Event) => change({ groupBy: valueOf(e) as ChartDimension }, false)}>
              ${CHART_DIMENSIONS.map((d) => html`<vscode-option value=${d} ?selected=${v.groupBy === d}>${dimensionLabel(d)}</vscode-option>`)}
            </vscode-single-select>
          </label>`}
    </div>
    ${model.draft.error && v.range.preset === 'custom' ? html`<div class="field-error" role="alert">${model.draft.error}</div>` : nothing}
    <div class="control-row">
      ${CHART_DIMENSIONS.map((d) => filterControl(d, options))}
      ${filtered
        ? html`<vscode-button class="align-end" secondary @click=${() => change({ filter: { productionStep: [], apiKey: [], model: [] } })}>${l10n.t('Clear filters')}</vscode-button>`
        : nothing}
    </div>
    <div class="control-row toolbar">
      <vscode-radio-group aria-label=${l10n.t('Show as')} data-testid="mode">
        <vscode-radio name="mode" value="chart" ?checked=${v.mode === 'chart'} @change=${() => change({ mode: 'chart' }, false)}>${l10n.t('Chart')}</vscode-radio>
        <vscode-radio name="mode" value="list" ?checked=${v.mode === 'list'} @change=${() => change({ mode: 'list' }, false)}>${l10n.t('Itemised list')}</vscode-radio>
        <vscode-radio name="mode" value="usage" ?checked=${v.mode === 'usage'} @change=${() => change({ mode: 'usage' }, false)}>${l10n.t('Model usage')}</vscode-radio>
      </vscode-radio-group>
      <span class="spacer"></span>
      <vscode-button secondary data-testid="export-csv" @click=${() => channel.post({ type: 'exportCsv' })}>${l10n.t('Export CSV…')}</vscode-button>
      ${v.mode !== 'list' ? html`<vscode-button secondary data-testid="copy-chart" @click=${() => void copyChart()}>${l10n.t('Copy chart image')}</vscode-button>` : nothing}
      <vscode-button secondary @click=${() => channel.post({ type: 'refresh' })}>${l10n.t('Refresh')}</vscode-button>
    </div>
  </section>`;
}

function metricLabel(metric: UsageMetric): string {
  switch (metric) {
    case 'calls':
      return l10n.t('Calls');
    case 'inputTokens':
      return l10n.t('Input tokens');
    case 'outputTokens':
      return l10n.t('Output tokens');
  }
}

/** The metric the model usage chart shows: the one chosen, unless the records do not report it. */
function usageMetric(reportsCalls: boolean): UsageMetric {
  const chosen = model.view.usageMetric;
  if (chosen === undefined || (chosen === 'calls' && !reportsCalls)) {
    return reportsCalls ? 'calls' : 'inputTokens';
  }
  return chosen;
}

function metricControl(): TemplateResult {
  const content = model.content;
  const reportsCalls = content?.kind === 'usage' ? content.usage.reported.calls : true;
  const current = usageMetric(reportsCalls);
  return html`<label class="control">
    <span class="control-label" id="metric-label">${l10n.t('Show')}</span>
    <vscode-single-select aria-labelledby="metric-label" data-testid="usage-metric" @change=${(e: Event) => setMetric(valueOf(e))}>
      ${USAGE_METRICS.filter((m) => m !== 'calls' || reportsCalls).map(
        (m) => html`<vscode-option value=${m} ?selected=${m === current}>${metricLabel(m)}</vscode-option>`,
      )}
    </vscode-single-select>
  </label>`;
}

/** Another metric redraws what is on screen: the host keeps the data, so nothing loads. */
function setMetric(value: string): void {
  const metric = USAGE_METRICS.find((m) => m === value);
  if (!metric) {
    return;
  }
  changeWithoutLoading({ usageMetric: metric });
}

async function copyChart(): Promise<void> {
  const png = await chart.toPng();
  if (!png) {
    return;
  }
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    model.notice = { level: 'info', message: l10n.t('Copied the chart to the clipboard.') };
    update();
  } catch {
    // Some hosts keep images off the clipboard: offer to save the picture instead.
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') {
        channel.post({ type: 'saveChartImage', dataUrl: reader.result });
      }
    };
    reader.readAsDataURL(png);
    model.notice = { level: 'info', message: l10n.t('The clipboard does not take images here; choose where to save the chart instead.') };
    update();
  }
}

// --- content ---------------------------------------------------------------------------------------

function facts(): TemplateResult {
  return html`<details class="facts">
    <summary>${l10n.t('About these figures')}</summary>
    <ul>
      <li>${l10n.t('Bills update hourly and can lag a few hours behind usage, so today\'s figures are still growing.')}</li>
      <li>${l10n.t('Usage within a free quota produces no bill and does not appear here.')}</li>
      <li>${l10n.t('Pay-as-you-go usage is reserved as it happens and settled monthly; a month\'s total is final once its bill is settled.')}</li>
    </ul>
  </details>`;
}

function chartView(content: ContentOf<'chart'>): TemplateResult {
  const s = content.series;
  const total = s.periods.reduce((a, p) => a + p.total, 0);
  if (total === 0) {
    return emptyState(l10n.t('No pay-as-you-go spending in this range.'));
  }
  const what = dimensionLabel(model.view.groupBy);
  const description = l10n.t(
    'Stacked bar chart of spending by {0}, {1} periods from {2} to {3}, {4} in total. A table with the same figures follows.',
    what,
    s.periods.length,
    periodLabel(s.periods[0]?.period ?? ''),
    periodLabel(s.periods[s.periods.length - 1]?.period ?? ''),
    formatAmount(total, s.currency),
  );
  return html`${chartBox(description)}
    ${dataTable(l10n.t('Spending by {0} per period ({1})', what, s.currency), s, (n) => formatAmount(n, s.currency))}`;
}

/** The usage as the chart draws it: one metric, the models in their order, "Other" last. */
function usageSeries(usage: ContentOf<'usage'>['usage'], metric: UsageMetric): StackedSeries {
  const name = (key: string, given: string): string => (key === OTHER_GROUP_KEY ? l10n.t('Other') : given || l10n.t('(none)'));
  const sums = new Map<string, { name: string; amount: number }>();
  for (const p of usage.periods) {
    for (const m of p.models) {
      const entry = sums.get(m.model) ?? { name: name(m.model, m.name), amount: 0 };
      entry.amount += m[metric];
      sums.set(m.model, entry);
    }
  }
  const order = [...usage.models.map((m) => m.model), OTHER_GROUP_KEY].filter((k) => sums.has(k));
  return {
    periods: usage.periods.map((p) => ({
      period: p.period,
      total: p.total[metric],
      parts: p.models.map((m) => ({ key: m.model, name: name(m.model, m.name), amount: m[metric] })),
    })),
    totals: order.map((key) => ({ key, name: sums.get(key)?.name ?? key, amount: sums.get(key)?.amount ?? 0 })),
  };
}

/** A model's figures, or the total: a dash where the records do not report calls or tokens. */
function usageRow(heading: string, figures: UsageFigures, usage: ContentOf<'usage'>['usage']): TemplateResult {
  const dash = '—';
  const { calls, tokens } = usage.reported;
  return html`<tr>
    <th scope="row">${heading}</th>
    <td class="num">${calls ? count(figures.calls) : dash}</td>
    <td class="num">${tokens ? count(figures.inputTokens) : dash}</td>
    <td class="num">${tokens ? count(figures.outputTokens) : dash}</td>
    <td class="num">${calls && tokens && figures.calls > 0 ? count(Math.round(totalTokens(figures) / figures.calls)) : dash}</td>
    <td class="num">${formatAmount(figures.amount, usage.currency)}</td>
  </tr>`;
}

function usageView(content: ContentOf<'usage'>): TemplateResult {
  const u = content.usage;
  if (u.total.records === 0) {
    return emptyState(l10n.t('No model usage in this range.'));
  }
  const metric = usageMetric(u.reported.calls);
  const series = usageSeries(u, metric);
  const metricTotal = u.total[metric];
  const money = (n: number): string => formatAmount(n, u.currency);
  const summary = [
    ...(u.reported.calls ? [l10n.t('{0} calls', count(u.total.calls))] : []),
    ...(u.reported.tokens ? [l10n.t('{0} input tokens', count(u.total.inputTokens)), l10n.t('{0} output tokens', count(u.total.outputTokens))] : []),
    l10n.t('{0} billed', money(u.total.amount)),
  ].join(' · ');
  const description = l10n.t(
    'Stacked bar chart of {0} by model, {1} periods from {2} to {3}, {4} in total. Tables with the same figures follow.',
    metricLabel(metric).toLowerCase(),
    u.periods.length,
    periodLabel(u.periods[0]?.period ?? ''),
    periodLabel(u.periods[u.periods.length - 1]?.period ?? ''),
    count(metricTotal),
  );
  return html`${content.truncated
      ? warningNotice(l10n.t('This range holds more records than the panel reads. Narrow the range or filter for complete figures.'))
      : nothing}
    <p class="usage-summary" data-testid="usage-summary">
      <strong>${summary}</strong>
      <span class="muted">${l10n.t('across {0} models, from the itemised records.', u.models.length)}</span>
    </p>
    ${u.reported.calls
      ? nothing
      : html`<p class="note">${u.reported.tokens
          ? l10n.t('This account\'s itemised records report tokens but not calls, so calls are not shown.')
          : l10n.t('The itemised records in this range report neither calls nor tokens; only the amounts billed are shown.')}</p>`}
    ${metricTotal > 0 ? chartBox(description) : nothing}
    <div class="list-box">
      <table class="usage" data-testid="usage-table">
        <caption>${l10n.t('Calls and tokens per model, {0} to {1}', periodLabel(content.range.from), periodLabel(content.range.to))}</caption>
        <thead>
          <tr>
            <th scope="col">${l10n.t('Model')}</th>
            <th scope="col" class="num">${l10n.t('Calls')}</th>
            <th scope="col" class="num">${l10n.t('Input tokens')}</th>
            <th scope="col" class="num">${l10n.t('Output tokens')}</th>
            <th scope="col" class="num">${l10n.t('Tokens per call')}</th>
            <th scope="col" class="num">${l10n.t('Billed')}</th>
          </tr>
        </thead>
        <tbody>
          ${u.models.map((m) => usageRow(m.name || l10n.t('(none)'), m, u))}
        </tbody>
        <tfoot>
          ${usageRow(l10n.t('Total'), u.total, u)}
        </tfoot>
      </table>
    </div>
    ${dataTable(l10n.t('{0} by model per period', metricLabel(metric)), series, count)}`;
}

function freeQuotaStatus(status: 'valid' | 'exhausted' | 'expired', remaining: number): string {
  if (status === 'expired') {
    return l10n.t('Expired');
  }
  return status === 'exhausted' || remaining <= 0 ? l10n.t('Used up') : l10n.t('Available');
}

function freeQuotaView(s: SpendingSummary | undefined): TemplateResult | typeof nothing {
  if (s?.freeQuotaError) {
    return html`<p class="note" role="status">${l10n.t('The free quota could not be loaded: {0}', s.freeQuotaError)}</p>`;
  }
  const quotas = s?.freeQuota;
  if (!quotas || quotas.length === 0) {
    return nothing;
  }
  const ordered = orderFreeQuota(quotas);
  const usable = ordered.filter(isUsable).length;
  const short = (n: number): string => new Intl.NumberFormat(uiLocale(), { notation: n >= 10_000 ? 'compact' : 'standard', maximumFractionDigits: 1 }).format(n);
  const date = (at: number): string => new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' }).format(new Date(at));
  return html`<details class="free-quota" ?open=${usable > 0}>
    <summary>
      <strong>${l10n.t('Free quota')}</strong>
      <span class="muted">${usable > 0 ? l10n.t('{0} of {1} models with quota left. Usage inside a free quota produces no bill.', usable, ordered.length) : l10n.t('None left: all usage is billed.')}</span>
    </summary>
    <table data-testid="free-quota">
      <caption class="sr-only">${l10n.t('Free quota per model')}</caption>
      <thead>
        <tr>
          <th scope="col">${l10n.t('Model')}</th>
          <th scope="col" class="num">${l10n.t('Left')}</th>
          <th scope="col">${l10n.t('Used')}</th>
          <th scope="col">${l10n.t('Until')}</th>
          <th scope="col">${l10n.t('Status')}</th>
        </tr>
      </thead>
      <tbody>
        ${ordered.map((q) => {
          const used = q.total > 0 ? Math.min(100, Math.max(0, Math.round(((q.total - q.remaining) / q.total) * 100))) : 100;
          return html`<tr class=${isUsable(q) ? '' : 'muted'}>
            <th scope="row">${q.model}</th>
            <td class="num">${l10n.t('{0} of {1} {2}', short(q.remaining), short(q.total), freeQuotaUnitName(q.unit))}</td>
            <td>${meter(`quota ${q.status === 'expired' ? 'expired' : used >= 100 ? 'over' : used >= 80 ? 'warn' : 'ok'}`, l10n.t('Share of the free quota used'), used)}</td>
            <td>${q.cycleEnd !== undefined ? date(q.cycleEnd) : '—'}</td>
            <td>${freeQuotaStatus(q.status, q.remaining)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </details>`;
}

function sortHeader(column: LineItemColumn): TemplateResult {
  const sort = model.view.sort;
  const active = sort.column === column;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const next = active && sort.direction === 'desc' ? 'asc' : active ? 'desc' : NUMERIC_COLUMNS.has(column) || column === 'billingDate' ? 'desc' : 'asc';
  return html`<th scope="col" aria-sort=${ariaSort} class=${NUMERIC_COLUMNS.has(column) ? 'num' : ''}>
    <button class="sort" @click=${() => change({ sort: { column, direction: next } })} title=${l10n.t('Sort by {0}', columnTitle(column))}>
      ${columnTitle(column)}<span class="sort-mark" aria-hidden="true">${active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
    </button>
  </th>`;
}

function listView(content: ContentOf<'list'>): TemplateResult {
  if (content.total === 0) {
    return emptyState(l10n.t('No itemised records in this range.'));
  }
  const first = content.page * PAGE_SIZE + 1;
  const last = first + content.rows.length - 1;
  const go = (page: number): void => change({ page }, false);
  return html`${content.truncated
      ? warningNotice(l10n.t('This range holds more records than the list keeps. Narrow the range or filter to see them all.'))
      : nothing}
    <div class="list-box">
      <table class="items" data-testid="items">
        <caption class="sr-only">${l10n.t('Itemised records, rows {0} to {1} of {2}', count(first), count(last), count(content.total))}</caption>
        <thead>
          <tr>${LINE_ITEM_COLUMNS.map(sortHeader)}</tr>
        </thead>
        <tbody>
          ${content.rows.map(
            (r) => html`<tr>
              <td>${r.billingDate}</td>
              <td>${r.billingMonth}</td>
              <td>${r.productionStep}</td>
              <td class="mono">${r.jobId}</td>
              <td>${r.model}</td>
              <td class="num">${count(r.usage)} ${r.unit}</td>
              <td class="num">${formatAmount(r.amount, r.currency, 6)}</td>
              <td>${r.workspace}</td>
              <td>${r.apiKey}</td>
              <td>${r.lineItem}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label=${l10n.t('Pages')}>
      <vscode-button secondary ?disabled=${content.page === 0} @click=${() => go(0)}>${l10n.t('First')}</vscode-button>
      <vscode-button secondary ?disabled=${content.page === 0} @click=${() => go(content.page - 1)}>${l10n.t('Previous')}</vscode-button>
      <span role="status" data-testid="page-status">${l10n.t('Rows {0}–{1} of {2} · page {3} of {4}', count(first), count(last), count(content.total), content.page + 1, content.pageCount)}</span>
      <vscode-button secondary ?disabled=${content.page >= content.pageCount - 1} @click=${() => go(content.page + 1)}>${l10n.t('Next')}</vscode-button>
      <vscode-button secondary ?disabled=${content.page >= content.pageCount - 1} @click=${() => go(content.pageCount - 1)}>${l10n.t('Last')}</vscode-button>
    </nav>`;
}

/** Over figures kept from an earlier answer: how old they are, and why the latest refresh did not replace them. */
function staleNotice(content: ContentOf<'chart' | 'list' | 'usage'>): TemplateResult | typeof nothing {
  if (content.refreshError === undefined) {
    return nothing;
  }
  return html`<div class="notice warning" role="status" data-testid="stale">
    ${l10n.t('Showing data from {0}: the last refresh failed ({1})', formatAge(Math.max(0, Date.now() - content.fetchedAt)), content.refreshError)}
  </div>`;
}

function contentView(content: SpendingContent | undefined): TemplateResult {
  if (!content || content.kind === 'loading') {
    const text = content?.read ? l10n.t('Loading… {0} records read', count(content.read)) : l10n.t('Loading…');
    return html`<div class="loading" role="status"><vscode-progress-ring></vscode-progress-ring><span>${text}</span></div>`;
  }
  switch (content.kind) {
    case 'invalid':
      return html`<div class="notice error" role="alert">${content.message}</div>`;
    case 'error':
      return html`<div class="notice error" role="alert">
        <p>${l10n.t('The spending data could not be loaded: {0}', content.message)}</p>
        <vscode-button @click=${() => channel.post({ type: 'refresh' })}>${l10n.t('Try again')}</vscode-button>
      </div>`;
    case 'chart':
      return html`${staleNotice(content)}${chartView(content)}`;
    case 'list':
      return html`${staleNotice(content)}${listView(content)}`;
    case 'usage':
      return html`${staleNotice(content)}${usageView(content)}`;
  }
}

function page(): TemplateResult {
  if (!model.initialised) {
    return html`<div class="loading" role="status"><vscode-progress-ring></vscode-progress-ring></div>`;
  }
  const s = model.summary;
  const content = model.content;
  const options = content && (content.kind === 'chart' || content.kind === 'list' || content.kind === 'usage') ? content.options : undefined;
  return html`<header class="title-row">
      <h1>${l10n.t('Qwen Cloud spending')}</h1>
      ${s?.label ? html`<span class=${s.demo ? 'badge demo' : 'badge'} data-testid="source-label">${s.label}</span>` : nothing}
      <span class="spacer"></span>
      <vscode-button secondary @click=${() => channel.post({ type: 'openLimit' })}>${l10n.t('Spending limit…')}</vscode-button>
    </header>
    ${summaryView(s)}
    ${freeQuotaView(s)}
    <p class="note">${l10n.t('Bills update hourly and can lag a few hours behind usage.')}</p>
    ${controls(options)}
    ${model.notice
      ? html`<div class="notice ${model.notice.level}" role=${model.notice.level === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>${model.notice.message}</span>
          <button class="link" @click=${() => ((model.notice = undefined), update())}>${l10n.t('Dismiss')}</button>
        </div>`
      : nothing}
    <section class="content" aria-live="polite" aria-busy=${content?.kind === 'loading' ? 'true' : 'false'}>${contentView(content)}</section>
    ${facts()}`;
}

setRedraw(() => {
  render(page(), app);
  app.setAttribute('aria-busy', model.initialised ? 'false' : 'true');
  const canvas = document.getElementById('chart');
  if (canvas instanceof HTMLCanvasElement && model.content?.kind === 'chart') {
    chart.show(canvas, model.content.series, moneyFormat(model.content.series.currency));
  } else if (canvas instanceof HTMLCanvasElement && model.content?.kind === 'usage') {
    chart.show(canvas, usageSeries(model.content.usage, usageMetric(model.content.usage.reported.calls)), countFormat());
  } else {
    chart.destroy();
  }
});

onThemeChange(() => {
  chart.restyle();
  update();
});
// Ages ("updated 3 min ago") move on without new data.
setInterval(() => update(), 30_000);
update();
