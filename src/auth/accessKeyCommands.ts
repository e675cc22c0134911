// Set and remove the Alibaba Cloud AccessKey: input boxes (the secret masked), a cheap signed call to
// check the pair before it is saved, and nothing saved when the check fails.
import * as vscode from 'vscode';
import { defaultEndpoints } from '../api/openapi/endpoints';
import type { SettingsService } from '../config/settings';
import { hasKind } from '../core/account/errors';
import type { Logger } from '../core/common/logger';
import type { NetworkService } from '../connections/networkService';
import type { Secrets } from './secrets';
import { describeError } from '../commands/runCommand';

/** AccessKey IDs are letters and digits ("LTAI…"); secrets are longer and may hold a few symbols. */
export function checkAccessKeyId(value: string): string | undefined {
  return /^[A-Za-z0-9]{12,64}$/.test(value.trim()) ? undefined : vscode.l10n.t('An AccessKey ID is 12 to 64 letters and digits, usually starting with LTAI.');
}

export function checkAccessKeySecret(value: string): string | undefined {
  return /^[A-Za-z0-9+/=_-]{16,128}$/.test(value.trim()) ? undefined : vscode.l10n.t('An AccessKey secret is 16 to 128 characters without spaces.');
}

export function accessKeyEndpoints(settings: SettingsService): { modelStudio: string; bss: string } {
  const value = settings.value;
  const byDefault = defaultEndpoints(value.site);
  return { modelStudio: value.endpoints.modelStudio || byDefault.modelStudio, bss: value.endpoints.bss || byDefault.bss };
}

export async function setAccessKey(secrets: Secrets, settings: SettingsService, network: NetworkService, log: Logger): Promise<boolean> {
  const accessKeyId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Alibaba Cloud AccessKey (1/2)'),
    prompt: vscode.l10n.t('The AccessKey ID of a RAM user with ModelStudio and billing read access.'),
    placeHolder: 'LTAI…',
    ignoreFocusOut: true,
    validateInput: checkAccessKeyId,
  });
  if (accessKeyId === undefined) {
    return false;
  }
  const accessKeySecret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Alibaba Cloud AccessKey (2/2)'),
    prompt: vscode.l10n.t('The AccessKey secret. It stays in VS Code\'s secret storage and only signs requests on this computer: it is never sent.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: checkAccessKeySecret,
  });
  if (accessKeySecret === undefined) {
    return false;
  }
  const pair = { accessKeyId: accessKeyId.trim(), accessKeySecret: accessKeySecret.trim() };
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the AccessKey with Alibaba Cloud…'), cancellable: true },
      async (_progress, cancellation) => {
        const abort = new AbortController();
        const subscription = cancellation.onCancellationRequested(() => abort.abort());
        try {
          const source = network.get().accessKeySource(pair, { label: 'AccessKey', endpoints: accessKeyEndpoints(settings) });
          await source.verify({ signal: abort.signal });
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch (error) {
    if (hasKind(error, 'cancelled')) {
      return false;
    }
    log.warn(`The AccessKey check failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The AccessKey was not saved: {0}', describeError(error)));
    return false;
  }
  await secrets.setAccessKey(pair);
  log.info(`AccessKey ${pair.accessKeyId.slice(0, 4)}…${pair.accessKeyId.slice(-4)} saved.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('AccessKey saved. API keys, workspaces and the balance now come from Alibaba Cloud.'));
  return true;
}

export async function clearAccessKey(secrets: Secrets, log: Logger, confirm = true): Promise<boolean> {
  if (!(await secrets.getAccessKey())) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No AccessKey is set.'));
    return false;
  }
  if (confirm) {
    const remove = vscode.l10n.t('Remove');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the Alibaba Cloud AccessKey from VS Code?'),
      { modal: true, detail: vscode.l10n.t('The key itself stays valid in Alibaba Cloud; disable it in the RAM console if it should stop working.') },
      remove,
    );
    if (choice !== remove) {
      return false;
    }
  }
  await secrets.deleteAccessKey();
  log.info('AccessKey removed.');
  return true;
}
