// The Coding Plan view: the plan (type, status, auto-renewal, subscription period) and its three windows
// with use and a reset countdown that ticks locally.
import * as vscode from 'vscode';
import type { AccountController } from '../account/accountController';
import { Views } from '../constants';
import type { Clock } from '../core/clock';
import { DAY_MS } from '../core/calendar';
import { formatCount, formatDate, formatDuration, formatTime, planName, planStatusName, windowName } from '../core/format';
import type { CodingPlan, QuotaWindow } from '../core/model';
import { QUOTA_WINDOW_KINDS } from '../core/model';
import { percentUsed, remaining } from '../core/quota';
import type { AccountStore } from '../core/store';
import { sourceLabel, snapshotMessage } from './viewText';
import { StoreTreeView } from './storeTreeView';
import { md, type ViewNode } from './treeModel';

function windowNode(w: QuotaWindow, now: number): ViewNode {
  const percent = percentUsed(w);
  const countdown = formatDuration(Math.max(0, w.resetsAt - now));
  const at = formatTime(w.resetsAt, now);
  const level = percent >= 95 ? 'error' : percent >= 80 ? 'warning' : 'pulse';
  return {
    id: `window:${w.kind}`,
    label: windowName(w.kind),
    description: vscode.l10n.t('{0} / {1} · {2}% · resets in {3}', formatCount(w.used), formatCount(w.total), percent, countdown),
    tooltip: md(vscode.l10n.t('{0} of {1} requests used. Resets at {2}.', formatCount(w.used), formatCount(w.total), at)),
    icon: level,
    ...(level === 'pulse' ? {} : { iconColor: level === 'error' ? 'errorForeground' : 'editorWarning.foreground' }),
    accessibilityLabel: vscode.l10n.t('{0}: {1} percent used, {2} requests left, resets in {3}', windowName(w.kind), percent, formatCount(remaining(w)), countdown),
    expanded: false,
    children: [
      { id: `window:${w.kind}:used`, label: vscode.l10n.t('Used'), description: vscode.l10n.t('{0} of {1} requests ({2}%)', formatCount(w.used), formatCount(w.total), percent), icon: 'graph' },
      { id: `window:${w.kind}:left`, label: vscode.l10n.t('Remaining'), description: vscode.l10n.t('{0} requests', formatCount(remaining(w))), icon: 'dashboard' },
      { id: `window:${w.kind}:reset`, label: vscode.l10n.t('Resets'), description: vscode.l10n.t('at {0} (in {1})', at, countdown), icon: 'history' },
    ],
  };
}

export function codingPlanNodes(plan: CodingPlan, now: number, source: string | undefined): ViewNode[] {
  const details: ViewNode[] = [{ id: 'plan:status', label: vscode.l10n.t('Status'), description: planStatusName(plan), icon: plan.status === 'valid' ? 'pass' : 'warning' }];
  if (plan.autoRenew !== undefined) {
    details.push({
      id: 'plan:autoRenew',
      label: vscode.l10n.t('Auto-renewal'),
      description: plan.autoRenew ? vscode.l10n.t('On') : vscode.l10n.t('Off'),
      tooltip: md(vscode.l10n.t('Auto-renewal cannot be changed through the API. Use the console to change it.')),
      icon: 'sync',
      contextValue: 'autoRenew',
    });
  }
  if (plan.periodStart !== undefined && plan.periodEnd !== undefined) {
    const daysLeft = Math.max(0, Math.ceil((plan.periodEnd - now) / DAY_MS));
    details.push({
      id: 'plan:period',
      label: vscode.l10n.t('Subscription period'),
      description: vscode.l10n.t('{0} – {1} ({2} days left)', formatDate(plan.periodStart), formatDate(plan.periodEnd), daysLeft),
      icon: 'calendar',
    });
  }
  return [
    {
      id: 'plan',
      label: planName(plan),
      description: source ? `${planStatusName(plan)} · ${source}` : planStatusName(plan),
      tooltip: md(planName(plan)),
      icon: 'account',
      contextValue: 'plan',
      expanded: true,
      children: details,
    },
    ...QUOTA_WINDOW_KINDS.map((k) => windowNode(plan.windows[k], now)),
  ];
}

export class CodingPlanView extends StoreTreeView {
  constructor(
    private readonly store: AccountStore,
    controller: AccountController,
    clock: Clock,
  ) {
    super(Views.codingPlan, controller, clock, ['codingPlan'], true);
    this.register(
      store.onDidChange((key) => {
        if (key === 'codingPlan') {
          this.update();
        }
      }),
    );
    this.start();
  }

  protected build(): { nodes: readonly ViewNode[]; message?: string } {
    const snapshot = this.store.get('codingPlan');
    const message = snapshotMessage(snapshot, this.clock.now(), {
      unavailable: vscode.l10n.t('Sign in to Qwen Cloud to see your Coding Plan.'),
      none: vscode.l10n.t('This account has no Coding Plan. Subscribe in the console (Open Console above).'),
    });
    const plan = snapshot.value;
    return { nodes: plan ? codingPlanNodes(plan, this.clock.now(), sourceLabel(snapshot.source)) : [], ...(message ? { message } : {}) };
  }
}
