// Spending as a stacked bar chart per period, grouped by the chosen dimension, with its data table.
import * as l10n from '@vscode/l10n';
import { html, type TemplateResult } from 'lit';
import { dimensionLabel, formatAmount, periodLabel } from './format';
import { type ContentOf, model } from './state';
import { chartBox, dataTable, emptyState } from './viewParts';

export function chartView(content: ContentOf<'chart'>): TemplateResult {
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
