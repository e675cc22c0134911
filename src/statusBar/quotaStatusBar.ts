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
import { type ItemReading, StatusItem } from './statusItem';
import { PLAN_KEYS, type UsageRecorder } from '../connections/usageRecorder';

/** What the item shows now, as the integration tests read it through the extension's API. */
export interface StatusBarView extends ItemReading {
  /** False while the meter steps aside for the pay-as-you-go item (an account without a Coding Plan). */
  readonly visible: boolean;
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
  private readonly item = this.register(new StatusItem(StatusBarIds.quota, 100));
  private demand: vscode.Disposable | undefined;
  private current: MeterView | undefined;
  private readonly resetRefresh = new ResetRefreshPolicy();
  private lastError: QwenCloudError | undefined;
  private reportedThresholds: string | undefined;
  private firstShown: FirstQuotaShown | undefined;

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
    this.register(vscode.window.onDidChangeWindowState((state) => (state.focused ? this.render() : this.item.stopTimer())));
    this.register(registerCommand(Commands.quotaStatusActions, log, () => this.statusActions()));
    this.register(toDisposable(() => void this.demand?.dispose()));
    this.apply(settings.value);
  }

  /** What the item shows now; `undefined` while it is turned off. */
  view(): StatusBarView | undefined {
    const reading = this.item.read();
    const current = this.current;
    if (!reading || !current) {
      return undefined;
    }
    return {
      ...reading,
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
    if (wanted) {
      this.item.place(settings.statusBar.alignment, vscode.l10n.t('Qwen Cloud Quota'));
    } else {
      this.item.remove();
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
    this.item.setVisible(!quotaMeterYields(settings.statusBar.spend, snapshot, this.store.get('monthSpend')));
    const windows = meteredWindows(snapshot.value);
    this.schedule(windows);
    if (this.resetRefresh.shouldRefresh(windows, now)) {
      this.log.info('A quota window has reset; refreshing.');
      void this.controller.refresh(PLAN_KEYS);
    }
  }

  private paint(view: MeterView): void {
    if (!this.item.exists) {
      return;
    }
    const command = view.state === 'signedOut' || view.state === 'error' ? Commands.quotaStatusActions : Commands.showCodingPlan;
    this.item.paint(view, command);
    if (!this.firstShown && view.state === 'ready') {
      this.firstShown = { at: performance.now(), source: this.plans().source?.kind ?? 'unknown' };
    }
  }

  /** One timer: the next minute, or just after the next reset; none while no window is focused. */
  private schedule(windows: Parameters<typeof nextRedrawAt>[1]): void {
    this.item.stopTimer();
    // Nothing to tick while no window is focused, or while neither the item nor notifications are on
    // (the refresh after a reset brings the notifications their fresh data too).
    if (this.isDisposed || !vscode.window.state.focused || (!this.item.exists && !this.settings.value.quota.notifications)) {
      return;
    }
    const now = this.clock.now();
    this.item.redrawIn(nextRedrawAt(now, windows) - now, () => this.render());
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
