// The free quota per model: what is left, how much is used, until when. Open while any quota is left,
// since usage inside one produces no bill and so never shows in the figures. It follows the chart, which
// it would otherwise push below the fold.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { freeQuotaUnitName, isUsable, orderFreeQuota } from '../../src/core/spending/freeQuota';
import type { SpendingSummary } from '../../src/shared/spendingProtocol';
import { uiLocale } from '../common/host';
import { meter } from './viewParts';

function freeQuotaStatus(status: 'valid' | 'exhausted' | 'expired', remaining: number): string {
  if (status === 'expired') {
    return l10n.t('Expired');
  }
  return status === 'exhausted' || remaining <= 0 ? l10n.t('Used up') : l10n.t('Available');
}

export function freeQuotaView(s: SpendingSummary | undefined): TemplateResult | typeof nothing {
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
