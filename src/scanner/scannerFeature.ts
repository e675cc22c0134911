// The cost scanner in VS Code, wired in one place: the service, its providers and its commands.
import * as vscode from 'vscode';
import { registerCommand } from '../commands/runCommand';
import { DisposableOwner } from '../common/lifecycle';
import { Commands, InternalCommands } from '../constants';
import type { SettingsService } from '../config/settings';
import type { AccountStore } from '../core/account/store';
import type { Logger } from '../core/common/logger';
import { CostLensProvider } from './costLens';
import { ScannerDiagnostics } from './diagnostics';
import { FindingHoverProvider } from './findingHover';
import { showFindings } from './findingsPicker';
import { explainKeyMoved, FixActionProvider, showFixesAt } from './fixActions';
import { PlanKeyDiagnostics } from './planKeyDiagnostics';
import { ScannerService } from './scannerService';

/** Every document on disk or unsaved; the service decides what is in scope. */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];
/** After activation, the workspace scan waits this long so start-up work goes first. */
const START_DELAY_MS = 1_000;

export class ScannerFeature extends DisposableOwner {
  readonly service: ScannerService;
  readonly diagnostics: ScannerDiagnostics;
  readonly lenses: CostLensProvider;

  constructor(settings: SettingsService, log: Logger, store: AccountStore) {
    super();
    this.service = this.register(new ScannerService(settings, log));
    this.diagnostics = this.register(new ScannerDiagnostics(this.service));
    this.register(new PlanKeyDiagnostics(this.service, store));
    this.lenses = this.register(new CostLensProvider(this.service));
    this.register(vscode.languages.registerCodeLensProvider(SELECTOR, this.lenses));
    this.register(vscode.languages.registerHoverProvider(SELECTOR, new FindingHoverProvider(this.service)));
    this.register(vscode.languages.registerCodeActionsProvider(SELECTOR, new FixActionProvider(this.service), { providedCodeActionKinds: FixActionProvider.kinds }));
    this.register(registerCommand(Commands.showScannerFindings, log, () => showFindings(this.service)));
    this.register(registerCommand(Commands.rescanWorkspace, log, () => this.service.rescanWorkspace()));
    this.register(registerCommand(InternalCommands.showScannerFixes, log, (uri: vscode.Uri, range: vscode.Range) => showFixesAt(uri, range)));
    this.register(registerCommand(InternalCommands.keyMovedToEnv, log, (envVar: string) => explainKeyMoved(envVar)));
    const timer = setTimeout(() => {
      for (const document of vscode.workspace.textDocuments) {
        this.service.forDocument(document);
      }
      void this.service.rescanWorkspace();
    }, START_DELAY_MS);
    this.register({ dispose: () => clearTimeout(timer) });
  }
}
