// The code reader's output: the settings, variables, embedded JSON strings and opaque ranges found on the
// walk, put together at the end into the extraction the rules read.
import type { Extraction, Group, Pair, PairForm, ValueInfo, VariableDef } from '../pairs';
import { CANDIDATE_PATTERN, parameterRule } from '../rules';
import { decodeString, stringValue, type Token } from '../tokenizer';
import type { TokenCursor } from './cursor';
import type { CodeFlavor } from './flavor';
import { isStatementLevel } from './groups';

/**
 * One property line in a string: `"spring.ai.dashscope.chat.options.enable-search=true"`, as Spring tests pass
 * to `withPropertyValues(…)` or `@TestPropertySource`. A dotted key (a bare `enable_search=true` is prose
 * more often than configuration), no spaces in it, then `=` or `:` and a value.
 */
const PROPERTY_LINE = /^[A-Za-z][\w-]*(?:\.[\w-]+|\[\d+\])*\.([A-Za-z][\w-]*)\s*[=:]\s*\S[^\n]*$/;
const PROPERTY_FLAVORS: ReadonlySet<CodeFlavor> = new Set<CodeFlavor>(['java', 'kotlin', 'javascript', 'python', 'generic']);

/** Punctuation after which a string is a value (so JSON in it is data the code sends). */
const VALUE_POSITION = /^(?:=|:|\(|,|\[|\+|<<|=>)$/;

export class ExtractionCollector {
  private readonly pairs: Pair[] = [];
  private readonly defs: Extraction['defs'] = new Map();
  private readonly embedded: Extraction['embedded'] = [];
  private readonly opaque: Extraction['opaque'] = [];
  /** The first line break at or after the last string that needed one: strings past it span lines. */
  private nextNewline = -1;

  constructor(
    private readonly cursor: TokenCursor,
    private readonly flavor: CodeFlavor,
  ) {}

  addPair(keyTok: Token, key: string, how: Pair['how'], form: PairForm, value: ValueInfo, g: Group, remove: [number, number], receiver?: string): void {
    this.pairs.push({
      key, keyStart: keyTok.start, keyEnd: keyTok.end, how, form, value, group: g.id, removeStart: remove[0], removeEnd: remove[1],
      ...(receiver !== undefined ? { receiver } : {}),
    });
  }

  /** A variable or argument a dynamic value may come from; a later definition of the same name wins. */
  define(name: string, def: VariableDef): void {
    this.defs.set(name, def);
  }

  /** The string token at i, inside group g: a multi-line string is opaque, and JSON in it may be read too. */
  noteString(i: number, g: Group): void {
    const { text } = this.cursor;
    const t = this.cursor.tokens[i]!;
    if (this.nextNewline < t.start) {
      this.nextNewline = text.indexOf('\n', t.start);
      if (this.nextNewline < 0) this.nextNewline = text.length;
    }
    if (this.nextNewline < t.end) {
      this.opaque.push([t.start, t.end]);
    }
    this.maybeEmbedded(i, t, g);
  }

  /** Everything found; pairs in parameter lists and destructuring patterns become defaults, not settings. */
  finish(groups: Group[]): Extraction {
    const kept = this.pairs.filter((p) => {
      const g = groups[p.group]!;
      if (g.isPattern) {
        this.defs.set(p.key, { kind: 'argument', name: p.key, valueText: p.value.text, offset: p.keyStart });
        return false;
      }
      return true;
    });
    return { pairs: kept, groups, defs: this.defs, embedded: this.embedded, opaque: this.opaque };
  }

  /** A string that holds JSON (`'{"enable_search": true}'`) and is used as a value is scanned as well. */
  private maybeEmbedded(i: number, t: Token, g: Group): void {
    if (t.quote === '/' || t.text.length < 8) {
      return;
    }
    if (this.maybeProperty(t)) {
      return;
    }
    if (!CANDIDATE_PATTERN.test(t.text)) {
      return;
    }
    const trimmed = stringValue(this.cursor.text, t).trimStart();
    if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) {
      return;
    }
    const prevRaw = this.cursor.tokens[i - 1];
    let ok: boolean;
    if (this.flavor === 'shell' || t.quote === '<<') {
      ok = true;
    } else if (!prevRaw || prevRaw.kind === 'nl') {
      ok = !isStatementLevel(g);
    } else {
      ok = prevRaw.kind === 'p' ? VALUE_POSITION.test(prevRaw.text) : prevRaw.kind === 'id' && prevRaw.text === 'return';
    }
    if (ok) {
      this.embedded.push(decodeString(this.cursor.text, t));
    }
  }

  /** A string that is one property line naming a rule is read as a properties file of one line. */
  private maybeProperty(t: Token): boolean {
    if (!PROPERTY_FLAVORS.has(this.flavor) || t.quote === '<<' || (t.text.indexOf('=') < 0 && t.text.indexOf(':') < 0)) {
      return false;
    }
    // The value alone first: decodeString's offset map costs an array entry per character, and most strings
    // with a '=' or ':' are not property lines.
    const m = PROPERTY_LINE.exec(stringValue(this.cursor.text, t));
    if (!m || parameterRule(m[1]!) === undefined) {
      return false;
    }
    this.embedded.push({ ...decodeString(this.cursor.text, t), language: 'properties' });
    return true;
  }
}
