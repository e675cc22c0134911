// Composition root: logger → settings → sources → store → controller → UI. Each feature registers its own
// commands (`register…Commands`); this file only builds the parts and hands them to each other. Nothing
// here runs at import time.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AgentDataService } from './agents/agentDataService';
import { AgentsFeature } from './agents/agentsFeature';
import { QuotaNotifier } from './alerts/quotaNotifier';
import { SpendAlertNotifier } from './alerts/spendAlertNotifier';
import { SpendSpikeNotifier } from './alerts/spendSpikeNotifier';
import { MementoLedgerStorage } from './alerts/mementoLedgerStorage';
import { QwenCloudAuth } from './auth/qwenCloudAuth';
import { Secrets } from './auth/secrets';
import { consoleOpener } from './commands/openConsole';
import { tellWorkspaceSilencing, warnRefusedSettings } from './config/refusedSettings';
import { SettingsService } from './config/settings';
import { registerAccountCommands } from './connections/accountCommands';
import { AccountController, intervalOf, maxAgesFor, type PollTimings } from './connections/accountController';
import { AccountConnections } from './connections/connections';
import { createDemoSource } from './connections/demoConnection';
import { NetworkService } from './connections/networkService';
import { UsageRecorder } from './connections/usageRecorder';
import { DisposableOwner } from './common/lifecycle';
import { ScriptablePrompts, type WindowPrompts, windowPrompts } from './common/windowPrompts';
import { Commands, OUTPUT_CHANNEL_NAME, StateKeys } from './constants';
import * as errors from './core/account/errors';
import { AccountRouter } from './core/account/source';
import { AccountStore } from './core/account/store';
import { AlertLedger } from './core/common/alertLedger';
import { type Clock, parseClockStart, startedClock, systemClock } from './core/common/clock';
import { KeyAuditLog } from './keys/auditLog';
import type { CodeFindings } from './keys/codeFindings';
import { registerKeyCommands } from './keys/keyCommands';
import { KeyActions } from './keys/keyActions';
import { MyKey } from './keys/myKey';
import { RevokeFlow } from './keys/revokeFlow';
import { StopBillingFlow } from './keys/stopBilling';
import { OutputLogger } from './log/outputLogger';
import { LimitPanelManager } from './panels/limitPanel';
import { registerPanelCommands } from './panels/panelCommands';
import { SpendingPanelManager } from './panels/spendingPanel';
import { ScannerCodeFindings } from './scanner/scannerCodeFindings';
import { ScannerFeature } from './scanner/scannerFeature';
import type { ScannerService } from './scanner/scannerService';
import { QuotaStatusBar } from './statusBar/quotaStatusBar';
import { SpendStatusBar } from './statusBar/spendStatusBar';
import { ApiKeysView } from './views/apiKeysView';
import { InvoicesView } from './views/invoicesView';
import { PlanView } from './views/planView';
import { SubscriptionsView } from './views/subscriptionsView';
import { registerViewCommands } from './views/viewCommands';

/** What `activate` returns: used by the integration tests and by other extensions that want the numbers. */
export interface QwenCloudMeterApi {
  /** The time the extension reads (tests compare against it rather than the system clock). */
  readonly clock: Clock;
  readonly store: AccountStore;
  readonly settings: SettingsService;
  /** Resolves once the stored credentials have been read and the store has its sources. */
  readonly ready: Promise<void>;
  readonly connections: AccountConnections;
  /** How long `activate` took, in milliseconds (measured with performance.now()). */
  readonly activationMs: number;
  /** When `activate` was called, as performance.now() in the extension host (the benchmark measures from it). */
  readonly activationStartedAt: number;
  readonly statusBar: QuotaStatusBar;
  /** The pay-as-you-go item: this month's spend against the limit. */
  readonly spendStatusBar: SpendStatusBar;
  /** The plan view: the Coding Plan and the Token Plan. */
  readonly planView: PlanView;
  readonly subscriptionsView: SubscriptionsView;
  readonly invoicesView: InvoicesView;
  readonly apiKeysView: ApiKeysView;
  readonly keyAudit: KeyAuditLog;
  readonly myKey: MyKey;
  readonly spendingPanel: SpendingPanelManager;
  readonly limitPanel: LimitPanelManager;
  readonly spendAlerts: SpendAlertNotifier;
  /** Spend spike warnings: spend per hour far above the account's usual pace. */
  readonly spendSpikes: SpendSpikeNotifier;
  /** Quota notifications near a window's limits. */
  readonly quotaAlerts: QuotaNotifier;
  /** The cost scanner: findings per file, and the hard-coded keys (with an event) for the key features. */
  readonly scanner: ScannerService;
  /** The language model tools and the MCP server's local channel, for coding agents. */
  readonly agents: AgentsFeature;
  /** Seams for the integration tests, present only outside production mode; the extension never calls them itself. */
  readonly testing?: TestingSeams;
}

/**
 * What the integration tests may change so that fault recovery shows in seconds rather than minutes. The
 * user-facing minimums (a 1-minute refresh interval, a 30 s first back-off, 30 to 60 s request timeouts)
 * are not lowered; these replace them until called again with `undefined`.
 */
export interface TestingSeams {
  /** What the extension keeps in SecretStorage (the AccessKey command's input boxes need a person). */
  readonly secrets: Secrets;
  /** The key flows with other prompts (tests script them; the commands use the real window). */
  revokeFlowWith(prompts: WindowPrompts): RevokeFlow;
  stopBillingWith(prompts: WindowPrompts): StopBillingFlow;
  /**
   * Answers the window's prompts (quick picks, confirmations, inputs, notifications, save dialogs) with
   * `answers` wherever the extension asks them (key commands, panels, spend alerts), until the returned
   * function is called; the methods not given still reach the window.
   */
  usePrompts(answers: Partial<WindowPrompts>): () => void;
  /** Poll every `intervalMs` (data counts as due at the same pace) and back off from `minBackoffMs`. */
  setPollTimings(timings: PollTimings | undefined): void;
  /** No request waits longer than `ms`; reconnects the accounts (their data is fetched again). */
  setRequestTimeout(ms: number | undefined): void;
  /**
   * The extension's own typed errors, for the tests' sources to throw: a class compiled into the tests is
   * another class, which the extension reads as an unknown failure.
   */
  readonly errors: typeof errors;
}

/**
 * The real time, except when the extension runs under test with `QCM_CLOCK_START` set: then it runs from
 * that moment, so tests can put the demo account on a month's first or last day, or on 29 February.
 */
function clockFor(context: vscode.ExtensionContext): Clock {
  const start = context.extensionMode === vscode.ExtensionMode.Production ? undefined : parseClockStart(process.env.QCM_CLOCK_START);
  return start === undefined ? systemClock : startedClock(start);
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
  const settings = root.register(
    new SettingsService(
      (refused) => warnRefusedSettings(refused, log),
      (silenced) => tellWorkspaceSilencing(silenced, log),
    ),
  );
  const clock = clockFor(context);

  // The account: credentials, the network (loaded only for a real account), the sources, the store.
  const secrets = new Secrets(context.secrets, log, (secret) => log.addSecret(secret));
  const manifestVersion = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof manifestVersion === 'string' ? manifestVersion : '0.0.0';
  const network = root.register(new NetworkService(`qwen-cloud-meter/${version} (VS Code ${vscode.version}; ${process.platform})`, log, () => clock.now()));
  const demo = createDemoSource(context.globalState, clock, settings);
  // Until the stored credentials are read, nothing is shown as demo or as signed out: it is loading.
  const store = new AccountStore(new AccountRouter([], demo, true), clock, maxAgesFor(intervalOf(settings.value)), (error) =>
    log.error('A listener of the account store failed', error),
  );
  root.register(store);
  const auth = root.register(new QwenCloudAuth(secrets, settings, network, context.globalState, log, clock));
  const connections = root.register(new AccountConnections(store, demo, auth, secrets, settings, network, log));
  const controller = root.register(new AccountController(store, settings, log));
  const openConsole = consoleOpener(settings);
  root.register(registerAccountCommands({ controller, settings, auth, secrets, network, openConsole, log }));

  // The quota: the recorder feeds the meter and the notifications; one ledger for every "once per period" alert.
  const ledger = new AlertLedger(new MementoLedgerStorage(context.globalState, StateKeys.alertLedger, log));
  const recorder = root.register(new UsageRecorder(store, context.globalState, log));
  const statusBar = root.register(
    // Signing out is what brings the demo account back: the connections fall back to it.
    new QuotaStatusBar(store, settings, controller, clock, recorder, log, {
      useDemo: () => vscode.commands.executeCommand(Commands.signOut),
    }),
  );
  const quotaAlerts = root.register(new QuotaNotifier(store, controller, recorder, ledger, settings, clock, log));

  // One window for every quick pick, confirmation, input, notification and save dialog the features show.
  const prompts = new ScriptablePrompts(windowPrompts);

  // Spending: the pay-as-you-go item, the panels, the spend alerts.
  const spendStatusBar = root.register(new SpendStatusBar(store, settings, controller, clock, log));
  const panels = { store, controller, clock, log, extensionUri: context.extensionUri, prompts, settings };
  const spendingPanel = root.register(new SpendingPanelManager(panels));
  const limitPanel = root.register(new LimitPanelManager(panels));
  root.register(registerPanelCommands(spendingPanel, limitPanel, log));
  const spendAlerts = root.register(new SpendAlertNotifier(store, controller, settings, ledger, clock, log, prompts));
  const spendSpikes = root.register(new SpendSpikeNotifier(store, controller, settings, ledger, clock, log, prompts));

  // The tree views.
  const planView = root.register(new PlanView(store, controller, clock));
  const subscriptionsView = root.register(new SubscriptionsView(store, controller, clock, context.globalState));
  const invoicesView = root.register(new InvoicesView(store, controller, clock, Commands.showSpending));
  root.register(registerViewCommands({ subscriptionsView, invoicesView, openConsole, log }));

  // The cost scanner only reads files (it works in untrusted workspaces); its workspace scan starts after activation.
  const scanner = root.register(new ScannerFeature(settings, log, store)).service;
  const codeFindings: CodeFindings = new ScannerCodeFindings(scanner);

  // API keys: the view and the flows that change keys, which learn from the scanner where keys are hard-coded.
  const myKey = new MyKey(context.globalState);
  const apiKeysView = root.register(new ApiKeysView(store, controller, clock, codeFindings, myKey));
  const keyAudit = new KeyAuditLog(context.globalStorageUri, log);
  const keyActions = new KeyActions(store, keyAudit);
  const revokeFlowWith = (flowPrompts: WindowPrompts): RevokeFlow => new RevokeFlow(store, controller, keyActions, flowPrompts, myKey, () => codeFindings);
  const stopBillingWith = (flowPrompts: WindowPrompts): StopBillingFlow => new StopBillingFlow(store, controller, keyActions, flowPrompts, () => codeFindings);
  root.register(registerKeyCommands({ apiKeysView, keyActions, revokeFlow: revokeFlowWith(prompts), stopBilling: stopBillingWith(prompts), myKey, log }));

  // Coding agents: read-only language model tools, and the local channel the MCP server (dist/mcp.js) reads.
  const agentData = new AgentDataService(store, controller, recorder, settings, clock);
  const agents = root.register(
    new AgentsFeature(agentData, clock, log, context.globalStorageUri, vscode.Uri.joinPath(context.extensionUri, 'dist', 'mcp.js').fsPath, version),
  );

  // Reading secrets is asynchronous: it finishes after activate returns, then polling starts.
  const ready = connections
    .rebuild()
    .then(() => controller.start())
    .then(() => agents.start());
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  const testing: TestingSeams | undefined =
    context.extensionMode === vscode.ExtensionMode.Production
      ? undefined
      : {
          secrets,
          revokeFlowWith,
          stopBillingWith,
          usePrompts: (answers) => prompts.script(answers),
          setPollTimings: (timings) => controller.setTestTimings(timings),
          setRequestTimeout: (ms) => network.setTestTimeout(ms),
          errors,
        };
  return {
    clock,
    store,
    settings,
    ready,
    connections,
    activationMs,
    activationStartedAt: started,
    statusBar,
    spendStatusBar,
    planView,
    subscriptionsView,
    invoicesView,
    apiKeysView,
    keyAudit,
    myKey,
    spendingPanel,
    limitPanel,
    spendAlerts,
    spendSpikes,
    quotaAlerts,
    scanner,
    agents,
    ...(testing ? { testing } : {}),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
