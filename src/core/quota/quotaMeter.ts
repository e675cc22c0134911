// What the quota meter shows: the Coding Plan's windows and the Token Plan's credits as status bar text, a
// Markdown tooltip and an accessibility label, for every state (loading, signed out, no plan, error,
// stale, ready) and usage level. Pure, so each is tested without VS Code; the status bar item only copies
// the result.
import * as l10n from '@vscode/l10n';
import { authReasonOf, type QwenCloudError } from '../account/errors';
import {
  formatAge,
  formatCount,
  formatDate,
  formatDuration,
  formatShortCount,
  formatTime,
  planName,
  planStatusName,
  tokenPlanName,
  windowName,
  windowShortName,
} from '../common/format';
import type { QuotaWindow, QuotaWindowKind, TokenPlan, UsageSample } from '../account/model';
import { QUOTA_WINDOW_KINDS, REQUEST_WINDOW_KINDS } from '../account/model';
import { averagePace, bestPace, forecast, type Forecast, type Pace, REQUESTS_PER_TASK, tasksLeft, type TasksLeft } from './pace';
import { meteredWindows, percentUsed, type Plans, remaining, tightestWindow, usedShare } from './quota';
import type { Snapshot } from '../account/store';
import { escapeMarkdown, linkLine, type TooltipLink } from '../common/statusTooltip';
import { levelBackground, levelRank, type StatusItemView, type ThresholdLevel, type Thresholds, thresholdLevel, worstLevel } from './thresholds';
import { runOutSoon, type RunOutSoon } from './runOutSoon';

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
  /** The windows to show; empty (or none of them present) shows every window the plans have. */
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
  /** Credits of add-on packs still to spend once the window is used up (a Token Plan's); 0 when none. */
  readonly reserve: number;
}

export interface QuotaAnalysis {
  /** The windows the plans have: the Coding Plan's (some or all three), the Token Plan's credits. */
  readonly windows: Readonly<Partial<Record<QuotaWindowKind, WindowReport>>>;
  /** The same kinds, in their natural order. */
  readonly kinds: readonly QuotaWindowKind[];
  /** Requests per hour lately, from whichever request window's samples cover the last hour best. */
  readonly pace: Pace | undefined;
  /** Tasks left in the Coding Plan's tightest window; none without a Coding Plan. */
  readonly tasks: TasksLeft | undefined;
  /** The most severe level of any window: every request counts in all of them, so any can stop work. */
  readonly level: ThresholdLevel;
}

export type UsageSamples = Readonly<Partial<Record<QuotaWindowKind, readonly UsageSample[]>>>;

/**
 * Levels, pace and forecasts for plans observed at `observedAt`, from the samples of their windows.
 * The 5-hour forecast follows the last hour; the weekly and monthly ones and a Token Plan's monthly
 * credits the period's average so far, because an hour of work says little about the nights and
 * weekends ahead.
 */
export function analyseQuota(plans: Plans, samples: UsageSamples, now: number, observedAt: number, thresholds: Thresholds): QuotaAnalysis {
  const recent = bestPace(REQUEST_WINDOW_KINDS.map((k) => samples[k] ?? []), now);
  // Add-on packs carry on where a Token Plan's monthly credits stop: used-up credits are no hard stop then.
  const packsLeft = (plans.token?.packs ?? []).filter((p) => p.expiresAt === undefined || p.expiresAt > now).reduce((n, p) => n + Math.max(0, p.remaining), 0);
  const report = (window: QuotaWindow): WindowReport => {
    const resetPassed = now >= window.resetsAt;
    const paceBasis = window.kind === 'fiveHour' ? 'recent' : 'average';
    const rate = paceBasis === 'recent' ? recent : averagePace(window, Math.min(observedAt, now));
    const reserve = window.kind === 'credits' ? packsLeft : 0;
    const level = resetPassed ? 'normal' : thresholdLevel(usedShare(window), thresholds);
    return {
      window,
      percentUsed: percentUsed(window),
      level: level === 'exhausted' && reserve > 0 ? 'critical' : level,
      resetPassed,
      pace: rate,
      paceBasis,
      forecast: forecast(window, rate, now, observedAt),
      reserve,
    };
  };
  const windows: Partial<Record<QuotaWindowKind, WindowReport>> = {};
  for (const window of meteredWindows(plans)) {
    windows[window.kind] = report(window);
  }
  const kinds = QUOTA_WINDOW_KINDS.filter((k) => windows[k] !== undefined);
  const level = kinds.reduce<ThresholdLevel>((worst, k) => worstLevel(worst, windows[k]?.level ?? 'normal'), 'normal');
  return { windows, kinds, pace: recent, tasks: plans.coding ? tasksLeft(plans.coding) : undefined, level };
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
  /** A window forecast to run out within the hour at the current pace: the meter warns before a long task. */
  readonly runOutSoon?: RunOutSoon;
}

/** "5-hour window", "weekly window", "monthly window", "credit allowance": a window's name inside a sentence. */
export function windowPhrase(kind: QuotaWindowKind): string {
  switch (kind) {
    case 'fiveHour':
      return l10n.t('5-hour window');
    case 'weekly':
      return l10n.t('weekly window');
    case 'monthly':
      return l10n.t('monthly window');
    case 'credits':
      return l10n.t('credit allowance');
    case 'seat':
      return l10n.t('seat\'s credits');
  }
}

/** When the reset is: "in 1 h 12 min, at 14:30". */
function resetPhrase(resetsAt: number, now: number, locale: string | undefined): string {
  return l10n.t('in {0}, at {1}', formatDuration(Math.max(0, resetsAt - now)), formatTime(resetsAt, now, locale));
}

/**
 * The windows the text shows: the chosen ones the plans have (all of them when none chosen is there), or
 * the tightest of those, plus any at the critical level or beyond.
 */
export function shownWindows(plans: Plans, analysis: QuotaAnalysis, options: Pick<MeterOptions, 'windows' | 'compact'>): QuotaWindowKind[] {
  const present = analysis.kinds;
  const picked = options.windows.filter((k) => present.includes(k));
  const chosen = picked.length > 0 ? picked : present;
  const tightest = tightestWindow(meteredWindows(plans), chosen)?.kind;
  const base = options.compact && tightest ? [tightest] : chosen;
  // A window about to stop requests always shows, whatever the settings hide.
  return present.filter((k) => base.includes(k) || levelRank(analysis.windows[k]?.level ?? 'normal') >= levelRank('critical'));
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

function sourceLabel(snapshot: Snapshot<Plans | null>): string {
  return snapshot.source?.kind === 'demo' ? l10n.t('Demo') : (snapshot.source?.label ?? '');
}

/** A Token Plan's headline: name, status, renewal, and a Team's seats. */
function tokenPlanLine(plan: TokenPlan, isDemo: boolean, locale: string | undefined): string {
  const parts = [`**${escapeMarkdown(tokenPlanName(plan))}**`, escapeMarkdown(planStatusName(plan))];
  if (plan.autoRenew === true) {
    parts.push(escapeMarkdown(l10n.t('renews automatically')));
  }
  if (plan.seats) {
    parts.push(escapeMarkdown(l10n.t('{0} of {1} seats assigned', formatCount(plan.seats.assigned, locale), formatCount(plan.seats.total, locale))));
  }
  if (isDemo) {
    parts.push(`_${escapeMarkdown(l10n.t('Demo data'))}_`);
  }
  return `$(credit-card) ${parts.join(' · ')}`;
}

/** The warning before a long task: which window runs out within the hour, and when it resets. */
export function runOutSoonSentence(soon: RunOutSoon, now: number, locale: string | undefined): string {
  return l10n.t(
    'At the current pace the {0} runs out in {1}, at {2}, before it resets at {3} (in {4}). Checkpoint long tasks before then.',
    windowPhrase(soon.kind),
    formatDuration(Math.max(0, soon.at - now)),
    formatTime(soon.at, now, locale),
    formatTime(soon.resetsAt, now, locale),
    formatDuration(Math.max(0, soon.resetsAt - now)),
  );
}

/** The sentence for a window that runs out, or is used up, at the pace it goes. */
function outlookSentence(kind: QuotaWindowKind, r: WindowReport, now: number, locale: string | undefined): string | undefined {
  const f = r.forecast;
  if (f.kind === 'exhausted' && kind === 'credits' && r.reserve > 0) {
    return `$(warning) **${escapeMarkdown(
      l10n.t(
        'The monthly credits are used up: requests now spend the add-on packs ({0} credits left) until the credits renew at {1}, in {2}.',
        formatCount(r.reserve, locale),
        formatTime(f.resetsAt, now, locale),
        formatDuration(Math.max(0, f.resetsAt - now)),
      ),
    )}**`;
  }
  if (f.kind === 'exhausted') {
    const text =
      kind === 'seat'
        ? l10n.t(
            'Your seat\'s credits are used up: your requests fail until they renew at {0}, in {1}, whatever the team\'s pool holds.',
            formatTime(f.resetsAt, now, locale),
            formatDuration(Math.max(0, f.resetsAt - now)),
          )
        : kind === 'credits'
        ? l10n.t(
            'The Token Plan credits are used up: requests fail until they renew at {0}, in {1}, or an add-on pack is bought. There is no pay-as-you-go fallback.',
            formatTime(f.resetsAt, now, locale),
            formatDuration(Math.max(0, f.resetsAt - now)),
          )
        : l10n.t(
            'The {0} is used up: Coding Plan requests fail until it resets at {1}, in {2}. There is no pay-as-you-go fallback.',
            windowPhrase(kind),
            formatTime(f.resetsAt, now, locale),
            formatDuration(Math.max(0, f.resetsAt - now)),
          );
    return `$(error) **${escapeMarkdown(text)}**`;
  }
  if (f.kind !== 'runsOut') {
    return undefined;
  }
  const sentence =
    kind === 'seat'
      ? l10n.t(
          'At their average pace this cycle ({0} credits an hour), your seat\'s credits run out at {1}, {2} before they renew.',
          formatCount(Math.round(f.requestsPerHour), locale),
          formatTime(f.at, now, locale),
          formatDuration(f.beforeResetMs),
        )
      : kind === 'credits'
      ? l10n.t(
          'At their average pace this cycle ({0} credits an hour), the Token Plan credits run out at {1}, {2} before they renew.',
          formatCount(Math.round(f.requestsPerHour), locale),
          formatTime(f.at, now, locale),
          formatDuration(f.beforeResetMs),
        )
      : r.paceBasis === 'recent'
        ? l10n.t('At this pace the {0} runs out at {1}, {2} before it resets.', windowPhrase(kind), formatTime(f.at, now, locale), formatDuration(f.beforeResetMs))
        : l10n.t(
            'At its average pace so far ({0} requests an hour), the {1} runs out at {2}, {3} before it resets.',
            formatCount(Math.round(f.requestsPerHour), locale),
            windowPhrase(kind),
            formatTime(f.at, now, locale),
            formatDuration(f.beforeResetMs),
          );
  return `$(watch) ${escapeMarkdown(sentence)}`;
}

/** The meter for the plans' snapshot at `now`. `samples`: each window's usage samples (see UsageHistory). */
export function presentMeter(snapshot: Snapshot<Plans | null>, samples: UsageSamples, now: number, options: MeterOptions): MeterView {
  const { commands } = options;
  const plans = snapshot.value;
  const isDemo = snapshot.source?.kind === 'demo';
  const demoSuffix = isDemo ? ` · ${l10n.t('Demo')}` : '';
  const simple = (state: MeterState, text: string, tooltip: string[], links: TooltipLink[], label: string): MeterView => ({
    state,
    stale: false,
    level: 'normal',
    text,
    tooltip: [...tooltip, ...(links.length > 0 ? [linkLine(links)] : [])].join('\n\n'),
    linkedCommands: links.map((l) => l.command),
    accessibilityLabel: label,
    shown: [],
  });

  if (plans === undefined) {
    // A refused permission is not a sign-in problem: it shows as an error that says what to grant.
    const authFailed = snapshot.error?.kind === 'auth' && authReasonOf(snapshot.error) !== 'permission';
    if (snapshot.unavailable || authFailed) {
      const intro = authFailed
        ? l10n.t('Your Qwen Cloud sign-in has expired or was refused.')
        : l10n.t('You are not signed in to Qwen Cloud.');
      const next = authFailed
        ? l10n.t('Sign in again to see your plan\'s quota, or keep using the demo account. Click to choose.')
        : l10n.t('The Coding Plan quota and Token Plan credits need a Qwen Cloud sign-in; an AccessKey alone does not serve them. Click to sign in.');
      return simple(
        'signedOut',
        `$(account) ${l10n.t('Sign in to Qwen Cloud')}`,
        [`$(account) **${escapeMarkdown(intro)}**`, escapeMarkdown(next)],
        commands.signIn ? [{ icon: 'sign-in', label: l10n.t('Sign in'), command: commands.signIn }] : [],
        `${intro} ${next}`,
      );
    }
    if (snapshot.error) {
      const what = l10n.t('Your plan could not be loaded.');
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
    const loading = l10n.t('Loading your plan…');
    return simple('loading', `$(sync~spin) ${l10n.t('Qwen Cloud')}`, [`$(sync~spin) ${escapeMarkdown(loading)}`], [], loading);
  }

  if (plans === null) {
    const none = l10n.t('This account has no Coding Plan or Token Plan.');
    const next = l10n.t('Both are monthly subscriptions for coding tools: the Coding Plan with a request quota, the Token Plan with credits; the console sells them.');
    return simple(
      'noPlan',
      `$(dashboard) ${l10n.t('No plan')}${demoSuffix}`,
      [`$(dashboard) **${escapeMarkdown(none)}** ${escapeMarkdown(next)}`],
      [
        { icon: 'link-external', label: l10n.t('Open Console'), command: commands.openConsole },
        { icon: 'refresh', label: l10n.t('Refresh'), command: commands.refresh },
      ],
      isDemo ? `${none} ${l10n.t('Demo')}` : none,
    );
  }

  const { coding, token } = plans;
  const fetchedAt = snapshot.fetchedAt ?? now;
  const age = Math.max(0, now - fetchedAt);
  const stale = snapshot.error !== undefined || age > options.staleAfterMs;
  const analysis = analyseQuota(plans, samples, now, fetchedAt, options.thresholds);
  if (analysis.kinds.length === 0) {
    // A plan whose answer held no window at all: say so, rather than draw an empty meter.
    const name = coding ? planName(coding) : token ? tokenPlanName(token) : l10n.t('Qwen Cloud');
    const none = l10n.t('Qwen Cloud reported no quota for {0}.', name);
    return simple(
      'ready',
      `$(dashboard) ${l10n.t('No quota reported')}${demoSuffix}`,
      [`$(dashboard) **${escapeMarkdown(name)}** · ${escapeMarkdown(none)}`],
      [
        { icon: 'refresh', label: l10n.t('Refresh'), command: commands.refresh },
        { icon: 'link-external', label: l10n.t('Console'), command: commands.openConsole },
      ],
      none,
    );
  }
  const shown = shownWindows(plans, analysis, options);
  const locale = options.locale;
  const reportOf = (k: QuotaWindowKind): WindowReport | undefined => analysis.windows[k];

  // --- text: "$(dashboard) 5h 42% · wk 18% · mo 9% · cr 38%"
  const list = shown
    .map((k) => {
      const r = reportOf(k);
      return r ? `${windowShortName(k)} ${windowValue(r, options)}` : '';
    })
    .filter(Boolean)
    .join(' · ');
  const values = options.display === 'remaining' ? l10n.t('{0} left', list) : list;
  const staleMark = stale ? ` · $(history) ${formatAge(age)}` : '';
  // Running out within the hour is a warning whatever the thresholds say: a long task would be cut off.
  const soon = runOutSoon(analysis, now);
  const level = soon ? worstLevel(analysis.level, 'warning') : analysis.level;
  const soonMark = soon ? ` · $(watch) ${l10n.t('{0} out at {1}', windowShortName(soon.kind), formatTime(soon.at, now, locale))}` : '';
  const text = `${levelIcon(level)} ${values}${soonMark}${staleMark}${demoSuffix}`;

  // --- tooltip
  const blocks: string[] = [];
  if (coding) {
    const planLine = [`**${escapeMarkdown(planName(coding))}**`, escapeMarkdown(planStatusName(coding))];
    if (coding.autoRenew === true) {
      planLine.push(escapeMarkdown(l10n.t('renews automatically')));
    }
    if (isDemo) {
      planLine.push(`_${escapeMarkdown(l10n.t('Demo data'))}_`);
    }
    blocks.push(`$(dashboard) ${planLine.join(' · ')}`);
    if (coding.status !== 'valid') {
      blocks.push(`$(warning) ${escapeMarkdown(l10n.t('The plan is not active: Coding Plan requests may be refused.'))}`);
    }
  }
  if (token) {
    blocks.push(tokenPlanLine(token, isDemo, locale));
    if (token.status !== 'valid') {
      blocks.push(`$(warning) ${escapeMarkdown(l10n.t('The Token Plan is not active: requests that spend its credits may be refused.'))}`);
    }
  }

  // Hover tables have almost no cell padding: a few non-breaking spaces keep the columns apart.
  const gap = '&nbsp;&nbsp;&nbsp;';
  const header = [escapeMarkdown(l10n.t('Window')), `${gap}${escapeMarkdown(l10n.t('Used'))}`, `${gap}${escapeMarkdown(l10n.t('Resets'))}`];
  const row = (name: string, w: QuotaWindow, level: ThresholdLevel, resetPassed: boolean): string => {
    const icon = level === 'normal' ? '' : `${levelIcon(level)} `;
    const used = l10n.t('{0} / {1} ({2}%)', formatCount(w.used, locale), formatCount(w.total, locale), percentUsed(w));
    const reset = resetPassed ? l10n.t('reset at {0}, refreshing…', formatTime(w.resetsAt, now, locale)) : resetPhrase(w.resetsAt, now, locale);
    return `| ${icon}${escapeMarkdown(name)} | ${gap}${escapeMarkdown(used)} | ${gap}${escapeMarkdown(reset)} |`;
  };
  const rows = analysis.kinds.map((kind) => {
    const r = reportOf(kind);
    return r ? row(kind === 'credits' && token?.edition === 'team' ? l10n.t('Team credits') : windowName(kind), r.window, r.level, r.resetPassed) : '';
  });
  blocks.push([`| ${header.join(' | ')} |`, '|:--|--:|:--|', ...rows.filter(Boolean)].join('\n'));
  if (token && token.packs.length > 0) {
    const left = token.packs.reduce((n, p) => n + p.remaining, 0);
    const total = token.packs.reduce((n, p) => n + p.total, 0);
    const soonest = token.packs.map((p) => p.expiresAt).filter((t): t is number => t !== undefined).sort((a, b) => a - b)[0];
    const packs =
      soonest !== undefined
        ? l10n.t('Add-on packs: {0} of {1} credits left; the first expires on {2}.', formatCount(left, locale), formatCount(total, locale), formatDate(soonest, locale))
        : l10n.t('Add-on packs: {0} of {1} credits left.', formatCount(left, locale), formatCount(total, locale));
    blocks.push(`$(package) ${escapeMarkdown(packs)}`);
  }

  const soonSentence = soon ? runOutSoonSentence(soon, now, locale) : undefined;
  if (soonSentence) {
    blocks.push(`$(watch) **${escapeMarkdown(soonSentence)}**`);
  }

  const outlook: string[] = [];
  if (coding) {
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
  }
  const paceLines = outlook.length;
  for (const kind of analysis.kinds) {
    const r = reportOf(kind);
    const sentence = r ? outlookSentence(kind, r, now, locale) : undefined;
    if (sentence) {
      outlook.push(sentence);
    }
  }
  const fiveHour = reportOf('fiveHour')?.forecast;
  if (coding && outlook.length === paceLines && fiveHour?.kind === 'lasts') {
    outlook.push(
      `$(watch) ${escapeMarkdown(
        l10n.t('At this pace every window lasts until it resets; about {0} requests of the 5-hour window are left at its reset.', formatCount(fiveHour.leftAtReset, locale)),
      )}`,
    );
  }
  const credits = reportOf('credits')?.forecast;
  if (credits?.kind === 'lasts') {
    outlook.push(
      `$(watch) ${escapeMarkdown(
        l10n.t('At their average pace this cycle the credits last until they renew, with about {0} to spare.', formatCount(credits.leftAtReset, locale)),
      )}`,
    );
  }
  const tasks = analysis.tasks;
  if (tasks && tasks.requests > 0) {
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
  if (outlook.length > 0) {
    blocks.push(outlook.join('  \n'));
  }

  const updated = l10n.t('Source: {0} · updated {1}', sourceLabel(snapshot), formatAge(age));
  if (snapshot.error) {
    blocks.push(`$(history) ${escapeMarkdown(`${updated}. ${l10n.t('The last refresh failed: {0}', options.describeError(snapshot.error))}`)}`);
  } else if (stale) {
    blocks.push(`$(history) ${escapeMarkdown(`${updated}. ${l10n.t('It refreshes while a VS Code window is focused.')}`)}`);
  } else {
    blocks.push(`$(cloud) ${escapeMarkdown(updated)}`);
  }

  const links: TooltipLink[] = [
    { icon: 'refresh', label: l10n.t('Refresh'), command: commands.refresh },
    { icon: 'dashboard', label: coding ? l10n.t('Coding Plan') : l10n.t('Token Plan'), command: commands.showCodingPlan },
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
    const r = reportOf(k);
    const used = r?.percentUsed ?? 0;
    return options.display === 'remaining'
      ? l10n.t('{0}: {1} percent left', windowName(k), 100 - used)
      : l10n.t('{0}: {1} percent used', windowName(k), used);
  });
  const levelWords = analysis.kinds
    .map((k) => {
      const r = reportOf(k);
      return r ? levelSentence(k, r, options.thresholds, now, locale) : undefined;
    })
    .filter((s): s is string => s !== undefined);
  const title = coding && token ? l10n.t('Qwen Cloud plan quota.') : coding ? l10n.t('Qwen Cloud Coding Plan quota.') : l10n.t('Qwen Cloud Token Plan credits.');
  const label = [
    title,
    `${spoken.join(', ')}.`,
    ...levelWords,
    ...(soonSentence ? [soonSentence] : []),
    ...(stale ? [l10n.t('The data is {0} old.', formatDuration(age))] : []),
    ...(isDemo ? [l10n.t('Demo data.')] : []),
  ].join(' ');

  return {
    state: 'ready',
    stale,
    level,
    text,
    tooltip: blocks.join('\n\n'),
    linkedCommands: links.map((l) => l.command),
    accessibilityLabel: label,
    background: levelBackground(level),
    analysis,
    shown,
    ...(soon ? { runOutSoon: soon } : {}),
  };
}
