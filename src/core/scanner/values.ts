// Reading a value: a literal (`True`, `false`, `3`, `"agent"`), a literal in a wrapper
// (`openai.Bool(true)`, `Boolean.valueOf(true)`), or something decided at run time, with where it comes from.
import type { ValueSource } from './finding';
import type { ValueInfo } from './pairs';
import { stringValue, type Token } from './tokenizer';

const TRUE_WORDS = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const NULL_WORDS = new Set(['null', 'None', 'nil', 'undefined', 'NULL', 'Null', '~']);
/** Calls that only wrap a literal: pointer helpers, boxing, optionals. */
const WRAPPER = /^(?:bool|boolean|boolptr|int|int32|int64|float64|ptr|toptr|to_ptr|pointer|new|of|opt|newopt|some|optional|ref|valueof|box|just|param|f|string)$/i;
const MAX_TEXT = 80;

export function boolWord(word: string): boolean | undefined {
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

/** Where a run-time value comes from, read from its text. */
export function sourceOf(text: string): ValueSource {
  const env =
    /\bos\.(?:getenv|environ(?:\.get)?)\s*[([]\s*f?["']([^"']+)["']/.exec(text) ??
    /\bprocess\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["']([^"']+)["'])/.exec(text) ??
    /\bimport\.meta\.env\.([A-Za-z_][A-Za-z0-9_]*)/.exec(text) ??
    /\bSystem\.getenv\(\s*"([^"]+)"/.exec(text) ??
    /\bos\.(?:Getenv|LookupEnv)\(\s*"([^"]+)"/.exec(text) ??
    /\bDeno\.env\.get\(\s*["']([^"']+)["']/.exec(text) ??
    /\b(?:getenv|env)\(\s*["']([A-Z][A-Z0-9_]*)["']/.exec(text) ??
    /\$\{\s*([A-Za-z_][A-Za-z0-9_.]*)/.exec(text) ??
    /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(text.trim());
  if (env) {
    return { kind: 'env', name: env[1] ?? env[2] ?? '' };
  }
  if (/\b(?:config|conf|cfg|settings|setting|options|opts|props|properties|params|parameters|args|kwargs|request|req|body|payload|data)\b/i.test(text) || /@Value\b|\bgetProperty\b/.test(text)) {
    return { kind: 'config', text: shorten(text) };
  }
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text.trim())) {
    return { kind: 'variable', name: text.trim() };
  }
  return { kind: 'expression', text: shorten(text) };
}

/** Classifies the value tokens [from, to) of `tokens`. */
export function classifyTokens(text: string, tokens: readonly Token[], from: number, to: number): ValueInfo {
  const first = tokens[from];
  if (!first || to <= from) {
    const at = first?.start ?? 0;
    return { kind: 'empty', start: at, end: at, text: '' };
  }
  const last = tokens[to - 1]!;
  const start = first.start;
  const end = last.end;
  const raw = text.slice(start, end);
  const count = to - from;
  if (count === 1) {
    return literalOf(text, first) ?? identOrExpr(first, raw, start, end);
  }
  // -1, +2
  if (count === 2 && first.kind === 'p' && (first.text === '-' || first.text === '+') && last.kind === 'num') {
    const num = Number(raw.replace(/_/g, ''));
    return { kind: 'number', start, end, text: raw, num, literal: { start, end, text: raw } };
  }
  // Minified booleans: !0 is true, !1 is false.
  if (count === 2 && first.text === '!' && last.kind === 'num' && (last.text === '0' || last.text === '1')) {
    return { kind: 'bool', start, end, text: raw, bool: last.text === '0', literal: { start, end, text: raw } };
  }
  // Boolean.TRUE / java.lang.Boolean.FALSE
  if (last.kind === 'id' && (last.text === 'TRUE' || last.text === 'FALSE') && tokens[to - 2]?.text === '.') {
    return { kind: 'bool', start, end, text: raw, bool: last.text === 'TRUE', literal: { start: last.start, end: last.end, text: last.text } };
  }
  // Go's &trueValue, pointer helpers and boxing: name(.name)*(literal)
  if (last.text === ')' && count >= 4 && tokens[to - 3]?.text === '(') {
    const callee = tokens[to - 4];
    const inner = tokens[to - 2]!;
    let dotted = true;
    for (let k = from; k < to - 3; k++) {
      const t = tokens[k]!;
      if (!(t.kind === 'id' || t.text === '.' || t.text === '&' || t.text === '*')) {
        dotted = false;
      }
    }
    if (dotted && callee?.kind === 'id' && WRAPPER.test(callee.text)) {
      const lit = literalOf(text, inner);
      if (lit) {
        return { ...lit, start, end, text: raw };
      }
    }
  }
  if (first.kind === 'p' && (first.text === '{' || first.text === '[')) {
    return { kind: first.text === '{' ? 'object' : 'array', start, end, text: shorten(raw) };
  }
  return { kind: 'expr', start, end, text: shorten(raw), source: sourceOf(raw) };
}

function identOrExpr(token: Token, raw: string, start: number, end: number): ValueInfo {
  if (token.kind === 'id') {
    return { kind: 'ident', start, end, text: raw, source: sourceOf(raw) };
  }
  if (token.text === '{' || token.text === '[') {
    return { kind: token.text === '{' ? 'object' : 'array', start, end, text: raw };
  }
  return { kind: 'expr', start, end, text: shorten(raw), source: sourceOf(raw) };
}

/** A single literal token, or undefined. */
export function literalOf(text: string, token: Token): ValueInfo | undefined {
  const { start, end } = token;
  const literal = { start, end, text: text.slice(start, end) };
  if (token.kind === 'id') {
    const b = boolWord(token.text);
    if (b !== undefined && !/^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/.test(token.text)) {
      return { kind: 'bool', start, end, text: token.text, bool: b, literal };
    }
    if (NULL_WORDS.has(token.text)) {
      return { kind: 'null', start, end, text: token.text };
    }
    return undefined;
  }
  if (token.kind === 'num') {
    const num = Number(token.text.replace(/_/g, '').replace(/[lLfFdD]$/, ''));
    return { kind: 'number', start, end, text: token.text, num: Number.isNaN(num) ? undefined : num, literal };
  }
  if (token.kind === 'str' && token.quote !== '/' && token.quote !== '<<') {
    const value = stringValue(text, token);
    return { kind: 'string', start, end, text: shorten(text.slice(start, end)), str: value, literal };
  }
  return undefined;
}

/** A plain-text scalar (YAML, .env, properties), at [start, start + raw.length). */
export function classifyScalar(raw: string, start: number): ValueInfo {
  const trimmed = raw.trim();
  const lead = raw.indexOf(trimmed);
  const s = start + Math.max(0, lead);
  const e = s + trimmed.length;
  const literal = { start: s, end: e, text: trimmed };
  if (trimmed === '') {
    return { kind: 'empty', start: s, end: s, text: '' };
  }
  const quoted = /^(["'])(.*)\1$/s.exec(trimmed);
  const inner = quoted ? quoted[2]! : trimmed;
  if (!quoted && NULL_WORDS.has(trimmed)) {
    return { kind: 'null', start: s, end: e, text: trimmed };
  }
  if (/\$\{|^\$[A-Za-z_]/.test(inner)) {
    return { kind: 'expr', start: s, end: e, text: shorten(trimmed), source: sourceOf(inner) };
  }
  const b = boolWord(inner);
  if (b !== undefined) {
    return { kind: 'bool', start: s, end: e, text: trimmed, bool: b, literal };
  }
  if (/^[+-]?\d[\d_]*(?:\.\d+)?$/.test(inner)) {
    return { kind: 'number', start: s, end: e, text: trimmed, num: Number(inner.replace(/_/g, '')), literal };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return { kind: trimmed.startsWith('{') ? 'object' : 'array', start: s, end: e, text: shorten(trimmed) };
  }
  return { kind: 'string', start: s, end: e, text: shorten(trimmed), str: inner, literal };
}
