// What the quota meter shows: the Coding Plan's windows as status bar text, a Markdown tooltip and an
// accessibility label, for every state (loading, signed out, no plan, error, stale, ready) and usage
// level. Pure, so each is tested without VS Code; the status bar item only copies the result.
import * as l10n from '@vscode/l10n';
import type { QwenCloudError } from './errors';
import {
  formatAge,
  formatCount,
  formatDuration,
  formatShortCount,
  formatTime,
  planName,
  planStatusName,
  windowName,
  windowShortName,
} from './format';
import type { CodingPlan, QuotaWindow, QuotaWindowKind, UsageSample } from './model';
import { QUOTA_WINDOW_KINDS } from './model';
import { averagePace, bestPace, forecast, type Forecast, type Pace, REQUESTS_PER_TASK, tasksLeft, type TasksLeft } from './pace';
import { percentUsed, remaining, tightestWindow, usedShare } from './quota';
import type { Snapshot } from './store';
import { levelBackground, levelRank, type StatusItemView, type ThresholdLevel, type Thresholds, thresholdLevel, worstLevel } from './thresholds';

export type MeterState = 'loading' | 'signedOut' | 'noPlan' | 'error' | 'ready';

/** The commands the tooltip links to. */
export interface MeterCommands {
  readonly refresh: string;
  readonly showCodingPlan: string;
  readonly openConsole: string;
  readonly showLog: string;
  /** Only when a sign-in command is registered. */
  readonly signIn?: string;
}

export interface MeterOptions {
  /** The windows to show; empty shows all three. */
  readonly windows: readonly QuotaWindowKind[];
  readonly display: 'used' | 'remaining';
  readonly format: 'percent' | 'count';
  /** Only the tightest of `windows`. */
  readonly compact: boolean;
  readonly thresholds: Thresholds;
  /** Data older than this is marked stale. */
  readonly staleAfterMs: number;
  readonly commands: MeterCommands;
  /** What an error means for the user and what to do next. */
  readonly describeError: (error: QwenCloudError) => string;
  readonly locale?: string;
}

export interface WindowReport {
  readonly window: QuotaWindow;
  readonly percentUsed: number;
  /** `normal` once the reset time has passed: the numbers belong to the period before. */
  readonly level: ThresholdLevel;
  readonly resetPassed: boolean;
  /** The pace the forecast uses: the last hour's for the 5-hour window, the window's average for the others. */
  readonly pace: Pace | undefined;
  readonly paceBasis: 'recent' | 'average';
  readonly forecast: Forecast;
}

export interface QuotaAnalysis {
  readonly windows: Readonly<Record<QuotaWindowKind, WindowReport>>;
  /** Requests per hour lately, from whichever window's samples cover the last hour best. */
  readonly pace: Pace | undefined;
  readonly tasks: TasksLeft;
  /** The most severe level of any window: every request counts in all three, so any can stop work. */
  readonly level: ThresholdLevel;
}

/**
 * Levels, pace and forecasts for a plan observed at `observedAt`, from the samples of its windows.
 * The 5-hour forecast follows the last hour; the weekly and monthly ones the window's average so far,
 * because an hour of work says little about the nights and weekends ahead.
 */
export function analyseQuota(
  plan: CodingPlan,
  samples: readonly (readonly UsageSample[])[],
  now: number,
  observedAt: number,
  thresholds: Thresholds,
): QuotaAnalysis {
  const recent = bestPace(samples, now);
  const report = (kind: QuotaWindowKind): WindowReport => {
    const window = plan.windows[kind];
    const resetPassed = now >= window.resetsAt;
    const paceBasis = kind === 'fiveHour' ? 'recent' : 'average';
    const rate = paceBasis === 'recent' ? recent : averagePace(window, Math.min(observedAt, now));
    return {
      window,
      percentUsed: percentUsed(window),
      level: resetPassed ? 'normal' : thresholdLevel(usedShare(window), thresholds),
      resetPassed,
      pace: rate,
      paceBasis,
      forecast: forecast(window, rate, now, observedAt),
    };
  };
  const windows = { fiveHour: report('fiveHour'), weekly: report('weekly'), monthly: report('monthly') };
  const level = QUOTA_WINDOW_KINDS.reduce<ThresholdLevel>((worst, k) => worstLevel(worst, windows[k].level), 'normal');
  return { windows, pace: recent, tasks: tasksLeft(plan), level };
}

export interface MeterView extends StatusItemView {
  readonly state: MeterState;
  /** The data shown is older than it should be, or the last refresh failed. */
  readonly stale: boolean;
  readonly level: ThresholdLevel;
  /** For the ready state. */
  readonly analysis?: QuotaAnalysis;
  /** The windows the text shows. */
  readonly shown: readonly QuotaWindowKind[];
}

/**
 * Escapes text for the tooltip's Markdown (account names, error messages, translations): emphasis,
 * links, tables, HTML and theme-icon syntax, and what would start a heading or a list.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/\$\(/g, '\\$(')
    .replace(/^(\s*)([#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** "5-hour window", "weekly window", "monthly window": a window's name inside a sentence. */
export function windowPhrase(kind: QuotaWindowKind): string {
  switch (kind) {
    case 'fiveHour':
      return l10n.t('5-hour window');
    case 'weekly':
      return l10n.t('weekly window');
    case 'monthly':
      return l10n.t('monthly window');
  }
}

interface Link {
  readonly icon: string;
  readonly label: string;
  readonly command: string;
}

function linkLine(links: readonly Link[]): string {
  return links.map((l) => `[$(${l.icon}) ${escapeMarkdown(l.label)}](command:${l.command})`).join(' · ');
}

/** When the reset is: "in 1 h 12 min, at 14:30". */
function resetPhrase(resetsAt: number, now: number, locale: string | undefined): string {
  return l10n.t('in {0}, at {1}', formatDuration(Math.max(0, resetsAt - now)), formatTime(resetsAt, now, locale));
}

/** The windows the text shows: the chosen ones (or the tightest of them), plus any at the critical level or beyond. */
export function shownWindows(plan: CodingPlan, analysis: QuotaAnalysis, options: Pick<MeterOptions, 'windows' | 'compact'>): QuotaWindowKind[] {
  const chosen = options.windows.length > 0 ? options.windows : QUOTA_WINDOW_KINDS;
  const base = options.compact ? [tightestWindow(plan, chosen)?.kind ?? 'fiveHour'] : chosen;
  // A window about to stop requests always shows, whatever the settings hide.
  return QUOTA_WINDOW_KINDS.filter((k) => base.includes(k) || levelRank(analysis.windows[k].level) >= levelRank('critical'));
}

function levelIcon(level: ThresholdLevel): string {
  switch (level) {
    case 'normal':
      return '$(dashboard)';
    case 'warning':
    case 'critical':
      return '$(warning)';
    case 'exhausted':
      return '$(error)';
  }
}

function windowValue(report: WindowReport, options: MeterOptions): string {
  const w = report.window;
  if (options.format === 'count') {
    return options.display === 'remaining'
      ? formatShortCount(remaining(w), options.locale)
      : `${formatShortCount(w.used, options.locale)}/${formatShortCount(w.total, options.locale)}`;
  }
  return `${options.display === 'remaining' ? 100 - report.percentUsed : report.percentUsed}%`;
}

function levelSentence(kind: QuotaWindowKind, report: WindowReport, thresholds: Thresholds, now: number, locale: string | undefined): string | undefined {
  switch (report.level) {
    case 'normal':
      return undefined;
    case 'warning':
      return l10n.t('Warning: the {0} is past {1} percent.', windowPhrase(kind), thresholds.warning);
    case 'critical':
      return l10n.t('Critical: the {0} is past {1} percent.', windowPhrase(kind), thresholds.critical);
    case 'exhausted':
      return l10n.t('The {0} is used up until {1}.', windowPhrase(kind), formatTime(report.window.resetsAt, now, locale));
  }
}

function sourceLabel(snapshot: Snapshot<CodingPlan | null>): string {
  return snapshot.source?.kind === 'demo' ? l10n.t('Demo') : (snapshot.source?.label ?? '');
}

/** The meter for a Coding Plan snapshot at `now`. `samples`: the windows' usage samples (see UsageHistory). */
export function presentMeter(
  snapshot: Snapshot<CodingPlan | null>,
  samples: readonly (readonly UsageSample[])[],
  now: number,
  options: MeterOptions,
): MeterView {
  const { commands } = options;
  const plan = snapshot.value;
  const isDemo = snapshot.source?.kind === 'demo';
  const demoSuffix = isDemo ? ` · ${l10n.t('Demo')}` : '';
  const simple = (state: MeterState, text: string, tooltip: string[], links: Link[], label: string): MeterView => ({
    state,
    stale: false,
    level: 'normal',
    text,
    tooltip: [...tooltip, ...(links.length > 0 ? [linkLine(links)] : [])].join('\n\n'),
    linkedCommands: links.map((l) => l.command),
    accessibilityLabel: label,
    shown: [],
  });

  if (plan === undefined) {
    const authFailed = snapshot.error?.kind === 'auth';
    if (snapshot.unavailable || authFailed) {
      const intro = authFailed
        ? l10n.t('Your Qwen Cloud sign-in has expired or was refused.')
        : l10n.t('You are not signed in to Qwen Cloud.');
      const next = authFailed
        ? l10n.t('Sign in again to see your Coding Plan quota, or keep using the demo account. Click to choose.')
        : l10n.t('The Coding Plan quota needs a Qwen Cloud sign-in; an AccessKey alone does not serve it. Click to sign in.');
      return simple(
        'signedOut',
        `$(account) ${l10n.t('Sign in to Qwen Cloud')}`,
        [`$(account) **${escapeMarkdown(intro)}**`, escapeMarkdown(next)],
        commands.signIn ? [{ icon: 'sign-in', label: l10n.t('Sign in'), command: commands.signIn }] : [],
        `${intro} ${next}`,
      );
    }
    if (snapshot.error) {
      const what = l10n.t('The Coding Plan could not be loaded.');
      const next = options.describeError(snapshot.error);
      return simple(
        'error',
        `$(warning) ${l10n.t('Quota unavailable')}`,
        [`$(warning) **${escapeMarkdown(what)}** ${escapeMarkdown(next)}`, `\`${snapshot.error.message.replace(/`/g, "'")}\``, escapeMarkdown(l10n.t('Click for details and the log.'))],
        [
          { icon: 'refresh', label: l10n.t('Retry'), command: commands.refresh },
          { icon: 'output', label: l10n.t('Show Log'), command: commands.showLog },
        ],
        `${what} ${next}`,
      );
    }
    const loading = l10n.t('Loading the Coding Plan…');
    return simple('loading', `$(sync~spin) ${l10n.t('Qwen Cloud')}`, [`$(sync~spin) ${escapeMarkdown(loading)}`], [], loading);
  }

  if (plan === null) {
    const none = l10n.t('This account has no Coding Plan.');
    const next = l10n.t('The Coding Plan is a monthly subscription with a request quota for coding tools; the console sells it.');
    return simple(
      'noPlan',
      `$(dashboard) ${l10n.t('No Coding Plan')}${demoSuffix}`,
      [`$(dashboard) **${escapeMarkdown(none)}** ${escapeMarkdown(next)}`],
      [
        { icon: 'link-external', label: l10n.t('Open Console'), command: commands.openConsole },
        { icon: 'refresh', label: l10n.t('Refresh'), command: commands.refresh },
      ],
      isDemo ? `${none} ${l10n.t('Demo')}` : none,
    );
  }

  const fetchedAt = snapshot.fetchedAt ?? now;
  const age = Math.max(0, now - fetchedAt);
  const stale = snapshot.error !== undefined || age > options.staleAfterMs;
  const analysis = analyseQuota(plan, samples, now, fetchedAt, options.thresholds);
  const shown = shownWindows(plan, analysis, options);
  const locale = options.locale;

  // --- text: "$(dashboard) 5h 42% · wk 18% · mo 9%"
  const list = shown.map((k) => `${windowShortName(k)} ${windowValue(analysis.windows[k], options)}`).join(' · ');
  const values = options.display === 'remaining' ? l10n.t('{0} left', list) : list;
  const staleMark = stale ? ` · $(history) ${formatAge(age)}` : '';
  const text = `${levelIcon(analysis.level)} ${values}${staleMark}${demoSuffix}`;

  // --- tooltip
  const blocks: string[] = [];
  const planLine = [`**${escapeMarkdown(planName(plan))}**`, escapeMarkdown(planStatusName(plan))];
  if (plan.autoRenew === true) {
    planLine.push(escapeMarkdown(l10n.t('renews automatically')));
  }
  if (isDemo) {
    planLine.push(`_${escapeMarkdown(l10n.t('Demo data'))}_`);
  }
  blocks.push(`$(dashboard) ${planLine.join(' · ')}`);
  if (plan.status !== 'valid') {
    blocks.push(`$(warning) ${escapeMarkdown(l10n.t('The plan is not active: Coding Plan requests may be refused.'))}`);
  }

  // Hover tables have almost no cell padding: a few non-breaking spaces keep the columns apart.
  const gap = '&nbsp;&nbsp;&nbsp;';
  const header = [escapeMarkdown(l10n.t('Window')), `${gap}${escapeMarkdown(l10n.t('Used'))}`, `${gap}${escapeMarkdown(l10n.t('Resets'))}`];
  const rows = QUOTA_WINDOW_KINDS.map((kind) => {
    const r = analysis.windows[kind];
    const w = r.window;
    const icon = r.level === 'normal' ? '' : `${levelIcon(r.level)} `;
    const used = l10n.t('{0} / {1} ({2}%)', formatCount(w.used, locale), formatCount(w.total, locale), r.percentUsed);
    const reset = r.resetPassed
      ? l10n.t('reset at {0}, refreshing…', formatTime(w.resetsAt, now, locale))
      : resetPhrase(w.resetsAt, now, locale);
    return `| ${icon}${escapeMarkdown(windowName(kind))} | ${gap}${escapeMarkdown(used)} | ${gap}${escapeMarkdown(reset)} |`;
  });
  blocks.push([`| ${header.join(' | ')} |`, '|:--|--:|:--|', ...rows].join('\n'));

  const outlook: string[] = [];
  outlook.push(
    analysis.pace
      ? `$(pulse) ${escapeMarkdown(
          l10n.t(
            'Pace: about {0} requests an hour over the last {1}.',
            formatCount(Math.round(analysis.pace.requestsPerHour), locale),
            formatDuration(analysis.pace.to - analysis.pace.from),
          ),
        )}`
      : `$(pulse) ${escapeMarkdown(l10n.t('Pace: not enough recent data yet; it shows after about ten minutes of use.'))}`,
  );
  for (const kind of QUOTA_WINDOW_KINDS) {
    const r = analysis.windows[kind];
    const f = r.forecast;
    if (f.kind === 'exhausted') {
      outlook.push(
        `$(error) **${escapeMarkdown(
          l10n.t(
            'The {0} is used up: Coding Plan requests fail until it resets at {1}, in {2}. There is no pay-as-you-go fallback.',
            windowPhrase(kind),
            formatTime(f.resetsAt, now, locale),
            formatDuration(Math.max(0, f.resetsAt - now)),
          ),
        )}**`,
      );
    } else if (f.kind === 'runsOut') {
      const sentence =
        r.paceBasis === 'recent'
          ? l10n.t('At this pace the {0} runs out at {1}, {2} before it resets.', windowPhrase(kind), formatTime(f.at, now, locale), formatDuration(f.beforeResetMs))
          : l10n.t(
              'At its average pace so far ({0} requests an hour), the {1} runs out at {2}, {3} before it resets.',
              formatCount(Math.round(f.requestsPerHour), locale),
              windowPhrase(kind),
              formatTime(f.at, now, locale),
              formatDuration(f.beforeResetMs),
            );
      outlook.push(`$(watch) ${escapeMarkdown(sentence)}`);
    }
  }
  const fiveHour = analysis.windows.fiveHour.forecast;
  if (outlook.length === 1 && fiveHour.kind === 'lasts') {
    outlook.push(
      `$(watch) ${escapeMarkdown(
        l10n.t('At this pace every window lasts until it resets; about {0} requests of the 5-hour window are left at its reset.', formatCount(fiveHour.leftAtReset, locale)),
      )}`,
    );
  }
  const tasks = analysis.tasks;
  if (tasks.requests > 0) {
    outlook.push(
      `$(checklist) ${escapeMarkdown(
        tasks.most === 0
          ? l10n.t('Less than one task left before the {0} runs out.', windowPhrase(tasks.window.kind))
          : l10n.t(
              'About {0}–{1} tasks left before the {2} runs out (a task takes about {3}–{4} requests).',
              formatCount(tasks.fewest, locale),
              formatCount(tasks.most, locale),
              windowPhrase(tasks.window.kind),
              REQUESTS_PER_TASK.fewest,
              REQUESTS_PER_TASK.most,
            ),
      )}`,
    );
  }
  blocks.push(outlook.join('  \n'));

  const updated = l10n.t('Source: {0} · updated {1}', sourceLabel(snapshot), formatAge(age));
  if (snapshot.error) {
    blocks.push(`$(history) ${escapeMarkdown(`${updated}. ${l10n.t('The last refresh failed: {0}', options.describeError(snapshot.error))}`)}`);
  } else if (stale) {
    blocks.push(`$(history) ${escapeMarkdown(`${updated}. ${l10n.t('It refreshes while a VS Code window is focused.')}`)}`);
  } else {
    blocks.push(`$(cloud) ${escapeMarkdown(updated)}`);
  }

  const links: Link[] = [
    { icon: 'refresh', label: l10n.t('Refresh'), command: commands.refresh },
    { icon: 'dashboard', label: l10n.t('Coding Plan'), command: commands.showCodingPlan },
    { icon: 'link-external', label: l10n.t('Console'), command: commands.openConsole },
  ];
  if (snapshot.error) {
    links.push({ icon: 'output', label: l10n.t('Show Log'), command: commands.showLog });
  }
  if (isDemo && commands.signIn) {
    links.push({ icon: 'sign-in', label: l10n.t('Sign in'), command: commands.signIn });
  }
  blocks.push(linkLine(links));

  // --- accessibility label: the same, in words
  const spoken = shown.map((k) => {
    const r = analysis.windows[k];
    return options.display === 'remaining'
      ? l10n.t('{0}: {1} percent left', windowName(k), 100 - r.percentUsed)
      : l10n.t('{0}: {1} percent used', windowName(k), r.percentUsed);
  });
  const levelWords = QUOTA_WINDOW_KINDS.map((k) => levelSentence(k, analysis.windows[k], options.thresholds, now, locale)).filter((s): s is string => s !== undefined);
  const label = [
    l10n.t('Qwen Cloud Coding Plan quota.'),
    `${spoken.join(', ')}.`,
    ...levelWords,
    ...(stale ? [l10n.t('The data is {0} old.', formatDuration(age))] : []),
    ...(isDemo ? [l10n.t('Demo data.')] : []),
  ].join(' ');

  return {
    state: 'ready',
    stale,
    level: analysis.level,
    text,
    tooltip: blocks.join('\n\n'),
    linkedCommands: links.map((l) => l.command),
    accessibilityLabel: label,
    background: levelBackground(analysis.level),
    analysis,
    shown,
  };
}
