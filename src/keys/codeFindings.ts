// What the key flows need from the cost scanner: where hard-coded keys are, which costly settings are on,
// and the edit that moves a key to an environment variable. An interface, so the flows do not depend on
// how the scanner works.
import type * as vscode from 'vscode';
import { sameVisibleParts, visibleParts, type VisibleParts } from '../core/account/keyMatch';
import type { ApiKey } from '../core/account/model';

export interface KeyInCode {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly parts: VisibleParts;
}

export interface CostlySetting {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly rule: string;
  readonly message: string;
}

export interface CodeFindings {
  keysInCode(): readonly KeyInCode[];
  costlySettings(): readonly CostlySetting[];
  /** The edit that replaces the key literal at `range` with an environment-variable read, if there is one. */
  moveToEnvironment(uri: vscode.Uri, range: vscode.Range): Promise<{ edit: vscode.WorkspaceEdit; envVar: string } | undefined>;
  readonly onDidChange: vscode.Event<void>;
}

/** Where in the workspace `key` appears (matched by its visible prefix and last four). */
export function occurrencesOf(findings: CodeFindings | undefined, key: ApiKey): KeyInCode[] {
  const parts = visibleParts(key.maskedValue);
  return parts && findings ? findings.keysInCode().filter((k) => sameVisibleParts(k.parts, parts)) : [];
}
