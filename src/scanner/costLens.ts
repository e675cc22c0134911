// A CodeLens above each costly setting that says what it costs: the figure first, from the dated table in
// core or from the user's settings, or "Price unknown" where neither has one, then the billing rule.
import * as vscode from 'vscode';
import { InternalCommands } from '../constants';
import { DisposableOwner } from '../common/lifecycle';
import { billingRule, mergePrices, priceFigure } from '../core/scanner/prices';
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
        const figure = priceFigure(RULES[f.rule].cost, prices, f.model);
        // The billing rules name what they are about ("Web search is billed per call…"): no title needed.
        const cost = figure ? vscode.l10n.t('{0}. {1}', figure, billingRule(RULES[f.rule].cost)) : vscode.l10n.t('Price unknown. {0}', billingRule(RULES[f.rule].cost));
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
