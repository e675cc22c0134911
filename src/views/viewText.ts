// Texts the views share: where data came from, and what to say about a snapshot that is loading,
// missing, stale or failing.
import * as vscode from 'vscode';
import { describeError } from '../commands/runCommand';
import type { SourceInfo } from '../core/account/source';
import { formatAge } from '../core/common/format';
import type { Snapshot } from '../core/account/store';

/** "Demo" for the demo account, else the account's label. */
export function sourceLabel(source: SourceInfo | undefined): string | undefined {
  if (!source) {
    return undefined;
  }
  return source.kind === 'demo' ? vscode.l10n.t('Demo') : source.label;
}

/**
 * The message a view shows above its items for this snapshot, or undefined when the data is simply there.
 * `none` is said when the value is present but empty (null, or an empty list).
 */
export function snapshotMessage<T>(snapshot: Snapshot<T>, now: number, texts: { unavailable: string; none?: string }, isEmpty: (value: T) => boolean = (v) => v === null): string | undefined {
  if (snapshot.unavailable) {
    return texts.unavailable;
  }
  if (snapshot.value === undefined) {
    if (snapshot.error) {
      return vscode.l10n.t('Could not load: {0} Use Refresh to try again.', describeError(snapshot.error));
    }
    return vscode.l10n.t('Loading…');
  }
  if (snapshot.error) {
    const age = snapshot.fetchedAt !== undefined ? formatAge(now - snapshot.fetchedAt) : '';
    return vscode.l10n.t('Showing data from {0}: the last refresh failed ({1})', age, describeError(snapshot.error));
  }
  if (texts.none && isEmpty(snapshot.value)) {
    return texts.none;
  }
  return undefined;
}
