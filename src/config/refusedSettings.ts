// Says which settings were not used and why, with a way to the user settings; never silently. And says
// when a workspace's own settings turn off some of the cost scanner's findings.
import * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';
import type { RefusedSetting } from './settings';

const WHY: Readonly<Record<RefusedSetting['reason'], string>> = {
  workspace: 'it is set in workspace settings, which may not redirect requests',
  workspaceProtection: 'it is set in workspace settings, which may not silence or move the user\'s alerts',
  insecure: 'it is not an https address',
  invalid: 'it is not a valid value',
};

export function warnRefusedSettings(refused: readonly RefusedSetting[], log: Logger): void {
  for (const r of refused) {
    log.warn(`Setting ${r.key} is not used: ${WHY[r.reason]}.`);
  }
  const first = refused[0];
  if (!first) {
    return;
  }
  const open = vscode.l10n.t('Open User Settings');
  const message =
    first.reason === 'workspace'
      ? vscode.l10n.t('{0} is set in this workspace\'s settings and is ignored: where your sign-in and requests go can only be set in your user settings.', first.key)
      : first.reason === 'workspaceProtection'
        ? vscode.l10n.t('{0} is set in this workspace\'s settings and is ignored: your quota and spending alerts can only be changed in your user settings.', first.key)
        : vscode.l10n.t('{0} is not an https address and is ignored; the default is used.', first.key);
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand('workbench.action.openSettings', first.key);
    }
  });
}

/** A workspace turned off some of the scanner's findings: the user sees that it did, and where. */
export function tellWorkspaceSilencing(keys: readonly string[], log: Logger): void {
  log.warn(`This workspace's settings turn off cost scanner findings: ${keys.join(', ')}.`);
  const open = vscode.l10n.t('Open Workspace Settings');
  const message = vscode.l10n.t('This workspace\'s settings turn off cost scanner findings ({0}): hard-coded keys or costly settings in its files may not be flagged.', keys.join(', '));
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand('workbench.action.openWorkspaceSettingsFile');
    }
  });
}
