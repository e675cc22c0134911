// The quota meter in the status bar: the Coding Plan's windows and the Token Plan's credits at a glance,
// coloured by threshold, with a tooltip of resets, pace and forecast. It reads the plans' snapshots only
// (through the UsageRecorder), whatever the source; countdowns tick locally, and a passed reset forces a
// refresh. Notifications near the limits are the QuotaNotifier's.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { describeError, registerCommand } from '../commands/runCommand';
import { Commands, StatusBarIds } from '../constants';
import { MINUTE_MS } from '../core/common/calendar';
import type { Clock } from '../core/common/clock';
import type { QwenCloudError } from '../core/account/errors';
import type { Logger } from '../core/common/logger';
import { nextRedrawAt, ResetRefreshPolicy } from '../core/quota/meterSchedule';
import { combinePlans, meteredWindows, type Plans } from '../core/quota/quota';
import { type MeterState, type MeterView, presentMeter } from '../core/quota/quotaMeter';
import { quotaMeterYields } from '../core/spending/spendMeter';
import type { AccountStore, Snapshot } from '../core/account/store';
import type { ThresholdLevel } from '../core/quota/thresholds';
import { SECTION, type Settings, type SettingsService } from '../config/settings';
import type { AccountController } from '../connections/accountController';
import { paintItem } from './paintItem';
import { PLAN_KEYS, type UsageRecorder } from '../connections/usageRecorder';

/** What the item shows now, as the integration tests read it through the extension's API. */
export interface StatusBarView {
  /** False while the meter steps aside for the pay-as-you-go item (an account without a Coding Plan). */
  readonly visible: boolean;
  readonly text: string;
  /** The tooltip's Markdown source. */
  readonly tooltip: string;
  /** A theme colour id, such as `statusBarItem.warningBackground`. */
  readonly backgroundColor?: string;
  readonly accessibilityLabel: string;
  readonly command?: string;
  readonly state: MeterState;
  readonly stale: boolean;
  readonly level: ThresholdLevel;
}

/** When the item first showed the quota (state `ready`), as performance.now() in the extension host: for the benchmark. */
export interface FirstQuotaShown {
  readonly at: number;
  /** The kind of account whose quota it was: `demo`, `qwenCloud`, … */
  readonly source: string;
}

export interface QuotaStatusBarOptions {
  /** "Keep using the demo account": leaves the refused sign-in, so the store falls back to the demo. */
  readonly useDemo: () => Thenable<unknown>;
}

export class QuotaStatusBar extends DisposableOwner {
  private item: vscode.StatusBarItem | undefined;
  private demand: vscode.Disposable | undefined;
  private current: MeterView | undefined;
  private painted = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly resetRefresh = new ResetRefreshPolicy();
  private lastError: QwenCloudError | undefined;
  private reportedThresholds: string | undefined;
  private firstShown: FirstQuotaShown | undefined;
  private hidden = false;

  constructor(
    private readonly store: AccountStore,
    private readonly settings: SettingsService,
    private readonly controller: AccountController,
    private readonly clock: Clock,
    private readonly recorder: UsageRecorder,
    private readonly log: Logger,
    private readonly options: QuotaStatusBarOptions,
  ) {
    super();
    // The recorder has taken in each plan snapshot before it says so, so the pace includes it.
    this.register(recorder.onDidChange(() => this.onData()));
    this.register(settings.onDidChange(({ value }) => this.apply(value)));
    // Countdowns tick only while a window is focused; coming back redraws at once.
    this.register(vscode.window.onDidChangeWindowState((state) => (state.focused ? this.render() : this.stopTimer())));
    this.register(registerCommand(Commands.quotaStatusActions, log, () => this.statusActions()));
    this.register(
      toDisposable(() => {
        this.stopTimer();
        this.demand?.dispose();
        this.item?.dispose();
      }),
    );
    this.apply(settings.value);
  }

  /** What the item shows now; `undefined` while it is turned off. */
  view(): StatusBarView | undefined {
    const item = this.item;
    const current = this.current;
    if (!item || !current) {
      return undefined;
    }
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
    return {
      visible: !this.hidden,
      text: item.text,
      tooltip,
      ...(item.backgroundColor ? { backgroundColor: item.backgroundColor.id } : {}),
      accessibilityLabel: item.accessibilityInformation?.label ?? '',
      ...(item.command !== undefined ? { command: typeof item.command === 'string' ? item.command : item.command.command } : {}),
      state: current.state,
      stale: current.stale,
      level: current.level,
    };
  }

  /** When the item first showed quota figures (not loading, signed out or an error); `undefined` until then. */
  get firstQuotaShown(): FirstQuotaShown | undefined {
    return this.firstShown;
  }

  private apply(settings: Settings): void {
    this.reportThresholds(settings);
    const wanted = settings.statusBar.enabled;
    const alignment = settings.statusBar.alignment === 'left' ? vscode.StatusBarAlignment.Left : vscode.StatusBarAlignment.Right;
    if (!wanted) {
      this.item?.dispose();
      this.item = undefined;
    } else if (!this.item || this.item.alignment !== alignment) {
      // Alignment cannot change on a live item, so a changed alignment recreates it.
      this.item?.dispose();
      this.item = vscode.window.createStatusBarItem(StatusBarIds.quota, alignment, 100);
      this.item.name = vscode.l10n.t('Qwen Cloud Quota');
      this.painted = '';
      this.hidden = true;
    }
    if (wanted) {
      this.demand ??= this.controller.show(PLAN_KEYS);
    } else {
      this.demand?.dispose();
      this.demand = undefined;
    }
    this.onData();
  }

  /** Both plans' snapshots as the one the meter shows. */
  private plans(): Snapshot<Plans | null> {
    return combinePlans(this.store.get('codingPlan'), this.store.get('tokenPlan'));
  }

  /** A new snapshot (or new settings): redraw. */
  private onData(): void {
    const snapshot = this.plans();
    if (snapshot.error && snapshot.error !== this.lastError) {
      this.log.warn(`The plan could not be refreshed (${snapshot.error.kind}): ${snapshot.error.message}`);
    }
    this.lastError = snapshot.error;
    this.render();
  }

  private render(): void {
    const now = this.clock.now();
    const settings = this.settings.value;
    const snapshot = this.plans();
    const view = presentMeter(snapshot, this.recorder.history.samplesByKind(), now, {
      windows: settings.statusBar.windows,
      display: settings.statusBar.display,
      format: settings.statusBar.format,
      compact: settings.statusBar.compact,
      thresholds: { warning: settings.quota.warningThreshold, critical: settings.quota.criticalThreshold },
      // Two missed polls (and a minute's slack) before the data counts as stale.
      staleAfterMs: (2 * settings.refreshIntervalMinutes + 1) * MINUTE_MS,
      commands: {
        refresh: Commands.refresh,
        showCodingPlan: Commands.showCodingPlan,
        openConsole: Commands.openConsole,
        showLog: Commands.showLog,
        signIn: Commands.signIn,
      },
      describeError,
      locale: vscode.env.language,
    });
    this.current = view;
    this.paint(view);
    // Without a Coding Plan the meter would only say so: the pay-as-you-go item takes its place.
    this.setHidden(quotaMeterYields(settings.statusBar.spend, snapshot, this.store.get('monthSpend')));
    const windows = meteredWindows(snapshot.value);
    this.schedule(windows);
    if (this.resetRefresh.shouldRefresh(windows, now)) {
      this.log.info('A quota window has reset; refreshing.');
      void this.controller.refresh(PLAN_KEYS);
    }
  }

  private paint(view: MeterView): void {
    const item = this.item;
    if (!item) {
      return;
    }
    const command = view.state === 'signedOut' || view.state === 'error' ? Commands.quotaStatusActions : Commands.showCodingPlan;
    this.painted = paintItem(item, view, command, this.painted);
    if (!this.firstShown && view.state === 'ready') {
      this.firstShown = { at: performance.now(), source: this.plans().source?.kind ?? 'unknown' };
    }
  }

  private setHidden(hidden: boolean): void {
    if (hidden === this.hidden || !this.item) {
      return;
    }
    this.hidden = hidden;
    if (hidden) {
      this.item.hide();
    } else {
      this.item.show();
    }
  }

  /** One timer: the next minute, or just after the next reset; none while no window is focused. */
  private schedule(windows: Parameters<typeof nextRedrawAt>[1]): void {
    this.stopTimer();
    // Nothing to tick while no window is focused, or while neither the item nor notifications are on
    // (the refresh after a reset brings the notifications their fresh data too).
    if (this.isDisposed || !vscode.window.state.focused || (!this.item && !this.settings.value.quota.notifications)) {
      return;
    }
    const now = this.clock.now();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.render();
      },
      Math.max(0, nextRedrawAt(now, windows) - now),
    );
  }

  private stopTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Bad thresholds fall back to the defaults; say so once per bad value, with a way to fix it. */
  private reportThresholds(settings: Settings): void {
    const rejected = settings.quota.rejectedThresholds;
    const key = rejected ? JSON.stringify([rejected.warning, rejected.critical]) : undefined;
    if (key === this.reportedThresholds) {
      return;
    }
    this.reportedThresholds = key;
    if (!rejected) {
      return;
    }
    const message =
      rejected.reason === 'order'
        ? vscode.l10n.t(
            'The quota warning threshold ({0}%) must be below the critical threshold ({1}%). The meter uses {2}% and {3}% until that is fixed.',
            String(rejected.warning),
            String(rejected.critical),
            settings.quota.warningThreshold,
            settings.quota.criticalThreshold,
          )
        : vscode.l10n.t(
            'The quota thresholds must be numbers from 1 to 100. The meter uses {0}% and {1}% until that is fixed.',
            settings.quota.warningThreshold,
            settings.quota.criticalThreshold,
          );
    this.log.warn(`Quota thresholds rejected (${rejected.reason}): warning ${String(rejected.warning)}, critical ${String(rejected.critical)}.`);
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(message, open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.quota`);
      }
    });
  }

  /** Clicking the item when it cannot show the quota: sign in or keep the demo; or the error, with the log. */
  private async statusActions(): Promise<void> {
    const state = this.current?.state;
    if (state === 'signedOut') {
      await this.signedOutActions();
    } else if (state === 'error') {
      this.errorDetails();
    } else {
      await vscode.commands.executeCommand(Commands.showCodingPlan);
    }
  }

  private async signedOutActions(): Promise<void> {
    type Choice = vscode.QuickPickItem & { readonly action: 'signIn' | 'demo' };
    const choices: Choice[] = [{ label: `$(sign-in) ${vscode.l10n.t('Sign in to Qwen Cloud')}`, detail: vscode.l10n.t('See your own plan\'s quota.'), action: 'signIn' }];
    // With an AccessKey connected the demo account is not shown (real and generated data never mix).
    if (!this.store.router.sources.some((s) => s.info.kind === 'accessKey')) {
      choices.push({
        label: `$(beaker) ${vscode.l10n.t('Keep using the demo account')}`,
        detail: vscode.l10n.t('Generated data that moves with the clock, labelled Demo wherever it shows.'),
        action: 'demo',
      });
    }
    const choice = await vscode.window.showQuickPick(choices, {
      title: vscode.l10n.t('Qwen Cloud: not signed in'),
      placeHolder: vscode.l10n.t('Sign in, or keep using the demo account'),
    });
    if (choice?.action === 'signIn') {
      await vscode.commands.executeCommand(Commands.signIn);
    } else if (choice?.action === 'demo') {
      this.log.info('Leaving the refused sign-in for the demo account, from the quota meter.');
      await this.options.useDemo();
    }
  }

  /** The error in words, with Retry and Show Log. The command returns at once; the notification stays. */
  private errorDetails(): void {
    const error = this.plans().error;
    if (!error) {
      return;
    }
    const retry = vscode.l10n.t('Retry');
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Your plan could not be loaded: {0} ({1})', describeError(error), error.message), retry, showLog)
      .then(async (choice) => {
        if (choice === retry) {
          await this.controller.refresh(PLAN_KEYS);
        } else if (choice === showLog) {
          await vscode.commands.executeCommand(Commands.showLog);
        }
      })
      .then(undefined, (failure: unknown) => this.log.error('The quota error details failed', failure));
  }
}
