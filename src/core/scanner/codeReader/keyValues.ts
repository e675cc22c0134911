// The code reader's key/value recognition: at each identifier or string, whether it is a key being set
// (`enable_search=True`, `"n": 2`, `.enableSearch(true)`, `put("n", 2)`, `x["n"] = 2`) or a variable or
// default being declared, judged by the token after it, the token before it and the group it sits in.
import { addKey, type Group, type Pair, type PairForm, type ValueInfo } from '../pairs';
import { parameterRule, snakeCase } from '../rules';
import { stringValue, type Token } from '../tokenizer';
import { classifyTokens } from '../values';
import type { ExtractionCollector } from './collector';
import type { TokenCursor } from './cursor';
import type { CodeFlavor } from './flavor';
import { type GroupTracker, isStatementLevel } from './groups';
import { annotationEnd, elementRange, readValue, statementRange } from './spans';

/** Calls whose first string argument names a key and whose second sets it: `put("enable_search", true)`. */
const PUT_LIKE = new Set([
  'put',
  'putIfAbsent',
  'putOpt',
  'set',
  'setdefault',
  'add',
  'addProperty',
  'append',
  'param',
  'parameter',
  'addParameter',
  'setParameter',
  'withParameter',
  'option',
  'setOption',
  'WithJSONSet',
  'withExtraBody',
  'extraBody',
  'header',
]);
/** And the names client libraries give such calls: `WithExtraField`, `setExtraParam`, `addBodyParameter`, `withCustomOption`. */
const PUT_LIKE_NAME = /^(?:with|set|add|put)_?(?:extra|custom|additional|body|request|json)_?(?:field|param|parameter|option|property|body|value|arg)s?$/i;

function isPutLike(callee: string): boolean {
  return PUT_LIKE.has(callee) || PUT_LIKE_NAME.test(callee);
}

/** Calls that take key, value, key, value…: `Map.of("enable_search", true)`. */
const PAIRS_LIKE = new Set(['of', 'mapOf', 'hashMapOf', 'mutableMapOf', 'entry', 'Pair', 'ImmutableMap', 'pair', 'hash']);
const TYPE_NAMES = new Set([
  'boolean', 'bool', 'Boolean', 'string', 'String', 'str', 'number', 'Number', 'int', 'Int', 'Integer', 'float', 'Float', 'double',
  'Double', 'long', 'Long', 'any', 'unknown', 'object', 'Optional', 'Union', 'Literal', 'List', 'Dict', 'Any', 'never', 'undefined',
]);
/** Words that declare a name whose value does not change. */
const CONSTANT_WORDS = new Set(['const', 'final', 'val', 'readonly']);
/** Kotlin words before `{` that open a plain block, whose calls have no implicit receiver to configure. */
const KOTLIN_CONTROL_WORDS = new Set(['else', 'try', 'finally', 'do', 'init', 'object', 'companion', 'when', 'get', 'set', 'constructor', 'runBlocking', 'launch', 'async', 'thread']);
/** Longer "keys" are prose or data, not parameter names. */
const MAX_KEY_LENGTH = 120;

const relevantCache = new Map<string, boolean>();

/** Whether a key can matter to a rule, so its value is worth reading. */
function isRelevantKey(key: string): boolean {
  let relevant = relevantCache.get(key);
  if (relevant === undefined) {
    relevant = key === 'type' || key === 'model' || parameterRule(key) !== undefined;
    if (relevantCache.size < 10_000) relevantCache.set(key, relevant);
  }
  return relevant;
}

/** A possible key: the identifier or string at `index`, its neighbours and the group it is in. */
interface KeySite {
  readonly index: number;
  readonly token: Token;
  readonly key: string;
  /** The next token that is not a line break: what the key is followed by (`=`, `:`, `(`, `,`…). */
  readonly opIndex: number;
  readonly op: Token;
  /** The previous token that is not a line break. */
  readonly prevIndex: number;
  readonly prev: Token | undefined;
  readonly group: Group;
}

export class KeyValueReader {
  constructor(
    private readonly cursor: TokenCursor,
    private readonly groups: GroupTracker,
    private readonly out: ExtractionCollector,
    private readonly flavor: CodeFlavor,
  ) {}

  /** Reads what the identifier or string at i sets or declares, if anything. */
  read(i: number): void {
    const { tokens } = this.cursor;
    const token = tokens[i]!;
    const group = this.groups.current;
    const opIndex = this.cursor.nextSig(i);
    const op = tokens[opIndex];
    if (!op) {
      return;
    }
    const prevIndex = this.cursor.prevSig(i);
    const key = this.cursor.keyText(token);
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      return;
    }
    const site: KeySite = { index: i, token, key, opIndex, op, prevIndex, prev: tokens[prevIndex], group };
    if (op.kind === 'p' && op.text === '=') {
      this.assignment(site);
      return;
    }
    if (op.kind === 'p' && op.text === ':') {
      this.colon(site);
      return;
    }
    if (this.builderCall(site)) {
      return;
    }
    if (token.kind === 'str') {
      this.stringKey(site);
      return;
    }
    this.shorthandProperty(site);
  }

  /** `key = value`: a kwarg, a property, a member, a statement, or a default. */
  private assignment(s: KeySite): void {
    const { token: t, key, opIndex: oi, prev, group: g } = s;
    if (prev?.text === '.') {
      this.memberAssignment(s);
      return;
    }
    if (g.kind === 'call') {
      this.noteKey(g, key, oi + 1);
      if (isRelevantKey(key) || g.isPattern) {
        const [v, after] = this.value(oi + 1, g);
        if (g.isPattern) {
          this.out.define(key, { kind: 'argument', name: key, valueText: v.text, offset: t.start });
        } else {
          this.pair(s, 'key', 'kwarg', v, g, this.asElement(s, after, v));
        }
      }
      return;
    }
    if (g.kind === 'object' && (this.flavor === 'toml' || this.flavor === 'generic')) {
      this.noteKey(g, key, oi + 1);
      if (isRelevantKey(key)) {
        const [v, after] = this.value(oi + 1, g);
        this.pair(s, 'key', 'property', v, g, this.asElement(s, after, v));
      }
      return;
    }
    if (g.kind === 'object' && this.flavor === 'javascript') {
      // `{ enable_search = true }` only occurs in destructuring: a default, not a setting.
      const [v] = this.value(oi + 1, g);
      this.out.define(key, { kind: 'argument', name: key, valueText: v.text, offset: t.start });
      return;
    }
    if (isStatementLevel(g) || (g.kind === 'object' && this.flavor === 'go')) {
      this.statementAssignment(s);
    }
  }

  /** `obj.key = value` sets; `self.key = value` (or `this.`, `cls.`) defines a variable. */
  private memberAssignment(s: KeySite): void {
    const { token: t, key, opIndex: oi, prevIndex: pi, group: g } = s;
    const obj = this.cursor.tokens[this.cursor.prevSig(pi)];
    const relevant = isRelevantKey(key);
    if (obj?.kind === 'id' && (obj.text === 'self' || obj.text === 'this' || obj.text === 'cls')) {
      if (relevant) {
        const [v] = this.value(oi + 1, g);
        this.out.define(key, { kind: 'variable', name: `${obj.text}.${key}`, valueText: v.text, offset: t.start });
      }
    } else if (relevant) {
      const [v, after] = this.value(oi + 1, g);
      this.pair(s, 'key', 'member', v, g, this.asStatement(s, after, v));
    }
  }

  /** `key = value` as a statement: a TOML assignment, a shell variable, a Kotlin builder property, or a variable. */
  private statementAssignment(s: KeySite): void {
    const { token: t, key, opIndex: oi, op, prev, group: g } = s;
    if (this.flavor === 'toml') {
      this.noteKey(g, key, oi + 1);
      if (isRelevantKey(key)) {
        const [v, after] = this.value(oi + 1, g);
        this.pair(s, 'key', 'assign', v, g, this.asStatement(s, after, v));
      }
      return;
    }
    if (this.flavor === 'shell' && t.kind === 'id' && op.start === t.end) {
      if (parameterRule(key, 'env')) {
        const [v, after] = this.value(oi + 1, g);
        this.pair(s, 'env', 'env', v, g, this.asStatement(s, after, v));
      }
      return;
    }
    if (this.flavor === 'kotlin' && g.kind === 'block' && g.callee !== undefined && !(prev?.kind === 'id' && (prev.text === 'val' || prev.text === 'var'))) {
      if (isRelevantKey(key)) {
        const [v, after] = this.value(oi + 1, g);
        this.pair(s, 'key', 'property', v, g, this.asStatement(s, after, v));
      }
      return;
    }
    const constant = t.kind === 'id' && this.declaresConstant(s.prevIndex);
    if ((isRelevantKey(key) || constant) && t.kind === 'id') {
      const [v] = this.value(oi + 1, g);
      const literal = v.kind === 'bool' || v.kind === 'number' || v.kind === 'string';
      if (constant && !literal && !isRelevantKey(key)) {
        return;
      }
      this.out.define(key, { kind: 'variable', name: key, valueText: v.text, offset: t.start, ...(constant && literal ? { constant: true } : {}) });
    }
  }

  /** `const budget = 10`, `const int budget = 10`, `final int budget`, `val budget`: a name that keeps its value. */
  private declaresConstant(prevIndex: number): boolean {
    const { tokens } = this.cursor;
    const prev = tokens[prevIndex];
    if (prev?.kind !== 'id') {
      return false;
    }
    if (CONSTANT_WORDS.has(prev.text)) {
      return true;
    }
    const before = tokens[this.cursor.prevSig(prevIndex)];
    return before?.kind === 'id' && CONSTANT_WORDS.has(before.text);
  }

  /** `key: value`: an object entry or a named argument, unless it declares a type; in Python, an annotation. */
  private colon(s: KeySite): void {
    const { token: t, key, opIndex: oi, prev, group: g } = s;
    if (prev?.text === '?' || prev?.text === 'case') {
      return;
    }
    const objectKey = g.kind === 'object' && (this.flavor !== 'python' || t.kind === 'str');
    const namedArg = g.kind === 'call' && this.flavor === 'generic' && t.kind === 'id';
    if (objectKey || namedArg) {
      this.noteKey(g, key, oi + 1);
      if (!isRelevantKey(key)) {
        return;
      }
      const [v, after] = this.value(oi + 1, g);
      if (this.declaresType(s, v, after)) {
        return;
      }
      this.pair(s, 'key', namedArg ? 'kwarg' : 'property', v, g, this.asElement(s, after, v));
      return;
    }
    if (this.flavor === 'python' && t.kind === 'id' && (isStatementLevel(g) || g.isPattern)) {
      // An annotation: `enable_search: bool = True` declares a default; without `=` it declares nothing.
      const k = annotationEnd(this.cursor, oi);
      if (this.cursor.tokens[k]?.text === '=' && isRelevantKey(key)) {
        const [v] = this.value(k + 1, g);
        this.out.define(key, { kind: g.isPattern ? 'argument' : 'variable', name: key, valueText: v.text, offset: t.start });
      }
    }
  }

  /** `enable_search: boolean` (a TypeScript type) or `enable_search: bool = True` declares, it does not set. */
  private declaresType(s: KeySite, v: ValueInfo, after: number): boolean {
    const t = s.token;
    if (t.kind === 'id' && this.flavor !== 'json' && v.kind === 'ident' && TYPE_NAMES.has(v.text)) {
      return true;
    }
    return (
      this.cursor.tokens[after]?.text === '=' ||
      (t.kind === 'id' && this.flavor === 'javascript' && v.kind === 'expr' && /^[A-Z]?[a-z]+(?:\s*[|<[]|$)/.test(v.text) && TYPE_NAMES.has(v.text.split(/[\s|<[]/)[0] ?? ''))
    );
  }

  /** Builders: `.enableSearch(true)`, `.withEnableSearch(true)`, `.n(2)`. Returns whether the site has a builder's shape. */
  private builderCall(s: KeySite): boolean {
    const { token: t, key, index: i, opIndex: oi, op, prev, group: g } = s;
    if (!(op.kind === 'p' && op.text === '(' && t.kind === 'id' && oi === i + 1)) {
      return false;
    }
    const dotted = prev?.text === '.';
    if (!dotted && !this.implicitReceiverCall(s)) {
      return false;
    }
    if (parameterRule(key, 'builder')) {
      // The argument list: a line break does not end the value.
      const [v, after] = readValue(this.cursor, oi + 1, false);
      const close = this.cursor.tokens[after];
      if (v.kind !== 'empty' && close?.text === ')') {
        const from = dotted ? prev.start : t.start;
        this.out.addPair(s.token, s.key, 'builder', 'builder', v, g, [from, close.end], dotted ? this.receiverOf(s.prevIndex) : undefined);
      }
    }
    return true;
  }

  /**
   * Kotlin's scope functions and DSL blocks call the builder without naming it: `builder().apply { enableSearch(true) }`,
   * `x?.also { enableSearch(it) }` inside such a block. A call that starts a statement in a block opened after a name
   * (not a control word) is a builder call on the block's receiver.
   */
  private implicitReceiverCall(s: KeySite): boolean {
    const { index: i, prev, group: g } = s;
    if (this.flavor !== 'kotlin' || g.kind !== 'block' || g.callee === undefined || KOTLIN_CONTROL_WORDS.has(g.callee)) {
      return false;
    }
    return this.cursor.tokens[i - 1]?.kind === 'nl' || prev?.text === '{' || prev?.text === ';' || prev?.text === '->';
  }

  /** The name a call at `.name(` is made on: `options` in `options.setX(…)`, `getSearchOptions` in `q.getSearchOptions().setX(…)`. */
  private receiverOf(dotIndex: number): string | undefined {
    const { tokens } = this.cursor;
    let k = this.cursor.prevSig(dotIndex);
    if (tokens[k]?.text === ')') {
      // Back to the matching `(`, a bounded walk: receivers are short.
      let depth = 0;
      for (let steps = 0; k >= 0 && steps < 64; steps++, k--) {
        const text = tokens[k]!.text;
        if (tokens[k]!.kind !== 'p') continue;
        if (text === ')') depth++;
        else if (text === '(' && --depth === 0) break;
      }
      k = this.cursor.prevSig(k);
    }
    const t = tokens[k];
    return t?.kind === 'id' ? t.text : undefined;
  }

  /** A string key: `put("enable_search", true)`, `Map.of(…)`, `x["enable_search"] = True`, `"enable_search" to true`. */
  private stringKey(s: KeySite): void {
    const { key, opIndex: oi, op, prev, group: g } = s;
    if (op.kind === 'p' && op.text === ',' && g.kind === 'call' && g.callee) {
      const first = prev?.text === '(';
      if ((isPutLike(g.callee) && first) || PAIRS_LIKE.has(g.callee)) {
        this.noteKey(g, key, this.cursor.nextSig(oi));
        if (isRelevantKey(key)) {
          const [v, after] = this.value(oi + 1, g);
          // A put-like call is a statement of its own: nothing to remove inside it.
          const remove: [number, number] = isPutLike(g.callee) ? [-1, -1] : this.asElement(s, after, v);
          this.pair(s, 'key', 'call', v, g, remove);
        }
      }
      return;
    }
    if (op.kind === 'p' && op.text === ']' && g.kind === 'subscript' && prev?.text === '[' && this.cursor.tokens[oi + 1]?.text === '=') {
      if (isRelevantKey(key)) {
        // The setting belongs to the group the subscripted object is in.
        const parent = this.groups.parentOf(g);
        const [v, after] = this.value(oi + 2, parent);
        this.pair(s, 'key', 'subscript', v, parent, this.asStatement(s, after, v));
      }
      return;
    }
    // Kotlin `"enable_search" to true`, PHP/Ruby `"enable_search" => true`
    if ((op.kind === 'id' && op.text === 'to' && this.flavor === 'kotlin') || (op.text === '=>' && this.flavor === 'generic')) {
      this.noteKey(g, key, oi + 1);
      if (isRelevantKey(key)) {
        const [v, after] = this.value(oi + 1, g);
        this.pair(s, 'key', 'property', v, g, this.asElement(s, after, v));
      }
    }
  }

  /** JavaScript shorthand properties: `{ enable_search }`. */
  private shorthandProperty(s: KeySite): void {
    const { token: t, key, index: i, op, prev, group: g } = s;
    if (this.flavor === 'javascript' && g.kind === 'object' && (prev?.text === '{' || prev?.text === ',') && (op.text === ',' || op.text === '}')) {
      addKey(g, snakeCase(key));
      if (parameterRule(key)) {
        const v = classifyTokens(this.cursor.text, this.cursor.tokens, i, i + 1);
        this.pair(s, 'key', 'property', v, g, elementRange(this.cursor, i, i + 1, t.end));
      }
    }
  }

  /** Records that g sets key; a literal model (`model="qwen-plus"`) is remembered on the group. */
  private noteKey(g: Group, key: string, valueIdx: number): void {
    const snake = snakeCase(key);
    addKey(g, snake);
    if (snake === 'model') {
      const { tokens } = this.cursor;
      const t = tokens[valueIdx < this.cursor.length && tokens[valueIdx]!.kind === 'nl' ? this.cursor.nextSig(valueIdx) : valueIdx];
      if (t?.kind === 'str') {
        g.model = stringValue(this.cursor.text, t);
      }
    }
  }

  private value(j: number, g: Group): [ValueInfo, number] {
    return readValue(this.cursor, j, isStatementLevel(g));
  }

  private asElement(s: KeySite, after: number, v: ValueInfo): [number, number] {
    return elementRange(this.cursor, s.index, after, v.end);
  }

  private asStatement(s: KeySite, after: number, v: ValueInfo): [number, number] {
    return statementRange(this.cursor, s.token.start, after, v.end);
  }

  private pair(s: KeySite, how: Pair['how'], form: PairForm, value: ValueInfo, g: Group, remove: [number, number]): void {
    this.out.addPair(s.token, s.key, how, form, value, g, remove);
  }
}
