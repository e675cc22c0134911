// The API Keys view: keys grouped by workspace, with their masked value, description, creation date,
// whether they are disabled, and whether the key appears in this workspace's code (from the scanner).
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { ContextKeys, Views } from '../constants';
import type { Clock } from '../core/common/clock';
import { formatDate } from '../core/common/format';
import type { ApiKey, Workspace } from '../core/account/model';
import type { AccountStore } from '../core/account/store';
import { snapshotMessage } from './viewText';
import { StoreTreeView } from './storeTreeView';
import { md, type ViewNode } from './treeModel';
import { type CodeFindings, occurrencesOf } from '../keys/codeFindings';
import type { MyKey } from '../keys/myKey';


export class ApiKeysView extends StoreTreeView {
  constructor(
    private readonly store: AccountStore,
    controller: AccountController,
    clock: Clock,
    /** Where keys appear in the workspace's code (the scanner), when it runs. */
    private readonly findings: CodeFindings | undefined,
    private readonly myKey: MyKey,
  ) {
    super(Views.apiKeys, controller, clock, ['apiKeys', 'workspaces']);
    this.register(
      store.onDidChange((key) => {
        if (key === 'apiKeys' || key === 'workspaces') {
          this.update();
        }
      }),
    );
    if (findings) {
      this.register(findings.onDidChange(() => this.update()));
    }
    this.start();
  }

  protected build(): { nodes: readonly ViewNode[]; message?: string } {
    const snapshot = this.store.get('apiKeys');
    void vscode.commands.executeCommand('setContext', ContextKeys.apiKeysNeedAccessKey, snapshot.unavailable);
    const message = snapshotMessage(
      snapshot,
      this.clock.now(),
      { unavailable: vscode.l10n.t('API keys come from an Alibaba Cloud AccessKey. Add one with "Set Alibaba Cloud AccessKey".'), none: vscode.l10n.t('This account has no API keys.') },
      (keys) => keys.length === 0,
    );
    const keys = snapshot.value ?? [];
    const workspaces = new Map((this.store.get('workspaces').value ?? []).map((w: Workspace) => [w.id, w.name]));
    const groups = new Map<string, ApiKey[]>();
    for (const key of keys) {
      const list = groups.get(key.workspaceId) ?? [];
      list.push(key);
      groups.set(key.workspaceId, list);
    }
    let inCodeTotal = 0;
    const nodes: ViewNode[] = [...groups]
      .sort(([a], [b]) => (workspaces.get(a) ?? a).localeCompare(workspaces.get(b) ?? b))
      .map(([workspaceId, list]) => ({
        id: `workspace:${workspaceId}`,
        label: workspaces.get(workspaceId) ?? workspaceId,
        description: vscode.l10n.t('{0} keys', list.length),
        tooltip: md(workspaceId),
        icon: 'folder-library',
        expanded: true,
        children: list
          .sort((a, b) => b.createdAt - a.createdAt)
          .map((key) => {
            const found = occurrencesOf(this.findings, key).length;
            inCodeTotal += found > 0 ? 1 : 0;
            return this.keyNode(key, workspaces.get(key.workspaceId) ?? key.workspaceId, found);
          }),
      }));
    this.treeView.badge = inCodeTotal > 0 ? { value: inCodeTotal, tooltip: vscode.l10n.t('{0} of your API keys appear in this workspace\'s code', inCodeTotal) } : undefined;
    return { nodes, ...(message ? { message } : {}) };
  }

  private keyNode(key: ApiKey, workspace: string, inCode: number): ViewNode {
    const state = key.disabled ? vscode.l10n.t('Disabled') : vscode.l10n.t('Enabled');
    const parts = [key.maskedValue, vscode.l10n.t('created {0}', formatDate(key.createdAt))];
    if (key.disabled) {
      parts.push(state);
    }
    if (inCode > 0) {
      parts.push(vscode.l10n.t('in code'));
    }
    const mine = key.id === this.myKey.id;
    if (mine) {
      parts.push(vscode.l10n.t('your key'));
    }
    return {
      id: `key:${key.id}`,
      label: key.description || vscode.l10n.t('Key {0}', key.id),
      description: parts.join(' · '),
      tooltip: [
        `**${md(key.description || key.id)}** · ${md(state)}`,
        '',
        `\`${key.maskedValue}\``,
        '',
        md(vscode.l10n.t('Workspace {0} · id {1} · created {2}', workspace, key.id, formatDate(key.createdAt))),
        ...(inCode > 0 ? ['', `$(warning) ${md(vscode.l10n.t('Found in this workspace\'s code ({0} places). Move it to an environment variable, and disable it if it was shared.', inCode))}`] : []),
      ].join('\n'),
      icon: key.disabled ? 'circle-slash' : inCode > 0 ? 'warning' : 'key',
      ...(inCode > 0 && !key.disabled ? { iconColor: 'editorWarning.foreground' } : {}),
      contextValue: `apiKey.${key.disabled ? 'disabled' : 'enabled'}${inCode > 0 ? '.inCode' : ''}${mine ? '.mine' : ''}`,
      accessibilityLabel: vscode.l10n.t('API key {0}, {1}, {2}', key.description || key.id, key.maskedValue, state),
    };
  }

  /** Redraws after the user marked a key as theirs. */
  refreshMarks(): void {
    this.update();
  }

  /** The key behind a node from this view, or undefined. */
  keyOf(node: unknown): ApiKey | undefined {
    const id = typeof node === 'object' && node !== null && 'id' in node && typeof node.id === 'string' ? node.id : undefined;
    return id?.startsWith('key:') ? this.store.get('apiKeys').value?.find((k) => `key:${k.id}` === id) : undefined;
  }
}
