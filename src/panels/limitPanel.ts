// The spending-limit panel: the monthly limit and its alert settings, and a form to change them. Saving
// goes through the store's `mutate`; a backend that does not support the change keeps the form as typed,
// explains, and offers the console.
import * as vscode from 'vscode';
import { describeError } from '../commands/runCommand';
import { Commands, Panels } from '../constants';
import { isQwenCloudError, UnsupportedError } from '../core/account/errors';
import type { ResourceKey } from '../core/account/store';
import { describeLimitChanges, validateUsageLimitForm, type UsageLimitForm } from '../core/spending/usageLimitForm';
import { isLimitWebviewMessage, type LimitHostMessage, type LimitState, type LimitWebviewMessage, type SaveOutcome } from '../shared/limitProtocol';
import { PanelHost, panelHtml, panelOptions } from './panelHost';
import { type PanelCollaborators, PanelManager } from './panelManager';
import { sourceLabel } from './spendingPanel';

const SHOWN: readonly ResourceKey[] = ['usageLimit', 'monthSpend'];

export class LimitPanel extends PanelHost<LimitWebviewMessage, LimitHostMessage> {
  private saving = false;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly c: PanelCollaborators,
  ) {
    super(panel, 'LimitPanel', isLimitWebviewMessage, c.log);
    panel.webview.options = panelOptions(c.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(c.extensionUri, 'media', 'activity-bar.svg');
    panel.webview.html = panelHtml(panel.webview, c.extensionUri, 'limit', vscode.l10n.t('Qwen Cloud Spending Limit'));
    this.register(c.controller.show(SHOWN));
    this.register(
      c.store.onDidChange((key) => {
        if (SHOWN.includes(key)) {
          this.postState();
        }
      }),
    );
  }

  /** What the panel shows (the integration tests read it). */
  state(): LimitState {
    const { store } = this.c;
    const limit = store.get('usageLimit');
    const spend = store.get('monthSpend');
    const source = limit.source ?? spend.source ?? store.router.sources[0]?.info;
    const currency = limit.value?.amount.currency ?? spend.value?.total.currency;
    return {
      label: sourceLabel(source),
      demo: source?.kind === 'demo',
      ...(limit.value !== undefined ? { limit: limit.value } : {}),
      ...(currency ? { currency } : {}),
      ...(spend.value ? { monthSpend: spend.value.total } : {}),
      ...(limit.fetchedAt !== undefined ? { updatedAt: limit.fetchedAt } : {}),
      loading: limit.loading,
      unavailable: limit.unavailable,
      ...(limit.error ? { error: describeError(limit.error) } : {}),
    };
  }

  private postState(): void {
    this.post({ type: 'state', state: this.state() });
  }

  protected async onReady(): Promise<void> {
    this.post({ type: 'init', l10n: vscode.l10n.bundle });
    this.postState();
  }

  protected async handle(message: LimitWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'save':
        await this.save(message.form);
        return;
      case 'refresh':
        await this.c.controller.refresh(SHOWN);
        return;
      case 'openConsole':
        await vscode.commands.executeCommand(Commands.openConsole);
        return;
      case 'openSpending':
        await vscode.commands.executeCommand(Commands.showSpending);
        return;
    }
  }

  protected onHandlerError(error: unknown): void {
    this.post({ type: 'notice', level: 'error', message: describeError(error) });
  }

  private result(outcome: SaveOutcome, message: string, errors?: Partial<Record<'amount' | 'alertThreshold' | 'emails', string>>): SaveOutcome {
    this.post({ type: 'saveResult', outcome, message, ...(errors ? { errors } : {}) });
    return outcome;
  }

  /** Validates again (the webview already did), confirms the changes, then saves through the store. */
  async save(form: UsageLimitForm): Promise<SaveOutcome> {
    if (this.saving) {
      return this.result('cancelled', vscode.l10n.t('A save is already under way.'));
    }
    const state = this.state();
    if (!state.currency) {
      return this.result('failed', vscode.l10n.t('The current limit has not loaded yet. Try again in a moment.'));
    }
    const checked = validateUsageLimitForm(form, state.currency);
    if (!checked.ok) {
      return this.result('invalid', vscode.l10n.t('Correct the highlighted fields.'), checked.errors);
    }
    const changes = describeLimitChanges(state.limit, checked.limit);
    if (changes.length === 0) {
      return this.result('unchanged', vscode.l10n.t('Nothing to save: the limit is already set this way.'));
    }
    const demo = state.demo ? ` (${vscode.l10n.t('Demo')})` : '';
    const saveAction = vscode.l10n.t('Save');
    const choice = await this.c.prompts.confirm(vscode.l10n.t('Change the monthly spending limit?') + demo, changes.join('\n'), saveAction);
    if (choice !== saveAction) {
      return this.result('cancelled', vscode.l10n.t('Not saved.'));
    }
    this.saving = true;
    try {
      await this.c.store.mutate(
        'usageLimit',
        async (source, options) => {
          if (!source.setUsageLimit) {
            throw new UnsupportedError('The account does not offer changing the spending limit.');
          }
          await source.setUsageLimit(checked.limit, options);
        },
        { resources: ['usageLimit'] },
      );
      this.c.log.info('Spending limit saved.');
      return this.result('saved', vscode.l10n.t('Saved. The limit and its alerts are in effect.'));
    } catch (error) {
      if (isQwenCloudError(error) && error.kind === 'unsupported') {
        this.c.log.warn('Saving the spending limit is not supported by the account; the form keeps the values.');
        return this.result(
          'unsupported',
          vscode.l10n.t(
            'Qwen Cloud does not accept spending-limit changes through its API for this account. Your values are kept here: set them in the console. Alerts in VS Code still follow the limit the account reports.',
          ),
        );
      }
      this.c.log.error('Saving the spending limit failed', error);
      return this.result('failed', vscode.l10n.t('The limit was not saved: {0}', describeError(error)));
    } finally {
      this.saving = false;
    }
  }
}

/** Owns the one spending-limit panel: creates, reveals, restores. */
export class LimitPanelManager extends PanelManager<LimitPanel, void> {
  constructor(c: PanelCollaborators) {
    super(Panels.spendingLimit, vscode.l10n.t('Qwen Cloud Spending Limit'), c);
  }

  createOrShow(): LimitPanel {
    return this.reveal() ?? this.open();
  }

  protected host(webviewPanel: vscode.WebviewPanel): LimitPanel {
    return new LimitPanel(webviewPanel, this.c);
  }

  /** The form shows the account's limit, so nothing the webview saved is needed. */
  protected restore(): void {}
}
