// The status bar item: the Coding Plan's tightest window at a glance.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { Commands, StatusBarIds } from '../constants';
import type { Clock } from '../core/clock';
import { formatAge, formatCount, formatDuration, windowName, windowShortName } from '../core/format';
import { percentUsed, remaining, tightestWindow } from '../core/quota';
import type { AccountStore } from '../core/store';
import type { Settings, SettingsService } from '../config/settings';
import type { AccountController } from '../account/accountController';

export interface StatusBarView {
  readonly text: string;
  readonly tooltip: string;
  readonly backgroundColor?: string;
}

export class QuotaStatusBar extends DisposableOwner {
  private item: vscode.StatusBarItem | undefined;
  private shown: vscode.Disposable | undefined;

  constructor(
    private readonly store: AccountStore,
    private readonly settings: SettingsService,
    private readonly controller: AccountController,
    private readonly clock: Clock,
  ) {
    super();
    this.register(
      store.onDidChange((key) => {
        if (key === 'codingPlan') {
          this.render();
        }
      }),
    );
    this.register(settings.onDidChange((value) => this.apply(value)));
    this.register(toDisposable(() => void this.shown?.dispose()));
    this.register(toDisposable(() => void this.item?.dispose()));
    this.apply(settings.value);
  }

  /** Alignment cannot change on a live item, so a changed alignment recreates it. */
  private apply(settings: Settings): void {
    const alignment = settings.statusBar.alignment === 'left' ? vscode.StatusBarAlignment.Left : vscode.StatusBarAlignment.Right;
    if (!settings.statusBar.enabled) {
      this.item?.dispose();
      this.item = undefined;
      this.shown?.dispose();
      this.shown = undefined;
      return;
    }
    if (!this.item || this.item.alignment !== alignment) {
      this.item?.dispose();
      this.item = vscode.window.createStatusBarItem(StatusBarIds.quota, alignment, 100);
      this.item.name = vscode.l10n.t('Qwen Cloud Quota');
      this.item.command = Commands.showCodingPlan;
    }
    this.shown ??= this.controller.show(['codingPlan']);
    this.render();
    this.item.show();
  }

  /** What the item shows now; the integration tests read it through the extension's API. */
  view(): StatusBarView | undefined {
    return this.item ? { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '') } : undefined;
  }

  private render(): void {
    const item = this.item;
    if (!item) {
      return;
    }
    const snapshot = this.store.get('codingPlan');
    const plan = snapshot.value;
    const demo = snapshot.source?.kind === 'demo' ? ` · ${vscode.l10n.t('Demo')}` : '';
    if (plan === undefined) {
      if (snapshot.error) {
        item.text = `$(warning) ${vscode.l10n.t('Qwen Cloud')}`;
        item.tooltip = vscode.l10n.t('The Coding Plan could not be loaded: {0}', snapshot.error.message);
      } else if (snapshot.unavailable) {
        item.text = `$(dashboard) ${vscode.l10n.t('Qwen Cloud')}`;
        item.tooltip = vscode.l10n.t('Sign in to Qwen Cloud to see your Coding Plan quota.');
      } else {
        item.text = `$(sync~spin) ${vscode.l10n.t('Qwen Cloud')}`;
        item.tooltip = vscode.l10n.t('Loading the Coding Plan…');
      }
      item.accessibilityInformation = { label: String(item.tooltip) };
      return;
    }
    if (plan === null) {
      item.text = `$(dashboard) ${vscode.l10n.t('No Coding Plan')}${demo}`;
      item.tooltip = vscode.l10n.t('This account has no Coding Plan.');
      item.accessibilityInformation = { label: String(item.tooltip) };
      return;
    }
    const tightest = tightestWindow(plan);
    if (!tightest) {
      return;
    }
    const showRemaining = this.settings.value.statusBar.display === 'remaining';
    const percent = showRemaining ? 100 - percentUsed(tightest) : percentUsed(tightest);
    const label = showRemaining ? vscode.l10n.t('{0} left', `${percent}%`) : `${percent}%`;
    const now = this.clock.now();
    item.text = `$(dashboard) ${windowShortName(tightest.kind)} ${label}${demo}`;
    const age = snapshot.fetchedAt !== undefined ? formatAge(now - snapshot.fetchedAt) : '';
    const lines = [
      vscode.l10n.t('{0}: {1} of {2} requests used, {3} left', windowName(tightest.kind), formatCount(tightest.used), formatCount(tightest.total), formatCount(remaining(tightest))),
      vscode.l10n.t('Resets in {0}', formatDuration(Math.max(0, tightest.resetsAt - now))),
      vscode.l10n.t('Source: {0}, updated {1}', snapshot.source?.label ?? '', age),
    ];
    item.tooltip = lines.join('\n');
    item.accessibilityInformation = {
      label: vscode.l10n.t('Qwen Cloud quota: {0} {1} percent {2}', windowName(tightest.kind), percent, showRemaining ? vscode.l10n.t('left') : vscode.l10n.t('used')),
    };
  }
}
