// The scanner's rules. Their ids are an output contract (CLI JSON, SARIF, settings): never rename one.
import * as l10n from '@vscode/l10n';

export const RULE_IDS = [
  'enable_search',
  'forced_search',
  'search_strategy',
  'enable_thinking',
  'thinking_budget',
  'enable_code_interpreter',
  'tools.web_search',
  'tools.web_extractor',
  'tools.code_interpreter',
  'n',
  'api_key',
  'endpoint_mismatch',
  'access_key',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** How a rule reads a value: a switch, a count, a search strategy, a tool entry, or a key. */
export type RuleKind = 'switch' | 'budget' | 'count' | 'strategy' | 'tool' | 'key' | 'endpoint';

export interface RuleInfo {
  readonly id: RuleId;
  readonly kind: RuleKind;
  /** The price-table entry that says what it costs. */
  readonly cost: 'webSearch' | 'forcedSearch' | 'agentSearch' | 'thinking' | 'codeInterpreter' | 'webExtractor' | 'choices' | 'key';
  /** Names too common elsewhere to flag unless the file points at Qwen. */
  readonly needsQwenContext: boolean;
  readonly docsUrl: string;
}

const WEB_SEARCH_DOCS = 'https://www.alibabacloud.com/help/en/model-studio/web-search';
const THINKING_DOCS = 'https://www.alibabacloud.com/help/en/model-studio/deep-thinking';
const API_REFERENCE_DOCS = 'https://www.alibabacloud.com/help/en/model-studio/qwen-api-reference';
const ACCESS_KEY_DOCS = 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair';
const API_KEY_DOCS = 'https://www.alibabacloud.com/help/en/model-studio/get-api-key';
const CODING_PLAN_DOCS = 'https://www.alibabacloud.com/help/en/model-studio/coding-plan';

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  enable_search: { id: 'enable_search', kind: 'switch', cost: 'webSearch', needsQwenContext: false, docsUrl: WEB_SEARCH_DOCS },
  forced_search: { id: 'forced_search', kind: 'switch', cost: 'forcedSearch', needsQwenContext: false, docsUrl: WEB_SEARCH_DOCS },
  search_strategy: { id: 'search_strategy', kind: 'strategy', cost: 'agentSearch', needsQwenContext: false, docsUrl: WEB_SEARCH_DOCS },
  enable_thinking: { id: 'enable_thinking', kind: 'switch', cost: 'thinking', needsQwenContext: false, docsUrl: THINKING_DOCS },
  thinking_budget: { id: 'thinking_budget', kind: 'budget', cost: 'thinking', needsQwenContext: false, docsUrl: THINKING_DOCS },
  enable_code_interpreter: {
    id: 'enable_code_interpreter',
    kind: 'switch',
    cost: 'codeInterpreter',
    needsQwenContext: false,
    docsUrl: THINKING_DOCS,
  },
  'tools.web_search': { id: 'tools.web_search', kind: 'tool', cost: 'webSearch', needsQwenContext: true, docsUrl: WEB_SEARCH_DOCS },
  'tools.web_extractor': { id: 'tools.web_extractor', kind: 'tool', cost: 'webExtractor', needsQwenContext: true, docsUrl: WEB_SEARCH_DOCS },
  'tools.code_interpreter': {
    id: 'tools.code_interpreter',
    kind: 'tool',
    cost: 'codeInterpreter',
    needsQwenContext: true,
    docsUrl: WEB_SEARCH_DOCS,
  },
  n: { id: 'n', kind: 'count', cost: 'choices', needsQwenContext: true, docsUrl: API_REFERENCE_DOCS },
  api_key: { id: 'api_key', kind: 'key', cost: 'key', needsQwenContext: false, docsUrl: API_KEY_DOCS },
  // Costs nothing by itself: the request is refused. Its cost entry is the key's (who can read it can spend).
  endpoint_mismatch: { id: 'endpoint_mismatch', kind: 'endpoint', cost: 'key', needsQwenContext: false, docsUrl: CODING_PLAN_DOCS },
  // An Alibaba Cloud AccessKey pair: who can read it acts on the account with the key's permissions, billing included.
  access_key: { id: 'access_key', kind: 'key', cost: 'key', needsQwenContext: false, docsUrl: ACCESS_KEY_DOCS },
};

/** A short, human name for a rule, as the Problems panel and the quick pick show it. */
export function ruleTitle(rule: RuleId): string {
  switch (rule) {
    case 'enable_search':
      return l10n.t('Web search');
    case 'forced_search':
      return l10n.t('Forced web search');
    case 'search_strategy':
      return l10n.t('Search strategy');
    case 'enable_thinking':
      return l10n.t('Thinking mode');
    case 'thinking_budget':
      return l10n.t('Thinking budget');
    case 'enable_code_interpreter':
      return l10n.t('Code interpreter');
    case 'tools.web_search':
      return l10n.t('Web search tool');
    case 'tools.web_extractor':
      return l10n.t('Web extractor tool');
    case 'tools.code_interpreter':
      return l10n.t('Code interpreter tool');
    case 'n':
      return l10n.t('Several choices (n)');
    case 'api_key':
      return l10n.t('Hard-coded API key');
    case 'endpoint_mismatch':
      return l10n.t('Key and endpoint do not match');
    case 'access_key':
      return l10n.t('Hard-coded AccessKey pair');
  }
}

/** The parameter rules by their snake_case wire name. */
const PARAMETER_NAMES: ReadonlyMap<string, RuleId> = new Map<string, RuleId>([
  ['enable_search', 'enable_search'],
  ['forced_search', 'forced_search'],
  ['force_search', 'forced_search'],
  ['search_strategy', 'search_strategy'],
  ['enable_thinking', 'enable_thinking'],
  ['thinking_budget', 'thinking_budget'],
  ['enable_code_interpreter', 'enable_code_interpreter'],
  ['n', 'n'],
]);

/** The rule a tool type names (`{"type": "web_search"}`), if any. */
export function toolRule(type: string): RuleId | undefined {
  switch (type) {
    case 'web_search':
      return 'tools.web_search';
    case 'web_extractor':
      return 'tools.web_extractor';
    case 'code_interpreter':
      return 'tools.code_interpreter';
    default:
      return undefined;
  }
}

/** `enableSearch`, `EnableSearch`, `enable-search`, `ENABLE_SEARCH` → `enable_search`. */
const snakeCache = new Map<string, string>();

export function snakeCase(name: string): string {
  let snake = snakeCache.get(name);
  if (snake === undefined) {
    snake = toSnake(name);
    if (snakeCache.size < 10_000) snakeCache.set(name, snake);
  }
  return snake;
}

function toSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-.\s]+/g, '_')
    .toLowerCase();
}

/**
 * The rule a key names, or undefined. `envStyle` also accepts prefixed environment names
 * (`QWEN_ENABLE_SEARCH`, `DASHSCOPE_ENABLE_THINKING`); `builder` strips `with`/`set` method prefixes.
 */
export function parameterRule(key: string, how: 'key' | 'env' | 'builder' = 'key'): RuleId | undefined {
  let name = key;
  if (how === 'builder') {
    name = name.replace(/^(?:with|set)(?=[A-Z])/, '');
  }
  const snake = snakeCase(name);
  const direct = PARAMETER_NAMES.get(snake);
  if (direct) {
    // A bare `N=3` environment entry says nothing about choices.
    return how === 'env' && direct === 'n' ? undefined : direct;
  }
  if (how === 'env' && /^[A-Z0-9_]+$/.test(key)) {
    for (const [wire, rule] of PARAMETER_NAMES) {
      if (rule !== 'n' && snake.endsWith(`_${wire}`)) {
        return rule;
      }
    }
  }
  return undefined;
}

/**
 * A fast first look: does the text contain anything a rule could match? Files without any of these
 * are skipped before tokenising. Case-insensitive on purpose (`ENABLE_SEARCH`, `enableSearch`).
 */
export const CANDIDATE_PATTERN =
  /enable[_-]?(?:search|thinking|code[_-]?interpreter)|forced?[_-]?search|search[_-]?strategy|thinking[_-]?budget|web[_-]?(?:search|extractor)|code[_-]?interpreter|(?<![A-Za-z0-9_-])sk-(?:sp-)?[0-9A-Za-z]{32}|(?<![A-Za-z0-9_])LTAI[A-Za-z0-9]{12}/i;
