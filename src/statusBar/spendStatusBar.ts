// The pay-as-you-go item in the status bar: this month's spend against the spending limit, coloured at the
// limit's alert threshold and at the limit, with a tooltip of the projection, the month's top models and
// API keys, the free quota and the data's age. It reads the store's snapshots and asks the store for the
// month's cost analysis; it never fetches on its own. Spend notifications are SpendAlertNotifier's.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { describeError } from '../commands/runCommand';
import { Commands, StatusBarIds } from '../constants';
import type { CostQuery } from '../core/account/source';
import { dateKey, daysInMonth, MINUTE_MS, monthKey } from '../core/common/calendar';
import type { Clock } from '../core/common/clock';
import type { QwenCloudError } from '../core/account/errors';
import type { Logger } from '../core/common/logger';
import type { SpendDimension } from '../core/account/model';
import { combinePlans } from '../core/quota/quota';
import { presentSpend, type SpendMeterState, type SpendMeterView, showsSpendItem, type SpendTops } from '../core/spending/spendMeter';
import type { AccountStore, ResourceKey } from '../core/account/store';
import type { ThresholdLevel } from '../core/quota/thresholds';
import type { Settings, SettingsService } from '../config/settings';
import { type ItemReading, StatusItem } from './statusItem';

/** What the item shows now, as the integration tests read it through the extension's API. */
export interface SpendStatusBarView extends ItemReading {
  /** Whether the item is in the status bar (it is kept, hidden, while `auto` finds a Coding Plan). The rest is what it last showed. */
  readonly visible: boolean;
  readonly state: SpendMeterState;
  readonly stale: boolean;
  readonly level: ThresholdLevel;
}

/** Where the item goes: just after the quota meter (priority 100), on the same side. */
const PRIORITY = 99;
/** The snapshots the item reads while it shows. */
const SHOWN: readonly ResourceKey[] = ['monthSpend', 'usageLimit', 'freeQuota'];
const WATCHED: readonly ResourceKey[] = ['monthSpend', 'usageLimit', 'freeQuota', 'codingPlan', 'tokenPlan'];
/** After midnight on the 1st, the month's spend is fetched again, at most this often, until the new month arrives. */
const MONTH_TURN_RETRY_MS = 5 * MINUTE_MS;

export class SpendStatusBar extends DisposableOwner {
  private readonly item = this.register(new StatusItem(StatusBarIds.spend, PRIORITY));
  /** The data the item shows, polled while it shows. */
  private dataDemand: vscode.Disposable | undefined;
  /** In `auto`, the Coding Plan decides whether the item shows, so it is polled even with the meter off. */
  private planDemand: vscode.Disposable | undefined;
  private current: SpendMeterView | undefined;
  private tops: SpendTops | undefined;
  /** When the top lists were last asked for: they move slowly, so they are asked at the pace of bills. */
  private topsAskedAt: number | undefined;
  private topsGeneration = 0;
  private topsInFlight = false;
  private lastTopsError: string | undefined;
  private lastError: QwenCloudError | undefined;
  private monthTurnRefreshAt: number | undefined;

  constructor(
    private readonly store: AccountStore,
    private readonly settings: SettingsService,
    private readonly controller: AccountController,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    super();
    this.register(
      store.onDidChange((key) => {
        if (WATCHED.includes(key)) {
          this.render();
        }
      }),
    );
    this.register(
      store.onDidInvalidate((feature) => {
        if (feature === 'costAnalysis') {
          // A manual refresh (or an account change) drops the cached analysis: ask again now.
          this.topsAskedAt = undefined;
          void this.loadTops();
        }
      }),
    );
    this.register(
      store.onDidChangeRouter(() => {
        // Another account: its top spenders are not this one's.
        this.topsGeneration++;
        this.tops = undefined;
        this.topsAskedAt = undefined;
        this.topsInFlight = false;
      }),
    );
    this.register(settings.onDidChange(({ value }) => this.apply(value)));
    // The projection and the data's age move on while a window is focused; coming back redraws at once.
    this.register(vscode.window.onDidChangeWindowState((state) => (state.focused ? this.render() : this.item.stopTimer())));
    this.register(
      toDisposable(() => {
        this.dataDemand?.dispose();
        this.planDemand?.dispose();
      }),
    );
    this.apply(settings.value);
  }

  /** What the item shows now (hidden or not); `undefined` while it is turned off. */
  view(): SpendStatusBarView | undefined {
    const reading = this.item.read();
    if (!reading) {
      return undefined;
    }
    const current = this.current;
    return {
      ...reading,
      state: current?.state ?? 'loading',
      stale: current?.stale ?? false,
      level: current?.level ?? 'normal',
    };
  }

  private apply(settings: Settings): void {
    const mode = settings.statusBar.spend;
    if (mode === 'never') {
      this.item.remove();
      this.current = undefined;
    } else {
      this.item.place(settings.statusBar.alignment, vscode.l10n.t('Qwen Cloud Spend'));
    }
    if (mode === 'auto') {
      this.planDemand ??= this.controller.show(['codingPlan', 'tokenPlan']);
    } else {
      this.planDemand?.dispose();
      this.planDemand = undefined;
    }
    this.render();
  }

  private render(): void {
    const settings = this.settings.value;
    const spend = this.store.get('monthSpend');
    if (!this.item.exists || !showsSpendItem(settings.statusBar.spend, combinePlans(this.store.get('codingPlan'), this.store.get('tokenPlan')), spend)) {
      this.setVisible(false);
      return;
    }
    if (spend.error && spend.error !== this.lastError) {
      this.log.warn(`This month's spend could not be refreshed (${spend.error.kind}): ${spend.error.message}`);
    }
    this.lastError = spend.error;
    const now = this.clock.now();
    const view = presentSpend(
      { spend, limit: this.store.get('usageLimit'), freeQuota: this.store.get('freeQuota'), ...(this.tops ? { tops: this.tops } : {}) },
      now,
      {
        format: settings.statusBar.spendFormat,
        // The month's spend is fetched every third interval: two missed fetches (and a minute) make it stale.
        staleAfterMs: (2 * 3 * settings.refreshIntervalMinutes + 1) * MINUTE_MS,
        commands: { showSpending: Commands.showSpending, showSpendingLimit: Commands.showSpendingLimit },
        describeError,
        locale: vscode.env.language,
      },
    );
    this.current = view;
    this.item.paint(view, Commands.showSpending);
    this.setVisible(true);
    this.schedule();
    void this.loadTops();
    // After midnight on the 1st the snapshot is last month's: fetch the new month rather than wait for the poll.
    if (spend.value && spend.value.month < monthKey(now) && !spend.loading) {
      if (this.monthTurnRefreshAt === undefined || now - this.monthTurnRefreshAt >= MONTH_TURN_RETRY_MS) {
        this.monthTurnRefreshAt = now;
        this.log.info('A new billing month has begun; refreshing this month\'s spend.');
        void this.controller.refresh(['monthSpend']);
      }
    }
  }

  private setVisible(visible: boolean): void {
    if (visible) {
      this.dataDemand ??= this.controller.show(SHOWN);
    } else {
      this.dataDemand?.dispose();
      this.dataDemand = undefined;
      this.item.stopTimer();
    }
    this.item.setVisible(visible);
  }

  /**
   * This month's largest models and API keys, from the cost analysis, asked through the store (and shared
   * with anything else that asks the same): when the month changes, after a manual refresh, and otherwise
   * at most every sixth refresh interval, as slow-moving data is.
   */
  private async loadTops(): Promise<void> {
    const spend = this.store.get('monthSpend');
    const month = spend.value?.month;
    if (!this.item.visible || month === undefined || !this.store.router.sourceFor('costAnalysis')) {
      return;
    }
    const now = this.clock.now();
    const maxAgeMs = 6 * this.settings.value.refreshIntervalMinutes * MINUTE_MS;
    const due = this.topsAskedAt === undefined || now - this.topsAskedAt >= maxAgeMs || (this.tops !== undefined && this.tops.month !== month);
    if (!due || this.topsInFlight) {
      return;
    }
    this.topsAskedAt = now;
    this.topsInFlight = true;
    const generation = ++this.topsGeneration;
    const to = month < monthKey(now) ? `${month}-${String(daysInMonth(month)).padStart(2, '0')}` : dateKey(now);
    const totals = async (groupBy: SpendDimension) => {
      const query: CostQuery = { granularity: 'month', from: `${month}-01`, to, groupBy };
      const result = await this.store.query(
        'costAnalysis',
        JSON.stringify(query),
        (source, options) => {
          if (!source.getCostAnalysis) {
            throw new Error('The source serves cost analysis without getCostAnalysis.');
          }
          return source.getCostAnalysis(query, options);
        },
        { maxAgeMs },
      );
      return result.value.totals;
    };
    try {
      const [models, apiKeys] = await Promise.all([totals('model'), totals('apiKey')]);
      if (generation !== this.topsGeneration) {
        return;
      }
      this.tops = { month, models, apiKeys };
      this.lastTopsError = undefined;
      this.render();
    } catch (error) {
      if (generation === this.topsGeneration) {
        // Asked again when due by time; nothing stale is shown meanwhile.
        this.tops = undefined;
      }
      const message = describeError(error);
      if (message !== this.lastTopsError) {
        this.lastTopsError = message;
        this.log.warn(`The month's top models and API keys could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      if (generation === this.topsGeneration) {
        this.topsInFlight = false;
      }
    }
  }

  /** Redraws every minute while a window is focused and the item shows: the data's age and the projection move on. */
  private schedule(): void {
    this.item.stopTimer();
    if (this.isDisposed || !vscode.window.state.focused) {
      return;
    }
    this.item.redrawIn(MINUTE_MS - (this.clock.now() % MINUTE_MS) + 50, () => this.render());
  }
}
