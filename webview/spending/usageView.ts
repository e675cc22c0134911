// Model usage: calls and tokens per model, as a summary line, a chart of one metric, a table per model
// and the chart's data table. The metric is picked here and redraws without loading.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { totalTokens, USAGE_METRICS, type UsageFigures, type UsageMetric } from '../../src/core/spending/modelUsage';
import { OTHER_GROUP_KEY } from '../../src/core/spending/spending';
import type { StackedSeries } from './chart';
import { count, formatAmount, periodLabel } from './format';
import { changeWithoutLoading, type ContentOf, model } from './state';
import { planFitView } from './planFitView';
import { chartBox, dataTable, emptyState, valueOf, warningNotice } from './viewParts';

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
export function usageMetric(reportsCalls: boolean): UsageMetric {
  const chosen = model.view.usageMetric;
  if (chosen === undefined || (chosen === 'calls' && !reportsCalls)) {
    return reportsCalls ? 'calls' : 'inputTokens';
  }
  return chosen;
}

export function metricControl(): TemplateResult {
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

/** The usage as the chart draws it: one metric, the models in their order, "Other" last. */
export function usageSeries(usage: ContentOf<'usage'>['usage'], metric: UsageMetric): StackedSeries {
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

export function usageView(content: ContentOf<'usage'>): TemplateResult {
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
    ${dataTable(l10n.t('{0} by model per period', metricLabel(metric)), series, count)}
    ${planFitView(content.planFit)}`;
}
