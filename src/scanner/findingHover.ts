// Hovering a finding explains it: what it turns on, what that costs, where a run-time value comes from, and
// a link to the official documentation.
import * as vscode from 'vscode';
import { costLine, mergePrices, outputPrice } from '../core/scanner/prices';
import { RULES, ruleTitle } from '../core/scanner/rules';
import type { ScannerService } from './scannerService';

export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: ScannerService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hits = this.service.forDocument(document).filter((h) => h.range.contains(position) && h.finding.severity !== 'none');
    if (hits.length === 0) {
      return undefined;
    }
    const prices = mergePrices(this.service.current.prices);
    const parts = hits.map((h) => {
      const f = h.finding;
      const md = new vscode.MarkdownString(undefined, true);
      md.appendMarkdown(`**${ruleTitle(f.rule)}** · \`${f.rule}\` · ${f.state}\n\n`);
      md.appendText(f.message);
      md.appendMarkdown('\n\n');
      // Keys cost nothing by themselves: what they expose is said in the message.
      if (RULES[f.rule].kind !== 'key') {
        md.appendText(costLine(RULES[f.rule].cost, prices, f.model));
        if (outputPrice(prices, f.model) && (RULES[f.rule].cost === 'thinking' || RULES[f.rule].cost === 'choices')) {
          md.appendMarkdown('\n\n');
          md.appendText(vscode.l10n.t('Price: {0}, as of {1}.', prices.source, prices.asOf));
        }
        md.appendMarkdown('\n\n');
      }
      md.appendMarkdown(`[${vscode.l10n.t('Documentation')}](${RULES[f.rule].docsUrl}) · `);
      md.appendText(vscode.l10n.t('Silence it with a qwen-cost-ignore comment.'));
      return md;
    });
    return new vscode.Hover(parts, hits[0]!.range);
  }
}
