// The top of the spending panel: the title with the source's badge, and this month's cards (billed,
// limit, projection, balance).
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { formatAge } from '../../src/core/common/format';
import type { SpendingSummary } from '../../src/shared/spendingProtocol';
import { formatAmount } from './format';
import { channel } from './state';
import { meter, warningNotice } from './viewParts';

export function titleRow(s: SpendingSummary | undefined): TemplateResult {
  return html`<header class="title-row">
    <h1>${l10n.t('Qwen Cloud spending')}</h1>
    ${s?.label ? html`<span class=${s.demo ? 'badge demo' : 'badge'} data-testid="source-label">${s.label}</span>` : nothing}
    <span class="spacer"></span>
    <vscode-button secondary @click=${() => channel.post({ type: 'openLimit' })}>${l10n.t('Spending limit…')}</vscode-button>
  </header>`;
}

export function summaryView(s: SpendingSummary | undefined): TemplateResult {
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
      <div class="card-label" data-testid="month-spend-label">${l10n.t('Billed this month, before tax')}</div>
      <div class="card-value" data-testid="month-spend">${s.monthSpend ? formatAmount(s.monthSpend.amount, s.monthSpend.currency) : '—'}</div>
      <div class="card-detail">
        ${s.updatedAt !== undefined ? l10n.t('Updated {0}', formatAge(Math.max(0, Date.now() - s.updatedAt))) : s.loading ? l10n.t('Loading…') : ''}
      </div>
      <div class="card-detail">${l10n.t('The Invoices view shows the month including tax.')}</div>
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
