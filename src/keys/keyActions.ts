// Disable and enable API keys: progress while it runs, a clear result, the views refreshed from the
// server whatever happened, and a line in the audit log.
import * as vscode from 'vscode';
import { describeError } from '../commands/runCommand';
import { CancelledError } from '../core/account/errors';
import type { ApiKey } from '../core/account/model';
import type { AccountStore } from '../core/account/store';
import type { KeyAuditLog } from './auditLog';

export function keyName(key: ApiKey): string {
  return key.description ? `${key.description} (${key.maskedValue})` : key.maskedValue;
}

export class KeyActions {
  constructor(
    private readonly store: AccountStore,
    private readonly audit: KeyAuditLog,
  ) {}

  private account(): string {
    return this.store.router.sourceFor('apiKeys')?.info.label ?? '';
  }

  /** Deletes a key for good; returns whether it worked. The caller has confirmed twice. */
  async delete(key: ApiKey, notify = true): Promise<boolean> {
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting {0}…', keyName(key)) }, () =>
        this.store.mutate('apiKeys', async (source, options) => {
          if (!source.deleteApiKey) {
            throw new CancelledError('This account cannot delete API keys.');
          }
          await source.deleteApiKey(key.id, options);
        }, { resources: ['apiKeys'] }),
      );
    } catch (error) {
      await this.audit.record(key, 'delete', 'failed', this.account(), describeError(error));
      if (notify) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not deleted: {1}', keyName(key), describeError(error)));
      }
      return false;
    }
    await this.audit.record(key, 'delete', 'succeeded', this.account());
    if (notify) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is deleted. Calls with it fail from now on.', keyName(key)));
    }
    return true;
  }

  /**
   * Disables or enables a key; returns whether it worked. Failures are reported, not thrown; with
   * `notify` false the caller reports (several keys at once, one summary).
   */
  async setDisabled(key: ApiKey, disabled: boolean, notify = true): Promise<boolean> {
    const action = disabled ? 'disable' : 'enable';
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: disabled ? vscode.l10n.t('Disabling {0}…', keyName(key)) : vscode.l10n.t('Enabling {0}…', keyName(key)) },
        () =>
          this.store.mutate('apiKeys', async (source, options) => {
            if (!source.setApiKeyDisabled) {
              throw new CancelledError('This account cannot change API keys.');
            }
            await source.setApiKeyDisabled(key.id, disabled, options);
          }, { resources: ['apiKeys'] }),
      );
    } catch (error) {
      await this.audit.record(key, action, 'failed', this.account(), describeError(error));
      if (notify) {
        void vscode.window.showErrorMessage(
          disabled ? vscode.l10n.t('{0} was not disabled: {1}', keyName(key), describeError(error)) : vscode.l10n.t('{0} was not enabled: {1}', keyName(key), describeError(error)),
        );
      }
      return false;
    }
    await this.audit.record(key, action, 'succeeded', this.account());
    if (notify) {
      void vscode.window.showInformationMessage(
        disabled ? vscode.l10n.t('{0} is disabled. Calls with it now fail; you can enable it again.', keyName(key)) : vscode.l10n.t('{0} is enabled again.', keyName(key)),
      );
    }
    return true;
  }
}
