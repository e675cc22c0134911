// The spending panel in the browser: renders what the host sends and reports what the user asks for.
// It never fetches: `connect-src 'none'` forbids it, and the host owns the data. This entry lays out the
// page from the views and redraws it; state.ts holds the state and the channel to the host.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../common/filterSelect';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { html, nothing, render, type TemplateResult } from 'lit';
import { onThemeChange } from '../common/host';
import { contentView } from './contentView';
import { controlsView } from './controlsView';
import { freeQuotaView } from './freeQuotaView';
import { drawChart, restyleChart } from './panelChart';
import { model, setRedraw, update } from './state';
import { summaryView, titleRow } from './summaryView';

const app = document.getElementById('app') as HTMLElement;

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

/** The chart (or list) comes right after the controls that shape it; the free quota, a long table on some accounts, follows it. */
function page(): TemplateResult {
  if (!model.initialised) {
    return html`<div class="loading" role="status"><vscode-progress-ring></vscode-progress-ring></div>`;
  }
  const s = model.summary;
  const content = model.content;
  const options = content && (content.kind === 'chart' || content.kind === 'list' || content.kind === 'usage') ? content.options : undefined;
  return html`${titleRow(s)}
    ${summaryView(s)}
    <p class="note">${l10n.t('Bills update hourly and can lag a few hours behind usage.')}</p>
    ${controlsView(options)}
    ${model.notice
      ? html`<div class="notice ${model.notice.level}" role=${model.notice.level === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>${model.notice.message}</span>
          <button class="link" @click=${() => ((model.notice = undefined), update())}>${l10n.t('Dismiss')}</button>
        </div>`
      : nothing}
    <section class="content" aria-live="polite" aria-busy=${content?.kind === 'loading' ? 'true' : 'false'}>${contentView(content)}</section>
    ${freeQuotaView(s)}
    ${facts()}`;
}

setRedraw(() => {
  render(page(), app);
  app.setAttribute('aria-busy', model.initialised ? 'false' : 'true');
  drawChart();
});
onThemeChange(() => {
  restyleChart();
  update();
});
// Ages ("updated 3 min ago") move on without new data.
setInterval(() => update(), 30_000);
update();
