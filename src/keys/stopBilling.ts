// "Stop Billing…", following the console's advice step by step: (1) the active keys with their spend over
// the last 30 days, choose which to stop; (2) disable them (or delete, after confirming); (3) the costly
// settings still on in this workspace's code; (4) the reminder that separately billed features keep
// costing while any application still calls with them.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { addDays, dateKey } from '../core/common/calendar';
import { formatDate, formatMoney } from '../core/common/format';
import type { ApiKey } from '../core/account/model';
import type { AccountStore } from '../core/account/store';
import { describeError } from '../commands/runCommand';
import type { WindowPrompts } from '../common/windowPrompts';
import { type CodeFindings, occurrencesOf } from './codeFindings';
import { type KeyActions, keyName } from './keyActions';

export interface StopBillingReport {
  readonly stopped: readonly string[];
  readonly failed: readonly string[];
  readonly costlySettings: number;
  readonly cancelled: boolean;
}

interface KeyItem extends vscode.QuickPickItem {
  readonly key: ApiKey;
}

const CANCELLED: StopBillingReport = { stopped: [], failed: [], costlySettings: 0, cancelled: true };

export class StopBillingFlow {
  constructor(
    private readonly store: AccountStore,
    private readonly controller: AccountController,
    private readonly actions: KeyActions,
    private readonly prompts: WindowPrompts,
    private readonly findings: () => CodeFindings | undefined,
  ) {}

  /** Spend per key id over the last 30 days, or an empty map when it is not available. */
  private async recentSpend(): Promise<{ byKey: Map<string, number>; currency: string }> {
    const to = dateKey(Date.now());
    const from = addDays(to, -29);
    try {
      const series = await this.store.query('costAnalysis', `stopBilling:${from}:${to}`, (source, options) =>
        source.getCostAnalysis ? source.getCostAnalysis({ granularity: 'month', from, to, groupBy: 'apiKey' }, options) : Promise.reject(new Error('no cost analysis')),
      );
      return { byKey: new Map(series.value.totals.map((t) => [t.key, t.amount])), currency: series.value.currency };
    } catch {
      return { byKey: new Map(), currency: 'USD' };
    }
  }

  async run(): Promise<StopBillingReport> {
    // Step 1: which keys to stop.
    if (this.store.get('apiKeys').unavailable) {
      void this.prompts.info(vscode.l10n.t('Stopping billing starts with the API keys, which need an Alibaba Cloud AccessKey. Set one with "Set Alibaba Cloud AccessKey", or disable keys in the console.'));
      return CANCELLED;
    }
    const [, spend] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking at your keys and spending…') }, () =>
      Promise.all([this.controller.refresh(['apiKeys', 'workspaces']), this.recentSpend()]),
    );
    const keys = (this.store.get('apiKeys').value ?? []).filter((k) => !k.disabled);
    let stopped: string[] = [];
    let failed: string[] = [];
    if (keys.length === 0) {
      void this.prompts.info(vscode.l10n.t('No API key is active: nothing can call the API with this account\'s keys.'));
    } else {
      const items: KeyItem[] = [...keys]
        .sort((a, b) => (spend.byKey.get(b.id) ?? 0) - (spend.byKey.get(a.id) ?? 0))
        .map((key) => {
          const amount = spend.byKey.get(key.id);
          const found = occurrencesOf(this.findings(), key).length;
          return {
            label: key.description || key.maskedValue,
            description: amount !== undefined ? vscode.l10n.t('{0} in the last 30 days', formatMoney({ amount, currency: spend.currency })) : vscode.l10n.t('no spend in the last 30 days'),
            detail: [key.maskedValue, vscode.l10n.t('created {0}', formatDate(key.createdAt)), ...(found > 0 ? [vscode.l10n.t('found in this workspace ({0})', found)] : [])].join(' · '),
            key,
          };
        });
      const chosen = await this.prompts.pickMany(items, {
        title: vscode.l10n.t('Stop Billing (1/3): choose the keys to stop'),
        placeHolder: vscode.l10n.t('Active keys, highest spend first. Disabling is reversible.'),
        ignoreFocusOut: true,
      });
      if (chosen === undefined) {
        return CANCELLED;
      }
      if (chosen.length > 0) {
        // Step 2: how to stop them.
        const disable = vscode.l10n.t('Disable {0} keys', chosen.length);
        const remove = vscode.l10n.t('Delete {0} keys…', chosen.length);
        const how = await this.prompts.confirm(
          vscode.l10n.t('Stop Billing (2/3): stop {0} keys?', chosen.length),
          `${chosen.map((c) => keyName(c.key)).join('\n')}\n\n${vscode.l10n.t('Disabling is reversible and stops every call made with these keys. Deleting cannot be undone.')}`,
          disable,
          remove,
        );
        if (how === undefined) {
          return CANCELLED;
        }
        if (how === remove) {
          const typed = await this.prompts.input({
            title: vscode.l10n.t('Confirm deleting {0} keys', chosen.length),
            prompt: vscode.l10n.t('Type DELETE to delete these keys for good.'),
            ignoreFocusOut: true,
            validateInput: (text) => (text.trim() === 'DELETE' ? undefined : vscode.l10n.t('Type DELETE to confirm, or press Escape.')),
          });
          if (typed?.trim() !== 'DELETE') {
            return CANCELLED;
          }
        }
        ({ stopped, failed } = await this.stop(
          chosen.map((c) => c.key),
          how === remove,
        ));
      }
    }
    // Step 3: costly settings still on in the code.
    const costly = this.findings()?.costlySettings() ?? [];
    if (costly.length > 0) {
      const items = costly.map((c) => ({
        label: `$(warning) ${c.rule}`,
        description: `${vscode.workspace.asRelativePath(c.uri)}:${c.range.start.line + 1}`,
        detail: c.message,
        setting: c,
      }));
      const open = await this.prompts.pick(items, {
        title: vscode.l10n.t('Stop Billing (3/3): {0} costly settings are on in this workspace', costly.length),
        placeHolder: vscode.l10n.t('Choose one to open it, or press Escape to finish'),
        matchOnDescription: true,
      });
      if (open) {
        await vscode.window.showTextDocument(open.setting.uri, { selection: open.setting.range });
      }
    }
    // Step 4: what keeps costing.
    void this.prompts.info(
      [
        failed.length > 0 ? vscode.l10n.t('{0} keys stopped, {1} failed: {2}.', stopped.length, failed.length, failed.join(', ')) : stopped.length > 0 ? vscode.l10n.t('{0} keys stopped.', stopped.length) : '',
        vscode.l10n.t('Web search and other separately billed features keep costing while any application still calls with them: turn enable_search off in code you keep, and check the spending limit.'),
      ]
        .filter(Boolean)
        .join(' '),
    );
    return { stopped, failed, costlySettings: costly.length, cancelled: false };
  }

  /** Stops each key, going on past failures; says which worked. */
  private async stop(keys: readonly ApiKey[], remove: boolean): Promise<{ stopped: string[]; failed: string[] }> {
    const stopped: string[] = [];
    const failed: string[] = [];
    for (const key of keys) {
      try {
        const ok = remove ? await this.actions.delete(key, false) : await this.actions.setDisabled(key, true, false);
        (ok ? stopped : failed).push(keyName(key));
      } catch (error) {
        failed.push(`${keyName(key)} (${describeError(error)})`);
      }
    }
    return { stopped, failed };
  }
}
