// The code reader's context: which call, object, array or block each token sits in, the key a group is
// the value of, TOML tables, and which groups are parameter lists or destructuring patterns (whose
// "settings" are defaults).
import { type Group, type GroupKind, newGroup } from '../pairs';
import type { Token } from '../tokenizer';
import type { TokenCursor } from './cursor';
import type { CodeFlavor } from './flavor';

/** Words before `(` that make it a condition or an expression, not a call. */
const NOT_CALLEE = new Set(['if', 'while', 'for', 'switch', 'return', 'and', 'or', 'not', 'in', 'catch', 'elif', 'with', 'assert', 'typeof', 'await', 'yield', 'else', 'except', 'lambda', 'sizeof', 'when']);
const DECLARES_PARAMS = new Set(['def', 'function', 'fun', 'func', 'fn']);
/** Words before `{` that open a block of statements rather than an object literal. */
const OPENS_BLOCK = /^(?:else|try|do|finally|struct|interface|class|enum|object|companion|init|apply|also|run|with|let)$/;
/** How far back a composite literal's type (`&pkg.Type{`) is looked past for the key it is the value of. */
const MAX_TYPE_TOKENS = 12;

/** Where statements go (the file, a function body): a line break ends a value there. */
export function isStatementLevel(g: Group): boolean {
  return g.kind === 'root' || g.kind === 'block';
}

interface Opening {
  readonly kind: GroupKind;
  readonly callee?: string;
  /** A parameter list: `def f(`, `function f(`. */
  readonly declaresParams: boolean;
}

export class GroupTracker {
  readonly groups: Group[] = [];
  readonly root: Group;
  private readonly stack: Group[];
  /** The last name of the TOML table header in force: `[tool.qwen]` → `qwen`. */
  private tomlTable: string | undefined;
  /** The bracket that opened each group, by group id. */
  private readonly openedAt: number[] = [];
  /** The last group closed and the index of its closing bracket: what a `{` right after it follows. */
  private lastClosed: { readonly group: Group; readonly at: number } | undefined;

  constructor(
    private readonly cursor: TokenCursor,
    private readonly flavor: CodeFlavor,
  ) {
    this.root = newGroup(this.groups, -1, 'root', 0);
    this.stack = [this.root];
  }

  /** The innermost open group. */
  get current(): Group {
    return this.stack[this.stack.length - 1]!;
  }

  /** The group holding g (the root for the root itself). */
  parentOf(g: Group): Group {
    return this.groups[g.parent] ?? this.root;
  }

  /** Whether the `[` at i starts a TOML table header (`[a.b]`, `[[a.b]]` at the start of a line). */
  startsTomlHeader(i: number): boolean {
    return this.flavor === 'toml' && this.cursor.tokens[i]!.text === '[' && (i === 0 || this.cursor.tokens[i - 1]!.kind === 'nl');
  }

  /** Enters the TOML table whose header starts at i; returns the index of the header's last token. */
  readTomlHeader(i: number): number {
    const { tokens, length: n } = this.cursor;
    let k = i;
    const parts: string[] = [];
    while (k < n && tokens[k]!.kind !== 'nl') {
      const p = tokens[k]!;
      if (p.kind === 'id' || p.kind === 'str') {
        parts.push(this.cursor.keyText(p));
      }
      k++;
    }
    this.tomlTable = parts[parts.length - 1];
    // Top-level keys seen so far belong to the previous table.
    this.root.keys?.clear();
    return k - 1;
  }

  /** Opens the group whose bracket is at i. */
  open(i: number): void {
    const t = this.cursor.tokens[i]!;
    const pi = this.cursor.prevSig(i);
    const prev = this.cursor.tokens[pi];
    const { kind, callee, declaresParams } = this.opening(t, prev, pi);
    // An initialiser is the value of what `new T()` is assigned to: `Parameters = new T() {`.
    const initialiser = kind === 'object' ? this.initialiserStart(prev, pi) : undefined;
    let key = initialiser !== undefined ? this.keyBefore(initialiser) : this.keyOf(t, kind, callee, prev, pi);
    if (this.flavor === 'toml' && this.stack.length === 1 && !key) {
      key = this.tomlTable;
    }
    const parent = this.current;
    const g = newGroup(this.groups, parent.id, kind, t.start, key, callee);
    this.openedAt[g.id] = i;
    // An object inside a pattern is destructuring too: `function f({ a = 1 })`.
    g.isPattern = declaresParams || (parent.isPattern && kind === 'object');
    this.stack.push(g);
  }

  /** Closes the innermost group at the bracket at i; a stray closer closes nothing. */
  close(i: number): void {
    if (this.stack.length <= 1) {
      return;
    }
    const t = this.cursor.tokens[i]!;
    const g = this.stack.pop()!;
    g.end = t.end;
    this.lastClosed = { group: g, at: i };
    const after = this.cursor.tokens[this.cursor.nextSig(i)];
    const flavor = this.flavor;
    if (flavor === 'javascript' || flavor === 'java' || flavor === 'kotlin' || flavor === 'generic') {
      // What follows the closer tells a parameter list from a call: `(a = 1) => …`, `f(int n) { … }`.
      if ((g.kind === 'call' || g.kind === 'paren') && after && (after.text === '=>' || (after.text === '{' && flavor !== 'kotlin') || after.text === 'throws')) {
        g.isPattern = true;
      }
      // `const { a = 1 } = options`, `[a = 1] = list`: destructuring.
      if (flavor === 'javascript' && (g.kind === 'object' || g.kind === 'array') && after?.text === '=' && isStatementLevel(this.current)) {
        g.isPattern = true;
      }
    }
  }

  /** Groups still open at the end run to the end of the text read. */
  finish(end: number): void {
    for (const g of this.groups) {
      if (g.end === g.start) {
        g.end = end;
      }
    }
  }

  /** What kind of group the bracket t opens, judged by the token before it. */
  private opening(t: Token, prev: Token | undefined, pi: number): Opening {
    const flavor = this.flavor;
    if (t.text === '(') {
      const calls = prev !== undefined && ((prev.kind === 'id' && !NOT_CALLEE.has(prev.text)) || prev.text === ')' || prev.text === ']' || prev.text === '>');
      const before = this.cursor.tokens[this.cursor.prevSig(pi)];
      return {
        kind: calls ? 'call' : 'paren',
        callee: prev?.kind === 'id' ? prev.text : undefined,
        declaresParams: (prev?.kind === 'id' && DECLARES_PARAMS.has(prev.text)) || (before?.kind === 'id' && DECLARES_PARAMS.has(before.text)),
      };
    }
    if (t.text === '[') {
      const subscript = prev !== undefined && (prev.kind === 'id' || prev.kind === 'str' || prev.text === ')' || prev.text === ']') && prev.end === t.start;
      return { kind: subscript ? 'subscript' : 'array', declaresParams: false };
    }
    if (flavor === 'python' || flavor === 'json' || flavor === 'toml') {
      return { kind: 'object', declaresParams: false };
    }
    if (flavor === 'java') {
      return { kind: 'block', declaresParams: false };
    }
    if (this.initialiserStart(prev, pi) !== undefined) {
      return { kind: 'object', declaresParams: false };
    }
    if (
      prev === undefined ||
      prev.text === ')' ||
      prev.text === '=>' ||
      prev.text === '->' ||
      prev.text === ';' ||
      prev.text === '{' ||
      prev.text === '}' ||
      (prev.kind === 'id' && OPENS_BLOCK.test(prev.text)) ||
      (flavor === 'kotlin' && prev.kind === 'id')
    ) {
      return { kind: 'block', callee: prev?.kind === 'id' ? prev.text : undefined, declaresParams: false };
    }
    return { kind: 'object', declaresParams: false };
  }

  /**
   * Where the expression that a `{` after the bracket at pi initialises starts, when that `{` opens a literal rather than a block: a C# object initialiser after a
   * constructor call (`new TextGenerationParameters() { EnableSearch = true }`), or a Go anonymous struct's
   * value (`struct{ EnableSearch bool }{ EnableSearch: true }`).
   */
  private initialiserStart(prev: Token | undefined, pi: number): number | undefined {
    const closed = this.lastClosed;
    if (!prev || !closed || closed.at !== pi) {
      return undefined;
    }
    const { tokens } = this.cursor;
    const opener = this.openedAt[closed.group.id];
    if (opener === undefined) {
      return undefined;
    }
    let k = this.cursor.prevSig(opener);
    if (this.flavor === 'go') {
      return prev.text === '}' && tokens[k]?.text === 'struct' ? k : undefined;
    }
    if (this.flavor !== 'generic' || prev.text !== ')') {
      return undefined;
    }
    // Back over the type's name, its namespace and its type arguments to `new`.
    for (let steps = 0; k >= 0 && steps < MAX_TYPE_TOKENS; steps++) {
      const tk = tokens[k]!;
      if (tk.kind === 'id' && tk.text === 'new') {
        return k;
      }
      if (!(tk.kind === 'id' || tk.text === '.' || tk.text === '<' || tk.text === '>' || tk.text === ',' || tk.text === '?')) {
        return undefined;
      }
      k = this.cursor.prevSig(k);
    }
    return undefined;
  }

  /** The key assigned just before the token at k: `Parameters =` before `new T() {`. */
  private keyBefore(k: number): string | undefined {
    const { tokens } = this.cursor;
    const op = tokens[this.cursor.prevSig(k)];
    if (op && (op.text === '=' || op.text === ':' || op.text === ':=')) {
      const kt = tokens[this.cursor.prevSig(this.cursor.prevSig(k))];
      return kt && (kt.kind === 'id' || kt.kind === 'str') ? this.cursor.keyText(kt) : undefined;
    }
    return undefined;
  }

  /** The key this group is the value of: `tools=[`, `"extra_body": {`, `search_options: {`, or a call's name. */
  private keyOf(t: Token, kind: GroupKind, callee: string | undefined, prev: Token | undefined, pi: number): string | undefined {
    const { tokens } = this.cursor;
    // A typed composite literal, `Params: wanx.ImageSynthesisParams{` or `x := &pkg.T{`: look past the type.
    let before = pi;
    if (t.text === '{' && kind === 'object' && prev?.kind === 'id') {
      let k = pi;
      while (k > 0 && (tokens[k]!.kind === 'id' || tokens[k]!.text === '.' || tokens[k]!.text === '&' || tokens[k]!.text === '*' || tokens[k]!.text === ']' || tokens[k]!.text === '[') && pi - k < MAX_TYPE_TOKENS) {
        k = this.cursor.prevSig(k);
      }
      before = k;
    }
    const op = tokens[before];
    if (op && (op.text === '=' || op.text === ':' || op.text === '=>' || op.text === ':=')) {
      const kt = tokens[this.cursor.prevSig(before)];
      return kt && (kt.kind === 'id' || kt.kind === 'str') ? this.cursor.keyText(kt) : undefined;
    }
    return kind === 'call' && callee ? callee : undefined;
  }
}
