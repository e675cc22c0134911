// The one home of every id the manifest and the code share. A unit test checks them against package.json.

export const EXTENSION_ID = 'qwen-cloud-meter.qwen-cloud-meter';
export const OUTPUT_CHANNEL_NAME = 'Qwen Cloud Meter';

export const Commands = {
  refresh: 'qwenCloud.refresh',
  showLog: 'qwenCloud.showLog',
  openConsole: 'qwenCloud.openConsole',
  showCodingPlan: 'qwenCloud.showCodingPlan',
  showSpending: 'qwenCloud.showSpending',
  showSpendingLimit: 'qwenCloud.showSpendingLimit',
} as const;

/** Webview panel types: the ids VS Code restores panels by after a reload. */
export const Panels = {
  spending: 'qwenCloud.spending',
  spendingLimit: 'qwenCloud.spendingLimit',
} as const;

export const Views = {
  container: 'qwenCloud',
  codingPlan: 'qwenCloud.codingPlan',
  subscriptions: 'qwenCloud.subscriptions',
  invoices: 'qwenCloud.invoices',
  apiKeys: 'qwenCloud.apiKeys',
} as const;

export const StatusBarIds = {
  quota: 'qwenCloud.quota',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  isDemo: 'qwenCloud.isDemo',
} as const;
