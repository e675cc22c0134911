// Quota notifications: a window past the warning or critical threshold, used up, or forecast to run out
// before it resets. The core decides which are due (once per window per reset period, through the
// AlertLedger kept in globalState); this shows them, with a way to the plan view and a way to stop them.
// Like the spend notifier it keeps its own data fresh while notifications are on, item or no item.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { Commands } from '../constants';
import type { AccountController } from '../connections/accountController';
import { PLAN_KEYS, type UsageRecorder } from '../connections/usageRecorder';
import type { AlertLedger } from '../core/common/alertLedger';
import type { Clock } from '../core/common/clock';
import type { Logger } from '../core/common/logger';
import type { AccountStore } from '../core/account/store';
import { combinePlans } from '../core/quota/quota';
import { claimQuotaAlerts, type QuotaAlert, type QuotaAlertKind, quotaAlertMessage } from '../core/quota/quotaAlerts';
import { analyseQuota } from '../core/quota/quotaMeter';
import type { QuotaWindowKind } from '../core/account/model';
import { SECTION, type SettingsService } from '../config/settings';

/** A notification the meter showed; the integration tests read the latest through the extension's API. */
export interface ShownAlert {
  readonly kind: QuotaAlertKind;
  readonly windowKind: QuotaWindowKind;
  readonly severity: QuotaAlert['severity'];
  readonly message: string;
}

const RECENT_LIMIT = 20;

export class QuotaNotifier extends DisposableOwner {
  private readonly shown: ShownAlert[] = [];
  private demand: vscode.Disposable | undefined;

  constructor(
    private readonly store: AccountStore,
    private readonly controller: AccountController,
    private readonly recorder: UsageRecorder,
    private readonly ledger: AlertLedger,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    super();
    this.register(recorder.onDidChange(({ fresh }) => fresh && this.check()));
    this.register(settings.onDidChange(({ changed }) => changed.has('quota') && this.apply()));
    this.register(toDisposable(() => void this.demand?.dispose()));
    this.apply();
  }

  /** While notifications are on, both plans are kept fresh even with the status bar item turned off. */
  private apply(): void {
    if (this.settings.value.quota.notifications) {
      this.demand ??= this.controller.show(PLAN_KEYS);
    } else {
      this.demand?.dispose();
      this.demand = undefined;
    }
  }

  /** Shows the alerts due for freshly fetched plans; nothing when notifications are off. */
  private check(): void {
    const settings = this.settings.value;
    const snapshot = combinePlans(this.store.get('codingPlan'), this.store.get('tokenPlan'));
    const { value: plans, source } = snapshot;
    if (!settings.quota.notifications || !plans || !source) {
      return;
    }
    const now = this.clock.now();
    const thresholds = { warning: settings.quota.warningThreshold, critical: settings.quota.criticalThreshold };
    const analysis = analyseQuota(plans, this.recorder.history.samplesByKind(), now, snapshot.fetchedAt ?? now, thresholds);
    const isDemo = source.kind === 'demo';
    for (const alert of claimQuotaAlerts(analysis, this.ledger, `${source.kind}:${source.label}`)) {
      const body = quotaAlertMessage(alert, now, vscode.env.language);
      const message = isDemo ? vscode.l10n.t('Demo account: {0}', body) : body;
      this.shown.push({ kind: alert.kind, windowKind: alert.windowKind, severity: alert.severity, message });
      this.shown.splice(0, Math.max(0, this.shown.length - RECENT_LIMIT));
      this.log.info(`Quota notification (${alert.windowKind}, ${alert.kind}).`);
      void this.show(alert.severity, message);
    }
  }

  /** The latest notifications, oldest first. */
  recent(): readonly ShownAlert[] {
    return [...this.shown];
  }

  private async show(severity: QuotaAlert['severity'], message: string): Promise<void> {
    const open = vscode.l10n.t('Show Plan');
    const off = vscode.l10n.t('Turn Off Quota Notifications');
    const shown =
      severity === 'error'
        ? vscode.window.showErrorMessage(message, open, off)
        : severity === 'warning'
          ? vscode.window.showWarningMessage(message, open, off)
          : vscode.window.showInformationMessage(message, open, off);
    try {
      const choice = await shown;
      if (choice === open) {
        await vscode.commands.executeCommand(Commands.showCodingPlan);
      } else if (choice === off) {
        await vscode.workspace.getConfiguration(SECTION).update('quota.notifications', false, vscode.ConfigurationTarget.Global);
        const settingsButton = vscode.l10n.t('Open Settings');
        const again = await vscode.window.showInformationMessage(
          vscode.l10n.t('Quota notifications are off. The status bar meter still changes colour near the limits.'),
          settingsButton,
        );
        if (again === settingsButton) {
          await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.quota.notifications`);
        }
      }
    } catch (error) {
      this.log.error('A quota notification action failed', error);
    }
  }
}
