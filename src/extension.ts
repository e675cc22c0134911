// Composition root: logger → settings → sources → store → UI. Nothing here runs at import time.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountController, maxAgesFor } from './account/accountController';
import { GlobalStateLedgerStorage } from './alerts/globalStateLedgerStorage';
import { SpendAlertNotifier } from './alerts/spendAlertNotifier';
import { DemoAccount } from './api/demo/demoAccount';
import { type DemoState, DemoSource, emptyDemoState } from './api/demo/demoSource';
import { DisposableOwner } from './common/lifecycle';
import { registerCommand } from './commands/runCommand';
import { SettingsService } from './config/settings';
import { Commands, ContextKeys, OUTPUT_CHANNEL_NAME, Views } from './constants';
import { AccountRouter } from './core/account';
import { AlertLedger } from './core/alertLedger';
import { systemClock } from './core/clock';
import { AccountStore } from './core/store';
import { OutputLogger } from './log/outputLogger';
import { LimitPanelManager } from './panels/limitPanel';
import { vscodeDialogs } from './panels/panelHost';
import { parseShowSpendingArgs, SpendingPanelManager } from './panels/spendingPanel';
import { QuotaStatusBar } from './statusBar/quotaStatusBar';
import { CodingPlanView } from './views/codingPlanView';

const DEMO_STATE_KEY = 'demoAccountState';
const SPEND_ALERT_LEDGER_KEY = 'spendAlertLedger';

/** What `activate` returns: used by the integration tests and by other extensions that want the numbers. */
export interface QwenCloudMeterApi {
  readonly store: AccountStore;
  /** How long `activate` took, in milliseconds (measured with performance.now()). */
  readonly activationMs: number;
  readonly statusBar: QuotaStatusBar;
  readonly codingPlanView: CodingPlanView;
  readonly spendingPanel: SpendingPanelManager;
  readonly limitPanel: LimitPanelManager;
  readonly spendAlerts: SpendAlertNotifier;
}

function loadDemoState(context: vscode.ExtensionContext): DemoState {
  const saved = context.globalState.get<DemoState>(DEMO_STATE_KEY);
  return saved && typeof saved === 'object' && Array.isArray(saved.deletedKeys) ? saved : emptyDemoState();
}

export function activate(context: vscode.ExtensionContext): QwenCloudMeterApi {
  const started = performance.now();
  if (vscode.l10n.bundle) {
    // Core code localises through @vscode/l10n; hand it the bundle VS Code loaded for the UI language.
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const root = new DisposableOwner();
  context.subscriptions.push(root);
  const log = root.register(new OutputLogger(OUTPUT_CHANNEL_NAME));
  const settings = root.register(new SettingsService());
  const clock = systemClock;

  const demo = new DemoSource(new DemoAccount(), clock, loadDemoState(context), (state) => {
    void context.globalState.update(DEMO_STATE_KEY, state);
  });
  const store = new AccountStore(new AccountRouter([], demo), clock, maxAgesFor(settings.value), (error) =>
    log.error('A listener of the account store failed', error),
  );
  root.register(store);
  void vscode.commands.executeCommand('setContext', ContextKeys.isDemo, store.router.isDemo);

  const controller = root.register(new AccountController(store, settings, log));
  const statusBar = root.register(new QuotaStatusBar(store, settings, controller, clock));
  const codingPlanView = root.register(new CodingPlanView(store, controller, clock));

  root.register(registerCommand(Commands.refresh, log, () => controller.refreshNow()));
  root.register(registerCommand(Commands.showLog, log, () => log.show()));
  root.register(
    registerCommand(Commands.openConsole, log, () => vscode.env.openExternal(vscode.Uri.parse(settings.value.consoleUrl))),
  );
  root.register(registerCommand(Commands.showCodingPlan, log, () => vscode.commands.executeCommand(`${Views.codingPlan}.focus`)));

  const panels = { store, controller, clock, log, extensionUri: context.extensionUri, dialogs: vscodeDialogs };
  const spendingPanel = root.register(new SpendingPanelManager(panels));
  const limitPanel = root.register(new LimitPanelManager(panels));
  // Invoked from the palette with no argument, or by the Invoices view with { month: 'YYYY-MM' }.
  root.register(registerCommand(Commands.showSpending, log, async (args?: unknown) => void (await spendingPanel.createOrShow(parseShowSpendingArgs(args)))));
  root.register(registerCommand(Commands.showSpendingLimit, log, () => void limitPanel.createOrShow()));
  const spendAlerts = root.register(
    new SpendAlertNotifier(store, controller, settings, new AlertLedger(new GlobalStateLedgerStorage(context.globalState, SPEND_ALERT_LEDGER_KEY)), clock, log),
  );

  controller.start();
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms on the ${store.router.isDemo ? 'demo' : 'signed-in'} account.`);
  return { store, activationMs, statusBar, codingPlanView, spendingPanel, limitPanel, spendAlerts };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
