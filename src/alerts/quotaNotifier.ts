// Quota notifications: a window past the warning or critical threshold, used up, or forecast to run out
// before it resets. The core decides which are due (once per window per reset period, through the
// AlertLedger kept in globalState); this shows them, with a way to the plan view and a way to stop them.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { SourceInfo } from '../core/account/source';
import type { AlertLedger } from '../core/common/alertLedger';
import type { Logger } from '../core/common/logger';
import { claimQuotaAlerts, type QuotaAlert, type QuotaAlertKind, quotaAlertMessage } from '../core/quota/quotaAlerts';
import type { QuotaAnalysis } from '../core/quota/quotaMeter';
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

export class QuotaNotifier {
  private readonly shown: ShownAlert[] = [];

  constructor(
    private readonly ledger: AlertLedger,
    private readonly settings: SettingsService,
    private readonly log: Logger,
  ) {}

  /** Shows the alerts due for freshly fetched data from `source`; nothing when notifications are off. */
  check(analysis: QuotaAnalysis, now: number, source: SourceInfo): void {
    if (!this.settings.value.quota.notifications) {
      return;
    }
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
