// The Coding Plan view: the plan and its three windows with use and reset countdown.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { Views } from '../constants';
import type { Clock } from '../core/clock';
import { formatCount, formatDuration, windowName } from '../core/format';
import type { CodingPlan, QuotaWindow } from '../core/model';
import { QUOTA_WINDOW_KINDS } from '../core/model';
import { percentUsed } from '../core/quota';
import type { AccountStore } from '../core/store';
import type { AccountController } from '../account/accountController';

export interface CodingPlanNode {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: string;
}

function planLabel(plan: CodingPlan): string {
  switch (plan.tier) {
    case 'pro':
      return vscode.l10n.t('Coding Plan Pro');
    case 'lite':
      return vscode.l10n.t('Coding Plan Lite');
    case 'other':
      return vscode.l10n.t('Coding Plan ({0})', plan.rawType);
  }
}

function statusLabel(plan: CodingPlan): string {
  switch (plan.status) {
    case 'valid':
      return vscode.l10n.t('Active');
    case 'expired':
      return vscode.l10n.t('Expired');
    case 'suspended':
      return vscode.l10n.t('Suspended');
    case 'other':
      return plan.rawStatus;
  }
}

export function codingPlanNodes(plan: CodingPlan, now: number, sourceLabel: string | undefined): CodingPlanNode[] {
  const windowNode = (w: QuotaWindow): CodingPlanNode => {
    const countdown = formatDuration(Math.max(0, w.resetsAt - now));
    return {
      id: `window:${w.kind}`,
      label: windowName(w.kind),
      description: vscode.l10n.t('{0} / {1} · {2}% · resets in {3}', formatCount(w.used), formatCount(w.total), percentUsed(w), countdown),
      tooltip: vscode.l10n.t('{0} of {1} requests used. Resets at {2}.', formatCount(w.used), formatCount(w.total), new Date(w.resetsAt).toLocaleString()),
      icon: percentUsed(w) >= 95 ? 'error' : percentUsed(w) >= 80 ? 'warning' : 'pulse',
    };
  };
  return [
    {
      id: 'plan',
      label: planLabel(plan),
      description: sourceLabel ? `${statusLabel(plan)} · ${sourceLabel}` : statusLabel(plan),
      tooltip: planLabel(plan),
      icon: 'account',
    },
    ...QUOTA_WINDOW_KINDS.map((k) => windowNode(plan.windows[k])),
  ];
}

export class CodingPlanView extends DisposableOwner implements vscode.TreeDataProvider<CodingPlanNode> {
  private readonly changed = this.register(new vscode.EventEmitter<CodingPlanNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<CodingPlanNode>;

  constructor(
    private readonly store: AccountStore,
    controller: AccountController,
    private readonly clock: Clock,
  ) {
    super();
    this.treeView = this.register(vscode.window.createTreeView(Views.codingPlan, { treeDataProvider: this, showCollapseAll: false }));
    let shown: vscode.Disposable | undefined;
    const follow = (visible: boolean): void => {
      if (visible) {
        shown ??= controller.show(['codingPlan']);
      } else {
        shown?.dispose();
        shown = undefined;
      }
    };
    follow(this.treeView.visible);
    this.register(this.treeView.onDidChangeVisibility((e) => follow(e.visible)));
    this.register(toDisposable(() => void shown?.dispose()));
    this.register(
      store.onDidChange((key) => {
        if (key === 'codingPlan') {
          this.refresh();
        }
      }),
    );
    this.refresh();
  }

  private refresh(): void {
    const snapshot = this.store.get('codingPlan');
    if (snapshot.value === undefined && snapshot.error) {
      this.treeView.message = vscode.l10n.t('The Coding Plan could not be loaded: {0}', snapshot.error.message);
    } else if (snapshot.value === undefined && snapshot.loading) {
      this.treeView.message = vscode.l10n.t('Loading…');
    } else if (snapshot.value === null) {
      this.treeView.message = vscode.l10n.t('This account has no Coding Plan.');
    } else if (snapshot.error) {
      this.treeView.message = vscode.l10n.t('Showing data from before the last refresh failed: {0}', snapshot.error.message);
    } else {
      this.treeView.message = undefined;
    }
    this.changed.fire(undefined);
  }

  getChildren(element?: CodingPlanNode): CodingPlanNode[] {
    if (element) {
      return [];
    }
    const snapshot = this.store.get('codingPlan');
    if (!snapshot.value) {
      return [];
    }
    return codingPlanNodes(snapshot.value, this.clock.now(), snapshot.source?.kind === 'demo' ? vscode.l10n.t('Demo') : snapshot.source?.label);
  }

  getTreeItem(node: CodingPlanNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    return item;
  }
}
