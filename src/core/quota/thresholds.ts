// How full is too full: the levels a meter moves through as a share of a limit is used, and the status
// bar colour for each. The quota meter uses it per window; the pay-as-you-go meter can use it for the
// month's spend against its limit, so both colour the same way.

/** `exhausted`: nothing is left. The levels are ordered: each is more severe than the one before. */
export type ThresholdLevel = 'normal' | 'warning' | 'critical' | 'exhausted';
export const THRESHOLD_LEVELS: readonly ThresholdLevel[] = ['normal', 'warning', 'critical', 'exhausted'];

/** Whole percentages of the limit, 1-100, warning below critical. */
export interface Thresholds {
  readonly warning: number;
  readonly critical: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { warning: 80, critical: 95 };

/** The theme colours VS Code allows as a status bar item's background. */
export type StatusBarBackground = 'statusBarItem.warningBackground' | 'statusBarItem.errorBackground';

/** What a status bar item shows, as the quota meter and the spend item present it. */
export interface StatusItemView {
  /** Status bar text, with `$(icon)` syntax. */
  readonly text: string;
  /** Markdown, with theme icons and `command:` links (only to `linkedCommands`). */
  readonly tooltip: string;
  readonly linkedCommands: readonly string[];
  readonly accessibilityLabel: string;
  readonly background?: StatusBarBackground;
}

/**
 * The level of a share used (0-1). A share at or past 1 is `exhausted`; otherwise the share, in percent,
 * is compared with the thresholds (at or above counts).
 */
export function thresholdLevel(usedShare: number, thresholds: Thresholds): ThresholdLevel {
  if (!(usedShare < 1)) {
    return 'exhausted';
  }
  // Compare in whole hundredths of a percent so 0.95 is not read as 94.99999 %.
  const percent = Math.round(usedShare * 10_000) / 100;
  if (percent >= thresholds.critical) {
    return 'critical';
  }
  return percent >= thresholds.warning ? 'warning' : 'normal';
}

export function levelRank(level: ThresholdLevel): number {
  return THRESHOLD_LEVELS.indexOf(level);
}

/** The more severe of two levels. */
export function worstLevel(a: ThresholdLevel, b: ThresholdLevel): ThresholdLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/** Warning colours from the warning threshold; error colours from the critical one and when exhausted. */
export function levelBackground(level: ThresholdLevel): StatusBarBackground | undefined {
  switch (level) {
    case 'normal':
      return undefined;
    case 'warning':
      return 'statusBarItem.warningBackground';
    case 'critical':
    case 'exhausted':
      return 'statusBarItem.errorBackground';
  }
}

export type ThresholdCheck = { readonly ok: true; readonly value: Thresholds } | { readonly ok: false; readonly reason: 'range' | 'order' };

/** Thresholds a user configured: both whole-number-ish percentages in 1-100, warning strictly below critical. */
export function checkThresholds(warning: unknown, critical: unknown): ThresholdCheck {
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 1 && n <= 100;
  if (!valid(warning) || !valid(critical)) {
    return { ok: false, reason: 'range' };
  }
  return warning < critical ? { ok: true, value: { warning, critical } } : { ok: false, reason: 'order' };
}
