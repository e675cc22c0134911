// Says which settings were not used and why, with a way to the user settings; never silently.
import * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';
import type { RefusedSetting } from './settings';

export function warnRefusedSettings(refused: readonly RefusedSetting[], log: Logger): void {
  for (const r of refused) {
    log.warn(`Setting ${r.key} is not used: ${r.reason === 'workspace' ? 'it is set in workspace settings, which may not redirect requests' : 'it is not an https address'}.`);
  }
  const first = refused[0];
  if (!first) {
    return;
  }
  const open = vscode.l10n.t('Open User Settings');
  const message =
    first.reason === 'workspace'
      ? vscode.l10n.t('{0} is set in this workspace\'s settings and is ignored: where your sign-in and requests go can only be set in your user settings.', first.key)
      : vscode.l10n.t('{0} is not an https address and is ignored; the default is used.', first.key);
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand('workbench.action.openSettings', first.key);
    }
  });
}
