// What the pay-as-you-go status bar item shows: this month's spend against the spending limit, as text, a
// Markdown tooltip and an accessibility label, for every state. Pure, so each is tested without VS Code.
// Levels come from the same `evaluateSpend` the spend alerts use, so the item's colour and the
// notifications never disagree; colours come from the quota meter's `levelBackground`.
import * as l10n from '@vscode/l10n';
import type { SpendingGroupTotal } from '../account/source';
import { monthKey } from '../common/calendar';
import type { QwenCloudError } from '../account/errors';
import { formatAge, formatDate, formatDuration, formatMoneyNarrow, formatMonth } from '../common/format';
import { freeQuotaLeft, isUsable, orderFreeQuota } from './freeQuota';
import type { FreeQuota, MonthSpend, UsageLimit } from '../account/model';
import type { Plans } from '../quota/quota';
import { escapeMarkdown, linkLine, type TooltipLink } from '../common/statusTooltip';
import { evaluateSpend, MIN_PROJECTION_DAYS, projectMonthSpend, type SpendAlertKind, type SpendProjection, type SpendStatus } from './spendAlerts';
import type { Snapshot } from '../account/store';
import { levelBackground, type StatusItemView, type ThresholdLevel } from '../quota/thresholds';

/** When the item shows: `auto` only for accounts without a Coding Plan, `always` beside the quota meter too. */
export type SpendItemMode = 'auto' | 'always' | 'never';
export const SPEND_ITEM_MODES: readonly SpendItemMode[] = ['auto', 'always', 'never'];

/** `amount`: "$18.40 / $50"; `percent`: "$18.40 of $50 (37%)". */
export type SpendFormat = 'amount' | 'percent';
export const SPEND_FORMATS: readonly SpendFormat[] = ['amount', 'percent'];

/**
 * Whether the item shows. Nothing to show when no connected account serves the month's spend. In `auto`
 * it waits for the plans' answers, so an account with a plan never sees it flash up.
 */
export function showsSpendItem(mode: SpendItemMode, plans: Snapshot<Plans | null>, monthSpend: Snapshot<MonthSpend>): boolean {
  if (mode === 'never' || monthSpend.unavailable) {
    return false;
  }
  return mode === 'always' || plans.value === null || (plans.unavailable && plans.value === undefined);
}

/**
 * Whether the quota meter steps aside for the spend item: the account has neither plan, so the meter
 * would only say so, and the spend item says what matters to a pay-as-you-go account.
 */
export function quotaMeterYields(mode: SpendItemMode, plans: Snapshot<Plans | null>, monthSpend: Snapshot<MonthSpend>): boolean {
  return plans.value === null && showsSpendItem(mode, plans, monthSpend);
}

/**
 * The item's level from the alerts due: the limit reached is `exhausted`, a projection over the limit
 * `critical` (both red), the alert threshold reached or projected `warning` (yellow).
 */
export function spendLevel(status: SpendStatus | undefined): ThresholdLevel {
  const due = new Set<SpendAlertKind>(status?.due.map((a) => a.kind) ?? []);
  if (due.has('limitReached')) {
    return 'exhausted';
  }
  if (due.has('projectedOverLimit')) {
    return 'critical';
  }
  return due.has('thresholdReached') || due.has('projectedOverThreshold') ? 'warning' : 'normal';
}

export type SpendMeterState = 'loading' | 'error' | 'ready';

/** The commands the tooltip links to (and the only ones it trusts). */
export interface SpendMeterCommands {
  readonly showSpending: string;
  readonly showSpendingLimit: string;
}

export interface SpendMeterOptions {
  readonly format: SpendFormat;
  /** Data older than this is marked stale. */
  readonly staleAfterMs: number;
  readonly commands: SpendMeterCommands;
  readonly describeError: (error: QwenCloudError) => string;
  readonly locale?: string;
}

/** This month's largest models and API keys, from the cost analysis. */
export interface SpendTops {
  readonly month: string;
  readonly models: readonly SpendingGroupTotal[];
  readonly apiKeys: readonly SpendingGroupTotal[];
}

export interface SpendMeterInput {
  readonly spend: Snapshot<MonthSpend>;
  readonly limit: Snapshot<UsageLimit | null>;
  readonly freeQuota?: Snapshot<readonly FreeQuota[]>;
  readonly tops?: SpendTops;
}

export interface SpendMeterView extends StatusItemView {
  readonly state: SpendMeterState;
  readonly stale: boolean;
  readonly level: ThresholdLevel;
  /** Where the month stands against the limit; undefined without a comparable limit. */
  readonly status?: SpendStatus;
  readonly projection?: SpendProjection;
}

/** How many models and API keys the tooltip lists. */
export const TOP_COUNT = 3;
/** How many usable free quotas the tooltip lists by name. */
const FREE_QUOTA_LINES = 3;

function levelIcon(level: ThresholdLevel): string {
  switch (level) {
    case 'normal':
      return '$(credit-card)';
    case 'warning':
    case 'critical':
      return '$(warning)';
    case 'exhausted':
      return '$(error)';
  }
}

/** Why there is no comparison with a limit, or undefined when there is one. */
function noLimitReason(limit: Snapshot<UsageLimit | null>, spend: MonthSpend, describeError: (e: QwenCloudError) => string): string | undefined {
  const value = limit.value;
  if (value === undefined) {
    return limit.error
      ? l10n.t('The spending limit could not be loaded: {0}', describeError(limit.error))
      : l10n.t('Loading the spending limit…');
  }
  if (value === null || !(value.amount.amount > 0)) {
    return l10n.t('No monthly spending limit is set, so the spend is not compared with one.');
  }
  if (!value.enabled) {
    return l10n.t('The monthly spending limit is turned off, so the spend is not compared with it.');
  }
  if (value.amount.currency !== spend.total.currency) {
    return l10n.t('The limit is in {0} and the spend in {1}, so they are not compared.', value.amount.currency, spend.total.currency);
  }
  return undefined;
}

/** What the due alerts say, most severe first, each once. */
function statusSentences(status: SpendStatus, money: (n: number) => string): string[] {
  const due = new Set(status.due.map((a) => a.kind));
  const cap = money(status.limit.amount.amount);
  const threshold = money(status.thresholdAmount);
  const projected = money(status.projection.projected);
  const lines: string[] = [];
  if (due.has('limitReached')) {
    lines.push(`$(error) **${escapeMarkdown(l10n.t('At or over the monthly limit of {0}.', cap))}**`);
  } else if (due.has('thresholdReached')) {
    lines.push(
      `$(warning) **${escapeMarkdown(l10n.t('Past the alert threshold: {0} ({1}% of the limit).', threshold, status.limit.alertThreshold))}**`,
    );
  }
  if (due.has('projectedOverLimit') && !due.has('limitReached')) {
    lines.push(`$(warning) ${escapeMarkdown(l10n.t('At this month\'s daily pace, spend reaches {0} by month end, over the limit of {1}.', projected, cap))}`);
  } else if (due.has('projectedOverThreshold') && !due.has('thresholdReached')) {
    lines.push(
      `$(watch) ${escapeMarkdown(l10n.t('At this month\'s daily pace, spend reaches {0} by month end, past the alert threshold ({1}).', projected, threshold))}`,
    );
  }
  if (lines.length === 0) {
    lines.push(
      `$(check) ${escapeMarkdown(
        status.projection.reliable
          ? l10n.t('At this month\'s daily pace the month ends at about {0}, below the alert threshold ({1}).', projected, threshold)
          : l10n.t('Below the alert threshold ({0}).', threshold),
      )}`,
    );
  }
  return lines;
}

function topTable(tops: SpendTops, money: (n: number) => string): string | undefined {
  const models = tops.models.filter((g) => g.amount > 0).slice(0, TOP_COUNT);
  const keys = tops.apiKeys.filter((g) => g.amount > 0).slice(0, TOP_COUNT);
  if (models.length === 0 && keys.length === 0) {
    return undefined;
  }
  const gap = '&nbsp;&nbsp;&nbsp;';
  // Spend with no API key (a fine-tuning job) or no model gets a name that says so, whatever the source calls it.
  const name = (g: SpendingGroupTotal | undefined, fallback: string): string => (g ? escapeMarkdown(g.key === '' ? fallback : g.name || g.key) : '');
  const rows: string[] = [];
  for (let i = 0; i < Math.max(models.length, keys.length); i++) {
    const m = models[i];
    const k = keys[i];
    rows.push(
      `| ${name(m, l10n.t('(none)'))} | ${gap}${m ? escapeMarkdown(money(m.amount)) : ''} | ${gap}${name(k, l10n.t('No API key'))} | ${gap}${k ? escapeMarkdown(money(k.amount)) : ''} |`,
    );
  }
  return [`| ${escapeMarkdown(l10n.t('Top models'))} | | ${gap}${escapeMarkdown(l10n.t('Top API keys'))} | |`, '|:--|--:|:--|--:|', ...rows].join('\n');
}

function freeQuotaBlock(quotas: readonly FreeQuota[], now: number, locale: string | undefined): string | undefined {
  if (quotas.length === 0) {
    return undefined;
  }
  const ordered = orderFreeQuota(quotas);
  const usable = ordered.filter(isUsable);
  const lines = [`$(gift) **${escapeMarkdown(l10n.t('Free quota'))}**: ${escapeMarkdown(l10n.t('usage inside it produces no bill.'))}`];
  for (const q of usable.slice(0, FREE_QUOTA_LINES)) {
    const left = freeQuotaLeft(q, locale);
    lines.push(
      escapeMarkdown(
        q.cycleEnd !== undefined && q.cycleEnd > now
          ? l10n.t('{0}: {1}, until {2}', q.model, left, formatDate(q.cycleEnd, locale))
          : l10n.t('{0}: {1}', q.model, left),
      ),
    );
  }
  if (usable.length > FREE_QUOTA_LINES) {
    lines.push(escapeMarkdown(l10n.t('… and {0} more with quota left.', usable.length - FREE_QUOTA_LINES)));
  }
  const usedUp = ordered.filter((q) => !isUsable(q) && q.status !== 'expired').map((q) => q.model);
  const expired = ordered.filter((q) => q.status === 'expired').map((q) => q.model);
  if (usedUp.length > 0) {
    lines.push(escapeMarkdown(l10n.t('Used up (billed now): {0}', usedUp.join(', '))));
  }
  if (expired.length > 0) {
    lines.push(escapeMarkdown(l10n.t('Expired: {0}', expired.join(', '))));
  }
  if (usable.length === 0) {
    lines.push(escapeMarkdown(l10n.t('No free quota is left: all usage is billed.')));
  }
  return lines.join('  \n');
}

function sourceName(snapshot: Snapshot<unknown>): string {
  return snapshot.source?.kind === 'demo' ? l10n.t('Demo') : (snapshot.source?.label ?? '');
}

/** The item for this month's spend at `now`, against the limit, with the free quota and the month's top spenders. */
export function presentSpend(input: SpendMeterInput, now: number, options: SpendMeterOptions): SpendMeterView {
  const { spend: spendSnapshot, limit: limitSnapshot } = input;
  const { commands, describeError, locale } = options;
  const spend = spendSnapshot.value;
  const isDemo = spendSnapshot.source?.kind === 'demo';
  const demoSuffix = isDemo ? ` · ${l10n.t('Demo')}` : '';
  const links: TooltipLink[] = [
    { icon: 'graph', label: l10n.t('Spending'), command: commands.showSpending },
    { icon: 'shield', label: l10n.t('Spending limit'), command: commands.showSpendingLimit },
  ];
  const linkedCommands = links.map((l) => l.command);

  if (spend === undefined) {
    if (spendSnapshot.error) {
      const what = l10n.t('This month\'s spend could not be loaded.');
      const next = describeError(spendSnapshot.error);
      return {
        state: 'error',
        stale: false,
        level: 'normal',
        text: `$(warning) ${l10n.t('Spend unavailable')}`,
        tooltip: [
          `$(warning) **${escapeMarkdown(what)}** ${escapeMarkdown(next)}`,
          `\`${spendSnapshot.error.message.replace(/`/g, "'")}\``,
          escapeMarkdown(l10n.t('The spending panel shows the error and tries again.')),
          linkLine(links),
        ].join('\n\n'),
        linkedCommands,
        accessibilityLabel: `${what} ${next}`,
      };
    }
    const loading = l10n.t('Loading this month\'s spend…');
    return {
      state: 'loading',
      stale: false,
      level: 'normal',
      text: `$(sync~spin) ${l10n.t('Spend')}`,
      tooltip: `$(sync~spin) ${escapeMarkdown(loading)}`,
      linkedCommands: [],
      accessibilityLabel: loading,
    };
  }

  const currency = spend.total.currency;
  const money = (n: number): string => formatMoneyNarrow(n, currency, locale);
  const fetchedAt = spendSnapshot.fetchedAt ?? now;
  const age = Math.max(0, now - fetchedAt);
  const ended = spend.month < monthKey(now);
  const stale = spendSnapshot.error !== undefined || age > options.staleAfterMs || ended;
  const projection = projectMonthSpend(spend, now);
  const status = evaluateSpend(spend, limitSnapshot.value, now);
  const level = spendLevel(status);
  const noLimit = status ? undefined : noLimitReason(limitSnapshot, spend, describeError);

  // --- text: "$(credit-card) $18.40 / $50" or "$(credit-card) $18.40 of $50 (37%)"
  const spent = money(spend.total.amount);
  let value = spent;
  let percent: number | undefined;
  if (status) {
    const cap = formatMoneyNarrow(status.limit.amount.amount, currency, locale, { wholeIfRound: true });
    percent = Math.floor(status.usedShare * 100);
    value = options.format === 'percent' ? l10n.t('{0} of {1} ({2}%)', spent, cap, percent) : l10n.t('{0} / {1}', spent, cap);
  }
  const staleMark = stale ? ` · $(history) ${formatAge(age)}` : '';
  const text = `${levelIcon(level)} ${value}${staleMark}${demoSuffix}`;

  // --- tooltip
  const blocks: string[] = [];
  const title = [`**${escapeMarkdown(l10n.t('Pay-as-you-go · {0}', formatMonth(spend.month, locale)))}**`];
  if (isDemo) {
    title.push(`_${escapeMarkdown(l10n.t('Demo data'))}_`);
  }
  blocks.push(`$(credit-card) ${title.join(' · ')}`);

  const gap = '&nbsp;&nbsp;&nbsp;';
  const row = (label: string, amount: string): string => `| ${escapeMarkdown(label)} | ${gap}${escapeMarkdown(amount)} |`;
  const rows = [row(l10n.t('Month to date'), spent), '|:--|--:|'];
  if (ended) {
    rows.push(row(l10n.t('The month came to'), money(projection.projected)));
  } else {
    rows.push(
      row(
        l10n.t('Projected for the month'),
        projection.reliable ? money(projection.projected) : l10n.t('{0} (early estimate)', money(projection.projected)),
      ),
      row(l10n.t('Daily pace'), l10n.t('{0} a day', money(projection.dailyPace))),
    );
  }
  if (status) {
    rows.push(
      row(l10n.t('Monthly limit'), l10n.t('{0} · {1}% used', money(status.limit.amount.amount), percent ?? 0)),
      row(l10n.t('Alert threshold'), l10n.t('{0}% · {1}', status.limit.alertThreshold, money(status.thresholdAmount))),
    );
  }
  blocks.push(rows.join('\n'));

  const outlook: string[] = [];
  if (ended) {
    outlook.push(
      `$(history) ${escapeMarkdown(l10n.t('{0} has ended; its bill settles early next month. This month\'s spend shows after the next refresh.', formatMonth(spend.month, locale)))}`,
    );
  }
  if (status) {
    outlook.push(...statusSentences(status, money));
    if (!projection.reliable && !ended) {
      outlook.push(
        `$(info) ${escapeMarkdown(l10n.t('The projection settles from day {0} of the month; it raises no alert before then.', MIN_PROJECTION_DAYS))}`,
      );
    }
  } else if (noLimit) {
    outlook.push(`$(info) ${escapeMarkdown(noLimit)}`);
  }
  if (spend.total.amount === 0 && !ended) {
    outlook.push(`$(info) ${escapeMarkdown(l10n.t('Nothing billed yet this month.'))}`);
  }
  if (outlook.length > 0) {
    blocks.push(outlook.join('  \n'));
  }

  const tops = input.tops && input.tops.month === spend.month ? topTable(input.tops, money) : undefined;
  if (tops) {
    blocks.push(tops);
  }
  const free = input.freeQuota?.value ? freeQuotaBlock(input.freeQuota.value, now, locale) : undefined;
  if (free) {
    blocks.push(free);
  }

  blocks.push(
    `$(info) ${escapeMarkdown(l10n.t('Usage reaches the bill a few hours late, and a month\'s bill is final once it settles early the next month.'))}`,
  );

  const updated = l10n.t('Source: {0} · updated {1}', sourceName(spendSnapshot), formatAge(age));
  if (spendSnapshot.error) {
    blocks.push(`$(history) ${escapeMarkdown(`${updated}. ${l10n.t('The last refresh failed: {0}', describeError(spendSnapshot.error))}`)}`);
  } else if (stale && !ended) {
    blocks.push(`$(history) ${escapeMarkdown(`${updated}. ${l10n.t('It refreshes while a VS Code window is focused.')}`)}`);
  } else {
    blocks.push(`$(cloud) ${escapeMarkdown(updated)}`);
  }

  blocks.push(
    linkLine(
      status || limitSnapshot.value === undefined
        ? links
        : [links[0]!, { icon: 'shield', label: l10n.t('Set a spending limit'), command: commands.showSpendingLimit }],
    ),
  );

  // --- accessibility label: the same, in words
  const spoken: string[] = [l10n.t('Qwen Cloud pay-as-you-go spend this month: {0}.', spent)];
  if (status) {
    spoken.push(l10n.t('{0} percent of the monthly limit of {1}.', percent ?? 0, money(status.limit.amount.amount)));
    const due = new Set(status.due.map((a) => a.kind));
    if (due.has('limitReached')) {
      spoken.push(l10n.t('The limit is reached.'));
    } else if (due.has('thresholdReached')) {
      spoken.push(l10n.t('Past the alert threshold of {0} percent.', status.limit.alertThreshold));
    }
    if (due.has('projectedOverLimit') && !due.has('limitReached')) {
      spoken.push(l10n.t('Projected to pass the limit by month end.'));
    } else if (due.has('projectedOverThreshold') && !due.has('thresholdReached')) {
      spoken.push(l10n.t('Projected to pass the alert threshold by month end.'));
    }
  } else if (limitSnapshot.value !== undefined) {
    spoken.push(l10n.t('No limit to compare with.'));
  }
  if (stale) {
    spoken.push(l10n.t('The data is {0} old.', formatDuration(age)));
  }
  if (isDemo) {
    spoken.push(l10n.t('Demo data.'));
  }

  const background = levelBackground(level);
  return {
    state: 'ready',
    stale,
    level,
    text,
    tooltip: blocks.join('\n\n'),
    linkedCommands,
    accessibilityLabel: spoken.join(' '),
    ...(background ? { background } : {}),
    ...(status ? { status } : {}),
    projection,
  };
}
