// A plan is active, yet a coding agent in this workspace is set up with an ordinary pay-as-you-go key: its
// requests are billed pay-as-you-go, silently, instead of coming out of the plan's quota. Only the account
// knows a plan is active, so this lives beside the scanner's diagnostics rather than in the scanner (which
// the CLI runs without an account).
import * as vscode from 'vscode';
import { SCANNER_DIAGNOSTIC_SOURCE } from '../constants';
import { DisposableOwner } from '../common/lifecycle';
import type { AccountStore } from '../core/account/store';
import { planName, tokenPlanName } from '../core/common/format';
import { agentToolOf } from '../core/scanner/agentTools';
import { maskedKey } from '../core/scanner/keys';
import type { ScannerService } from './scannerService';

export const PLAN_KEY_CODE = 'payg_key_with_plan';

export class PlanKeyDiagnostics extends DisposableOwner {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('qwenCloud.planKeys'));

  constructor(
    private readonly service: ScannerService,
    private readonly store: AccountStore,
  ) {
    super();
    this.register(service.onDidChange(() => this.refresh()));
    this.register(store.onDidChange((key) => (key === 'codingPlan' || key === 'tokenPlan' ? this.refresh() : undefined)));
    this.refresh();
  }

  /** The active plan's name, or undefined when the account has none (or it is not known yet). */
  private activePlan(): string | undefined {
    const coding = this.store.get('codingPlan').value;
    if (coding && coding.status === 'valid') return planName(coding);
    const token = this.store.get('tokenPlan').value;
    if (token && token.status === 'valid') return tokenPlanName(token);
    return undefined;
  }

  private refresh(): void {
    this.collection.clear();
    const plan = this.activePlan();
    if (!plan) return;
    for (const entry of this.service.all()) {
      const tool = agentToolOf(vscode.workspace.asRelativePath(entry.uri, false));
      if (!tool) continue;
      const diagnostics = entry.hits
        .filter((h) => h.finding.rule === 'api_key' && h.finding.key?.kind === 'sk-')
        .map((h) => {
          const d = new vscode.Diagnostic(
            h.range,
            vscode.l10n.t(
              '{0} is active on this account, but {1} is set up here with a pay-as-you-go key ({2}): its requests are billed pay-as-you-go, not taken from the plan. Use the plan\'s key (sk-sp-…) and its endpoint.',
              plan,
              tool,
              maskedKey(h.finding.key!),
            ),
            vscode.DiagnosticSeverity.Warning,
          );
          d.source = SCANNER_DIAGNOSTIC_SOURCE;
          d.code = { value: PLAN_KEY_CODE, target: vscode.Uri.parse('https://www.alibabacloud.com/help/en/model-studio/coding-plan') };
          return d;
        });
      if (diagnostics.length > 0) this.collection.set(entry.uri, diagnostics);
    }
  }
}
