// Feeds each new Coding Plan and Token Plan snapshot into the UsageHistory the pace is measured from, and keeps that
// history in globalState so a reload does not lose the last hour. It is the one subscriber to the plans'
// snapshots: the quota meter and the quota notifications listen to it, so both read a history that already
// holds the snapshot they are drawing.
import * as vscode from 'vscode';
import { DisposableOwner } from '../common/lifecycle';
import { StateKeys } from '../constants';
import type { Logger } from '../core/common/logger';
import type { CodingPlan, TokenPlan } from '../core/account/model';
import { planWindows } from '../core/quota/quota';
import type { AccountStore, ResourceKey, Snapshot } from '../core/account/store';
import { UsageHistory } from '../core/quota/usageHistory';

/** What the plans' readers watch: both plans, whichever the account holds. */
export const PLAN_KEYS: readonly ResourceKey[] = ['codingPlan', 'tokenPlan'];

/** A plan snapshot changed; `fresh` when it held a plan fetched since the last one (not just loading or an error). */
export interface PlansChange {
  readonly fresh: boolean;
}

export class UsageRecorder extends DisposableOwner {
  readonly history: UsageHistory;
  private readonly lastRecorded = { coding: undefined as number | undefined, token: undefined as number | undefined };
  private readonly changed = this.register(new vscode.EventEmitter<PlansChange>());
  /** Fires after every change of either plan's snapshot, once it is recorded. */
  readonly onDidChange = this.changed.event;

  constructor(
    store: AccountStore,
    private readonly memento: vscode.Memento,
    private readonly log: Logger,
  ) {
    super();
    this.history = UsageHistory.fromState(memento.get<unknown>(StateKeys.usageHistory));
    this.register(
      store.onDidChange((key) => {
        if (PLAN_KEYS.includes(key)) {
          this.changed.fire({ fresh: this.record(store.get('codingPlan'), store.get('tokenPlan')) });
        }
      }),
    );
  }

  /** Records each snapshot that holds a plan fetched since the last one; true when either did. */
  private record(coding: Snapshot<CodingPlan | null>, token: Snapshot<TokenPlan | null>): boolean {
    const codingFresh = this.observe('coding', coding, (plan) => [planWindows(plan), plan.recentUsage]);
    const tokenFresh = this.observe('token', token, (plan) => [[plan.credits, ...(plan.seat ? [plan.seat] : [])], plan.recentUsage ? { credits: plan.recentUsage } : undefined]);
    if (!codingFresh && !tokenFresh) {
      return false;
    }
    this.memento
      .update(StateKeys.usageHistory, this.history.toState())
      .then(undefined, (error: unknown) => this.log.warn(`Could not save the quota usage history: ${String(error)}`));
    return true;
  }

  private observe<T>(
    which: 'coding' | 'token',
    snapshot: Snapshot<T | null>,
    windowsOf: (plan: T) => readonly [Parameters<UsageHistory['observe']>[0], Parameters<UsageHistory['observe']>[1]],
  ): boolean {
    const { value, fetchedAt, source } = snapshot;
    if (!value || fetchedAt === undefined || !source || fetchedAt === this.lastRecorded[which]) {
      return false;
    }
    this.lastRecorded[which] = fetchedAt;
    const [windows, recent] = windowsOf(value);
    this.history.observe(windows, recent, fetchedAt, `${source.kind}:${source.label}`);
    return true;
  }
}
