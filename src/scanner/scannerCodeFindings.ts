// The scanner as the key features see it (keys/codeFindings.ts): where hard-coded keys are, which costly
// settings are on, and the edit that moves a key to an environment variable.
import * as vscode from 'vscode';
import type { CodeFindings, CostlySetting, KeyInCode } from '../keys/codeFindings';
import type { ScannerService } from './scannerService';

export class ScannerCodeFindings implements CodeFindings {
  constructor(private readonly service: ScannerService) {}

  readonly onDidChange: vscode.Event<void> = (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) =>
    this.service.onDidChange(
      () => {
        listener.call(thisArgs, undefined);
      },
      undefined,
      disposables,
    );

  keysInCode(): readonly KeyInCode[] {
    return this.service.hardcodedKeys().map((k) => ({ uri: k.uri, range: k.range, parts: { prefix: k.visiblePrefix, suffix: k.last4 } }));
  }

  costlySettings(): readonly CostlySetting[] {
    return this.service.all().flatMap((file) =>
      file.hits
        .filter((h) => h.finding.state === 'on' && h.finding.rule !== 'api_key' && h.finding.severity !== 'none')
        .map((h) => ({ uri: file.uri, range: h.range, rule: h.finding.rule, message: h.finding.message })),
    );
  }

  async moveToEnvironment(uri: vscode.Uri, range: vscode.Range): Promise<{ edit: vscode.WorkspaceEdit; envVar: string } | undefined> {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      return undefined; // the file is gone, or was never there: nothing to move
    }
    const hit = this.service.forDocument(document).find((h) => h.finding.rule === 'api_key' && h.range.intersection(range) !== undefined);
    const fix = hit?.finding.fixes.find((f) => f.kind === 'moveToEnv');
    if (!fix?.envVar) {
      return undefined;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) {
      edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
    }
    return { edit, envVar: fix.envVar };
  }
}
