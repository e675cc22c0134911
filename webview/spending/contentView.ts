// The panel's main area for the chosen view: loading, a refused range or an error, or else the chart,
// the itemised list or the model usage, after a notice when the last refresh failed and older figures show.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { formatAge } from '../../src/core/common/format';
import type { SpendingContent } from '../../src/shared/spendingProtocol';
import { chartView } from './chartView';
import { count } from './format';
import { listView } from './listView';
import { channel, type ContentOf } from './state';
import { usageView } from './usageView';

/** Over figures kept from an earlier answer: how old they are, and why the latest refresh did not replace them. */
function staleNotice(content: ContentOf<'chart' | 'list' | 'usage'>): TemplateResult | typeof nothing {
  if (content.refreshError === undefined) {
    return nothing;
  }
  return html`<div class="notice warning" role="status" data-testid="stale">
    ${l10n.t('Showing data from {0}: the last refresh failed ({1})', formatAge(Math.max(0, Date.now() - content.fetchedAt)), content.refreshError)}
  </div>`;
}

export function contentView(content: SpendingContent | undefined): TemplateResult {
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
