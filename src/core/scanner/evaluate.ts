// From settings (pairs) to findings: which rule, which state, where the value comes from, what it means.
import * as l10n from '@vscode/l10n';
import type { Finding, FindingState, Fix, Severity, TextEdit, ValueSource } from './finding';
import type { VendorContext } from './context';
import type { LanguageKind } from './languages';
import { lineCommentOf } from './languages';
import type { Extraction, Group, Pair, ValueInfo } from './pairs';
import { billingRule } from './prices';
import { parameterRule, RULES, ruleTitle, type RuleId, snakeCase, toolRule } from './rules';
import { aloneOnLines, insideRanges, lineStartNear } from './text';
import { boolWord, classifyScalar } from './values';

export interface SeverityOptions {
  readonly severity: Readonly<Partial<Record<RuleId, Severity>>>;
  readonly dynamicSeverity: Severity;
}

const REQUEST_KEYS = new Set(['model', 'messages', 'input', 'prompt', 'temperature', 'top_p', 'top_k', 'max_tokens', 'stream', 'extra_body', 'tools', 'result_format', 'seed', 'stop', 'presence_penalty']);
const REQUEST_PARENTS = new Set(['parameters', 'extra_body', 'model_kwargs', 'options', 'generation_config', 'body', 'payload', 'params']);
const LOCAL_TEMPLATE = new Set(['chat_template_kwargs', 'apply_chat_template']);
const ORDER: readonly Severity[] = ['none', 'info', 'warning', 'error'];

export function severityFor(rule: RuleId, state: FindingState, options: SeverityOptions): Severity {
  const configured = options.severity[rule] ?? 'warning';
  switch (state) {
    case 'on':
    case 'hardcoded':
      return configured;
    case 'dynamic':
      // Never louder than the rule itself: a rule set to "info" keeps its dynamic findings at most "info".
      return ORDER.indexOf(configured) < ORDER.indexOf(options.dynamicSeverity) ? configured : options.dynamicSeverity;
    case 'off':
      return 'none';
  }
}

function ancestors(groups: readonly Group[], id: number, depth = 6): Group[] {
  const out: Group[] = [];
  let g = groups[id];
  while (g && out.length < depth) {
    out.push(g);
    g = g.parent >= 0 ? groups[g.parent] : undefined;
  }
  return out;
}

function describeSource(source: ValueSource | undefined): string {
  if (!source) {
    return l10n.t('from an expression');
  }
  switch (source.kind) {
    case 'env':
      return l10n.t('from the environment variable {0}', source.name);
    case 'argument':
      return source.defaultText ? l10n.t('from the argument {0}, default {1}', source.name, source.defaultText) : l10n.t('from the argument {0}', source.name);
    case 'variable':
      return source.valueText ? l10n.t('from the variable {0}, set to {1} on line {2}', source.name, source.valueText, source.line ?? 0) : l10n.t('from the variable {0}', source.name);
    case 'config':
      return l10n.t('from the config value {0}', source.text);
    case 'expression':
      return l10n.t('from {0}', source.text);
  }
}

const lineStartsCache = new WeakMap<object, number[]>();

/** 1-based line of an offset, from line starts computed once per extraction. */
function lineOf(text: string, offset: number, owner: object): number {
  let starts = lineStartsCache.get(owner);
  if (!starts) {
    starts = [0];
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
    lineStartsCache.set(owner, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function resolveSource(value: ValueInfo, ex: Extraction, text: string): ValueSource | undefined {
  const source = value.source;
  if (source?.kind === 'variable') {
    const def = ex.defs.get(source.name) ?? ex.defs.get(source.name.replace(/^(?:self|this)\./, ''));
    if (def?.kind === 'argument') {
      return { kind: 'argument', name: source.name, defaultText: def.valueText };
    }
    if (def) {
      const inner = def.valueText ? resolveSourceText(def.valueText) : undefined;
      return inner ?? { kind: 'variable', name: source.name, valueText: def.valueText, line: lineOf(text, def.offset, ex) };
    }
  }
  return source;
}

/** A variable set from the environment is, for the reader, the environment. */
function resolveSourceText(valueText: string): ValueSource | undefined {
  const env = /\b(?:os\.(?:getenv|environ(?:\.get)?)\s*[([]|process\.env\.|System\.getenv\(|os\.Getenv\()\s*["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(valueText);
  return env ? { kind: 'env', name: env[1]! } : undefined;
}

type Reading = { state: FindingState; source?: ValueSource } | undefined;

/** The state of a value for a rule, or undefined when the value is not a setting (a description, a schema). */
function read(rule: RuleId, value: ValueInfo): Reading {
  const kind = RULES[rule].kind;
  if (kind === 'strategy') {
    return readStrategy(value);
  }
  if (value.kind === 'ident' || value.kind === 'expr') {
    return { state: 'dynamic', source: value.source };
  }
  switch (kind) {
    case 'switch': {
      if (value.kind === 'bool') return { state: value.bool ? 'on' : 'off' };
      if (value.kind === 'number') return value.num === undefined ? undefined : { state: value.num !== 0 ? 'on' : 'off' };
      if (value.kind === 'string') {
        const b = boolWord(value.str ?? '') ?? (value.str === '1' ? true : value.str === '0' ? false : undefined);
        return b === undefined ? undefined : { state: b ? 'on' : 'off' };
      }
      return undefined;
    }
    case 'budget': {
      const num = value.kind === 'number' ? value.num : value.kind === 'string' && /^\s*-?\d+\s*$/.test(value.str ?? '') ? Number(value.str) : undefined;
      return num === undefined ? undefined : { state: num !== 0 ? 'on' : 'off' };
    }
    case 'count': {
      const num = value.kind === 'number' ? value.num : undefined;
      return num === undefined ? undefined : { state: num > 1 ? 'on' : 'off' };
    }
    default:
      return undefined;
  }
}

/** An SDK's enum constant for a strategy, a type named …Strategy and a capitalised member: `SearchStrategy.AGENT`, `SearchOptions.SearchStrategy.STANDARD`, `SearchStrategy.Agent`. */
const STRATEGY_CONSTANT = /(?:^|\.)\s*(?:[A-Z][A-Za-z0-9]*)?Strategy\s*\.\s*([A-Z][A-Za-z0-9_]*)$/;

/**
 * Only `agent` and `agent_max` search several times a call. Any other strategy word searches once: `turbo`,
 * `max`, the older `standard` and `pro` (5 and 10 results), a library's own (`advanced`). An SDK's enum
 * constant reads as its name; another name or expression is dynamic; prose is not a setting.
 */
function readStrategy(value: ValueInfo): Reading {
  let word: string | undefined;
  if (value.kind === 'string') {
    word = (value.str ?? '').trim().toLowerCase();
  } else if (value.kind === 'ident' || value.kind === 'expr') {
    const constant = STRATEGY_CONSTANT.exec(value.text.trim());
    if (!constant) {
      return { state: 'dynamic', source: value.source };
    }
    word = constant[1]!.toLowerCase();
  }
  if (word === undefined) return undefined;
  if (word === 'agent' || word === 'agent_max') return { state: 'on' };
  return /^[a-z][a-z0-9_-]{0,23}$/.test(word) ? { state: 'off' } : undefined;
}

/**
 * Whether a map held in the variable `name` (the group's key: `kw := map[string]bool{…}`, `kw = {…}`) is then put
 * under `chat_template_kwargs` (`x["chat_template_kwargs"] = kw`, `chat_template_kwargs=kw`, `"chat_template_kwargs": kw`)
 * in the next few lines: a local chat template's switch, not a request parameter.
 */
function placedUnderTemplate(text: string, name: string, after: number): boolean {
  if (!/^[A-Za-z_$][\w$]{0,63}$/.test(name)) {
    return false;
  }
  const window = text.slice(after, after + 1500);
  if (!window.includes('chat_template_kwargs')) {
    return false;
  }
  return new RegExp(`chat_template_kwargs["'\`]?\\s*\\]?\\s*(?::=|=|:)\\s*&?${name.replace(/\$/g, '\\$')}\\b`).test(window);
}

const titleCache = new Map<string, string>();

/** Fix titles depend only on the rule: format them once. */
function cachedTitle(kind: string, rule: RuleId, make: () => string): string {
  const id = `${kind}:${rule}`;
  let title = titleCache.get(id);
  if (title === undefined) {
    title = make();
    titleCache.set(id, title);
  }
  return title;
}

function message(rule: RuleId, state: FindingState, value: ValueInfo | undefined, source: ValueSource | undefined): string {
  const title = ruleTitle(rule);
  const billing = billingRule(RULES[rule].cost);
  switch (state) {
    case 'on':
      return RULES[rule].kind === 'tool'
        ? l10n.t('{0} is in the request: {1}', title, billing)
        : l10n.t('{0} is on ({1}): {2}', title, value?.text ?? '', billing);
    case 'off':
      return l10n.t('{0} is off ({1}).', title, value?.text ?? '');
    case 'dynamic':
      return l10n.t('{0} is decided at run time, {1}: {2}', title, describeSource(source), billing);
    case 'hardcoded':
      return title;
  }
}

/** Whole lines when [s, e) is all that is on them; otherwise [s, e) itself. */
export function wholeLines(text: string, s: number, e: number): [number, number] {
  const lines = aloneOnLines(text, s, e);
  return lines ? [lines.start, lines.end] : [s, e];
}

function insideOpaque(ex: Extraction, offset: number): boolean {
  return insideRanges(ex.opaque, offset);
}

function turnOffText(rule: RuleId, literal: string): string | undefined {
  const kind = RULES[rule].kind;
  const quote = /^(["'`])/.exec(literal)?.[1] ?? '';
  const inner = quote ? literal.slice(1, -1) : literal;
  const wrap = (s: string): string => `${quote}${s}${quote}`;
  if (kind === 'switch') {
    const swaps: Record<string, string> = { True: 'False', true: 'false', TRUE: 'FALSE', '1': '0', yes: 'no', Yes: 'No', YES: 'NO', on: 'off', On: 'Off', ON: 'OFF', '!0': '!1' };
    const swapped = swaps[inner];
    return swapped === undefined ? undefined : wrap(swapped);
  }
  if (kind === 'count') {
    return '1';
  }
  if (kind === 'strategy') {
    return wrap('turbo');
  }
  return undefined;
}

export interface EvaluateInput {
  readonly text: string;
  readonly language: LanguageKind;
  readonly vendor: VendorContext;
  readonly extraction: Extraction;
  readonly severity: SeverityOptions;
}

export function evaluate(input: EvaluateInput): Finding[] {
  const { text, language, vendor, extraction: ex } = input;
  const findings: Finding[] = [];
  if (vendor === 'other') {
    return findings;
  }
  const comment = lineCommentOf(language);
  for (const pair of ex.pairs) {
    const chain = ancestors(ex.groups, pair.group);
    const group = chain[0];
    let rule: RuleId | undefined;
    let reading: Reading;
    let removeRange: [number, number] | undefined = pair.removeStart >= 0 ? [pair.removeStart, pair.removeEnd] : undefined;
    if (pair.key === 'type') {
      const type = pair.value.kind === 'string' ? pair.value.str : pair.value.kind === 'ident' ? pair.value.text : undefined;
      rule = type ? toolRule(type) : undefined;
      if (!rule || !chain.some((g) => g.key !== undefined && snakeCase(g.key) === 'tools')) {
        continue;
      }
      reading = { state: 'on' };
      if (group?.kind === 'object') {
        removeRange = elementOf(text, group.start, group.end);
      } else if (!(group && group.keys?.size === 1)) {
        removeRange = undefined;
      }
    } else {
      rule = parameterRule(pair.key, pair.how);
      if (!rule) {
        continue;
      }
      if (chain.some((g) => (g.key !== undefined && LOCAL_TEMPLATE.has(g.key)) || (g.callee !== undefined && LOCAL_TEMPLATE.has(g.callee)))) {
        continue;
      }
      if (group?.key !== undefined && group.kind === 'object' && placedUnderTemplate(text, group.key, group.end)) {
        continue;
      }
      if (rule === 'n') {
        const parentKey = group?.key !== undefined ? snakeCase(group.key) : undefined;
        const siblings = group ? [...(group.keys ?? [])].some((k) => REQUEST_KEYS.has(k)) : false;
        if (!siblings && !(parentKey && REQUEST_PARENTS.has(parentKey)) && pair.form !== 'builder') {
          continue;
        }
      }
      reading = read(rule, pair.value);
    }
    if (!reading || (RULES[rule].needsQwenContext && vendor !== 'qwen')) {
      continue;
    }
    if ((rule === 'enable_search' && notWebSearch(chain, pair)) || otherVendorsOption(chain, text, pair.keyStart)) {
      continue;
    }
    if (language === 'javascript' && !reachesTheWire(chain, pair)) {
      continue;
    }
    let source = reading.state === 'dynamic' ? resolveSource(pair.value, ex, text) : undefined;
    // What a name stands for when the file says: a constant's value, or an argument's default.
    const known = source ? knownValue(rule, source, pair.value, ex) : undefined;
    let byDefault: { name: string; defaultText: string } | undefined;
    if (known && source) {
      reading = known;
      if (source.kind === 'argument' && known.state === 'on') {
        byDefault = { name: source.name, defaultText: source.defaultText ?? '' };
      }
      source = undefined;
    }
    // A function's own argument handed on (a library, a wrapper without a default that turns it on):
    // the caller decides, so it is said at the lowest severity whatever dynamicSeverity is.
    const passThrough = reading.state === 'dynamic' && source?.kind === 'argument';
    const start = pair.form === 'builder' ? pair.keyStart : pair.keyStart;
    const end = Math.max(pair.value.end, pair.keyEnd);
    const fixes: Fix[] = [];
    if (reading.state === 'on' && pair.value.literal) {
      const replacement = turnOffText(rule, pair.value.literal.text);
      if (replacement !== undefined) {
        fixes.push({ kind: 'turnOff', title: cachedTitle('turnOff', rule, () => l10n.t('Turn off {0}', ruleTitle(rule))), edits: [{ start: pair.value.literal.start, end: pair.value.literal.end, text: replacement }] });
      }
    }
    if (removeRange && reading.state !== 'off') {
      const [s, e] = wholeLines(text, removeRange[0], removeRange[1]);
      fixes.push({ kind: 'remove', title: cachedTitle('remove', rule, () => l10n.t('Remove {0}', ruleTitle(rule))), edits: [{ start: s, end: e, text: '' }] });
    }
    if (comment && reading.state !== 'off') {
      const edit = ignoreLineEdit(text, start, comment, ex);
      if (edit) {
        fixes.push({ kind: 'ignoreLine', title: cachedTitle('ignoreLine', rule, () => l10n.t('Ignore {0} on this line (qwen-cost-ignore)', ruleTitle(rule))), edits: [edit] });
      }
    }
    findings.push({
      rule,
      state: reading.state,
      severity: passThrough ? quietest(severityFor(rule, reading.state, input.severity), 'info') : severityFor(rule, reading.state, input.severity),
      start,
      end,
      message: byDefault
        ? l10n.t('{0} is on by default: the argument {1} defaults to {2}, so every call that leaves it out gets it: {3}', ruleTitle(rule), byDefault.name, byDefault.defaultText, billingRule(RULES[rule].cost))
        : message(rule, reading.state, pair.value, source),
      ...(source ? { source } : {}),
      ...(reading.state !== 'dynamic' && pair.value.text ? { valueText: pair.value.text } : {}),
      ...(chain.find((g) => g.model)?.model ? { model: chain.find((g) => g.model)!.model } : {}),
      fixes,
    });
  }
  return findings;
}

function quietest(a: Severity, b: Severity): Severity {
  return ORDER.indexOf(a) < ORDER.indexOf(b) ? a : b;
}

/** Literal defaults that leave a setting to the caller: nothing was chosen. */
const NO_DEFAULT = /^(?:None|null|nil|undefined|NULL)$/;

/**
 * The state a name gives a setting when the file says what it is: a constant declared with a literal
 * (`const int budget = 10`), or an argument whose default turns it on (`def ask(q, enable_search=True)`:
 * every caller that leaves it out gets web search). An argument whose default is off or none stays dynamic.
 */
function knownValue(rule: RuleId, source: ValueSource, value: ValueInfo, ex: Extraction): Reading {
  if (value.kind !== 'ident') {
    return undefined;
  }
  if (source.kind === 'argument') {
    const d = source.defaultText?.trim();
    if (!d || NO_DEFAULT.test(d)) {
      return undefined;
    }
    const r = read(rule, classifyScalar(d, 0));
    return r?.state === 'on' ? r : undefined;
  }
  if (source.kind === 'variable') {
    const def = ex.defs.get(source.name);
    if (def?.constant && def.valueText !== undefined) {
      const r = read(rule, classifyScalar(def.valueText, 0));
      return r && r.state !== 'dynamic' ? r : undefined;
    }
  }
  return undefined;
}

/**
 * Keys named like web search that switch something else: a knowledge base's file search
 * (`file_search: { enable_search }`, Bailian apps' `rag_options`), a retrieval query's search options. The
 * web search switch sits beside the model and the messages, never inside search options of its own.
 */
const NOT_WEB_SEARCH = /^(?:file_search|search_options|rag_options|rag|retrieval|retriever|knowledge(?:_\w+)?|kb(?:_\w+)?|vector(?:_\w+)?|doc(?:ument)?_search)$/;

function notWebSearch(chain: readonly Group[], pair: Pair): boolean {
  if (pair.receiver !== undefined && NOT_WEB_SEARCH.test(snakeCase(pair.receiver).replace(/^get_/, ''))) {
    return true;
  }
  return chain.some((g) => g.key !== undefined && g.kind !== 'call' && NOT_WEB_SEARCH.test(snakeCase(g.key)));
}

/** Groups and branches that belong to another vendor: Gemini's `thinkingConfig`, `providerOptions.google`, `case 'anthropic':`. */
const OTHER_VENDOR_KEY =
  /^(?:thinking_config|google|gemini|vertex|vertexai|google_generative_ai|anthropic|claude|openai|azure|azure_openai|bedrock|deepseek|zhipu|zhipuai|glm|moonshot|kimi|doubao|volcengine|ark|groq|mistral|ollama|openrouter|xai|grok|siliconflow|qianfan|ernie|perplexity)$/;
const OTHER_VENDOR_WORD = /\b(?:google|gemini|vertex(?:ai)?|anthropic|claude|openai(?![-_ ]?compat)|azure|bedrock|deepseek|zhipu(?:ai)?|glm|moonshot|kimi|doubao|volcengine|groq|mistral|ollama|openrouter|xai|grok|siliconflow|qianfan|ernie|perplexity)\b/i;
const QWEN_WORD = /qwen|qwq|dashscope|alibaba|aliyun|bailian|tongyi/i;
/** The nearest branch head before a setting: `case 'google':`, `if (provider === "gemini") {`, `elif "claude" in model:`, `else:`. */
const BRANCH_HEAD = /\bcase\s+[^:\n]{1,80}:|\bdefault\s*:|\b(?:if|elif|else\s+if|when)\b[^\n]{0,120}|\belse\b/g;
const BRANCH_LOOK_BACK = 1500;

function otherVendorsOption(chain: readonly Group[], text: string, at: number): boolean {
  if (chain.some((g) => (g.key !== undefined && OTHER_VENDOR_KEY.test(snakeCase(g.key))) || (g.callee !== undefined && OTHER_VENDOR_KEY.test(snakeCase(g.callee))))) {
    return true;
  }
  // Only the last branch head before the setting counts: an inner `if` that names no vendor says nothing.
  const from = Math.max(0, at - BRANCH_LOOK_BACK);
  const window = text.slice(from, at);
  let head: string | undefined;
  BRANCH_HEAD.lastIndex = 0;
  for (let m = BRANCH_HEAD.exec(window); m; m = BRANCH_HEAD.exec(window)) {
    head = m[0];
  }
  return head !== undefined && OTHER_VENDOR_WORD.test(head) && !QWEN_WORD.test(head);
}

/**
 * JavaScript and TypeScript clients (the OpenAI SDKs, fetch) send keys as written, and DashScope reads
 * snake_case: `enableSearch` reaches it only through a typed mapping, an AI SDK provider's options for
 * Qwen (`providerOptions: { qwen: { enableSearch } }`) or a builder. Elsewhere it is a settings object,
 * a stored row, a test input.
 */
const QWEN_OPTIONS_KEY = /^(?:qwen|dashscope|alibaba|alibaba_cloud|bailian|tongyi|model_studio)$/;

function reachesTheWire(chain: readonly Group[], pair: Pair): boolean {
  if (pair.form === 'builder' || !/[A-Z]/.test(pair.key) || /^[A-Z0-9_]+$/.test(pair.key)) {
    return true;
  }
  return chain.some((g) => g.key !== undefined && QWEN_OPTIONS_KEY.test(snakeCase(g.key)));
}

/** An element of a list or object `{…}` with one neighbouring comma. */
function elementOf(text: string, s: number, e: number): [number, number] {
  let after = e;
  while (after < text.length && /[ \t\r\n]/.test(text[after]!)) after++;
  if (text[after] === ',') {
    let end = after + 1;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return [s, end];
  }
  let before = s - 1;
  while (before >= 0 && /[ \t\r\n]/.test(text[before]!)) before--;
  return text[before] === ',' ? [before, e] : [s, e];
}

/** `# qwen-cost-ignore` on its own line above the finding, indented like it; not inside a string. */
export function ignoreLineEdit(text: string, offset: number, comment: string, ex: Extraction | undefined): TextEdit | undefined {
  const lineStart = lineStartNear(text, offset);
  if (lineStart < 0 || (ex && insideOpaque(ex, lineStart))) {
    return undefined;
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
  return { start: lineStart, end: lineStart, text: `${indent}${comment} qwen-cost-ignore\n` };
}
