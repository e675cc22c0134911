// The API keys' commands: disable and enable, revoke and delete (from the view or from a key found in
// code), mark the key as the user's own, and the guided "stop billing" flow.
import * as vscode from 'vscode';
import { registerCommand } from '../commands/runCommand';
import { Commands } from '../constants';
import { InvalidInputError } from '../core/account/errors';
import type { Logger } from '../core/common/logger';
import type { ApiKeysView } from '../views/apiKeysView';
import type { KeyActions } from './keyActions';
import type { MyKey } from './myKey';
import { isFoundKeyArgs, type RevokeFlow } from './revokeFlow';
import type { StopBillingFlow } from './stopBilling';

export interface KeyCommandDeps {
  readonly apiKeysView: ApiKeysView;
  readonly keyActions: KeyActions;
  readonly revokeFlow: RevokeFlow;
  readonly stopBilling: StopBillingFlow;
  readonly myKey: MyKey;
  readonly log: Logger;
}

export function registerKeyCommands({ apiKeysView, keyActions, revokeFlow, stopBilling, myKey, log }: KeyCommandDeps): vscode.Disposable {
  const withKey = (disabled: boolean) => (node?: unknown) => {
    const key = apiKeysView.keyOf(node);
    return key ? keyActions.setDisabled(key, disabled) : undefined;
  };
  const markMine = (mine: boolean) => async (node?: unknown) => {
    const key = apiKeysView.keyOf(node);
    if (key) {
      await myKey.set(mine ? key.id : undefined);
      apiKeysView.refreshMarks();
    }
  };
  return vscode.Disposable.from(
    registerCommand(Commands.disableApiKey, log, withKey(true)),
    registerCommand(Commands.enableApiKey, log, withKey(false)),
    registerCommand(Commands.revokeApiKey, log, (node?: unknown) => revokeFlow.run(apiKeysView.keyOf(node))),
    registerCommand(Commands.deleteApiKey, log, (node?: unknown) => {
      const key = apiKeysView.keyOf(node);
      return key ? revokeFlow.confirmAndDelete(key) : revokeFlow.run();
    }),
    registerCommand(Commands.markMyApiKey, log, markMine(true)),
    registerCommand(Commands.unmarkMyApiKey, log, markMine(false)),
    registerCommand(Commands.revokeKeyFromCode, log, (args?: unknown) => {
      if (!isFoundKeyArgs(args)) {
        throw new InvalidInputError(vscode.l10n.t('Revoke this key: the key\'s location was not understood.'));
      }
      return revokeFlow.fromCode(args);
    }),
    registerCommand(Commands.stopBilling, log, () => stopBilling.run()),
  );
}
