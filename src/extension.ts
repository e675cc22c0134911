// Composition root: logger → settings → sources → store → UI. Nothing here runs at import time.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountController, intervalOf, maxAgesFor, type PollTimings } from './connections/accountController';
import { AccountConnections } from './connections/connections';
import { NetworkService } from './connections/networkService';
import { UsageRecorder } from './connections/usageRecorder';
import { clearAccessKey, setAccessKey } from './auth/accessKeyCommands';
import { QwenCloudAuth } from './auth/qwenCloudAuth';
import { Secrets } from './auth/secrets';
import { QuotaNotifier } from './alerts/quotaNotifier';
import { SpendAlertNotifier } from './alerts/spendAlertNotifier';
import { DemoAccount } from './api/demo/demoAccount';
import { DEMO_PLANS, type DemoPlans } from './api/demo/demoPlans';
import { type DemoState, DemoSource, emptyDemoState } from './api/demo/demoSource';
import { DisposableOwner } from './common/lifecycle';
import { MementoLedgerStorage } from './alerts/mementoLedgerStorage';
import { registerCommand } from './commands/runCommand';
import { type RefusedSetting, SECTION, SettingsService } from './config/settings';
import { Commands, OUTPUT_CHANNEL_NAME, StateKeys, Views } from './constants';
import { AccountRouter } from './core/account/source';
import { AlertLedger } from './core/common/alertLedger';
import { type Clock, parseClockStart, startedClock, systemClock } from './core/common/clock';
import { AccountStore } from './core/account/store';
import { OutputLogger } from './log/outputLogger';
import { LimitPanelManager } from './panels/limitPanel';
import { vscodeDialogs } from './panels/panelHost';
import { parseShowSpendingArgs, SpendingPanelManager } from './panels/spendingPanel';
import { ScannerCodeFindings } from './scanner/scannerCodeFindings';
import { ScannerFeature } from './scanner/scannerFeature';
import type { ScannerService } from './scanner/scannerService';
import { QuotaStatusBar } from './statusBar/quotaStatusBar';
import { SpendStatusBar } from './statusBar/spendStatusBar';
import { PlanView } from './views/planView';
import { ApiKeysView } from './views/apiKeysView';
import { InvoicesView } from './views/invoicesView';
import { NO_FILTER, SubscriptionsView } from './views/subscriptionsView';
import { KeyAuditLog } from './keys/auditLog';
import { KeyActions } from './keys/keyActions';
import type { CodeFindings } from './keys/codeFindings';
import { MyKey } from './keys/myKey';
import { type Prompts, windowPrompts } from './keys/prompts';
import { isFoundKeyArgs, RevokeFlow } from './keys/revokeFlow';
import { StopBillingFlow } from './keys/stopBilling';
import { InvalidInputError } from './core/account/errors';
import { consolePageUrl, type ConsolePage, isConsolePage } from './core/common/consolePages';

/** What `activate` returns: used by the integration tests and by other extensions that want the numbers. */
export interface QwenCloudMeterApi {
  /** The time the extension reads (tests compare against it rather than the system clock). */
  readonly clock: Clock;
  readonly store: AccountStore;
  readonly settings: SettingsService;
  /** Resolves once the stored credentials have been read and the store has its sources. */
  readonly ready: Promise<void>;
  readonly connections: AccountConnections;
  /** For tests: what the extension keeps in SecretStorage (the AccessKey command's input boxes need a person). */
  readonly secrets: Secrets;
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
  /** The key flows with other prompts (tests script them; the commands use the real window). */
  revokeFlowWith(prompts: Prompts): RevokeFlow;
  stopBillingWith(prompts: Prompts): StopBillingFlow;
  readonly myKey: MyKey;
  readonly spendingPanel: SpendingPanelManager;
  readonly limitPanel: LimitPanelManager;
  readonly spendAlerts: SpendAlertNotifier;
  /** Quota notifications near a window's limits. */
  readonly quotaAlerts: QuotaNotifier;
  /** The cost scanner: findings per file, and the hard-coded keys (with an event) for the key features. */
  readonly scanner: ScannerService;
  /** Seams for the integration tests; the extension never calls them itself. */
  readonly testing: TestingSeams;
}

/**
 * What the integration tests may change so that fault recovery shows in seconds rather than minutes. The
 * user-facing minimums (a 1-minute refresh interval, a 30 s first back-off, 30 to 60 s request timeouts)
 * are not lowered; these replace them until called again with `undefined`.
 */
export interface TestingSeams {
  /** Poll every `intervalMs` (data counts as due at the same pace) and back off from `minBackoffMs`. */
  setPollTimings(timings: PollTimings | undefined): void;
  /** No request waits longer than `ms`; reconnects the accounts (their data is fetched again). */
  setRequestTimeout(ms: number | undefined): void;
}

/** Says which settings were not used and why, with a way to the user settings; never silently. */
function warnRefusedSettings(refused: readonly RefusedSetting[], log: OutputLogger): void {
  for (const r of refused) {
    log.warn(`Setting ${r.key} is not used: ${r.reason === 'workspace' ? 'it is set in workspace settings, which may not redirect requests' : 'it is not an https address'}.`);
  }
  const first = refused[0];
  if (!first) {
    return;
  }
  const open = vscode.l10n.t('Open User Settings');
  const message =
    first.reason === 'workspace'
      ? vscode.l10n.t('{0} is set in this workspace\'s settings and is ignored: where your sign-in and requests go can only be set in your user settings.', first.key)
      : vscode.l10n.t('{0} is not an https address and is ignored; the default is used.', first.key);
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand('workbench.action.openSettings', first.key);
    }
  });
}

/**
 * The real time, except when the extension runs under test with `QCM_CLOCK_START` set: then it runs from
 * that moment, so tests can put the demo account on a month's first or last day, or on 29 February.
 */
function clockFor(context: vscode.ExtensionContext): Clock {
  const start = context.extensionMode === vscode.ExtensionMode.Production ? undefined : parseClockStart(process.env.QCM_CLOCK_START);
  return start === undefined ? systemClock : startedClock(start);
}

/** Lets a newcomer try each plan's meter on the demo account; the choice is the `demo.plans` setting. */
async function switchDemoPlans(settings: SettingsService): Promise<void> {
  const labels: Readonly<Record<DemoPlans, { label: string; detail: string }>> = {
    codingPlan: { label: vscode.l10n.t('Coding Plan'), detail: vscode.l10n.t('Requests per 5 hours, week and month.') },
    tokenPlanPersonal: { label: vscode.l10n.t('Token Plan Personal'), detail: vscode.l10n.t('Monthly credits, with an add-on pack.') },
    tokenPlanTeam: { label: vscode.l10n.t('Token Plan Team'), detail: vscode.l10n.t('A shared credit pool with seats, and your own seat.') },
    both: { label: vscode.l10n.t('Coding Plan and Token Plan'), detail: vscode.l10n.t('Both at once, as an account that holds both sees them.') },
  };
  const current = settings.value.demo.plans;
  const items = DEMO_PLANS.map((plans) => ({ ...labels[plans], plans, ...(plans === current ? { description: vscode.l10n.t('current') } : {}) }));
  const choice = await vscode.window.showQuickPick(items, { matchOnDetail: true, title: vscode.l10n.t('The demo account\'s plans'), placeHolder: vscode.l10n.t('Which plans should the demo account hold?') });
  if (choice && choice.plans !== current) {
    await vscode.workspace.getConfiguration(SECTION).update('demo.plans', choice.plans, vscode.ConfigurationTarget.Global);
  }
}

function loadDemoState(context: vscode.ExtensionContext): DemoState {
  const saved = context.globalState.get<DemoState>(StateKeys.demoState);
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
  const settings = root.register(new SettingsService((refused) => warnRefusedSettings(refused, log)));
  const clock = clockFor(context);

  const secrets = new Secrets(context.secrets, log, (secret) => log.addSecret(secret));
  const manifestVersion = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof manifestVersion === 'string' ? manifestVersion : '0.0.0';
  const network = root.register(new NetworkService(`qwen-cloud-meter/${version} (VS Code ${vscode.version}; ${process.platform})`, log, () => clock.now()));

  const demo = new DemoSource(
    new DemoAccount(),
    clock,
    loadDemoState(context),
    (state) => {
      void context.globalState.update(StateKeys.demoState, state);
    },
    () => settings.value.demo.plans,
  );
  // Until the stored credentials are read, nothing is shown as demo or as signed out: it is loading.
  const store = new AccountStore(new AccountRouter([], demo, true), clock, maxAgesFor(intervalOf(settings.value)), (error) =>
    log.error('A listener of the account store failed', error),
  );
  root.register(store);
  const auth = root.register(new QwenCloudAuth(secrets, settings, network, context.globalState, log, clock));
  const connections = root.register(new AccountConnections(store, demo, auth, secrets, settings, network, log));

  const controller = root.register(new AccountController(store, settings, log));
  // One ledger for every "once per period" alert (the quota meter's now, spending alerts later).
  const ledger = new AlertLedger(new MementoLedgerStorage(context.globalState, StateKeys.alertLedger, log));
  const recorder = root.register(new UsageRecorder(store, context.globalState, log));
  const statusBar = root.register(
    // Signing out is what brings the demo account back: the connections fall back to it.
    new QuotaStatusBar(store, settings, controller, clock, recorder, log, {
      useDemo: () => vscode.commands.executeCommand(Commands.signOut),
    }),
  );
  const quotaAlerts = root.register(new QuotaNotifier(store, controller, recorder, ledger, settings, clock, log));
  const spendStatusBar = root.register(new SpendStatusBar(store, settings, controller, clock, log));
  const planView = root.register(new PlanView(store, controller, clock));
  const subscriptionsView = root.register(new SubscriptionsView(store, controller, clock, context.globalState));
  const invoicesView = root.register(new InvoicesView(store, controller, clock, Commands.showSpending));
  // The cost scanner only reads files (it works in untrusted workspaces); its workspace scan starts after activation.
  const scanner = root.register(new ScannerFeature(log)).service;
  const codeFindings: CodeFindings = new ScannerCodeFindings(scanner);
  const myKey = new MyKey(context.globalState);
  const apiKeysView = root.register(new ApiKeysView(store, controller, clock, codeFindings, myKey));
  const keyAudit = new KeyAuditLog(context.globalStorageUri, log);
  const keyActions = new KeyActions(store, keyAudit);
  const revokeFlowWith = (prompts: Prompts): RevokeFlow => new RevokeFlow(store, keyActions, prompts, myKey, () => codeFindings);
  const stopBillingWith = (prompts: Prompts): StopBillingFlow => new StopBillingFlow(store, keyActions, prompts, () => codeFindings);
  const revokeFlow = revokeFlowWith(windowPrompts);
  const stopBilling = stopBillingWith(windowPrompts);

  const openConsole = (page: ConsolePage): Thenable<boolean> =>
    vscode.env.openExternal(vscode.Uri.parse(consolePageUrl(page, settings.value.site, settings.value.consolePages, settings.value.consoleUrl)));
  root.register(registerCommand(Commands.refresh, log, () => controller.refreshNow()));
  root.register(registerCommand(Commands.showLog, log, () => log.show()));
  root.register(registerCommand(Commands.openConsole, log, (page?: unknown) => openConsole(isConsolePage(page) ? page : 'home')));
  root.register(registerCommand(Commands.filterSubscriptions, log, () => subscriptionsView.pickFilter()));
  root.register(registerCommand(Commands.clearSubscriptionsFilter, log, () => subscriptionsView.setFilter(NO_FILTER)));
  root.register(registerCommand(Commands.loadMoreOrders, log, () => subscriptionsView.load(true)));
  const withOrder = (run: (order: NonNullable<ReturnType<SubscriptionsView['orderOf']>>) => unknown) => (node?: unknown) => {
    const order = subscriptionsView.orderOf(node);
    return order ? run(order) : undefined;
  };
  root.register(registerCommand(Commands.openInvoice, log, withOrder((order) => subscriptionsView.openInvoice(order))));
  root.register(registerCommand(Commands.downloadInvoice, log, withOrder((order) => subscriptionsView.downloadInvoice(order))));
  root.register(registerCommand(Commands.copyOrderId, log, withOrder((order) => vscode.env.clipboard.writeText(order.id))));
  root.register(registerCommand(Commands.showOlderBills, log, () => invoicesView.showOlder()));
  root.register(registerCommand(Commands.openBillInConsole, log, () => openConsole('invoices')));
  root.register(registerCommand(Commands.changeAutoRenewal, log, () => openConsole('codingPlan')));
  root.register(registerCommand(Commands.openApiKeysConsole, log, () => openConsole('apiKeys')));
  const withKey = (disabled: boolean) => (node?: unknown) => {
    const key = apiKeysView.keyOf(node);
    return key ? keyActions.setDisabled(key, disabled) : undefined;
  };
  root.register(registerCommand(Commands.disableApiKey, log, withKey(true)));
  root.register(registerCommand(Commands.enableApiKey, log, withKey(false)));
  root.register(registerCommand(Commands.revokeApiKey, log, (node?: unknown) => revokeFlow.run(apiKeysView.keyOf(node))));
  root.register(
    registerCommand(Commands.deleteApiKey, log, (node?: unknown) => {
      const key = apiKeysView.keyOf(node);
      return key ? revokeFlow.confirmAndDelete(key) : revokeFlow.run();
    }),
  );
  const markMine = (mine: boolean) => async (node?: unknown) => {
    const key = apiKeysView.keyOf(node);
    if (key) {
      await myKey.set(mine ? key.id : undefined);
      apiKeysView.refreshMarks();
    }
  };
  root.register(registerCommand(Commands.markMyApiKey, log, markMine(true)));
  root.register(registerCommand(Commands.unmarkMyApiKey, log, markMine(false)));
  root.register(
    registerCommand(Commands.revokeKeyFromCode, log, (args?: unknown) => {
      if (!isFoundKeyArgs(args)) {
        throw new InvalidInputError(vscode.l10n.t('Revoke this key: the key\'s location was not understood.'));
      }
      return revokeFlow.fromCode(args);
    }),
  );
  root.register(registerCommand(Commands.stopBilling, log, () => stopBilling.run()));
  root.register(registerCommand(Commands.showCodingPlan, log, () => vscode.commands.executeCommand(`${Views.codingPlan}.focus`)));
  root.register(registerCommand(Commands.switchDemoPlans, log, () => switchDemoPlans(settings)));
  // The demo's plans follow the setting at once: fetch both again when it changes.
  let demoPlans = settings.value.demo.plans;
  root.register(
    settings.onDidChange((value) => {
      if (value.demo.plans !== demoPlans) {
        demoPlans = value.demo.plans;
        void store.refresh(['codingPlan', 'tokenPlan'], { force: true });
      }
    }),
  );
  root.register(registerCommand(Commands.signIn, log, () => auth.signIn()));
  root.register(registerCommand(Commands.signOut, log, () => auth.signOut()));
  root.register(registerCommand(Commands.setAccessKey, log, () => setAccessKey(secrets, settings, network, log)));
  root.register(registerCommand(Commands.clearAccessKey, log, () => clearAccessKey(secrets, log)));

  const panels = { store, controller, clock, log, extensionUri: context.extensionUri, dialogs: vscodeDialogs };
  const spendingPanel = root.register(new SpendingPanelManager(panels));
  const limitPanel = root.register(new LimitPanelManager(panels));
  // Invoked from the palette with no argument, or by the Invoices view with { month: 'YYYY-MM' }.
  root.register(registerCommand(Commands.showSpending, log, async (args?: unknown) => void (await spendingPanel.createOrShow(parseShowSpendingArgs(args)))));
  root.register(registerCommand(Commands.showSpendingLimit, log, () => void limitPanel.createOrShow()));
  const spendAlerts = root.register(
    new SpendAlertNotifier(store, controller, settings, ledger, clock, log),
  );

  // Reading secrets is asynchronous: it finishes after activate returns, then polling starts.
  const ready = connections.rebuild().then(() => controller.start());
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return {
    clock,
    store,
    settings,
    ready,
    connections,
    secrets,
    activationMs,
    activationStartedAt: started,
    statusBar,
    spendStatusBar,
    planView,
    subscriptionsView,
    invoicesView,
    apiKeysView,
    keyAudit,
    revokeFlowWith,
    stopBillingWith,
    myKey,
    spendingPanel,
    limitPanel,
    spendAlerts,
    quotaAlerts,
    scanner,
    testing: {
      setPollTimings: (timings) => controller.setTestTimings(timings),
      setRequestTimeout: (ms) => network.setTestTimeout(ms),
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
