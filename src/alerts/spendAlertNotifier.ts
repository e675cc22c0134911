// Tells the user in VS Code when this month's spend, or its projection, crosses the spending limit's
// threshold or the limit itself: at most once per threshold per month (remembered across reloads), and
// whether or not the account lets the extension change the limit.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { WindowPrompts } from '../common/windowPrompts';
import { Commands } from '../constants';
import type { SettingsService } from '../config/settings';
import type { AlertClaims } from '../core/spending/spendAlerts';
import type { Clock } from '../core/common/clock';
import { formatMoney } from '../core/common/format';
import type { Logger } from '../core/common/logger';
import { evaluateSpend, nextSpendAlert, type SpendAlert, type SpendStatus } from '../core/spending/spendAlerts';
import type { AccountStore, ResourceKey } from '../core/account/store';

const WATCHED: readonly ResourceKey[] = ['monthSpend', 'usageLimit'];

export function spendAlertMessage(alert: SpendAlert, status: SpendStatus, demo: boolean): string {
  const money = (amount: number): string => formatMoney({ amount, currency: status.limit.amount.currency });
  const spent = money(status.projection.monthToDate);
  const cap = money(status.limit.amount.amount);
  const projected = money(status.projection.projected);
  const threshold = status.limit.alertThreshold;
  let text: string;
  switch (alert.kind) {
    case 'limitReached':
      text = vscode.l10n.t('Qwen Cloud spend this month is {0}, at or over your monthly limit of {1}.', spent, cap);
      break;
    case 'thresholdReached':
      text = vscode.l10n.t('Qwen Cloud spend this month is {0}, past {1}% of your monthly limit of {2}.', spent, threshold, cap);
      break;
    case 'projectedOverLimit':
      text = vscode.l10n.t('At this month\'s pace, Qwen Cloud spend reaches {0} by month end, over your monthly limit of {1} ({2} so far).', projected, cap, spent);
      break;
    case 'projectedOverThreshold':
      text = vscode.l10n.t(
        'At this month\'s pace, Qwen Cloud spend reaches {0} by month end, past {1}% of your monthly limit of {2} ({3} so far).',
        projected,
        threshold,
        cap,
        spent,
      );
      break;
  }
  return demo ? `${text} (${vscode.l10n.t('Demo')})` : text;
}

export class SpendAlertNotifier extends DisposableOwner {
  private shown: vscode.Disposable | undefined;
  private readonly alerted = this.register(new vscode.EventEmitter<{ alert: SpendAlert; message: string }>());
  /** Fires with every alert that went out. */
  readonly onDidAlert = this.alerted.event;

  constructor(
    private readonly store: AccountStore,
    private readonly controller: AccountController,
    private readonly settings: SettingsService,
    private readonly ledger: AlertClaims,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Where the alert shows: a warning notification with the two actions. */
    private readonly prompts: WindowPrompts,
  ) {
    super();
    this.register(
      store.onDidChange((key) => {
        if (WATCHED.includes(key)) {
          this.check();
        }
      }),
    );
    this.register(settings.onDidChange(() => this.apply()));
    this.register(toDisposable(() => void this.shown?.dispose()));
    this.apply();
  }

  /** While alerts are on, the month's spend and the limit are kept fresh even with no panel open. */
  private apply(): void {
    if (this.settings.value.spendAlerts.enabled) {
      this.shown ??= this.controller.show(WATCHED);
      this.check();
    } else {
      this.shown?.dispose();
      this.shown = undefined;
    }
  }

  /** Evaluates the current snapshots and shows an alert if one is due; returns it. */
  check(): SpendAlert | undefined {
    if (!this.settings.value.spendAlerts.enabled) {
      return undefined;
    }
    const spend = this.store.get('monthSpend');
    const limit = this.store.get('usageLimit');
    if (spend.value === undefined || limit.value === undefined || spend.source?.kind !== limit.source?.kind) {
      return undefined;
    }
    const status = evaluateSpend(spend.value, limit.value, this.clock.now());
    const alert = status && nextSpendAlert(status, this.ledger);
    if (!status || !alert) {
      return undefined;
    }
    const message = spendAlertMessage(alert, status, spend.source?.kind === 'demo');
    this.log.info(`Spend alert ${alert.kind} for ${alert.month}.`);
    this.alerted.fire({ alert, message });
    const showSpending = vscode.l10n.t('Show Spending');
    const showLimit = vscode.l10n.t('Spending Limit');
    void this.prompts.warn(message, showSpending, showLimit).then((choice) => {
      if (choice === showSpending) {
        void vscode.commands.executeCommand(Commands.showSpending);
      } else if (choice === showLimit) {
        void vscode.commands.executeCommand(Commands.showSpendingLimit);
      }
    });
    return alert;
  }
}
