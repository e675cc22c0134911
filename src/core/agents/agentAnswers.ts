// The agents' tools' answers, as plain text a language model reads: the plan's windows or credits with their
// resets, pace and forecast; this month's spend against the limit; whether a task of about N requests (or
// credits) fits before a window resets, and if not when it can start; the month's top models and keys.
// The language model tools and the MCP server both answer from here, and the figures come from the same
// functions the status bar uses (analyseQuota, runOutSoon, evaluateSpend), so they never disagree. Every
// answer says where its data came from, how old it is, and whether it is the demo account.
import * as l10n from '@vscode/l10n';
import type { QuotaWindow, QuotaWindowKind } from '../account/model';
import type { SpendingGroupTotal } from '../account/source';
import { formatAge, formatCount, formatDuration, formatMoneyNarrow, formatMonth, formatTime, planName, planStatusName, tokenPlanName, windowName } from '../common/format';
import { REQUESTS_PER_TASK } from '../quota/pace';
import { isCreditKind } from '../account/model';
import { analyseQuota, type QuotaAnalysis, runOutSoonSentence, windowPhrase, type WindowReport } from '../quota/quotaMeter';
import { remaining } from '../quota/quota';
import { runOutSoon } from '../quota/runOutSoon';
import { evaluateSpend, projectMonthSpend } from '../spending/spendAlerts';
import type { AgentData, PlainSnapshot } from './agentData';

/** The tools, by the names both the language model tools and the MCP server register. */
export const AgentToolNames = {
  quota: 'qwen_cloud_quota',
  spend: 'qwen_cloud_spend',
  taskFit: 'qwen_cloud_task_fit',
  topSpenders: 'qwen_cloud_top_spenders',
} as const;
export type AgentToolName = (typeof AgentToolNames)[keyof typeof AgentToolNames];

/** The task-fit tool's input: the task's size in requests (Coding Plan) or credits (Token Plan). */
export interface TaskSize {
  readonly requests?: number;
  readonly credits?: number;
}

export interface AnswerOptions {
  readonly locale?: string;
}

/** How many models and API keys the top-spenders answer lists. */
export const AGENT_TOP_COUNT = 5;

/** "14:30 (2026-12-03T14:30:00.000Z)": the local time a person reads, and the instant a model can compute with. */
function when(at: number, now: number, locale: string | undefined): string {
  return `${formatTime(at, now, locale)} (${new Date(at).toISOString()})`;
}

/** Where the data came from and how old it is; whether it is the demo account. */
function provenance(snapshot: PlainSnapshot<unknown>, now: number): string {
  const lines: string[] = [];
  if (snapshot.source?.kind === 'demo') {
    lines.push(l10n.t('Source: the demo account. These are generated figures, not a real account: sign in to Qwen Cloud in VS Code for real ones.'));
  } else if (snapshot.source) {
    lines.push(l10n.t('Source: the Qwen Cloud account {0}.', snapshot.source.label));
  }
  if (snapshot.fetchedAt !== undefined) {
    lines.push(l10n.t('Data fetched {0}, at {1}.', formatAge(Math.max(0, now - snapshot.fetchedAt)), new Date(snapshot.fetchedAt).toISOString()));
  }
  if (snapshot.error && snapshot.value !== undefined) {
    lines.push(l10n.t('The last refresh failed ({0}): these are the last figures that loaded.', snapshot.error.message));
  }
  return lines.join(' ');
}

/** The answer when there is nothing to show: loading, signed out, failed. */
function unavailableAnswer(snapshot: PlainSnapshot<unknown>, what: string): string | undefined {
  if (snapshot.value !== undefined) {
    return undefined;
  }
  if (snapshot.error) {
    return l10n.t('{0} could not be loaded: {1}', what, snapshot.error.message);
  }
  if (snapshot.unavailable) {
    return l10n.t('{0} is not available: no connected account serves it. Sign in to Qwen Cloud (or set an AccessKey for pay-as-you-go data) in VS Code.', what);
  }
  return l10n.t('{0} is still loading; ask again in a few seconds.', what);
}

function windowLabel(kind: QuotaWindowKind, data: AgentData): string {
  return kind === 'credits' && data.plans.value?.token?.edition === 'team' ? l10n.t('Team credits') : windowName(kind);
}

function windowLine(kind: QuotaWindowKind, r: WindowReport, data: AgentData, now: number, locale: string | undefined): string {
  const w = r.window;
  const unit = isCreditKind(kind) ? l10n.t('credits') : l10n.t('requests');
  const parts = [
    l10n.t('{0}: {1}% used ({2} of {3} {4}), {5} left', windowLabel(kind, data), r.percentUsed, formatCount(w.used, locale), formatCount(w.total, locale), unit, formatCount(remaining(w), locale)),
  ];
  parts.push(
    r.resetPassed
      ? l10n.t('it reset at {0}; these figures are from the period before', when(w.resetsAt, now, locale))
      : l10n.t('resets in {0}, at {1}', formatDuration(Math.max(0, w.resetsAt - now)), when(w.resetsAt, now, locale)),
  );
  const f = r.forecast;
  if (f.kind === 'exhausted') {
    parts.push(r.reserve > 0 ? l10n.t('used up: requests now spend the add-on packs ({0} credits left)', formatCount(r.reserve, locale)) : l10n.t('USED UP: requests fail until it resets'));
  } else if (f.kind === 'runsOut') {
    parts.push(
      l10n.t(
        'at {0} {1} an hour ({2}) it runs out at {3}, {4} before it resets',
        formatCount(Math.round(f.requestsPerHour), locale),
        unit,
        r.paceBasis === 'recent' ? l10n.t('the last hour\'s pace') : l10n.t('the average so far this period'),
        when(f.at, now, locale),
        formatDuration(f.beforeResetMs),
      ),
    );
  } else if (f.kind === 'lasts') {
    parts.push(
      l10n.t(
        'at {0} {1} an hour ({2}) it lasts until it resets, with about {3} to spare',
        formatCount(Math.round(f.requestsPerHour), locale),
        unit,
        r.paceBasis === 'recent' ? l10n.t('the last hour\'s pace') : l10n.t('the average so far this period'),
        formatCount(f.leftAtReset, locale),
      ),
    );
  } else if (!r.resetPassed) {
    parts.push(l10n.t('no pace yet to forecast from'));
  }
  return `- ${parts.join('; ')}.`;
}

/** The plans' analysis at `now`, as the status bar computes it; `undefined` without a plan. */
export function agentQuotaAnalysis(data: AgentData, now: number): QuotaAnalysis | undefined {
  const plans = data.plans.value;
  if (!plans) {
    return undefined;
  }
  return analyseQuota(plans, data.samples, now, Math.min(data.plans.fetchedAt ?? now, now), data.thresholds);
}

/** The plan's windows or credits with resets, pace and forecast, and the warning before a long task. */
export function quotaAnswer(data: AgentData, now: number, options: AnswerOptions = {}): string {
  const { locale } = options;
  const missing = unavailableAnswer(data.plans, l10n.t('The Qwen Cloud plan quota'));
  if (missing) {
    return missing;
  }
  const plans = data.plans.value;
  const lines: string[] = [];
  if (!plans) {
    lines.push(l10n.t('This account has no Coding Plan or Token Plan: its model calls are billed pay-as-you-go (ask the spend tool).'));
    lines.push(provenance(data.plans, now));
    return lines.join('\n');
  }
  const analysis = agentQuotaAnalysis(data, now)!;
  const names = [
    ...(plans.coding ? [`${planName(plans.coding)} (${planStatusName(plans.coding)})`] : []),
    ...(plans.token ? [`${tokenPlanName(plans.token)} (${planStatusName(plans.token)})`] : []),
  ];
  lines.push(l10n.t('Qwen Cloud quota: {0}.', names.join(', ')));
  lines.push(provenance(data.plans, now));
  const soon = runOutSoon(analysis, now);
  if (soon) {
    lines.push(`${l10n.t('WARNING')}: ${runOutSoonSentence(soon, now, locale)}`);
  }
  for (const kind of analysis.kinds) {
    const r = analysis.windows[kind];
    if (r) {
      lines.push(windowLine(kind, r, data, now, locale));
    }
  }
  if (analysis.pace) {
    lines.push(l10n.t('Pace: about {0} requests an hour over the last {1}.', formatCount(Math.round(analysis.pace.requestsPerHour), locale), formatDuration(analysis.pace.to - analysis.pace.from)));
  } else if (plans.coding) {
    lines.push(l10n.t('Pace: not enough recent data yet; it shows after about ten minutes of use.'));
  }
  if (analysis.tasks && analysis.tasks.requests > 0) {
    lines.push(
      l10n.t(
        'About {0}–{1} tasks left before the {2} runs out (a task takes about {3}–{4} requests).',
        formatCount(analysis.tasks.fewest, locale),
        formatCount(analysis.tasks.most, locale),
        windowPhrase(analysis.tasks.window.kind),
        REQUESTS_PER_TASK.fewest,
        REQUESTS_PER_TASK.most,
      ),
    );
  }
  if (plans.token) {
    lines.push(l10n.t('Used-up Token Plan credits are a hard stop unless add-on packs are left; there is no pay-as-you-go fallback.'));
  } else {
    lines.push(l10n.t('Every Coding Plan request counts in all its windows; a used-up window stops requests until it resets, with no pay-as-you-go fallback.'));
  }
  return lines.join('\n');
}

/** This month's pay-as-you-go spend against the limit, with the projection. */
export function spendAnswer(data: AgentData, now: number, options: AnswerOptions = {}): string {
  const { locale } = options;
  const missing = unavailableAnswer(data.spend, l10n.t('This month\'s pay-as-you-go spend'));
  if (missing || !data.spend.value) {
    return missing ?? '';
  }
  const spend = data.spend.value;
  const money = (n: number): string => formatMoneyNarrow(n, spend.total.currency, locale);
  const projection = projectMonthSpend(spend, now);
  const lines = [
    l10n.t('Qwen Cloud pay-as-you-go spend for {0}: {1} so far ({2}).', formatMonth(spend.month, locale), money(spend.total.amount), spend.total.currency),
    provenance(data.spend, now),
    projection.reliable
      ? l10n.t('At this month\'s daily pace ({0} a day) the month ends at about {1}.', money(projection.dailyPace), money(projection.projected))
      : l10n.t('At this month\'s daily pace ({0} a day) the month ends at about {1}; an early estimate: the projection settles from day 3.', money(projection.dailyPace), money(projection.projected)),
  ];
  const limit = data.limit.value;
  const status = evaluateSpend(spend, limit, now);
  if (status) {
    const due = new Set(status.due.map((a) => a.kind));
    lines.push(
      l10n.t(
        'Monthly limit: {0}; {1}% used; the alert threshold is {2}% ({3}).',
        money(status.limit.amount.amount),
        Math.floor(status.usedShare * 100),
        status.limit.alertThreshold,
        money(status.thresholdAmount),
      ),
    );
    if (due.has('limitReached')) {
      lines.push(l10n.t('The limit is reached.'));
    } else if (due.has('projectedOverLimit')) {
      lines.push(l10n.t('At this pace the month passes the limit: {0} projected against {1}.', money(status.projection.projected), money(status.limit.amount.amount)));
    } else if (due.has('thresholdReached')) {
      lines.push(l10n.t('Past the alert threshold.'));
    } else if (due.has('projectedOverThreshold')) {
      lines.push(l10n.t('At this pace the month passes the alert threshold.'));
    } else {
      lines.push(l10n.t('Below the alert threshold, and projected to stay below it.'));
    }
  } else if (limit === undefined) {
    lines.push(data.limit.error ? l10n.t('The spending limit could not be loaded: {0}', data.limit.error.message) : l10n.t('The spending limit is not known.'));
  } else if (limit === null || !(limit.amount.amount > 0)) {
    lines.push(l10n.t('No monthly spending limit is set.'));
  } else if (!limit.enabled) {
    lines.push(l10n.t('The monthly spending limit is turned off.'));
  } else {
    lines.push(l10n.t('The limit is in {0} and the spend in {1}, so they are not compared.', limit.amount.currency, spend.total.currency));
  }
  lines.push(l10n.t('Usage reaches the bill a few hours late.'));
  return lines.join('\n');
}

interface Blocker {
  readonly window: QuotaWindow;
  /** What is left of it, with any add-on packs behind it. */
  readonly left: number;
}

/** Whether a task of about `size` fits in the plan's windows now, and if not when it can start. */
export function taskFitAnswer(data: AgentData, size: TaskSize, now: number, options: AnswerOptions = {}): string {
  const { locale } = options;
  const missing = unavailableAnswer(data.plans, l10n.t('The Qwen Cloud plan quota'));
  if (missing) {
    return missing;
  }
  const plans = data.plans.value;
  const analysis = agentQuotaAnalysis(data, now);
  if (!plans || !analysis) {
    return [l10n.t('This account has no Coding Plan or Token Plan, so no window limits a task; its calls are billed pay-as-you-go (ask the spend tool).'), provenance(data.plans, now)].join('\n');
  }
  const valid = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
  const inCredits = valid(size.credits) && !valid(size.requests) ? true : !valid(size.requests) && !plans.coding;
  const assumed = !valid(size.requests) && !valid(size.credits);
  const amount = inCredits ? (valid(size.credits) ? size.credits : undefined) : valid(size.requests) ? size.requests : REQUESTS_PER_TASK.most;
  const lines: string[] = [];
  if (inCredits && !plans.token) {
    return [l10n.t('This account has no Token Plan to spend credits from; give the task\'s size in requests for its Coding Plan.'), provenance(data.plans, now)].join('\n');
  }
  if (!inCredits && !plans.coding) {
    return [l10n.t('This account has no Coding Plan, so requests are not counted; give the task\'s size in Token Plan credits.'), provenance(data.plans, now)].join('\n');
  }
  if (amount === undefined) {
    return [l10n.t('Give the task\'s size in credits (for example {0}).', '{"credits": 200}'), provenance(data.plans, now)].join('\n');
  }
  const unit = inCredits ? l10n.t('credits') : l10n.t('requests');
  if (assumed) {
    lines.push(l10n.t('No size was given: assuming a complex task of about {0} requests.', REQUESTS_PER_TASK.most));
  }
  const kinds: readonly QuotaWindowKind[] = inCredits ? ['credits', 'seat'] : ['fiveHour', 'weekly', 'monthly'];
  const blockers: Blocker[] = [];
  for (const kind of kinds) {
    const r = analysis.windows[kind];
    if (!r || r.resetPassed) {
      continue;
    }
    const left = remaining(r.window) + r.reserve;
    if (left < amount) {
      blockers.push({ window: r.window, left });
    }
  }
  const size0 = `${formatCount(amount, locale)} ${unit}`;
  const soon = runOutSoon(analysis, now);
  if (blockers.length === 0) {
    lines.push(`${l10n.t('YES')}: ${l10n.t('a task of about {0} fits in what is left now.', size0)}`);
    const tight = kinds
      .map((k) => analysis.windows[k])
      .filter((r): r is WindowReport => r !== undefined && !r.resetPassed)
      .sort((a, b) => remaining(a.window) + a.reserve - (remaining(b.window) + b.reserve))[0];
    if (tight) {
      lines.push(
        l10n.t(
          'The tightest is the {0}: {1} {2} left until it resets at {3}.',
          windowPhrase(tight.window.kind),
          formatCount(remaining(tight.window) + tight.reserve, locale),
          unit,
          when(tight.window.resetsAt, now, locale),
        ),
      );
    }
    if (soon && kinds.includes(soon.kind)) {
      lines.push(`${l10n.t('But')}: ${runOutSoonSentence(soon, now, locale)}`);
    }
  } else {
    const tooBig = blockers.filter((b) => b.window.total < amount);
    if (tooBig.length > 0) {
      lines.push(
        `${l10n.t('NO')}: ${l10n.t(
          'a task of about {0} is larger than the {1} allows in one period ({2}): split it into smaller tasks.',
          size0,
          windowPhrase(tooBig[0]!.window.kind),
          formatCount(tooBig[0]!.window.total, locale),
        )}`,
      );
    } else {
      const startAt = Math.max(...blockers.map((b) => b.window.resetsAt));
      const last = blockers.find((b) => b.window.resetsAt === startAt)!;
      lines.push(`${l10n.t('NO')}: ${l10n.t('a task of about {0} does not fit before the window resets.', size0)}`);
      for (const b of blockers) {
        lines.push(
          `- ${l10n.t('The {0} has {1} {2} left; it resets in {3}, at {4}.', windowPhrase(b.window.kind), formatCount(b.left, locale), unit, formatDuration(Math.max(0, b.window.resetsAt - now)), when(b.window.resetsAt, now, locale))}`,
        );
      }
      lines.push(l10n.t('It can start at {0}, in {1}, when the {2} resets.', when(startAt, now, locale), formatDuration(Math.max(0, startAt - now)), windowPhrase(last.window.kind)));
    }
  }
  lines.push(provenance(data.plans, now));
  return lines.join('\n');
}

/** This month's top models and API keys by pay-as-you-go spend. */
export function topSpendersAnswer(data: AgentData, now: number, options: AnswerOptions = {}): string {
  const { locale } = options;
  const missing = unavailableAnswer(data.spend, l10n.t('This month\'s pay-as-you-go spend'));
  if (missing || !data.spend.value) {
    return missing ?? '';
  }
  const spend = data.spend.value;
  const tops = data.tops;
  if (!tops || tops.month !== spend.month) {
    return [l10n.t('The month\'s spend by model and API key is not available from this account (it needs an AccessKey, or it failed to load).'), provenance(data.spend, now)].join('\n');
  }
  const money = (n: number): string => formatMoneyNarrow(n, spend.total.currency, locale);
  const total = spend.total.amount;
  const list = (groups: readonly SpendingGroupTotal[], fallback: string): string[] =>
    groups
      .filter((g) => g.amount > 0)
      .slice(0, AGENT_TOP_COUNT)
      .map((g, i) => `${i + 1}. ${g.key === '' ? fallback : g.name || g.key}: ${money(g.amount)}${total > 0 ? ` (${Math.round((g.amount / total) * 100)}%)` : ''}`);
  const models = list(tops.models, l10n.t('(none)'));
  const keys = list(tops.apiKeys, l10n.t('No API key'));
  const lines = [l10n.t('Qwen Cloud pay-as-you-go spend for {0}: {1} so far.', formatMonth(spend.month, locale), money(total)), provenance(data.spend, now)];
  lines.push(`${l10n.t('Top models')}:`, ...(models.length > 0 ? models : [l10n.t('Nothing billed yet this month.')]));
  lines.push(`${l10n.t('Top API keys')}:`, ...(keys.length > 0 ? keys : [l10n.t('Nothing billed yet this month.')]));
  return lines.join('\n');
}

/** The answer of the tool called `name`, or `undefined` for a name that is not one of them. */
export function answerTool(name: string, input: TaskSize, data: AgentData, now: number, options: AnswerOptions = {}): string | undefined {
  switch (name) {
    case AgentToolNames.quota:
      return quotaAnswer(data, now, options);
    case AgentToolNames.spend:
      return spendAnswer(data, now, options);
    case AgentToolNames.taskFit:
      return taskFitAnswer(data, input, now, options);
    case AgentToolNames.topSpenders:
      return topSpendersAnswer(data, now, options);
    default:
      return undefined;
  }
}
