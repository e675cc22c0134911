// A CodeLens above each costly setting that says what it costs: the billing rule, and a price only from
// the table in core (which names its source and date) or from the user's settings.
import * as vscode from 'vscode';
import { InternalCommands } from '../constants';
import { DisposableOwner } from '../common/lifecycle';
import { costLine, mergePrices } from '../core/scanner/prices';
import { RULES } from '../core/scanner/rules';
import type { ScannerService } from './scannerService';

export class CostLensProvider extends DisposableOwner implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly service: ScannerService) {
    super();
    this.register(service.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const settings = this.service.current;
    if (!settings.codeLens) {
      return [];
    }
    const prices = mergePrices(settings.prices);
    return this.service
      .forDocument(document)
      .filter((h) => (h.finding.state === 'on' || h.finding.state === 'dynamic') && h.finding.severity !== 'none' && h.finding.rule !== 'api_key')
      .map((h) => {
        const f = h.finding;
        const cost = costLine(RULES[f.rule].cost, prices, f.model);
        // The billing rules name what they are about ("Web search is billed per call…"): no title needed.
        const title = f.state === 'on' ? vscode.l10n.t('$(credit-card) {0}', cost) : vscode.l10n.t('$(credit-card) Decided at run time. {0}', cost);
        return new vscode.CodeLens(h.range, {
          title,
          tooltip: vscode.l10n.t('Show the fixes for this setting'),
          command: InternalCommands.showScannerFixes,
          arguments: [document.uri, h.range],
        });
      });
  }
}
