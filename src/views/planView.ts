// The plan view: the account's Coding Plan (type, status, renewability, subscription period, its windows)
// and Token Plan (edition, tier, status, auto-renewal, period, credits, a Team's pool, seats and this
// user's seat, add-on packs), each with use and a reset countdown that ticks locally. The view keeps the
// id it had when it showed only the Coding Plan, so a user's layout of the sidebar survives.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { Views } from '../constants';
import type { Clock } from '../core/common/clock';
import { DAY_MS } from '../core/common/calendar';
import { formatCount, formatDate, formatDuration, formatTime, planName, planStatusName, tokenPlanName, windowName } from '../core/common/format';
import { type CodingPlan, isCreditKind, type QuotaWindow, type TokenPlan } from '../core/account/model';
import { combinePlans, percentUsed, planWindows, remaining } from '../core/quota/quota';
import type { AccountStore } from '../core/account/store';
import { sourceLabel, snapshotMessage } from './viewText';
import { StoreTreeView } from './storeTreeView';
import { md, type ViewNode } from './treeModel';

/** A window's node: requests for the Coding Plan's windows, credits for a Token Plan's. */
function windowNode(w: QuotaWindow, now: number, id = `window:${w.kind}`, label = windowName(w.kind)): ViewNode {
  const percent = percentUsed(w);
  const countdown = formatDuration(Math.max(0, w.resetsAt - now));
  const at = formatTime(w.resetsAt, now);
  const level = percent >= 95 ? 'error' : percent >= 80 ? 'warning' : 'pulse';
  const credits = isCreditKind(w.kind);
  return {
    id,
    label,
    description: credits
      ? vscode.l10n.t('{0} / {1} · {2}% · renews in {3}', formatCount(w.used), formatCount(w.total), percent, countdown)
      : vscode.l10n.t('{0} / {1} · {2}% · resets in {3}', formatCount(w.used), formatCount(w.total), percent, countdown),
    tooltip: md(
      credits
        ? vscode.l10n.t('{0} of {1} credits used. They renew at {2}.', formatCount(w.used), formatCount(w.total), at)
        : vscode.l10n.t('{0} of {1} requests used. Resets at {2}.', formatCount(w.used), formatCount(w.total), at),
    ),
    icon: level,
    ...(level === 'pulse' ? {} : { iconColor: level === 'error' ? 'errorForeground' : 'editorWarning.foreground' }),
    accessibilityLabel: credits
      ? vscode.l10n.t('{0}: {1} percent used, {2} credits left, renews in {3}', label, percent, formatCount(remaining(w)), countdown)
      : vscode.l10n.t('{0}: {1} percent used, {2} requests left, resets in {3}', label, percent, formatCount(remaining(w)), countdown),
    expanded: false,
    children: [
      {
        id: `${id}:used`,
        label: vscode.l10n.t('Used'),
        description: credits
          ? vscode.l10n.t('{0} of {1} credits ({2}%)', formatCount(w.used), formatCount(w.total), percent)
          : vscode.l10n.t('{0} of {1} requests ({2}%)', formatCount(w.used), formatCount(w.total), percent),
        icon: 'graph',
      },
      {
        id: `${id}:left`,
        label: vscode.l10n.t('Remaining'),
        description: credits ? vscode.l10n.t('{0} credits', formatCount(remaining(w))) : vscode.l10n.t('{0} requests', formatCount(remaining(w))),
        icon: 'dashboard',
      },
      { id: `${id}:reset`, label: credits ? vscode.l10n.t('Renews') : vscode.l10n.t('Resets'), description: vscode.l10n.t('at {0} (in {1})', at, countdown), icon: 'history' },
    ],
  };
}

function periodNode(id: string, start: number | undefined, end: number | undefined, now: number): ViewNode | undefined {
  if (start === undefined || end === undefined) {
    return undefined;
  }
  const daysLeft = Math.max(0, Math.ceil((end - now) / DAY_MS));
  return { id, label: vscode.l10n.t('Subscription period'), description: vscode.l10n.t('{0} – {1} ({2} days left)', formatDate(start), formatDate(end), daysLeft), icon: 'calendar' };
}

function renewalNodes(prefix: string, plan: { readonly autoRenew?: boolean; readonly canRenew?: boolean }): ViewNode[] {
  const nodes: ViewNode[] = [];
  if (plan.autoRenew !== undefined) {
    nodes.push({
      id: `${prefix}:autoRenew`,
      label: vscode.l10n.t('Auto-renewal'),
      description: plan.autoRenew ? vscode.l10n.t('On') : vscode.l10n.t('Off'),
      tooltip: md(vscode.l10n.t('Auto-renewal cannot be changed through the API. Use the console to change it.')),
      icon: 'sync',
      contextValue: 'autoRenew',
    });
  }
  if (plan.canRenew !== undefined) {
    nodes.push({
      id: `${prefix}:canRenew`,
      label: vscode.l10n.t('Renewal'),
      description: plan.canRenew ? vscode.l10n.t('Can be renewed') : vscode.l10n.t('Cannot be renewed now'),
      tooltip: md(vscode.l10n.t('Whether the subscription can be renewed now, as the billing service says. Renew in the console.')),
      icon: plan.canRenew ? 'pass' : 'circle-slash',
      contextValue: 'autoRenew',
    });
  }
  return nodes;
}

/** A plan's own node: its name, status and source, opened on its details. */
function planNode(id: string, name: string, status: string, source: string | undefined, icon: string, details: ViewNode[]): ViewNode {
  return { id, label: name, description: source ? `${status} · ${source}` : status, tooltip: md(name), icon, contextValue: 'plan', expanded: true, children: details };
}

export function codingPlanNodes(plan: CodingPlan, now: number, source: string | undefined): ViewNode[] {
  const details: ViewNode[] = [
    { id: 'plan:status', label: vscode.l10n.t('Status'), description: planStatusName(plan), icon: plan.status === 'valid' ? 'pass' : 'warning' },
    ...renewalNodes('plan', plan),
  ];
  const period = periodNode('plan:period', plan.periodStart, plan.periodEnd, now);
  if (period) {
    details.push(period);
  }
  const windows = planWindows(plan);
  if (windows.length < 3) {
    details.push({
      id: 'plan:partial',
      label: vscode.l10n.t('Windows'),
      description: vscode.l10n.t('The plan reported {0} of its 3 windows', windows.length),
      tooltip: md(vscode.l10n.t('Qwen Cloud answered with only some of the Coding Plan\'s windows; those it reported are shown.')),
      icon: 'info',
    });
  }
  return [
    planNode('plan', planName(plan), planStatusName(plan), source, 'account', details),
    ...windows.map((w) => windowNode(w, now)),
  ];
}

export function tokenPlanNodes(plan: TokenPlan, now: number, source: string | undefined): ViewNode[] {
  const details: ViewNode[] = [
    {
      id: 'token:edition',
      label: vscode.l10n.t('Edition'),
      description: plan.edition === 'team' ? vscode.l10n.t('Team (a shared credit pool with seats)') : vscode.l10n.t('Personal (monthly credits)'),
      icon: plan.edition === 'team' ? 'organization' : 'person',
    },
    { id: 'token:status', label: vscode.l10n.t('Status'), description: planStatusName(plan), icon: plan.status === 'valid' ? 'pass' : 'warning' },
    ...renewalNodes('token', plan),
  ];
  const period = periodNode('token:period', plan.periodStart, plan.periodEnd, now);
  if (period) {
    details.push(period);
  }
  if (plan.seats) {
    details.push({
      id: 'token:seats',
      label: vscode.l10n.t('Seats'),
      description: vscode.l10n.t('{0} of {1} assigned', formatCount(plan.seats.assigned), formatCount(plan.seats.total)),
      icon: 'organization',
    });
  }
  details.push({
    id: 'token:fallback',
    label: vscode.l10n.t('When credits run out'),
    description: vscode.l10n.t('Requests stop: no pay-as-you-go fallback'),
    tooltip: md(vscode.l10n.t('Used-up credits are a hard stop until they renew or an add-on pack is bought.')),
    icon: 'stop-circle',
  });
  const nodes: ViewNode[] = [
    planNode('token', tokenPlanName(plan), planStatusName(plan), source, 'credit-card', details),
    windowNode(plan.credits, now, 'token:credits', plan.edition === 'team' ? vscode.l10n.t('Team credits') : vscode.l10n.t('Credits')),
  ];
  if (plan.seat) {
    nodes.push(windowNode(plan.seat, now, 'token:seat', vscode.l10n.t('Your seat')));
  }
  if (plan.packs.length > 0) {
    nodes.push({
      id: 'token:packs',
      label: vscode.l10n.t('Add-on packs'),
      description: vscode.l10n.t('{0} of {1} credits left', formatCount(plan.packs.reduce((n, p) => n + p.remaining, 0)), formatCount(plan.packs.reduce((n, p) => n + p.total, 0))),
      icon: 'package',
      expanded: false,
      children: plan.packs.map((p, i) => ({
        id: `token:pack:${i}`,
        label: p.name,
        description:
          p.expiresAt !== undefined
            ? vscode.l10n.t('{0} of {1} left · expires {2}', formatCount(p.remaining), formatCount(p.total), formatDate(p.expiresAt))
            : vscode.l10n.t('{0} of {1} left', formatCount(p.remaining), formatCount(p.total)),
        icon: 'package',
      })),
    });
  }
  return nodes;
}

export class PlanView extends StoreTreeView {
  constructor(
    private readonly store: AccountStore,
    controller: AccountController,
    clock: Clock,
  ) {
    super(Views.codingPlan, controller, clock, ['codingPlan', 'tokenPlan'], true);
    this.register(
      store.onDidChange((key) => {
        if (key === 'codingPlan' || key === 'tokenPlan') {
          this.update();
        }
      }),
    );
    this.start();
  }

  protected build(): { nodes: readonly ViewNode[]; message?: string } {
    const now = this.clock.now();
    const snapshot = combinePlans(this.store.get('codingPlan'), this.store.get('tokenPlan'));
    const message = snapshotMessage(snapshot, now, {
      unavailable: vscode.l10n.t('Sign in to Qwen Cloud to see your Coding Plan or Token Plan.'),
      none: vscode.l10n.t('This account has no Coding Plan or Token Plan. Subscribe in the console (Open Console above).'),
    });
    const plans = snapshot.value;
    const source = sourceLabel(snapshot.source);
    const nodes = plans ? [...(plans.coding ? codingPlanNodes(plans.coding, now, source) : []), ...(plans.token ? tokenPlanNodes(plans.token, now, source) : [])] : [];
    return { nodes, ...(message ? { message } : {}) };
  }
}
