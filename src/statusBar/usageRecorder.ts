// Feeds each new Coding Plan snapshot into the UsageHistory the pace is measured from, and keeps that
// history in globalState so a reload does not lose the last hour.
import type * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { CodingPlan } from '../core/model';
import type { Snapshot } from '../core/store';
import { UsageHistory } from '../core/usageHistory';

export const USAGE_HISTORY_KEY = 'quotaUsageHistory';

export class UsageRecorder {
  readonly history: UsageHistory;
  private lastRecorded: number | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: Logger,
  ) {
    this.history = UsageHistory.fromState(memento.get<unknown>(USAGE_HISTORY_KEY));
  }

  /** Records the snapshot if it holds a plan fetched since the last one; true when it did. */
  record(snapshot: Snapshot<CodingPlan | null>): boolean {
    const { value, fetchedAt, source } = snapshot;
    if (!value || fetchedAt === undefined || !source || fetchedAt === this.lastRecorded) {
      return false;
    }
    this.lastRecorded = fetchedAt;
    this.history.observe(value, fetchedAt, `${source.kind}:${source.label}`);
    this.memento
      .update(USAGE_HISTORY_KEY, this.history.toState())
      .then(undefined, (error: unknown) => this.log.warn(`Could not save the quota usage history: ${String(error)}`));
    return true;
  }
}
