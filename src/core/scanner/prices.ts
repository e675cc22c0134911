// What each costly setting costs. Billing rules are stated for every rule; figures only where an official
// public Alibaba Cloud page gives them, with that page and its date. Users can override or add figures in
// settings (`qwenCloud.scanner.prices`); nothing here is invented.
import * as l10n from '@vscode/l10n';
import type { RuleInfo } from './rules';

export type CostKind = RuleInfo['cost'];

export interface PriceTable {
  /** Where the figures come from, and the page's own "last updated" date. */
  readonly source: string;
  readonly asOf: string;
  /** Lowest published output price per million tokens, in USD, by API model name. */
  readonly outputPerMillionUsd: Readonly<Record<string, number>>;
  /** Price per 1,000 tool calls, in USD, where one is published. */
  readonly perThousandCallsUsd: Readonly<Partial<Record<'webSearch' | 'webExtractor' | 'codeInterpreter', number>>>;
  /** The models and tools whose figure comes from the user's settings rather than the dated table. */
  readonly fromSettings?: readonly string[];
}

/**
 * Alibaba Cloud Model Studio, "Billing for model services", flagship models' minimum output price per
 * million tokens (international site), page last updated Apr 22, 2025. No per-call price for web search,
 * web extraction or the code interpreter was published on the pages consulted, so none is given.
 */
export const DEFAULT_PRICES: PriceTable = {
  source: 'https://www.alibabacloud.com/help/en/model-studio/billing-for-model-studio',
  asOf: '2025-04-22',
  outputPerMillionUsd: { 'qwen-max': 6.4, 'qwen-plus': 1.2, 'qwen-turbo': 0.2 },
  perThousandCallsUsd: {},
};

export interface PriceOverrides {
  readonly outputPerMillionUsd?: Readonly<Record<string, unknown>>;
  readonly perThousandCallsUsd?: Readonly<Record<string, unknown>>;
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The default table with the user's figures on top; values that are not non-negative numbers are ignored. */
export function mergePrices(overrides: PriceOverrides | undefined, base: PriceTable = DEFAULT_PRICES): PriceTable {
  if (!overrides || typeof overrides !== 'object') {
    return base;
  }
  const output: Record<string, number> = { ...base.outputPerMillionUsd };
  const fromSettings = new Set(base.fromSettings);
  for (const [model, v] of Object.entries(overrides.outputPerMillionUsd ?? {})) {
    if (positive(v)) {
      output[model.toLowerCase()] = v;
      fromSettings.add(model.toLowerCase());
    }
  }
  const calls: Record<string, number> = { ...base.perThousandCallsUsd };
  for (const [tool, v] of Object.entries(overrides.perThousandCallsUsd ?? {})) {
    if (positive(v) && (tool === 'webSearch' || tool === 'webExtractor' || tool === 'codeInterpreter')) {
      calls[tool] = v;
      fromSettings.add(tool);
    }
  }
  const changed = Object.keys(overrides.outputPerMillionUsd ?? {}).length + Object.keys(overrides.perThousandCallsUsd ?? {}).length > 0;
  return {
    ...base,
    source: changed ? `${base.source} + settings` : base.source,
    outputPerMillionUsd: output,
    perThousandCallsUsd: calls,
    ...(fromSettings.size > 0 ? { fromSettings: [...fromSettings] } : {}),
  };
}

/** The output price for a model, matching `qwen-plus-latest` or `qwen-plus-2025-07-14` to `qwen-plus`. */
export function outputPrice(table: PriceTable, model: string | undefined): { model: string; usd: number } | undefined {
  if (!model) {
    return undefined;
  }
  const lower = model.toLowerCase();
  let best: string | undefined;
  for (const name of Object.keys(table.outputPerMillionUsd)) {
    if ((lower === name || lower.startsWith(`${name}-`)) && (!best || name.length > best.length)) {
      best = name;
    }
  }
  return best ? { model: best, usd: table.outputPerMillionUsd[best]! } : undefined;
}

const usd = (v: number): string => `$${v.toLocaleString('en-US', { maximumFractionDigits: 4 })}`;

/** The billing rule in a sentence, without figures. */
export function billingRule(cost: CostKind): string {
  switch (cost) {
    case 'webSearch':
      return l10n.t('Web search is billed per call, separately from tokens.');
    case 'forcedSearch':
      return l10n.t('Forced search searches on every call and adds the results to the prompt as input tokens.');
    case 'agentSearch':
      return l10n.t('Agent strategies may search several times per call, each billed.');
    case 'thinking':
      return l10n.t('Thinking tokens are billed as output tokens.');
    case 'codeInterpreter':
      return l10n.t('The code interpreter is a billed tool; its output also counts as tokens.');
    case 'webExtractor':
      return l10n.t('The web extractor is a billed tool; extracted pages count as input tokens.');
    case 'choices':
      return l10n.t('Every extra choice is generated and billed as output tokens.');
    case 'key':
      return l10n.t('Anyone who can read this file can spend on this key.');
  }
}

/** The tool whose per-call price a costly setting incurs, if any. */
function billedTool(cost: CostKind): 'webSearch' | 'webExtractor' | 'codeInterpreter' | undefined {
  return cost === 'webSearch' || cost === 'forcedSearch' || cost === 'agentSearch' ? 'webSearch' : cost === 'webExtractor' || cost === 'codeInterpreter' ? cost : undefined;
}

/**
 * The figure the price table gives for a costly setting, with the table's date (or "your price" for one
 * from settings); undefined where the table has no figure for it, so the caller says the price is unknown.
 */
export function priceFigure(cost: CostKind, table: PriceTable, model: string | undefined): string | undefined {
  const dated = (key: string): string => (table.fromSettings?.includes(key) ? l10n.t('your price') : l10n.t('prices of {0}', table.asOf));
  const tool = billedTool(cost);
  const calls = tool ? table.perThousandCallsUsd[tool] : undefined;
  if (tool && calls !== undefined) {
    return l10n.t('{0} per 1,000 calls ({1})', usd(calls), dated(tool));
  }
  if (cost === 'thinking' || cost === 'choices') {
    const price = outputPrice(table, model);
    if (price) {
      return l10n.t('{0} output {1} per million tokens ({2})', price.model, usd(price.usd), dated(price.model));
    }
  }
  return undefined;
}

/** A one-line cost statement for a CodeLens: the billing rule, with a sourced figure where there is one. */
export function costLine(cost: CostKind, table: PriceTable, model: string | undefined): string {
  const calls = cost === 'webSearch' || cost === 'forcedSearch' || cost === 'agentSearch' ? table.perThousandCallsUsd.webSearch : cost === 'webExtractor' ? table.perThousandCallsUsd.webExtractor : cost === 'codeInterpreter' ? table.perThousandCallsUsd.codeInterpreter : undefined;
  const rule = billingRule(cost);
  if (calls !== undefined) {
    return l10n.t('{0} {1} per 1,000 calls.', rule, usd(calls));
  }
  if (cost === 'thinking' || cost === 'choices') {
    const price = outputPrice(table, model);
    if (price) {
      return l10n.t('{0} {1} output from {2} per million tokens.', rule, price.model, usd(price.usd));
    }
  }
  return rule;
}
