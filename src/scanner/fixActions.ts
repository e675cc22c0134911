// Quick fixes for findings: turn it off, remove it, ignore it (this line or the whole file), and for
// hard-coded keys, move the key to an environment variable.
import * as vscode from 'vscode';
import { Commands, InternalCommands, SCANNER_DIAGNOSTIC_SOURCE } from '../constants';
import type { FoundKeyArgs } from '../keys/revokeFlow';
import type { Fix } from '../core/scanner/finding';
import type { ScannerService } from './scannerService';

export class FixActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: ScannerService) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seenFileFix = new Set<string>();
    for (const hit of this.service.forDocument(document)) {
      if (!hit.range.intersection(range) && !hit.range.contains(range.start)) {
        continue;
      }
      const diagnostics = context.diagnostics.filter((d) => d.source === SCANNER_DIAGNOSTIC_SOURCE && d.range.isEqual(hit.range));
      const key = hit.finding.key;
      if (hit.finding.rule === 'api_key' && key) {
        // Revoking is offered beside moving the key: a key that was ever committed or shared is exposed.
        const revoke = new vscode.CodeAction(vscode.l10n.t('Revoke this key…'), vscode.CodeActionKind.QuickFix);
        const args: FoundKeyArgs = {
          uri: document.uri.toString(),
          range: [hit.range.start.line, hit.range.start.character, hit.range.end.line, hit.range.end.character],
          prefix: key.visiblePrefix,
          suffix: key.last4,
        };
        revoke.command = { command: Commands.revokeKeyFromCode, title: revoke.title, arguments: [args] };
        revoke.diagnostics = diagnostics;
        actions.push(revoke);
      }
      for (const fix of hit.finding.fixes) {
        if (fix.kind === 'ignoreFile') {
          if (seenFileFix.has(fix.kind)) continue;
          seenFileFix.add(fix.kind);
        }
        actions.push(this.action(document, fix, diagnostics));
      }
    }
    return actions;
  }

  private action(document: vscode.TextDocument, fix: Fix, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
    }
    action.edit = edit;
    action.diagnostics = diagnostics;
    action.isPreferred = fix.kind === 'turnOff' || fix.kind === 'moveToEnv' || fix.kind === 'useEndpoint';
    if (fix.kind === 'moveToEnv' && fix.envVar) {
      action.command = { command: InternalCommands.keyMovedToEnv, title: fix.title, arguments: [fix.envVars?.join(', ') ?? fix.envVar] };
    }
    return action;
  }
}

/** After the key moved: say what to do next. The key itself is neither kept nor shown. */
export async function explainKeyMoved(envVar: string): Promise<void> {
  await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'The code now reads the key from {0}. Set that variable where the code runs (Undo brings the key back). The key is still in your history: revoke it if this file was ever shared.',
      envVar,
    ),
  );
}

/** The CodeLens click: select the finding and open the quick fixes there. */
export async function showFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.quickFix');
}
