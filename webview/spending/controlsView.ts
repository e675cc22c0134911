// What to show: the time range (a preset, or a custom one applied on request), the period, the grouping
// or the usage metric, the filters, and the toolbar (chart, list or usage; export, copy, refresh).
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { dateKey } from '../../src/core/common/calendar';
import { defaultGranularity, presetLabel, RANGE_PRESETS, type RangePreset, resolveRange } from '../../src/core/spending/spendingRange';
import { CHART_DIMENSIONS, type ChartDimension, type FilterOptions } from '../../src/shared/spendingProtocol';
import { dimensionLabel } from './format';
import { copyChart } from './panelChart';
import { change, channel, model, update } from './state';
import { metricControl } from './usageView';
import { valueOf } from './viewParts';

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

function filterControl(d: ChartDimension, options: FilterOptions | undefined): TemplateResult {
  const selected = new Set(model.view.filter[d]);
  const known = options?.[d] ?? [];
  // Keep selected values the range has no spend for, so a filter never silently changes.
  const all = [...known, ...[...selected].filter((k) => !known.some((o) => o.key === k)).map((k) => ({ key: k, name: k }))];
  return html`<label class="control">
    <span class="control-label" id="filter-${d}-label">${dimensionLabel(d)}</span>
    <qcm-filter-select
      aria-labelledby="filter-${d}-label"
      data-testid="filter-${d}"
      @change=${(e: Event) => change({ filter: { ...model.view.filter, [d]: [...(e.target as HTMLSelectElement & { value: string[] }).value] } })}
    >
      ${all.map((o) => html`<vscode-option value=${o.key} ?selected=${selected.has(o.key)}>${o.name || l10n.t('(none)')}</vscode-option>`)}
    </qcm-filter-select>
  </label>`;
}

/** One end of the custom range, kept as typed until Apply. */
function dateField(label: string, end: 'from' | 'to'): TemplateResult {
  return html`<label class="control">
    <span class="control-label">${label}</span>
    <vscode-textfield type="date" .value=${model.draft[end]} @input=${(e: Event) => (model.draft = { ...model.draft, [end]: valueOf(e), error: undefined })}></vscode-textfield>
  </label>`;
}

export function controlsView(options: FilterOptions | undefined): TemplateResult {
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
