// The one home of every id the manifest and the code share. A unit test checks them against package.json.

export const EXTENSION_ID = 'qwen-cloud-meter.qwen-cloud-meter';
export const OUTPUT_CHANNEL_NAME = 'Qwen Cloud Meter';

export const Commands = {
  refresh: 'qwenCloud.refresh',
  showLog: 'qwenCloud.showLog',
  openConsole: 'qwenCloud.openConsole',
  showCodingPlan: 'qwenCloud.showCodingPlan',
  switchDemoPlans: 'qwenCloud.switchDemoPlans',
  signIn: 'qwenCloud.signIn',
  signOut: 'qwenCloud.signOut',
  setAccessKey: 'qwenCloud.setAccessKey',
  clearAccessKey: 'qwenCloud.clearAccessKey',
  filterSubscriptions: 'qwenCloud.filterSubscriptions',
  clearSubscriptionsFilter: 'qwenCloud.clearSubscriptionsFilter',
  loadMoreOrders: 'qwenCloud.loadMoreOrders',
  openInvoice: 'qwenCloud.openInvoice',
  downloadInvoice: 'qwenCloud.downloadInvoice',
  copyOrderId: 'qwenCloud.copyOrderId',
  showOlderBills: 'qwenCloud.showOlderBills',
  openBillInConsole: 'qwenCloud.openBillInConsole',
  changeAutoRenewal: 'qwenCloud.changeAutoRenewal',
  disableApiKey: 'qwenCloud.disableApiKey',
  enableApiKey: 'qwenCloud.enableApiKey',
  openApiKeysConsole: 'qwenCloud.openApiKeysConsole',
  revokeApiKey: 'qwenCloud.revokeApiKey',
  deleteApiKey: 'qwenCloud.deleteApiKey',
  markMyApiKey: 'qwenCloud.markMyApiKey',
  unmarkMyApiKey: 'qwenCloud.unmarkMyApiKey',
  revokeKeyFromCode: 'qwenCloud.revokeKeyFromCode',
  stopBilling: 'qwenCloud.stopBilling',
  showSpending: 'qwenCloud.showSpending',
  showSpendingLimit: 'qwenCloud.showSpendingLimit',
  showScannerFindings: 'qwenCloud.scanner.showFindings',
  rescanWorkspace: 'qwenCloud.scanner.rescanWorkspace',
  /** What clicking the quota meter does when it cannot show the quota (signed out, an error). Hidden from the palette. */
  quotaStatusActions: 'qwenCloud.quota.statusActions',
  /** Invokes the agents' language model tools and shows their answers: what an agent reads. */
  showAgentAnswers: 'qwenCloud.agents.showAnswers',
} as const;

/** Webview panel types: the ids VS Code restores panels by after a reload. */
export const Panels = {
  spending: 'qwenCloud.spending',
  spendingLimit: 'qwenCloud.spendingLimit',
} as const;

/** Commands the extension runs itself (CodeLens clicks, follow-ups of code actions): not in the palette. */
export const InternalCommands = {
  showScannerFixes: 'qwenCloud.scanner.showFixes',
  keyMovedToEnv: 'qwenCloud.scanner.keyMovedToEnv',
} as const;

/** The Problems panel's source name for the cost scanner's diagnostics. */
export const SCANNER_DIAGNOSTIC_SOURCE = 'Qwen Cloud Meter';

/** The authentication provider's id, as contributed in package.json. */
export const AUTH_PROVIDER_ID = 'qwencloud';

export const Views = {
  container: 'qwenCloud',
  codingPlan: 'qwenCloud.codingPlan',
  subscriptions: 'qwenCloud.subscriptions',
  invoices: 'qwenCloud.invoices',
  apiKeys: 'qwenCloud.apiKeys',
} as const;

export const StatusBarIds = {
  quota: 'qwenCloud.quota',
  /** The pay-as-you-go item: this month's spend against the limit. */
  spend: 'qwenCloud.spend',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  isDemo: 'qwenCloud.isDemo',
  signedIn: 'qwenCloud.signedIn',
  hasAccessKey: 'qwenCloud.hasAccessKey',
  subscriptionsFiltered: 'qwenCloud.subscriptionsFiltered',
  apiKeysNeedAccessKey: 'qwenCloud.apiKeysNeedAccessKey',
} as const;

/** Every key the extension keeps in globalState. Their values are stored across versions: never rename one. */
export const StateKeys = {
  /** The demo account's own changes (keys deleted or disabled, the limit set). */
  demoState: 'demoAccountState',
  /** Which "once per period" alerts already went out. */
  alertLedger: 'alertLedger',
  /** The quota's recent samples, for the pace after a reload. */
  usageHistory: 'quotaUsageHistory',
  /** The device sign-in's client id, made once per installation. */
  clientId: 'qwenCloud.clientId',
  /** The Subscriptions view's filter. */
  subscriptionsFilter: 'qwenCloud.subscriptions.filter',
  /** The API key the user marked as theirs. */
  myApiKeyId: 'qwenCloud.myApiKeyId',
} as const;
