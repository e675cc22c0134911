// Pace and forecast: how fast the Coding Plan is being used, and whether a window runs out before it
// resets at that rate. Pure functions of (samples or windows, now), so every edge can be tested: a reset
// between samples, no use at all, an exhausted window, a clock that moved backwards, a window that
// started a few minutes ago.
import { DAY_MS, HOUR_MS, MINUTE_MS, addMonths, dateKey, daysInMonth, startOfDate } from '../common/calendar';
import type { CodingPlan, QuotaWindow, UsageSample } from '../account/model';
import { isExhausted, planWindows, remaining } from './quota';

export interface Pace {
  /** Units used an hour: requests for the Coding Plan's windows, credits for a Token Plan's. */
  readonly requestsPerHour: number;
  /** The observations the pace was measured between (epoch ms). */
  readonly from: number;
  readonly to: number;
}

export interface PaceOptions {
  /** "Lately": only samples this recent count. */
  readonly lookbackMs: number;
  /** Samples spanning less than this give no pace: a few minutes of use say little about the next hours. */
  readonly minSpanMs: number;
}

export const DEFAULT_PACE_OPTIONS: PaceOptions = { lookbackMs: HOUR_MS, minSpanMs: 10 * MINUTE_MS };

const isSample = (s: UsageSample): boolean => Number.isFinite(s.at) && Number.isFinite(s.used) && s.used >= 0;

/**
 * Requests per hour lately, from samples of one window's use (any order). Samples later than `now` (the
 * clock moved backwards since they were taken) are ignored; a drop in use means the window reset, so
 * only samples after the last drop count. `undefined` when fewer than two samples remain in the
 * lookback or they span less than `minSpanMs`.
 */
export function pace(samples: readonly UsageSample[], now: number, options: PaceOptions = DEFAULT_PACE_OPTIONS): Pace | undefined {
  const usable = samples.filter((s) => isSample(s) && s.at <= now).sort((a, b) => a.at - b.at);
  let segmentStart = 0;
  for (let i = 1; i < usable.length; i++) {
    if (usable[i]!.used < usable[i - 1]!.used) {
      segmentStart = i;
    }
  }
  const recent = usable.slice(segmentStart).filter((s) => s.at >= now - options.lookbackMs);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (!first || !last || last.at - first.at < Math.max(1, options.minSpanMs)) {
    return undefined;
  }
  return { requestsPerHour: ((last.used - first.used) * HOUR_MS) / (last.at - first.at), from: first.at, to: last.at };
}

/**
 * The pace lately from several series that count the same requests (every request counts in all three
 * windows): the one that covers the longest stretch wins, so the 5-hour window's reset a few minutes
 * ago does not hide the pace the weekly window still shows.
 */
export function bestPace(series: readonly (readonly UsageSample[])[], now: number, options: PaceOptions = DEFAULT_PACE_OPTIONS): Pace | undefined {
  let best: Pace | undefined;
  for (const samples of series) {
    const p = pace(samples, now, options);
    if (p && (!best || p.to - p.from > best.to - best.from)) {
      best = p;
    }
  }
  return best;
}

/** When the window containing `window.resetsAt` started: 5 hours, 7 days or one calendar month (UTC+8) earlier. */
export function windowStart(window: QuotaWindow): number {
  switch (window.kind) {
    case 'fiveHour':
      return window.resetsAt - 5 * HOUR_MS;
    case 'weekly':
      return window.resetsAt - 7 * DAY_MS;
    case 'monthly':
    case 'credits':
    case 'seat': {
      // A Token Plan's cycle starts where its source says; otherwise, like the monthly window, a month before.
      if (window.startsAt !== undefined && window.startsAt < window.resetsAt) {
        return window.startsAt;
      }
      // The monthly window renews on the subscription day at the subscription time, in UTC+8; a month
      // without that day renews on its last day.
      const day = dateKey(window.resetsAt);
      const timeOfDay = window.resetsAt - startOfDate(day);
      const previous = addMonths(day.slice(0, 7), -1);
      const dayOfMonth = Math.min(Number(day.slice(8)), daysInMonth(previous));
      return startOfDate(`${previous}-${String(dayOfMonth).padStart(2, '0')}`) + timeOfDay;
    }
  }
}

/**
 * The window's average pace since it started: the honest rate for the weekly and monthly windows, whose
 * nights and weekends an hour of work would not predict. `undefined` before `minElapsedMs` of the window
 * has passed, and when `now` lies outside the window (it reset, or the clock moved backwards before it).
 */
export function averagePace(window: QuotaWindow, now: number, minElapsedMs = 30 * MINUTE_MS): Pace | undefined {
  const start = windowStart(window);
  if (now < start || now >= window.resetsAt || now - start < Math.max(1, minElapsedMs) || !Number.isFinite(window.used)) {
    return undefined;
  }
  return { requestsPerHour: (Math.max(0, window.used) * HOUR_MS) / (now - start), from: start, to: now };
}

export type Forecast =
  /** Nothing is left: requests fail until `resetsAt`. */
  | { readonly kind: 'exhausted'; readonly resetsAt: number }
  /** At this pace the window runs out at `at`, `beforeResetMs` before it resets. */
  | { readonly kind: 'runsOut'; readonly at: number; readonly beforeResetMs: number; readonly requestsPerHour: number }
  /** At this pace the window lasts until it resets, with about `leftAtReset` requests to spare. */
  | { readonly kind: 'lasts'; readonly leftAtReset: number; readonly requestsPerHour: number }
  /** No pace yet, or the window has already reset (the data is from an earlier period). */
  | { readonly kind: 'unknown' };

/**
 * Whether the window runs out before it resets at `pace`, projecting from when it was observed
 * (`observedAt`, defaulting to now; a time after now, from a clock that moved backwards, counts as now).
 */
export function forecast(window: QuotaWindow, rate: Pace | undefined, now: number, observedAt = now): Forecast {
  if (now >= window.resetsAt) {
    return { kind: 'unknown' };
  }
  if (isExhausted(window)) {
    return { kind: 'exhausted', resetsAt: window.resetsAt };
  }
  if (!rate || !Number.isFinite(rate.requestsPerHour)) {
    return { kind: 'unknown' };
  }
  const requestsPerHour = Math.max(0, rate.requestsPerHour);
  const from = Math.min(observedAt, now);
  const left = remaining(window);
  if (requestsPerHour > 0) {
    const at = from + Math.ceil((left / requestsPerHour) * HOUR_MS);
    if (at < window.resetsAt) {
      return { kind: 'runsOut', at, beforeResetMs: window.resetsAt - at, requestsPerHour };
    }
  }
  const leftAtReset = Math.max(0, Math.floor(left - (requestsPerHour * (window.resetsAt - from)) / HOUR_MS));
  return { kind: 'lasts', leftAtReset, requestsPerHour };
}

/** The published estimate: a simple coding task takes about 5 requests, a complex one 30 or more. */
export const REQUESTS_PER_TASK = { fewest: 5, most: 30 } as const;

export interface TasksLeft {
  /** The window with the fewest requests left: every request counts in all three, so it decides. */
  readonly window: QuotaWindow;
  readonly requests: number;
  /** Tasks left if each is complex (30 requests) … if each is simple (5 requests). */
  readonly fewest: number;
  readonly most: number;
}

/** The tasks the Coding Plan's windows leave room for; `undefined` when it reported none. */
export function tasksLeft(plan: CodingPlan): TasksLeft | undefined {
  let binding: QuotaWindow | undefined;
  for (const w of planWindows(plan)) {
    if (!binding || remaining(w) < remaining(binding) || (remaining(w) === remaining(binding) && w.resetsAt > binding.resetsAt)) {
      binding = w;
    }
  }
  if (!binding) {
    return undefined;
  }
  const requests = remaining(binding);
  return {
    window: binding,
    requests,
    fewest: Math.floor(requests / REQUESTS_PER_TASK.most),
    most: Math.floor(requests / REQUESTS_PER_TASK.fewest),
  };
}
