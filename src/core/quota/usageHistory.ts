// The quota meter's memory: samples of each window's use, built from successive snapshots of the Coding
// Plan and the Token Plan (and from the recent use a source supplies), so a pace can be measured. Bounded, one series per
// window and period: when a window resets its series starts over, and a different account starts over
// entirely. The VS Code side persists `toState()` so a reload does not lose the last hour.
import { HOUR_MS, MINUTE_MS } from '../common/calendar';
import type { QuotaWindow, QuotaWindowKind, UsageSample } from '../account/model';
import { QUOTA_WINDOW_KINDS } from '../account/model';

export interface UsageHistoryLimits {
  /** Samples older than this, before the newest, are dropped. */
  readonly retentionMs: number;
  /** At most one sample per stretch of this length (the latest) is kept. */
  readonly spacingMs: number;
  /** Never more samples than this per window. */
  readonly maxSamples: number;
  /** A reset time that moved by more than this is a new period. Backends recompute it on every answer. */
  readonly resetToleranceMs: number;
}

export const DEFAULT_USAGE_HISTORY_LIMITS: UsageHistoryLimits = {
  retentionMs: 2 * HOUR_MS,
  spacingMs: MINUTE_MS,
  maxSamples: 150,
  resetToleranceMs: MINUTE_MS,
};

/** What `toState` returns and `fromState` reads back: plain JSON, samples as `[at, used]` pairs. */
export interface UsageHistoryState {
  readonly version: 1;
  readonly source: string;
  readonly series: Partial<Record<QuotaWindowKind, { readonly resetsAt: number; readonly samples: readonly (readonly [number, number])[] }>>;
}

interface Series {
  resetsAt: number;
  samples: UsageSample[];
}

const validSample = (s: UsageSample): boolean => Number.isFinite(s.at) && Number.isFinite(s.used) && s.used >= 0;

export class UsageHistory {
  private source: string | undefined;
  private readonly series = new Map<QuotaWindowKind, Series>();

  constructor(private readonly limits: UsageHistoryLimits = DEFAULT_USAGE_HISTORY_LIMITS) {}

  /**
   * Records what a snapshot fetched at `at` from `source` (any stable key for the account) showed of
   * these windows, with the recent use the source supplied. Another source forgets everything first.
   */
  observe(windows: readonly QuotaWindow[], recent: Readonly<Partial<Record<QuotaWindowKind, readonly UsageSample[]>>> | undefined, at: number, source: string): void {
    if (source !== this.source) {
      this.series.clear();
      this.source = source;
    }
    if (!Number.isFinite(at)) {
      return;
    }
    for (const window of windows) {
      this.add(window.kind, window.resetsAt, [...(recent?.[window.kind] ?? []).filter((s) => s.at < at), { at, used: window.used }]);
    }
  }

  /** The samples of a window's current period, oldest first. */
  samples(kind: QuotaWindowKind): readonly UsageSample[] {
    return this.series.get(kind)?.samples ?? [];
  }

  /** Every window's samples by kind, for the meter's pace and forecasts. */
  samplesByKind(): Partial<Record<QuotaWindowKind, readonly UsageSample[]>> {
    return Object.fromEntries(QUOTA_WINDOW_KINDS.map((k) => [k, this.samples(k)]));
  }

  private add(kind: QuotaWindowKind, resetsAt: number, incoming: readonly UsageSample[]): void {
    let series = this.series.get(kind);
    if (!series || !(Math.abs(series.resetsAt - resetsAt) <= this.limits.resetToleranceMs)) {
      // A new period (or the first look): what came before counted against another quota.
      series = { resetsAt, samples: [] };
      this.series.set(kind, series);
    }
    series.resetsAt = resetsAt;
    const fresh = incoming.filter(validSample);
    const newest = fresh.reduce<UsageSample | undefined>((a, b) => (a && a.at >= b.at ? a : b), undefined);
    if (!newest) {
      return;
    }
    // A clock that moved backwards leaves samples "after" the newest observation: they cannot be trusted.
    const merged = [...series.samples.filter((s) => s.at < newest.at && !fresh.some((f) => f.at === s.at)), ...fresh].sort((a, b) => a.at - b.at);
    // One sample per stretch of `spacingMs`, the latest; use never drops within a period, so a sample
    // above a later one (a correction, or a reset the reset time did not show) is dropped.
    const kept: UsageSample[] = [];
    for (let i = merged.length - 1; i >= 0; i--) {
      const s = merged[i]!;
      const later = kept[kept.length - 1];
      if (later && (Math.floor(s.at / this.limits.spacingMs) === Math.floor(later.at / this.limits.spacingMs) || s.used > later.used)) {
        continue;
      }
      if (newest.at - s.at > this.limits.retentionMs || kept.length >= this.limits.maxSamples) {
        break;
      }
      kept.push({ at: s.at, used: s.used });
    }
    series.samples = kept.reverse();
  }

  toState(): UsageHistoryState {
    const series: Record<string, { resetsAt: number; samples: [number, number][] }> = {};
    for (const [kind, s] of this.series) {
      series[kind] = { resetsAt: s.resetsAt, samples: s.samples.map((x) => [x.at, x.used]) };
    }
    return { version: 1, source: this.source ?? '', series };
  }

  /** Reads a saved state back, skipping whatever is malformed (an empty history when nothing is usable). */
  static fromState(value: unknown, limits: UsageHistoryLimits = DEFAULT_USAGE_HISTORY_LIMITS): UsageHistory {
    const history = new UsageHistory(limits);
    if (!isRecord(value) || value.version !== 1 || typeof value.source !== 'string' || !isRecord(value.series)) {
      return history;
    }
    history.source = value.source;
    for (const kind of QUOTA_WINDOW_KINDS) {
      const saved = value.series[kind];
      if (!isRecord(saved) || typeof saved.resetsAt !== 'number' || !Number.isFinite(saved.resetsAt) || !Array.isArray(saved.samples)) {
        continue;
      }
      const samples = (saved.samples as unknown[])
        .filter((p): p is [number, number] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number')
        .map(([at, used]) => ({ at, used }))
        .filter(validSample);
      history.series.set(kind, { resetsAt: saved.resetsAt, samples: [] });
      history.add(kind, saved.resetsAt, samples);
    }
    return history;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
