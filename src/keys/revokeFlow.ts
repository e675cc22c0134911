// "Revoke API Key…": pick a key (workspace, masked value, description, created, disabled or not, found
// in this workspace), then Disable (reversible, the default) or Delete (irreversible: a modal that names
// the key, then typing its last four characters). Also entered from a key the scanner found in code:
// matched to the account's keys by its visible parts, with an offer to move the literal to an
// environment variable.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { Commands } from '../constants';
import type { SourceInfo } from '../core/account/source';
import { formatAge, formatDate } from '../core/common/format';
import { describeError } from '../commands/runCommand';
import type { WindowPrompts } from '../common/windowPrompts';
import { describeVisible, sameVisibleParts, visibleParts, type VisibleParts } from '../core/account/keyMatch';
import type { ApiKey, Workspace } from '../core/account/model';
import type { AccountStore } from '../core/account/store';
import { type CodeFindings, occurrencesOf } from './codeFindings';
import { type KeyActions, keyName } from './keyActions';
import type { MyKey } from './myKey';

export type RevokeOutcome = 'disabled' | 'enabled' | 'deleted' | 'cancelled' | 'failed' | 'unavailable' | 'noMatch';

interface KeyItem extends vscode.QuickPickItem {
  readonly key?: ApiKey;
}

interface ActionItem extends vscode.QuickPickItem {
  readonly action: 'disable' | 'enable' | 'delete';
}

/** Arguments of the scanner's "Revoke this key…" action: where the literal is and what it shows. */
export interface FoundKeyArgs {
  readonly uri: string;
  readonly range: readonly [number, number, number, number];
  readonly prefix: string;
  readonly suffix: string;
}

export function isFoundKeyArgs(value: unknown): value is FoundKeyArgs {
  const v = value as Partial<FoundKeyArgs> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uri === 'string' &&
    Array.isArray(v.range) &&
    v.range.length === 4 &&
    v.range.every((n) => Number.isInteger(n) && n >= 0) &&
    typeof v.prefix === 'string' &&
    typeof v.suffix === 'string' &&
    visibleParts(`${v.prefix}${'0'.repeat(8)}${v.suffix}`) !== undefined
  );
}

export class RevokeFlow {
  constructor(
    private readonly store: AccountStore,
    private readonly controller: AccountController,
    private readonly actions: KeyActions,
    private readonly prompts: WindowPrompts,
    private readonly myKey: MyKey,
    private readonly findings: () => CodeFindings | undefined,
  ) {}

  /**
   * The account's keys, fetched if not yet known or last failed; undefined (after saying why) when keys are
   * out of reach. `stale` says so when the list is the last good one because the refresh failed.
   */
  private async keys(): Promise<{ readonly keys: readonly ApiKey[]; readonly stale?: string } | undefined> {
    if (this.store.get('apiKeys').unavailable) {
      const add = vscode.l10n.t('Set AccessKey…');
      const choice = await this.prompts.info(vscode.l10n.t('Managing API keys needs an Alibaba Cloud AccessKey.'), add);
      if (choice === add) {
        await vscode.commands.executeCommand(Commands.setAccessKey);
      }
      return undefined;
    }
    if (this.store.get('apiKeys').value === undefined || this.store.get('apiKeys').error) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading API keys…') }, () =>
        this.controller.refresh(['apiKeys', 'workspaces']),
      );
    }
    const snapshot = this.store.get('apiKeys');
    if (snapshot.value === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The API keys could not be loaded: {0}', describeError(snapshot.error)));
      return undefined;
    }
    if (!snapshot.error) {
      return { keys: snapshot.value };
    }
    const age = formatAge(this.store.ageOf('apiKeys') ?? 0);
    return { keys: snapshot.value, stale: vscode.l10n.t('Showing data from {0}: the last refresh failed ({1})', age, describeError(snapshot.error)) };
  }

  private keyItems(keys: readonly ApiKey[]): KeyItem[] {
    const workspaces = new Map((this.store.get('workspaces').value ?? []).map((w: Workspace) => [w.id, w.name]));
    const byWorkspace = new Map<string, ApiKey[]>();
    for (const key of keys) {
      const list = byWorkspace.get(key.workspaceId) ?? [];
      list.push(key);
      byWorkspace.set(key.workspaceId, list);
    }
    const items: KeyItem[] = [];
    for (const [workspaceId, list] of byWorkspace) {
      items.push({ label: workspaces.get(workspaceId) ?? workspaceId, kind: vscode.QuickPickItemKind.Separator });
      for (const key of list.sort((a, b) => b.createdAt - a.createdAt)) {
        const found = occurrencesOf(this.findings(), key).length;
        const notes = [
          key.disabled ? vscode.l10n.t('Disabled') : vscode.l10n.t('Enabled'),
          vscode.l10n.t('created {0}', formatDate(key.createdAt)),
          ...(found > 0 ? [vscode.l10n.t('found in this workspace ({0})', found)] : []),
          ...(key.id === this.myKey.id ? [vscode.l10n.t('your key')] : []),
        ];
        items.push({
          label: `$(${key.disabled ? 'circle-slash' : found > 0 ? 'warning' : 'key'}) ${key.description || vscode.l10n.t('Key {0}', key.id)}`,
          description: key.maskedValue,
          detail: notes.join(' · '),
          key,
        });
      }
    }
    return items;
  }

  /** The whole flow from the command palette, or from a key already chosen (a view item). */
  async run(preselected?: ApiKey): Promise<RevokeOutcome> {
    let key = preselected;
    if (!key) {
      const known = await this.keys();
      if (!known) {
        return 'unavailable';
      }
      if (known.keys.length === 0) {
        void this.prompts.info(vscode.l10n.t('This account has no API keys.'));
        return 'cancelled';
      }
      const picked = await this.prompts.pick(this.keyItems(known.keys), {
        title: vscode.l10n.t('Revoke API Key (1/2): choose the key'),
        // A list that could not be refreshed says so where the eye is: in the input box.
        placeHolder: known.stale ?? vscode.l10n.t('Search by description, masked value or workspace'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      key = picked?.key;
      if (!key) {
        return 'cancelled';
      }
    }
    return this.act(key);
  }

  private async act(key: ApiKey): Promise<RevokeOutcome> {
    const items: ActionItem[] = key.disabled
      ? [
          { label: `$(pass) ${vscode.l10n.t('Enable')}`, detail: vscode.l10n.t('Calls with the key work again.'), action: 'enable' },
          { label: `$(trash) ${vscode.l10n.t('Delete…')}`, detail: vscode.l10n.t('Irreversible: the key is gone for good.'), action: 'delete' },
        ]
      : [
          { label: `$(circle-slash) ${vscode.l10n.t('Disable')}`, description: vscode.l10n.t('recommended'), detail: vscode.l10n.t('Reversible: calls with the key fail until you enable it again.'), action: 'disable' },
          { label: `$(trash) ${vscode.l10n.t('Delete…')}`, detail: vscode.l10n.t('Irreversible: the key is gone for good.'), action: 'delete' },
        ];
    const chosen = await this.prompts.pick(items, { title: vscode.l10n.t('Revoke API Key (2/2): {0}', keyName(key)), placeHolder: vscode.l10n.t('Disable first: you can still delete it later') });
    if (!chosen) {
      return 'cancelled';
    }
    if (chosen.action !== 'delete') {
      const ok = await this.actions.setDisabled(key, chosen.action === 'disable');
      return ok ? (chosen.action === 'disable' ? 'disabled' : 'enabled') : 'failed';
    }
    return this.confirmAndDelete(key);
  }

  /** Deletes after a modal that names the key and typing its last four characters. */
  async confirmAndDelete(key: ApiKey): Promise<RevokeOutcome> {
    const warnings = [vscode.l10n.t('Deleting cannot be undone. Every application that calls with this key stops working.')];
    if (key.id === this.myKey.id) {
      warnings.unshift(vscode.l10n.t('This is the key you marked as the one you use.'));
    }
    const found = occurrencesOf(this.findings(), key).length;
    if (found > 0) {
      warnings.push(vscode.l10n.t('It appears in this workspace\'s code ({0} places).', found));
    }
    const deleteAction = vscode.l10n.t('Delete…');
    const first = await this.prompts.confirm(vscode.l10n.t('Delete the API key {0}?', keyName(key)), warnings.join('\n\n'), deleteAction);
    if (first !== deleteAction) {
      return 'cancelled';
    }
    const suffix = visibleParts(key.maskedValue)?.suffix ?? key.id.slice(-4);
    const typed = await this.prompts.input({
      title: vscode.l10n.t('Confirm deleting {0}', keyName(key)),
      prompt: vscode.l10n.t('Type the key\'s last four characters ({0}) to delete it for good.', suffix),
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() === suffix ? undefined : vscode.l10n.t('Type {0} to confirm, or press Escape to keep the key.', suffix)),
    });
    if (typed?.trim() !== suffix) {
      return 'cancelled';
    }
    return (await this.actions.delete(key)) ? 'deleted' : 'failed';
  }

  /**
   * From a key literal the scanner found: find the account's key with the same visible parts, revoke it
   * if the user wants, then offer to replace the literal with an environment-variable read.
   */
  async fromCode(args: FoundKeyArgs): Promise<RevokeOutcome> {
    const parts: VisibleParts = { prefix: args.prefix, suffix: args.suffix };
    const known = await this.keys();
    let outcome: RevokeOutcome = 'unavailable';
    if (known) {
      const matches = known.keys.filter((k) => {
        const masked = visibleParts(k.maskedValue);
        return masked !== undefined && sameVisibleParts(masked, parts);
      });
      if (matches.length === 0) {
        outcome = 'noMatch';
        void this.prompts.info(
          vscode.l10n.t('No API key of {0} matches {1}. It may belong to another account, or be deleted already.', this.accountLabel(), describeVisible(parts)),
        );
      } else {
        const key =
          matches.length === 1
            ? matches[0]
            : (await this.prompts.pick(this.keyItems(matches), { title: vscode.l10n.t('Several keys match {0}', describeVisible(parts)), ...(known.stale ? { placeHolder: known.stale } : {}) }))?.key;
        outcome = key ? await this.act(key) : 'cancelled';
      }
    }
    await this.offerMoveToEnvironment(args);
    return outcome;
  }

  private accountLabel(): string {
    const source: SourceInfo | undefined = this.store.router.sourceFor('apiKeys')?.info;
    return source?.kind === 'demo' ? vscode.l10n.t('the demo account') : (source?.label ?? vscode.l10n.t('this account'));
  }

  private async offerMoveToEnvironment(args: FoundKeyArgs): Promise<void> {
    const uri = vscode.Uri.parse(args.uri);
    const range = new vscode.Range(args.range[0], args.range[1], args.range[2], args.range[3]);
    const move = await this.findings()?.moveToEnvironment(uri, range);
    if (!move) {
      return;
    }
    const replace = vscode.l10n.t('Replace with {0}', move.envVar);
    const choice = await this.prompts.info(vscode.l10n.t('Replace the key in the code with a read of the environment variable {0}?', move.envVar), replace);
    if (choice === replace && (await vscode.workspace.applyEdit(move.edit))) {
      void this.prompts.info(vscode.l10n.t('The code now reads the key from {0}. Set it where the code runs.', move.envVar));
    }
  }
}
