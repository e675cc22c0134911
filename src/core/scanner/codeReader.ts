// The reader for bracket-structured languages (Python, JavaScript/TypeScript, Java, Kotlin, Go, JSON,
// TOML, shell and a generic fallback): tokens → groups (calls, objects, arrays) → settings.
import { addKey, type Extraction, type Group, type GroupKind, newGroup, type Pair, type PairForm, type ValueInfo } from './pairs';
import { CANDIDATE_PATTERN, parameterRule, snakeCase } from './rules';
import { lineStartNear } from './text';
import { decodeString, LEX_SPECS, stringValue, type Token, tokenize } from './tokenizer';
import { classifyTokens } from './values';

export type CodeFlavor = 'python' | 'javascript' | 'java' | 'kotlin' | 'go' | 'json' | 'toml' | 'shell' | 'generic';

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
/** Calls that take key, value, key, value…: `Map.of("enable_search", true)`. */
const PAIRS_LIKE = new Set(['of', 'mapOf', 'hashMapOf', 'mutableMapOf', 'entry', 'Pair', 'ImmutableMap', 'pair', 'hash']);
const NOT_CALLEE = new Set(['if', 'while', 'for', 'switch', 'return', 'and', 'or', 'not', 'in', 'catch', 'elif', 'with', 'assert', 'typeof', 'await', 'yield', 'else', 'except', 'lambda', 'sizeof', 'when']);
const DECLARES_PARAMS = new Set(['def', 'function', 'fun', 'func', 'fn']);
const TYPE_NAMES = new Set([
  'boolean', 'bool', 'Boolean', 'string', 'String', 'str', 'number', 'Number', 'int', 'Int', 'Integer', 'float', 'Float', 'double',
  'Double', 'long', 'Long', 'any', 'unknown', 'object', 'Optional', 'Union', 'Literal', 'List', 'Dict', 'Any', 'never', 'undefined',
]);
const MAX_VALUE_TOKENS = 200;

const relevantCache = new Map<string, boolean>();

function isRelevantKey(key: string): boolean {
  let relevant = relevantCache.get(key);
  if (relevant === undefined) {
    relevant = key === 'type' || key === 'model' || parameterRule(key) !== undefined;
    if (relevantCache.size < 10_000) relevantCache.set(key, relevant);
  }
  return relevant;
}

function isOpener(t: Token | undefined): boolean {
  return t?.kind === 'p' && (t.text === '(' || t.text === '[' || t.text === '{');
}

function isCloser(t: Token | undefined): boolean {
  return t?.kind === 'p' && (t.text === ')' || t.text === ']' || t.text === '}');
}

export function readCode(text: string, flavor: CodeFlavor, start = 0, end = text.length): Extraction {
  const spec = flavor === 'javascript' ? LEX_SPECS.javascript : flavor === 'toml' ? LEX_SPECS.toml : LEX_SPECS[flavor];
  const tokens = tokenize(text, spec, start, end);
  const n = tokens.length;
  const groups: Group[] = [];
  const root = newGroup(groups, -1, 'root', 0);
  const stack: Group[] = [root];
  const pairs: Pair[] = [];
  const defs: Extraction['defs'] = new Map();
  const embedded: Extraction['embedded'] = [];
  const opaque: Extraction['opaque'] = [];
  const openers: number[] = [];
  let tomlTable: string | undefined;
  let nextNewline = -1;
  /** Where a statement's line starts; a statement on a huge minified line is not removed (-1). */
  const statementStart = (offset: number): number => lineStartNear(text, offset);

  const nextSig = (i: number): number => {
    let k = i + 1;
    while (k < n && tokens[k]!.kind === 'nl') {
      k++;
    }
    return k;
  };
  const prevSig = (i: number): number => {
    let k = i - 1;
    while (k >= 0 && tokens[k]!.kind === 'nl') {
      k--;
    }
    return k;
  };
  const current = (): Group => stack[stack.length - 1]!;
  const statementLevel = (g: Group): boolean => g.kind === 'root' || g.kind === 'block';

  /** The value starting at token j, to the next separator at this depth; returns [value, index after]. */
  const parseValue = (j: number, g: Group): [ValueInfo, number] => {
    let k = j;
    while (k < n && tokens[k]!.kind === 'nl' && !statementLevel(g)) {
      k++;
    }
    const from = k;
    let depth = 0;
    for (; k < n && k - from < MAX_VALUE_TOKENS; k++) {
      const t = tokens[k]!;
      if (t.kind === 'nl') {
        if (depth === 0 && statementLevel(g)) {
          break;
        }
        continue;
      }
      if (isOpener(t)) {
        depth++;
      } else if (isCloser(t)) {
        if (depth === 0) {
          break;
        }
        depth--;
      } else if (depth === 0 && t.kind === 'p' && (t.text === ',' || t.text === ';')) {
        break;
      }
    }
    // Trailing newlines are not part of the value.
    let to = k;
    while (to > from && tokens[to - 1]!.kind === 'nl') {
      to--;
    }
    let hasNewline = false;
    for (let x = from; x < to; x++) {
      if (tokens[x]!.kind === 'nl') {
        hasNewline = true;
        break;
      }
    }
    if (!hasNewline) {
      return [classifyTokens(text, tokens, from, to), k];
    }
    const sig = tokens.slice(from, to).filter((t) => t.kind !== 'nl');
    return [classifyTokens(text, sig, 0, sig.length), k];
  };

  /** What "remove it" deletes for an element of a list: the element plus one neighbouring comma. */
  const elementRange = (startTok: number, valueEndIdx: number, valueEnd: number): [number, number] => {
    let s = tokens[startTok]!.start;
    let e = valueEnd;
    const after = valueEndIdx < n && tokens[valueEndIdx]?.kind === 'nl' ? nextSig(valueEndIdx - 1) : valueEndIdx;
    const next = tokens[after];
    if (next?.kind === 'p' && next.text === ',') {
      e = next.end;
      while (e < text.length && (text[e] === ' ' || text[e] === '\t')) {
        e++;
      }
    } else {
      const before = tokens[prevSig(startTok)];
      if (before?.kind === 'p' && before.text === ',') {
        s = before.start;
      }
    }
    return [s, e];
  };

  const statementRange = (startOffset: number, valueEndIdx: number, valueEnd: number): [number, number] => {
    if (startOffset < 0) {
      return [-1, -1];
    }
    const next = tokens[valueEndIdx];
    const e = next?.kind === 'p' && next.text === ';' ? next.end : valueEnd;
    return [startOffset, e];
  };

  const addPair = (
    keyTok: Token,
    key: string,
    how: Pair['how'],
    form: PairForm,
    value: ValueInfo,
    g: Group,
    remove: [number, number],
  ): void => {
    pairs.push({ key, keyStart: keyTok.start, keyEnd: keyTok.end, how, form, value, group: g.id, removeStart: remove[0], removeEnd: remove[1] });
  };

  const keyText = (t: Token): string => (t.kind === 'str' ? stringValue(text, t) : t.text);

  const noteKey = (g: Group, key: string, valueIdx: number): void => {
    const snake = snakeCase(key);
    addKey(g, snake);
    if (snake === 'model') {
      const t = tokens[valueIdx < n && tokens[valueIdx]!.kind === 'nl' ? nextSig(valueIdx) : valueIdx];
      if (t?.kind === 'str') {
        g.model = stringValue(text, t);
      }
    }
  };

  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.kind === 'nl') {
      continue;
    }
    if (t.kind === 'p') {
      if (isOpener(t)) {
        // TOML table headers: [a.b] and [[a.b]] at the start of a line.
        if (flavor === 'toml' && t.text === '[' && (i === 0 || tokens[i - 1]!.kind === 'nl')) {
          let k = i;
          const parts: string[] = [];
          while (k < n && tokens[k]!.kind !== 'nl') {
            const p = tokens[k]!;
            if (p.kind === 'id' || p.kind === 'str') {
              parts.push(keyText(p));
            }
            k++;
          }
          tomlTable = parts[parts.length - 1];
          root.keys?.clear();
          i = k - 1;
          continue;
        }
        const pi = prevSig(i);
        const prev = tokens[pi];
        let kind: GroupKind;
        let callee: string | undefined;
        let isPattern = false;
        if (t.text === '(') {
          const calls = prev !== undefined && ((prev.kind === 'id' && !NOT_CALLEE.has(prev.text)) || prev.text === ')' || prev.text === ']' || prev.text === '>');
          kind = calls ? 'call' : 'paren';
          callee = prev?.kind === 'id' ? prev.text : undefined;
          const before = tokens[prevSig(pi)];
          if ((prev?.kind === 'id' && DECLARES_PARAMS.has(prev.text)) || (before?.kind === 'id' && DECLARES_PARAMS.has(before.text))) {
            isPattern = true;
          }
        } else if (t.text === '[') {
          kind = prev !== undefined && (prev.kind === 'id' || prev.kind === 'str' || prev.text === ')' || prev.text === ']') && prev.end === t.start ? 'subscript' : 'array';
        } else if (flavor === 'python' || flavor === 'json' || flavor === 'toml') {
          kind = 'object';
        } else if (flavor === 'java') {
          kind = 'block';
        } else if (
          prev === undefined ||
          prev.text === ')' ||
          prev.text === '=>' ||
          prev.text === '->' ||
          prev.text === ';' ||
          prev.text === '{' ||
          prev.text === '}' ||
          (prev.kind === 'id' && /^(?:else|try|do|finally|struct|interface|class|enum|object|companion|init|apply|also|run|with|let)$/.test(prev.text)) ||
          (flavor === 'kotlin' && prev.kind === 'id')
        ) {
          kind = 'block';
          callee = prev?.kind === 'id' ? prev.text : undefined;
        } else {
          kind = 'object';
        }
        // The key this group is the value of: `tools=[`, `"extra_body": {`, `search_options: {`.
        let key: string | undefined;
        // A typed composite literal, `Params: wanx.ImageSynthesisParams{` or `x := &pkg.T{`: look past the type.
        let before = pi;
        if (t.text === '{' && kind === 'object' && prev?.kind === 'id') {
          let k = pi;
          while (k > 0 && (tokens[k]!.kind === 'id' || tokens[k]!.text === '.' || tokens[k]!.text === '&' || tokens[k]!.text === '*' || tokens[k]!.text === ']' || tokens[k]!.text === '[') && pi - k < 12) {
            k = prevSig(k);
          }
          before = k;
        }
        const op = tokens[before];
        if (op && (op.text === '=' || op.text === ':' || op.text === '=>' || op.text === ':=')) {
          const kt = tokens[prevSig(before)];
          if (kt && (kt.kind === 'id' || kt.kind === 'str')) {
            key = keyText(kt);
          }
        } else if (kind === 'call' && callee) {
          key = callee;
        }
        if (flavor === 'toml' && stack.length === 1 && !key) {
          key = tomlTable;
        }
        const g = newGroup(groups, current().id, kind, t.start, key, callee);
        g.isPattern = isPattern || (current().isPattern && kind === 'object');
        stack.push(g);
        openers.push(i);
        continue;
      }
      if (isCloser(t)) {
        if (stack.length > 1) {
          const g = stack.pop()!;
          openers.pop();
          g.end = t.end;
          const after = tokens[nextSig(i)];
          if (flavor === 'javascript' || flavor === 'java' || flavor === 'kotlin' || flavor === 'generic') {
            if ((g.kind === 'call' || g.kind === 'paren') && after && (after.text === '=>' || (after.text === '{' && flavor !== 'kotlin') || after.text === 'throws')) {
              g.isPattern = true;
            }
            if (flavor === 'javascript' && (g.kind === 'object' || g.kind === 'array') && after?.text === '=' && statementLevel(current())) {
              g.isPattern = true;
            }
          }
        }
        continue;
      }
      continue;
    }
    if (t.kind === 'str') {
      if (nextNewline < t.start) {
        nextNewline = text.indexOf('\n', t.start);
        if (nextNewline < 0) nextNewline = text.length;
      }
      if (nextNewline < t.end) {
        opaque.push([t.start, t.end]);
      }
      maybeEmbedded(i, t);
    }
    if (t.kind !== 'id' && t.kind !== 'str') {
      continue;
    }
    const g = current();
    const oi = nextSig(i);
    const op = tokens[oi];
    if (!op) {
      continue;
    }
    const pi = prevSig(i);
    const prev = tokens[pi];
    const key = keyText(t);
    if (key.length === 0 || key.length > 120) {
      continue;
    }

    if (op.kind === 'p' && op.text === '=') {
      if (prev?.text === '.') {
        const obj = tokens[prevSig(pi)];
        const relevant = isRelevantKey(key);
        if (obj?.kind === 'id' && (obj.text === 'self' || obj.text === 'this' || obj.text === 'cls')) {
          if (relevant) {
            const [v] = parseValue(oi + 1, g);
            defs.set(key, { kind: 'variable', name: `${obj.text}.${key}`, valueText: v.text, offset: t.start });
          }
        } else if (relevant) {
          const [v, after] = parseValue(oi + 1, g);
          const lineStart = statementStart(t.start);
          addPair(t, key, 'key', 'member', v, g, statementRange(lineStart, after, v.end));
        }
        continue;
      }
      if (g.kind === 'call') {
        noteKey(g, key, oi + 1);
        if (isRelevantKey(key) || g.isPattern) {
          const [v, after] = parseValue(oi + 1, g);
          if (g.isPattern) {
            defs.set(key, { kind: 'argument', name: key, valueText: v.text, offset: t.start });
          } else {
            addPair(t, key, 'key', 'kwarg', v, g, elementRange(i, after, v.end));
          }
        }
        continue;
      }
      if (g.kind === 'object' && (flavor === 'toml' || flavor === 'generic')) {
        noteKey(g, key, oi + 1);
        if (isRelevantKey(key)) {
          const [v, after] = parseValue(oi + 1, g);
          addPair(t, key, 'key', 'property', v, g, elementRange(i, after, v.end));
        }
        continue;
      }
      if (g.kind === 'object' && flavor === 'javascript') {
        // `{ enable_search = true }` only occurs in destructuring: a default, not a setting.
        const [v] = parseValue(oi + 1, g);
        defs.set(key, { kind: 'argument', name: key, valueText: v.text, offset: t.start });
        continue;
      }
      if (statementLevel(g) || (g.kind === 'object' && (flavor === 'go' || flavor === 'javascript'))) {
        if (flavor === 'toml') {
          noteKey(g, key, oi + 1);
          if (isRelevantKey(key)) {
            const [v, after] = parseValue(oi + 1, g);
            const lineStart = statementStart(t.start);
            addPair(t, key, 'key', 'assign', v, g, statementRange(lineStart, after, v.end));
          }
          continue;
        }
        if (flavor === 'shell' && t.kind === 'id' && op.start === t.end) {
          if (parameterRule(key, 'env')) {
            const [v, after] = parseValue(oi + 1, g);
            const lineStart = statementStart(t.start);
            addPair(t, key, 'env', 'env', v, g, statementRange(lineStart, after, v.end));
          }
          continue;
        }
        if (
          flavor === 'kotlin' &&
          g.kind === 'block' &&
          g.callee !== undefined &&
          !(prev?.kind === 'id' && (prev.text === 'val' || prev.text === 'var'))
        ) {
          if (isRelevantKey(key)) {
            const [v, after] = parseValue(oi + 1, g);
            const lineStart = statementStart(t.start);
            addPair(t, key, 'key', 'property', v, g, statementRange(lineStart, after, v.end));
          }
          continue;
        }
        if (isRelevantKey(key) && t.kind === 'id') {
          const [v] = parseValue(oi + 1, g);
          defs.set(key, { kind: 'variable', name: key, valueText: v.text, offset: t.start });
        }
      }
      continue;
    }

    if (op.kind === 'p' && op.text === ':') {
      if (prev?.text === '?' || prev?.text === 'case') {
        continue;
      }
      const objectKey = g.kind === 'object' && (flavor !== 'python' || t.kind === 'str');
      const namedArg = g.kind === 'call' && flavor === 'generic' && t.kind === 'id';
      if (objectKey || namedArg) {
        noteKey(g, key, oi + 1);
        if (!isRelevantKey(key)) {
          continue;
        }
        const [v, after] = parseValue(oi + 1, g);
        // `enable_search: boolean` (a TypeScript type) or `enable_search: bool = True` declares, it does not set.
        if (t.kind === 'id' && flavor !== 'json' && v.kind === 'ident' && TYPE_NAMES.has(v.text)) {
          continue;
        }
        if (tokens[after]?.text === '=' || (t.kind === 'id' && flavor === 'javascript' && v.kind === 'expr' && /^[A-Z]?[a-z]+(?:\s*[|<[]|$)/.test(v.text) && TYPE_NAMES.has(v.text.split(/[\s|<[]/)[0] ?? ''))) {
          continue;
        }
        addPair(t, key, 'key', namedArg ? 'kwarg' : 'property', v, g, elementRange(i, after, v.end));
        continue;
      }
      if (flavor === 'python' && t.kind === 'id' && (statementLevel(g) || g.isPattern)) {
        // An annotation: `enable_search: bool = True` declares a default; without `=` it declares nothing.
        let k = oi + 1;
        let depth = 0;
        for (; k < n && k - oi < 40; k++) {
          const x = tokens[k]!;
          if (x.kind === 'nl' && depth === 0) {
            break;
          }
          if (isOpener(x)) depth++;
          else if (isCloser(x)) {
            if (depth === 0) break;
            depth--;
          } else if (depth === 0 && (x.text === ',' || x.text === '=')) {
            break;
          }
        }
        if (tokens[k]?.text === '=' && isRelevantKey(key)) {
          const [v] = parseValue(k + 1, g);
          defs.set(key, { kind: g.isPattern ? 'argument' : 'variable', name: key, valueText: v.text, offset: t.start });
        }
      }
      continue;
    }

    // Builders: `.enableSearch(true)`, `.withEnableSearch(true)`, `.n(2)`.
    if (op.kind === 'p' && op.text === '(' && prev?.text === '.' && t.kind === 'id' && oi === i + 1) {
      if (parameterRule(key, 'builder')) {
        const [v, after] = parseValue(oi + 1, { ...g, kind: 'call' });
        const close = tokens[after];
        if (v.kind !== 'empty' && close?.text === ')') {
          addPair(t, key, 'builder', 'builder', v, g, [prev.start, close.end]);
        }
      }
      continue;
    }

    if (t.kind === 'str') {
      // put("enable_search", true) / Map.of("enable_search", true)
      if (op.kind === 'p' && op.text === ',' && g.kind === 'call' && g.callee) {
        const first = prev?.text === '(';
        if ((PUT_LIKE.has(g.callee) && first) || PAIRS_LIKE.has(g.callee)) {
          noteKey(g, key, nextSig(oi));
          if (isRelevantKey(key)) {
            const [v, after] = parseValue(oi + 1, g);
            const remove: [number, number] = PUT_LIKE.has(g.callee) ? [-1, -1] : elementRange(i, after, v.end);
            addPair(t, key, 'key', 'call', v, g, remove);
          }
        }
        continue;
      }
      // x["enable_search"] = True
      if (op.kind === 'p' && op.text === ']' && g.kind === 'subscript' && prev?.text === '[' && tokens[oi + 1]?.text === '=') {
        if (isRelevantKey(key)) {
          const parent = groups[g.parent] ?? root;
          const [v, after] = parseValue(oi + 2, parent);
          const lineStart = statementStart(t.start);
          addPair(t, key, 'key', 'subscript', v, parent, statementRange(lineStart, after, v.end));
        }
        continue;
      }
      // Kotlin `"enable_search" to true`, PHP/Ruby `"enable_search" => true`
      if ((op.kind === 'id' && op.text === 'to' && flavor === 'kotlin') || (op.text === '=>' && flavor === 'generic')) {
        noteKey(g, key, oi + 1);
        if (isRelevantKey(key)) {
          const [v, after] = parseValue(oi + 1, g);
          addPair(t, key, 'key', 'property', v, g, elementRange(i, after, v.end));
        }
      }
      continue;
    }

    // JavaScript shorthand properties: { enable_search }
    if (flavor === 'javascript' && g.kind === 'object' && (prev?.text === '{' || prev?.text === ',') && (op.text === ',' || op.text === '}')) {
      addKey(g, snakeCase(key));
      if (parameterRule(key)) {
        const v = classifyTokens(text, tokens, i, i + 1);
        addPair(t, key, 'key', 'property', v, g, elementRange(i, i + 1, t.end));
      }
    }
  }

  // Pairs inside parameter lists and destructuring patterns are defaults, not settings.
  const kept = pairs.filter((p) => {
    const g = groups[p.group]!;
    if (g.isPattern) {
      defs.set(p.key, { kind: 'argument', name: p.key, valueText: p.value.text, offset: p.keyStart });
      return false;
    }
    return true;
  });
  for (const g of groups) {
    if (g.end === g.start) {
      g.end = end;
    }
  }
  return { pairs: kept, groups, defs, embedded, opaque };

  function maybeEmbedded(i: number, t: Token): void {
    if (t.quote === '/' || t.text.length < 8 || !CANDIDATE_PATTERN.test(t.text)) {
      return;
    }
    const decoded = decodeString(text, t);
    const trimmed = decoded.value.trimStart();
    if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) {
      return;
    }
    const prevRaw = tokens[i - 1];
    const g = current();
    let ok: boolean;
    if (flavor === 'shell' || t.quote === '<<') {
      ok = true;
    } else if (!prevRaw || prevRaw.kind === 'nl') {
      ok = !statementLevel(g);
    } else {
      ok = prevRaw.kind === 'p' ? /^(?:=|:|\(|,|\[|\+|<<|=>)$/.test(prevRaw.text) : prevRaw.kind === 'id' && prevRaw.text === 'return';
    }
    if (ok) {
      embedded.push(decoded);
    }
  }
}
