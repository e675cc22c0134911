// Pieces several of the spending panel's views draw alike: the empty range, the canvas, the data table
// behind a chart, the meter bar and the warning notice.
import * as l10n from '@vscode/l10n';
import { html, type TemplateResult } from 'lit';
import { cssWidth } from '../common/cssWidth';
import type { StackedSeries } from './chart';
import { periodLabel } from './format';
import { model, update } from './state';

/** The value of the control an event came from. */
export function valueOf(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

/** A bar filled to `percent` (0 to 100), coloured by its `level` class, read out as a progress bar. */
export function meter(level: string, label: string, percent: number): TemplateResult {
  return html`<div class="meter ${level}" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}>
    <div class="meter-fill" ${cssWidth(percent)}></div>
  </div>`;
}

export function warningNotice(text: string): TemplateResult {
  return html`<div class="notice warning" role="status">${text}</div>`;
}

/** Nothing to show for the range: what is missing, and the two usual reasons. */
export function emptyState(message: string): TemplateResult {
  return html`<div class="empty" role="status">
    <p>${message}</p>
    <p class="muted">${l10n.t('Usage within a free quota produces no bill, and today\'s usage can take a few hours to appear.')}</p>
  </div>`;
}

/** The canvas the panel's chart is drawn on (see panelChart.ts); `description` tells a screen reader what it shows. */
export function chartBox(description: string): TemplateResult {
  return html`<div class="chart-box">
    <canvas id="chart" role="img" aria-label=${description} data-testid="chart"></canvas>
  </div>`;
}

/** The figures behind a chart, per period and group: shown on request, always there for screen readers. */
export function dataTable(caption: string, series: StackedSeries, format: (value: number) => string): TemplateResult {
  return html`<div class="table-toggle">
      <vscode-button secondary @click=${() => ((model.showTable = !model.showTable), update())} aria-expanded=${model.showTable ? 'true' : 'false'}>
        ${model.showTable ? l10n.t('Hide data table') : l10n.t('Show data table')}
      </vscode-button>
    </div>
    <div class=${model.showTable ? 'data-table' : 'data-table sr-only'}>
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${l10n.t('Period')}</th>
            ${series.totals.map((g) => html`<th scope="col" class="num">${g.name || l10n.t('(none)')}</th>`)}
            <th scope="col" class="num">${l10n.t('Total')}</th>
          </tr>
        </thead>
        <tbody>
          ${series.periods.map(
            (p) => html`<tr>
              <th scope="row">${periodLabel(p.period)}</th>
              ${series.totals.map((g) => html`<td class="num">${format(p.parts.find((x) => x.key === g.key)?.amount ?? 0)}</td>`)}
              <td class="num">${format(p.total)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
