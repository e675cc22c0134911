// Findings in the Problems panel: warnings for what is on or hard-coded, information for what is decided
// at run time, nothing for what is off (severities per rule come from settings).
import * as vscode from 'vscode';
import { SCANNER_DIAGNOSTIC_SOURCE } from '../constants';
import { DisposableOwner } from '../common/lifecycle';
import type { Severity } from '../core/scanner/finding';
import { RULES } from '../core/scanner/rules';
import type { ScannerHit, ScannerService } from './scannerService';

const SEVERITY: Record<Exclude<Severity, 'none'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(hit: ScannerHit): vscode.Diagnostic | undefined {
  const severity = hit.finding.severity;
  if (severity === 'none') {
    return undefined;
  }
  const d = new vscode.Diagnostic(hit.range, hit.finding.message, SEVERITY[severity]);
  d.source = SCANNER_DIAGNOSTIC_SOURCE;
  d.code = { value: hit.finding.rule, target: vscode.Uri.parse(RULES[hit.finding.rule].docsUrl) };
  return d;
}

export class ScannerDiagnostics extends DisposableOwner {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('qwenCloud.scanner'));

  constructor(private readonly service: ScannerService) {
    super();
    this.register(service.onDidChange((uris) => this.refresh(uris)));
    this.refresh([]);
  }

  private refresh(uris: readonly vscode.Uri[]): void {
    const entries = new Map(this.service.all().map((f) => [f.uri.toString(), f]));
    const targets = uris.length > 0 ? uris : undefined;
    if (!targets) {
      this.collection.clear();
    }
    for (const uri of targets ?? [...entries.values()].map((e) => e.uri)) {
      const entry = entries.get(uri.toString());
      const diagnostics = (entry?.hits ?? []).map(toDiagnostic).filter((d): d is vscode.Diagnostic => d !== undefined);
      this.collection.set(uri, diagnostics.length > 0 ? diagnostics : undefined);
    }
  }
}
