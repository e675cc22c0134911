// Spend spikes: the account's spend per hour now against its own recent pace, and which API key spends it.
//
// The cost analysis reports spend per day at the finest (itemised records carry a billing date, no time),
// so hourly figures are derived, and the maths says how:
// - the usual pace is the median of the last BASELINE_DAYS complete days' spend, divided by 24 (quiet days
//   count, so a weekend does not make a busy Monday look like a spike; the median ignores one odd day);
// - the pace now is how much today's running spend grew between two readings of the cost analysis, at most
//   an hour apart, divided by the time between them. Without an earlier reading today (VS Code just
//   started), it is today's spend so far over the hours since midnight (billing time): a lower bound,
//   since bills arrive some hours late, so it can only understate a spike.
// A spike is a pace at least `multiplier` times the usual one (never below `floorPerHour`), over at least
// `minAmount` of new spend, so a cent after a quiet week does not alarm. Periods shorter than
// MIN_WINDOW_MS count as MIN_WINDOW_MS, so two readings a minute apart do not turn a small sum into a rate.
import { addDays, HOUR_MS, MINUTE_MS } from '../common/calendar';
import type { SpendingSeries } from '../account/source';

export type SpikeSensitivity = 'off' | 'low' | 'medium' | 'high';
export const SPIKE_SENSITIVITIES: readonly SpikeSensitivity[] = ['off', 'low', 'medium', 'high'];
export const DEFAULT_SPIKE_SENSITIVITY: SpikeSensitivity = 'medium';

export interface SpikeThresholds {
  /** How many times the usual hourly pace counts as a spike. */
  readonly multiplier: number;
  /** The least new spend (in the account's currency) that can be a spike. */
  readonly minAmount: number;
  /** The usual pace is taken as at least this much per hour, for accounts that hardly spend. */
  readonly floorPerHour: number;
}

export const SPIKE_THRESHOLDS: Readonly<Record<Exclude<SpikeSensitivity, 'off'>, SpikeThresholds>> = {
  low: { multiplier: 6, minAmount: 5, floorPerHour: 1 },
  medium: { multiplier: 4, minAmount: 2, floorPerHour: 0.5 },
  high: { multiplier: 2.5, minAmount: 1, floorPerHour: 0.2 },
};

/** Complete days behind the usual pace. */
export const BASELINE_DAYS = 7;
/** Readings further apart than this are not compared: the pace "now" is over the last hour at most. */
export const MAX_WINDOW_MS = HOUR_MS;
/** The shortest period a rate is taken over. */
export const MIN_WINDOW_MS = 15 * MINUTE_MS;

/** One reading of today's spend per API key (key "" is spend without a key). */
export interface SpendReading {
  /** Epoch ms. */
  readonly at: number;
  /** The billing date ("YYYY-MM-DD") the amounts belong to. */
  readonly date: string;
  readonly byKey: Readonly<Record<string, number>>;
  /** Display names of the keys, where the cost analysis gives them. */
  readonly names: Readonly<Record<string, string>>;
}

/** The median of the amounts; 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The first day of the cost analysis query that serves both the usual pace and today's reading. */
export const spikeQueryFrom = (today: string): string => addDays(today, -BASELINE_DAYS);

/**
 * From a daily cost series grouped by API key that runs from `spikeQueryFrom(today)` to `today`: the usual
 * hourly pace (the median of the complete days before today, over 24) and today's reading.
 */
export function readSpendSeries(series: SpendingSeries, today: string, at: number): { readonly usualPerHour: number; readonly reading: SpendReading } {
  const from = spikeQueryFrom(today);
  const days = series.periods.filter((p) => p.period >= from && p.period < today).map((p) => p.total);
  // Days the series leaves out (no spend at all) count as zero.
  while (days.length < BASELINE_DAYS) {
    days.push(0);
  }
  const byKey: Record<string, number> = {};
  const names: Record<string, string> = {};
  for (const part of series.periods.find((p) => p.period === today)?.parts ?? []) {
    byKey[part.key] = (byKey[part.key] ?? 0) + part.amount;
    names[part.key] = part.name;
  }
  return { usualPerHour: median(days) / 24, reading: { at, date: today, byKey, names } };
}

export interface SpendSpike {
  /** The billing date the spike is on. */
  readonly date: string;
  /** New spend over the window, all keys. */
  readonly amount: number;
  readonly windowMs: number;
  /** The pace now, per hour. */
  readonly perHour: number;
  /** The usual pace, per hour (after the floor). */
  readonly usualPerHour: number;
  /** The pace at which a spike begins. */
  readonly thresholdPerHour: number;
  /** The key with the most new spend in the window ("" for spend without a key), its name and its share. */
  readonly key: string;
  readonly keyName: string;
  readonly keyAmount: number;
}

export interface SpikeInput {
  readonly now: SpendReading;
  /** Earlier readings, any order; those of other days or over MAX_WINDOW_MS old are ignored. */
  readonly earlier: readonly SpendReading[];
  /** Start of today's billing date, epoch ms: the fallback window runs from here. */
  readonly dayStart: number;
  readonly usualPerHour: number;
  readonly thresholds: SpikeThresholds;
}

/** Whether the spend now is a spike, and what it is; undefined when it is not. */
export function detectSpike(input: SpikeInput): SpendSpike | undefined {
  const { now, thresholds } = input;
  const reference = input.earlier
    .filter((r) => r.date === now.date && r.at < now.at && now.at - r.at <= MAX_WINDOW_MS)
    .reduce<SpendReading | undefined>((oldest, r) => (oldest === undefined || r.at < oldest.at ? r : oldest), undefined);
  const windowMs = reference ? now.at - reference.at : Math.max(0, now.at - input.dayStart);
  let amount = 0;
  let key = '';
  let keyAmount = Number.NEGATIVE_INFINITY;
  for (const [k, value] of Object.entries(now.byKey)) {
    const grown = Math.max(0, value - (reference?.byKey[k] ?? 0));
    amount += grown;
    if (grown > keyAmount || (grown === keyAmount && k < key)) {
      key = k;
      keyAmount = grown;
    }
  }
  const perHour = amount / (Math.max(windowMs, MIN_WINDOW_MS) / HOUR_MS);
  const usualPerHour = Math.max(input.usualPerHour, thresholds.floorPerHour);
  const thresholdPerHour = thresholds.multiplier * usualPerHour;
  if (amount < thresholds.minAmount || perHour < thresholdPerHour) {
    return undefined;
  }
  return { date: now.date, amount, windowMs, perHour, usualPerHour, thresholdPerHour, key, keyName: now.names[key] ?? key, keyAmount };
}

/** Keeps the readings a later check can compare with: today's, from the last MAX_WINDOW_MS. */
export function keepReadings(readings: readonly SpendReading[], now: SpendReading): SpendReading[] {
  return [...readings.filter((r) => r.date === now.date && now.at - r.at <= MAX_WINDOW_MS && r.at < now.at), now];
}

/** The alert ledger's id and period: at most one alert per key per billing day. */
export const spikeClaim = (spike: SpendSpike): { readonly alertId: string; readonly periodId: string } => ({
  alertId: `spendSpike:${spike.key}`,
  periodId: spike.date,
});
