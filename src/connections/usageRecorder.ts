// Feeds each new Coding Plan and Token Plan snapshot into the UsageHistory the pace is measured from, and keeps that
// history in globalState so a reload does not lose the last hour.
import type * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';
import type { CodingPlan, TokenPlan } from '../core/account/model';
import { planWindows } from '../core/quota/quota';
import type { Snapshot } from '../core/account/store';
import { UsageHistory } from '../core/quota/usageHistory';

export const USAGE_HISTORY_KEY = 'quotaUsageHistory';

export class UsageRecorder {
  readonly history: UsageHistory;
  private readonly lastRecorded = { coding: undefined as number | undefined, token: undefined as number | undefined };

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: Logger,
  ) {
    this.history = UsageHistory.fromState(memento.get<unknown>(USAGE_HISTORY_KEY));
  }

  /** Records each snapshot that holds a plan fetched since the last one; true when either did. */
  record(coding: Snapshot<CodingPlan | null>, token: Snapshot<TokenPlan | null>): boolean {
    const codingFresh = this.observe('coding', coding, (plan) => [planWindows(plan), plan.recentUsage]);
    const tokenFresh = this.observe('token', token, (plan) => [[plan.credits, ...(plan.seat ? [plan.seat] : [])], plan.recentUsage ? { credits: plan.recentUsage } : undefined]);
    if (!codingFresh && !tokenFresh) {
      return false;
    }
    this.memento
      .update(USAGE_HISTORY_KEY, this.history.toState())
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
