// Warns at once when the account's pay-as-you-go spend per hour runs far above its usual pace, naming the
// API key that spends it, and offers to disable that key (the API keys' own command) or to lower the
// spending limit. Readings of the daily cost analysis by API key are taken whenever the month's spend is
// refreshed; the maths is in core/spending/spendSpike. At most one warning per key per billing day.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { WindowPrompts } from '../common/windowPrompts';
import { Commands } from '../constants';
import type { SettingsService } from '../config/settings';
import type { AccountController } from '../connections/accountController';
import type { CostQuery, SpendingSeries } from '../core/account/source';
import type { AccountStore } from '../core/account/store';
import type { AlertLedger } from '../core/common/alertLedger';
import { dateKey, startOfDate } from '../core/common/calendar';
import type { Clock } from '../core/common/clock';
import { formatDuration, formatMoney } from '../core/common/format';
import type { Logger } from '../core/common/logger';
import {
  detectSpike,
  keepReadings,
  readSpendSeries,
  SPIKE_THRESHOLDS,
  spikeClaim,
  spikeQueryFrom,
  type SpendReading,
  type SpendSpike,
} from '../core/spending/spendSpike';

export function spendSpikeMessage(spike: SpendSpike, currency: string, demo: boolean): string {
  const money = (amount: number): string => formatMoney({ amount, currency });
  const who = spike.key === '' ? vscode.l10n.t('Spend without an API key') : vscode.l10n.t('API key {0}', spike.keyName);
  const text = vscode.l10n.t(
    'Spend spike: {0} spent {1} in the last {2}, about {3} an hour, {4} times this account\'s usual {5} an hour. The account spent {6} in that time.',
    who,
    money(spike.keyAmount),
    formatDuration(spike.windowMs),
    money(spike.perHour),
    Math.round(spike.perHour / spike.usualPerHour),
    money(spike.usualPerHour),
    money(spike.amount),
  );
  return demo ? `${text} (${vscode.l10n.t('Demo')})` : text;
}

export class SpendSpikeNotifier extends DisposableOwner {
  private shown: vscode.Disposable | undefined;
  private readings: SpendReading[] = [];
  private checking: Promise<SpendSpike | undefined> | undefined;
  private readonly alerted = this.register(new vscode.EventEmitter<{ spike: SpendSpike; message: string; choice: string | undefined }>());
  /** Fires with every spike warned about, once the user answered (or closed) the warning. */
  readonly onDidAlert = this.alerted.event;

  constructor(
    private readonly store: AccountStore,
    private readonly controller: AccountController,
    private readonly settings: SettingsService,
    private readonly ledger: AlertLedger,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly prompts: WindowPrompts,
  ) {
    super();
    this.register(store.onDidChange((key) => key === 'monthSpend' && void this.check()));
    // Readings of another account say nothing about this one.
    this.register(store.onDidChangeRouter(() => (this.readings = [])));
    this.register(settings.onDidChange(({ changed }) => changed.has('spendAlerts') && this.apply()));
    this.register(toDisposable(() => void this.shown?.dispose()));
    this.apply();
  }

  private enabled(): boolean {
    const alerts = this.settings.value.spendAlerts;
    return alerts.enabled && alerts.spikeSensitivity !== 'off';
  }

  /** While the alert is on, the month's spend is kept fresh, and each refresh of it takes a reading. */
  private apply(): void {
    if (this.enabled()) {
      this.shown ??= this.controller.show(['monthSpend']);
    } else {
      this.shown?.dispose();
      this.shown = undefined;
    }
  }

  /** Takes a reading now and warns if it shows a spike not warned about yet; resolves to that spike. */
  check(): Promise<SpendSpike | undefined> {
    // One reading at a time: a refresh during a reading shares it.
    this.checking ??= this.read().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async read(): Promise<SpendSpike | undefined> {
    const sensitivity = this.settings.value.spendAlerts.spikeSensitivity;
    if (!this.enabled() || sensitivity === 'off' || !this.store.router.sourceFor('costAnalysis')) {
      return undefined;
    }
    const now = this.clock.now();
    const today = dateKey(now);
    const query: CostQuery = { granularity: 'day', from: spikeQueryFrom(today), to: today, groupBy: 'apiKey' };
    let series: SpendingSeries;
    let demo: boolean;
    try {
      const result = await this.store.query(
        'costAnalysis',
        `spendSpike:${JSON.stringify(query)}`,
        (source, options) => {
          if (!source.getCostAnalysis) {
            throw new Error('The source serves cost analysis without getCostAnalysis.');
          }
          return source.getCostAnalysis(query, options);
        },
        { force: true },
      );
      series = result.value;
      demo = this.store.router.sourceFor('costAnalysis')?.info.kind === 'demo';
    } catch (error) {
      // The next refresh of the month's spend tries again.
      this.log.warn(`Spend spike check: the cost analysis could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const { usualPerHour, reading } = readSpendSeries(series, today, now);
    const spike = detectSpike({ now: reading, earlier: this.readings, dayStart: startOfDate(today), usualPerHour, thresholds: SPIKE_THRESHOLDS[sensitivity] });
    this.readings = keepReadings(this.readings, reading);
    if (!spike) {
      return undefined;
    }
    const claim = spikeClaim(spike);
    if (!this.ledger.claim(claim.alertId, claim.periodId)) {
      return undefined;
    }
    const message = spendSpikeMessage(spike, series.currency, demo);
    this.log.info(`Spend spike on ${spike.date}: ${spike.perHour.toFixed(2)} an hour against a usual ${spike.usualPerHour.toFixed(2)}.`);
    void this.warn(spike, message);
    return spike;
  }

  private async warn(spike: SpendSpike, message: string): Promise<void> {
    const disable = vscode.l10n.t('Disable this key');
    const lower = vscode.l10n.t('Lower the limit');
    const actions = spike.key === '' ? [lower] : [disable, lower];
    const choice = await this.prompts.warn(message, ...actions);
    if (choice === disable) {
      // The API keys' own command, which finds the key among the account's keys: make sure they are loaded.
      if (!this.store.get('apiKeys').value?.some((k) => k.id === spike.key)) {
        await this.controller.refresh(['apiKeys']);
      }
      await vscode.commands.executeCommand(Commands.disableApiKey, { id: `key:${spike.key}` });
    } else if (choice === lower) {
      await vscode.commands.executeCommand(Commands.showSpendingLimit);
    }
    this.alerted.fire({ spike, message, choice });
  }
}
