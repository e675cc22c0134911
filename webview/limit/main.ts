// The spending-limit panel in the browser: the current limit, and a form checked as the user types with
// the same rules the host applies again. Nothing is sent until every field is valid. What the user typed
// and has not saved is kept in the webview's state, so hiding the panel or reloading the window loses none.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { html, nothing, render, type TemplateResult } from 'lit';
import { cssWidth } from '../common/cssWidth';
import { formatAge } from '../../src/core/common/format';
import type { UsageLimit } from '../../src/core/account/model';
import { restoreLimitForm, saveLimitDraft } from '../../src/core/spending/limitFormState';
import {
  DEFAULT_ALERT_THRESHOLD,
  formFromLimit,
  type LimitFormErrors,
  MAX_EMAILS,
  parseLimitAmount,
  type UsageLimitForm,
  validateNewEmail,
  validateUsageLimitForm,
} from '../../src/core/spending/usageLimitForm';
import {
  isLimitHostMessage,
  type LimitHostMessage,
  type LimitState,
  type LimitWebviewMessage,
  type SaveOutcome,
} from '../../src/shared/limitProtocol';
import { connect, uiLocale, useL10nBundle } from '../common/host';

interface Model {
  initialised: boolean;
  state?: LimitState;
  form: UsageLimitForm;
  /** The limit the form started from, to tell whether the user changed anything. */
  base?: UsageLimit | null;
  errors: LimitFormErrors;
  /** Errors show once a field was touched or a save was tried. */
  touched: Set<keyof LimitFormErrors>;
  newEmail: string;
  newEmailError?: string;
  saving: boolean;
  result?: { outcome: SaveOutcome; message: string };
  notice?: string;
}

const model: Model = {
  initialised: false,
  form: { enabled: true, amount: '', alertThreshold: DEFAULT_ALERT_THRESHOLD, emails: [] },
  errors: {},
  touched: new Set(),
  newEmail: '',
  saving: false,
};
const app = document.getElementById('app') as HTMLElement;
const channel = connect<LimitHostMessage, LimitWebviewMessage>(isLimitHostMessage, onMessage);
/** What the user had typed before the webview was last torn down; applied once the account's limit is in. */
let draftToRestore: unknown = channel.savedState();

function currency(): string {
  return model.state?.currency ?? 'USD';
}

function money(amount: number): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'currency', currency: currency() }).format(amount);
}

function sameLimit(a: UsageLimit | null | undefined, b: UsageLimit | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function isDirty(): boolean {
  return JSON.stringify(model.form) !== JSON.stringify(formFromLimit(model.base));
}

function onMessage(message: LimitHostMessage): void {
  switch (message.type) {
    case 'init':
      useL10nBundle(message.l10n);
      model.initialised = true;
      break;
    case 'state': {
      const previous = model.state?.limit;
      model.state = message.state;
      const limit = message.state.limit;
      // Follow the account's limit unless the user is in the middle of an edit.
      if (limit !== undefined && (model.base === undefined || (!isDirty() && !sameLimit(previous, limit)))) {
        model.base = limit;
        model.form = formFromLimit(limit);
        model.touched.clear();
        if (draftToRestore !== undefined) {
          // Back after a hide or a reload: the fields the user changed and did not save keep what was typed.
          const restored = restoreLimitForm(draftToRestore, limit);
          draftToRestore = undefined;
          model.form = restored.form;
          model.newEmail = restored.newEmail;
          for (const field of restored.edited) {
            if (field !== 'enabled') {
              model.touched.add(field);
            }
          }
        }
        keepDraft();
      }
      validate();
      break;
    }
    case 'saveResult':
      model.saving = false;
      model.result = { outcome: message.outcome, message: message.message };
      if (message.errors) {
        model.errors = message.errors;
        for (const key of Object.keys(message.errors) as (keyof LimitFormErrors)[]) {
          model.touched.add(key);
        }
      }
      if (message.outcome === 'saved') {
        channel.saveState(undefined);
        // The host refreshes the limit after a save. When the saved limit has come in already (its state
        // can arrive before this result), it is the base; otherwise the next state is.
        const current = model.state?.limit;
        const arrived = current !== undefined && JSON.stringify(formFromLimit(current)) === JSON.stringify(model.form);
        model.base = arrived ? current : undefined;
      }
      break;
    case 'notice':
      model.notice = message.message;
      break;
  }
  update();
}

/** Keeps what the user typed for the next time the webview starts; nothing once it matches the account. */
function keepDraft(): void {
  // Before the account's limit is in, there is nothing to tell an edit from.
  if (model.base !== undefined) {
    channel.saveState(saveLimitDraft(model.form, model.base, model.newEmail));
  }
}

function validate(): boolean {
  const result = validateUsageLimitForm(model.form, currency());
  model.errors = result.ok ? {} : result.errors;
  return result.ok;
}

function edit(patch: Partial<UsageLimitForm>, field?: keyof LimitFormErrors): void {
  model.form = { ...model.form, ...patch };
  if (field) {
    model.touched.add(field);
  }
  model.result = undefined;
  validate();
  keepDraft();
  update();
}

function addEmail(): void {
  const error = validateNewEmail(model.newEmail, model.form.emails);
  if (error) {
    model.newEmailError = error;
    update();
    return;
  }
  model.newEmailError = undefined;
  const email = model.newEmail.trim();
  model.newEmail = '';
  edit({ emails: [...model.form.emails, email] }, 'emails');
}

function save(): void {
  model.touched = new Set(['amount', 'alertThreshold', 'emails']);
  if (!validate()) {
    update();
    const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
    return;
  }
  model.saving = true;
  model.result = undefined;
  channel.post({ type: 'save', form: model.form });
  update();
}

function reset(): void {
  model.form = formFromLimit(model.base);
  model.touched.clear();
  model.result = undefined;
  model.newEmail = '';
  model.newEmailError = undefined;
  validate();
  keepDraft();
  update();
}

function fieldError(field: keyof LimitFormErrors): string | undefined {
  return model.touched.has(field) ? model.errors[field] : undefined;
}

function current(state: LimitState): TemplateResult {
  const limit = state.limit;
  if (limit === undefined) {
    return html`<section class="current" aria-busy="true"><vscode-progress-ring></vscode-progress-ring> ${l10n.t('Loading the spending limit…')}</section>`;
  }
  if (limit === null) {
    return html`<section class="current"><p>${l10n.t('No monthly spending limit is set on this account.')}</p></section>`;
  }
  const spent = state.monthSpend && state.monthSpend.currency === limit.amount.currency ? state.monthSpend.amount : undefined;
  const percent = spent === undefined ? undefined : Math.floor((spent / limit.amount.amount) * 100);
  const level = percent === undefined ? 'ok' : percent >= 100 ? 'over' : percent >= limit.alertThreshold ? 'warn' : 'ok';
  return html`<section class="current" aria-label=${l10n.t('Current limit')} data-testid="current-limit">
    <div class="card">
      <div class="card-label">${l10n.t('Monthly limit')}</div>
      <div class="card-value">${limit.enabled ? money(limit.amount.amount) : l10n.t('Off')}</div>
      <div class="card-detail">
        ${limit.enabled ? l10n.t('Alert at {0}% ({1})', limit.alertThreshold, money((limit.amount.amount * limit.alertThreshold) / 100)) : l10n.t('No limit applies')}
      </div>
    </div>
    <div class="card">
      <div class="card-label">${l10n.t('Billed this month, before tax')}</div>
      <div class="card-value">${spent === undefined ? '—' : money(spent)}</div>
      ${limit.enabled && percent !== undefined
        ? html`<div class="meter ${level}" role="progressbar" aria-label=${l10n.t('Share of the monthly limit used')} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.min(100, percent)}>
              <div class="meter-fill" ${cssWidth(percent)}></div>
            </div>
            <div class="card-detail">${l10n.t('{0}% of the limit', percent)}</div>`
        : nothing}
    </div>
    <div class="card">
      <div class="card-label">${l10n.t('Email alerts')}</div>
      <div class="card-value small">${limit.emails.length === 0 ? l10n.t('None') : limit.emails.join(', ')}</div>
      <div class="card-detail">${state.updatedAt !== undefined ? l10n.t('Updated {0}', formatAge(Math.max(0, Date.now() - state.updatedAt))) : ''}</div>
    </div>
  </section>`;
}

function amountField(): TemplateResult {
  const error = fieldError('amount');
  return html`<div class="field">
    <label for="amount">${l10n.t('Monthly limit ({0})', currency())}</label>
    <vscode-textfield
      id="amount"
      data-testid="amount"
      inputmode="decimal"
      placeholder=${l10n.t('for example 250.00')}
      .value=${model.form.amount}
      ?invalid=${error !== undefined}
      aria-invalid=${error !== undefined ? 'true' : 'false'}
      aria-describedby="amount-help"
      @input=${(e: Event) => edit({ amount: (e.target as HTMLInputElement).value }, 'amount')}
    ></vscode-textfield>
    <div id="amount-help" class=${error ? 'field-error' : 'field-help'} role=${error ? 'alert' : nothing} data-testid="amount-error">
      ${error ?? l10n.t('A positive amount in {0}, charged per calendar month (UTC+8).', currency())}
    </div>
  </div>`;
}

function thresholdField(): TemplateResult {
  const error = fieldError('alertThreshold');
  const parsed = parseLimitAmount(model.form.amount, currency());
  const at = parsed.ok && !error ? l10n.t('Alert when this month\'s spend reaches {0}.', money((parsed.amount * model.form.alertThreshold) / 100)) : '';
  const set = (value: string): void => edit({ alertThreshold: value.trim() === '' ? Number.NaN : Number(value) }, 'alertThreshold');
  return html`<div class="field">
    <label for="threshold">${l10n.t('Alert threshold')}</label>
    <div class="threshold-row">
      <input
        id="threshold"
        type="range"
        min="1"
        max="100"
        step="1"
        .value=${String(Number.isFinite(model.form.alertThreshold) ? model.form.alertThreshold : DEFAULT_ALERT_THRESHOLD)}
        aria-valuetext=${`${model.form.alertThreshold}%`}
        aria-describedby="threshold-help"
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
      <vscode-textfield
        class="percent"
        type="number"
        min="1"
        max="100"
        step="1"
        data-testid="threshold"
        aria-label=${l10n.t('Alert threshold in percent')}
        .value=${Number.isFinite(model.form.alertThreshold) ? String(model.form.alertThreshold) : ''}
        ?invalid=${error !== undefined}
        aria-invalid=${error !== undefined ? 'true' : 'false'}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      ></vscode-textfield>
      <span aria-hidden="true">%</span>
    </div>
    <div id="threshold-help" class=${error ? 'field-error' : 'field-help'} role=${error ? 'alert' : nothing}>${error ?? at}</div>
  </div>`;
}

function emailsField(): TemplateResult {
  const error = fieldError('emails');
  const full = model.form.emails.length >= MAX_EMAILS;
  return html`<fieldset class="field">
    <legend>${l10n.t('Notification emails')}</legend>
    ${model.form.emails.length === 0
      ? html`<p class="field-help">${l10n.t('No addresses: the alerts show only in VS Code.')}</p>`
      : html`<ul class="emails" data-testid="emails">
          ${model.form.emails.map(
            (email, i) => html`<li>
              <span>${email}</span>
              <vscode-button
                secondary
                aria-label=${l10n.t('Remove {0}', email)}
                @click=${() => edit({ emails: model.form.emails.filter((_, j) => j !== i) }, 'emails')}
                >${l10n.t('Remove')}</vscode-button
              >
            </li>`,
          )}
        </ul>`}
    <div class="add-row">
      <vscode-textfield
        type="email"
        data-testid="new-email"
        aria-label=${l10n.t('Email address to add')}
        placeholder=${l10n.t('name@example.com')}
        .value=${model.newEmail}
        ?disabled=${full}
        ?invalid=${model.newEmailError !== undefined}
        aria-invalid=${model.newEmailError !== undefined ? 'true' : 'false'}
        aria-describedby="new-email-help"
        @input=${(e: Event) => {
          model.newEmail = (e.target as HTMLInputElement).value;
          model.newEmailError = undefined;
          keepDraft();
        }}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            addEmail();
          }
        }}
      ></vscode-textfield>
      <vscode-button secondary ?disabled=${full} @click=${addEmail}>${l10n.t('Add')}</vscode-button>
    </div>
    <div id="new-email-help" class=${model.newEmailError || error ? 'field-error' : 'field-help'} role=${model.newEmailError || error ? 'alert' : nothing}>
      ${model.newEmailError ?? error ?? l10n.t('{0} of {1} addresses.', model.form.emails.length, MAX_EMAILS)}
    </div>
  </fieldset>`;
}

function resultView(): TemplateResult | typeof nothing {
  const r = model.result;
  if (!r) {
    return nothing;
  }
  const level = r.outcome === 'saved' || r.outcome === 'unchanged' ? 'info' : r.outcome === 'cancelled' ? 'info' : r.outcome === 'unsupported' ? 'warning' : 'error';
  return html`<div class="notice ${level}" role=${level === 'error' ? 'alert' : 'status'} data-testid="save-result" data-outcome=${r.outcome}>
    <p>${r.message}</p>
    ${r.outcome === 'unsupported'
      ? html`<vscode-button @click=${() => channel.post({ type: 'openConsole' })}>${l10n.t('Open the console')}</vscode-button>`
      : nothing}
  </div>`;
}

function page(): TemplateResult {
  if (!model.initialised) {
    return html`<div class="loading" role="status"><vscode-progress-ring></vscode-progress-ring></div>`;
  }
  const state = model.state;
  if (state?.unavailable) {
    return html`<h1>${l10n.t('Spending limit')}</h1>
      <div class="notice warning" role="status">${l10n.t('No connected account offers the spending limit. Sign in to Qwen Cloud to see and change it.')}</div>`;
  }
  const invalid = Object.keys(model.errors).length > 0;
  return html`<header class="title-row">
      <h1>${l10n.t('Spending limit')}</h1>
      ${state?.label ? html`<span class=${state.demo ? 'badge demo' : 'badge'}>${state.label}</span>` : nothing}
      <span class="spacer"></span>
      <vscode-button secondary @click=${() => channel.post({ type: 'openSpending' })}>${l10n.t('Show spending…')}</vscode-button>
    </header>
    ${state?.error ? html`<div class="notice warning" role="status">${l10n.t('The limit could not be refreshed: {0}', state.error)}</div>` : nothing}
    ${state ? current(state) : nothing}
    ${model.notice ? html`<div class="notice error" role="alert">${model.notice}</div>` : nothing}
    <form
      class="limit-form"
      novalidate
      aria-label=${l10n.t('Change the spending limit')}
      @submit=${(e: Event) => {
        e.preventDefault();
        save();
      }}
    >
      <h2>${l10n.t('Change the limit')}</h2>
      <div class="field">
        <vscode-checkbox
          data-testid="enabled"
          .checked=${model.form.enabled}
          @change=${(e: Event) => edit({ enabled: (e.target as HTMLInputElement).checked })}
          >${l10n.t('Limit monthly pay-as-you-go spending')}</vscode-checkbox
        >
      </div>
      ${amountField()} ${thresholdField()} ${emailsField()}
      <div class="actions">
        <vscode-button data-testid="save" ?disabled=${model.saving || state?.limit === undefined} @click=${save}>
          ${model.saving ? l10n.t('Saving…') : l10n.t('Save…')}
        </vscode-button>
        <vscode-button secondary ?disabled=${model.saving || !isDirty()} @click=${reset}>${l10n.t('Reset')}</vscode-button>
        ${invalid && model.touched.size > 0 ? html`<span class="field-error">${l10n.t('Correct the highlighted fields to save.')}</span>` : nothing}
      </div>
      ${resultView()}
    </form>
    <p class="note">
      ${l10n.t('The extension also alerts you in VS Code when this month\'s spend, or its projection to month end, crosses the threshold or the limit: at most once per threshold per month.')}
    </p>`;
}

function update(): void {
  render(page(), app);
  app.setAttribute('aria-busy', model.initialised ? 'false' : 'true');
}

setInterval(() => update(), 30_000);
update();
