// The itemised list: one page of billing records, sorted by the column the user picked, with a pager.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { columnTitle, LINE_ITEM_COLUMNS, type LineItemColumn, NUMERIC_COLUMNS, PAGE_SIZE } from '../../src/core/spending/lineItemTable';
import { count, formatAmount } from './format';
import { change, type ContentOf, model } from './state';
import { emptyState, warningNotice } from './viewParts';

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

export function listView(content: ContentOf<'list'>): TemplateResult {
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
