// One small tokenizer for every C-like, Python-like and shell-like language the scanner reads. It only has
// to find identifiers, strings, numbers and punctuation, and to skip comments, so it is a single linear
// pass with no backtracking: bad input (unterminated strings or comments, binary noise) cannot make it
// slow, it only makes the tokens less meaningful.

export type TokenKind = 'id' | 'str' | 'num' | 'p' | 'nl';

export interface Token {
  readonly kind: TokenKind;
  /** [start, end) in the scanned text; for strings, including prefix and quotes. */
  readonly start: number;
  readonly end: number;
  /** Identifier, number or punctuation text; for strings, the raw text between the quotes. */
  readonly text: string;
  /** Strings: the offset of the first character between the quotes. */
  readonly contentStart?: number;
  /** Strings: no escape sequences apply (raw strings, shell single quotes, heredocs). */
  readonly raw?: boolean;
  /** Strings: the quote, e.g. `"`, `'`, `"""`, `` ` ``, or `<<` for heredocs. */
  readonly quote?: string;
}

export interface LexSpec {
  readonly hashComments: boolean;
  /** `#` starts a comment only at the start of a word (shell, where `a#b` is a word). */
  readonly hashAtWordStart: boolean;
  readonly slashComments: boolean;
  readonly tripleQuotes: boolean;
  /** Backtick strings: JavaScript templates, Go raw strings, or not strings at all. */
  readonly backtick: 'template' | 'raw' | 'none';
  /** Single-quoted strings take no escapes (shell, TOML literal strings). */
  readonly singleQuoteRaw: boolean;
  /** Quoted strings may span lines (shell). */
  readonly multilineQuotes: boolean;
  readonly regexLiterals: boolean;
  readonly stringPrefixes: boolean;
  readonly heredocs: boolean;
}

const BASE: LexSpec = {
  hashComments: false,
  hashAtWordStart: false,
  slashComments: true,
  tripleQuotes: false,
  backtick: 'none',
  singleQuoteRaw: false,
  multilineQuotes: false,
  regexLiterals: false,
  stringPrefixes: false,
  heredocs: false,
};

export const LEX_SPECS = {
  python: { ...BASE, hashComments: true, slashComments: false, tripleQuotes: true, stringPrefixes: true },
  javascript: { ...BASE, backtick: 'template', regexLiterals: true },
  java: { ...BASE, tripleQuotes: true },
  kotlin: { ...BASE, tripleQuotes: true },
  go: { ...BASE, backtick: 'raw' },
  json: { ...BASE },
  toml: { ...BASE, hashComments: true, slashComments: false, tripleQuotes: true, singleQuoteRaw: true },
  shell: {
    ...BASE,
    hashComments: true,
    hashAtWordStart: true,
    slashComments: false,
    singleQuoteRaw: true,
    multilineQuotes: true,
    heredocs: true,
  },
  generic: { ...BASE, hashComments: true, hashAtWordStart: true, backtick: 'template' },
} as const satisfies Record<string, LexSpec>;

/** Character codes the tokenizer compares against. */
const C = {
  Tab: 9,
  Newline: 10,
  CarriageReturn: 13,
  Space: 32,
  Bang: 33,
  DoubleQuote: 34,
  Hash: 35,
  Dollar: 36,
  SingleQuote: 39,
  CloseParen: 41,
  Star: 42,
  Dot: 46,
  Slash: 47,
  Digit0: 48,
  Digit9: 57,
  Less: 60,
  Equals: 61,
  Minus: 45,
  UpperA: 65,
  UpperZ: 90,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  Underscore: 95,
  Backtick: 96,
  LowerA: 97,
  LowerZ: 122,
  CloseBrace: 125,
} as const;

function isIdentStart(c: number): boolean {
  return (c >= C.LowerA && c <= C.LowerZ) || (c >= C.UpperA && c <= C.UpperZ) || c === C.Underscore || c === C.Dollar || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= C.Digit0 && c <= C.Digit9);
}

function isDigit(c: number): boolean {
  return c >= C.Digit0 && c <= C.Digit9;
}

const TWO_CHAR = new Set(['==', '!=', '<=', '>=', '=>', '::', ':=', '+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=', '?.', '??', '?:', '**', '<<', '>>', '&&', '||', '->']);
/** Characters that can be part of a multi-character operator. */
const OPERATOR_CHARS = new Uint8Array(128);
for (const ch of '=!<>:+-*/%|&^?.') OPERATOR_CHARS[ch.charCodeAt(0)] = 1;
const THREE_CHAR = new Set(['===', '!==', '...', '**=', '??=', '<<-']);
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const PY_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/** Tokenises text[start, end). */
/**
 * Receives tokens without building them: for a skim that only needs where brackets open and close (no
 * objects, no garbage). `text` is only given for punctuation.
 */
export type TokenSink = (kind: TokenKind, start: number, end: number, text: string) => void;

/** Tokenises text[start, end); with a sink, reports tokens to it instead of returning them. */
export function tokenize(text: string, spec: LexSpec, start = 0, end = text.length, sink?: TokenSink): Token[] {
  const tokens: Token[] = [];
  // The last significant token, for telling a regex literal from a division.
  let lastKind: TokenKind | undefined;
  let lastText = '';
  let i = start;
  let pendingHeredoc: { word: string; strip: boolean; raw: boolean } | undefined;
  let atWordStart = true;

  const pushString = (s: number, e: number, contentStart: number, contentEnd: number, quote: string, raw: boolean): void => {
    lastKind = 'str';
    if (sink) {
      sink('str', s, e, '');
      return;
    }
    tokens.push({ kind: 'str', start: s, end: e, text: text.slice(contentStart, contentEnd), contentStart, raw, quote });
  };
  // Every token has the same shape, so V8 keeps property access monomorphic.
  const push = (kind: TokenKind, s: number, e: number, t: string): void => {
    if (kind !== 'nl') {
      lastKind = kind;
      lastText = t;
    }
    if (sink) {
      sink(kind, s, e, t);
      return;
    }
    tokens.push({ kind, start: s, end: e, text: t, contentStart: s, raw: false, quote: '' });
  };

  /** Scans a quoted string whose opening quote (length qlen) starts at q; returns the end offset. */
  const scanQuoted = (s: number, q: number, quote: string, raw: boolean, multiline: boolean): number => {
    const qlen = quote.length;
    const first = quote.charCodeAt(0);
    let j = q + qlen;
    for (;;) {
      if (j >= end) {
        pushString(s, end, q + qlen, end, quote, raw);
        return end;
      }
      const c = text.charCodeAt(j);
      if (c === C.Backslash && !raw) {
        j += 2;
        continue;
      }
      if (c === C.Newline && !multiline && qlen === 1) {
        // Unterminated on this line: stop here so one stray quote cannot swallow the file.
        pushString(s, j, q + qlen, j, quote, raw);
        return j;
      }
      if (c === first && (qlen === 1 || text.startsWith(quote, j))) {
        pushString(s, j + qlen, q + qlen, j, quote, raw);
        return j + qlen;
      }
      j++;
    }
  };

  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === C.Space || c === C.Tab || c === C.CarriageReturn || c === 0xfeff) {
      i++;
      atWordStart = true;
      continue;
    }
    if (c === C.Newline) {
      push('nl', i, i + 1, '\n');
      i++;
      atWordStart = true;
      if (pendingHeredoc) {
        i = readHeredoc(i, pendingHeredoc);
        pendingHeredoc = undefined;
      }
      continue;
    }
    const wasWordStart = atWordStart;
    atWordStart = false;
    // Comments.
    if (c === C.Hash && spec.hashComments && (!spec.hashAtWordStart || wasWordStart)) {
      i = skipLine(i);
      continue;
    }
    if (c === C.Slash && spec.slashComments) {
      const n = text.charCodeAt(i + 1);
      if (n === C.Slash) {
        i = skipLine(i);
        continue;
      }
      if (n === C.Star) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 || close >= end ? end : close + 2;
        continue;
      }
    }
    // Strings.
    if (c === C.DoubleQuote || c === C.SingleQuote || (c === C.Backtick && spec.backtick !== 'none')) {
      const ch = text[i]!;
      if (spec.tripleQuotes && c !== C.Backtick && text.startsWith(ch + ch + ch, i)) {
        i = scanQuoted(i, i, ch + ch + ch, c === C.SingleQuote && spec.singleQuoteRaw, true);
      } else {
        const raw = (c === C.SingleQuote && spec.singleQuoteRaw) || (c === C.Backtick && spec.backtick === 'raw');
        i = scanQuoted(i, i, ch, raw, spec.multilineQuotes || c === C.Backtick);
      }
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < end && isIdentPart(text.charCodeAt(j))) {
        j++;
      }
      const next = text.charCodeAt(j);
      if (spec.stringPrefixes && (next === C.DoubleQuote || next === C.SingleQuote) && j - i <= 2 && PY_PREFIX.test(text.slice(i, j))) {
        const word = text.slice(i, j);
        const ch = text[j]!;
        const raw = /[rR]/.test(word);
        i = spec.tripleQuotes && text.startsWith(ch + ch + ch, j) ? scanQuoted(i, j, ch + ch + ch, raw, true) : scanQuoted(i, j, ch, raw, false);
        continue;
      }
      // Keywords matter to the skim (regex after `return`), so identifiers keep their text there too.
      push('id', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    if (isDigit(c) || (c === C.Dot && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        if (isIdentPart(d) || d === C.Dot) {
          j++;
        } else {
          break;
        }
      }
      push('num', i, j, text.slice(i, j));
      i = j;
      continue;
    }
    if (c === C.Slash && spec.regexLiterals && regexAllowed(lastKind, lastText)) {
      const j = scanRegex(i);
      if (j > 0) {
        lastKind = 'str';
        if (sink) sink('str', i, j, '');
        else tokens.push({ kind: 'str', start: i, end: j, text: '', contentStart: i + 1, raw: true, quote: '/' });
        i = j;
        continue;
      }
    }
    if (c === C.Less && spec.heredocs && text.startsWith('<<', i) && !text.startsWith('<<<', i)) {
      const m = /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(text.slice(i, Math.min(end, i + 80)));
      if (m) {
        pendingHeredoc = { word: m[3]!, strip: m[1] === '-', raw: m[2] !== '' };
        push('p', i, i + m[0].length, '<<');
        i += m[0].length;
        continue;
      }
    }
    const c2 = text.charCodeAt(i + 1);
    if (OPERATOR_CHARS[c2] === 1 && OPERATOR_CHARS[c] === 1) {
      const three = text.slice(i, i + 3);
      if (THREE_CHAR.has(three)) {
        push('p', i, i + 3, three);
        i += 3;
        continue;
      }
      const two = three.slice(0, 2);
      if (TWO_CHAR.has(two)) {
        push('p', i, i + 2, two);
        i += 2;
        continue;
      }
    }
    push('p', i, i + 1, text[i]!);
    i++;
  }
  return tokens;

  function skipLine(from: number): number {
    const nl = text.indexOf('\n', from);
    return nl < 0 || nl > end ? end : nl;
  }

  function readHeredoc(from: number, doc: { word: string; strip: boolean; raw: boolean }): number {
    let lineStart = from;
    while (lineStart < end) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl < 0 || nl > end ? end : nl;
      const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      if ((doc.strip ? line.replace(/^\t+/, '') : line) === doc.word) {
        lastKind = 'str';
        if (sink) sink('str', from, lineStart, '');
        else tokens.push({ kind: 'str', start: from, end: lineStart, text: text.slice(from, lineStart), contentStart: from, raw: true, quote: '<<' });
        return lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    lastKind = 'str';
    if (sink) sink('str', from, end, '');
    else tokens.push({ kind: 'str', start: from, end, text: text.slice(from, end), contentStart: from, raw: true, quote: '<<' });
    return end;
  }

  function scanRegex(from: number): number {
    let j = from + 1;
    let inClass = false;
    while (j < end) {
      const d = text.charCodeAt(j);
      if (d === C.Newline) {
        return -1;
      }
      if (d === C.Backslash) {
        j += 2;
        continue;
      }
      if (d === C.OpenBracket) {
        inClass = true;
      } else if (d === C.CloseBracket) {
        inClass = false;
      } else if (d === C.Slash && !inClass) {
        j++;
        while (j < end && isIdentPart(text.charCodeAt(j))) {
          j++;
        }
        return j;
      }
      j++;
    }
    return -1;
  }
}

function regexAllowed(kind: TokenKind | undefined, text: string): boolean {
  if (kind === undefined) {
    return true;
  }
  if (kind === 'num' || kind === 'str') {
    return false;
  }
  if (kind === 'id') {
    return REGEX_AFTER_KEYWORD.has(text);
  }
  return text !== ')' && text !== ']' && text !== '}';
}

/**
 * Where the top-level statements of text start: offsets at bracket depth 0 at the start of a line. A
 * tokenizer pass that builds nothing, so a big file can be read statement by statement.
 */
export function topLevelStarts(text: string, spec: LexSpec): number[] {
  const starts: number[] = [0];
  let depth = 0;
  let lineStart = true;
  tokenize(text, spec, 0, text.length, (kind, s, _e, t) => {
    if (kind === 'nl') {
      lineStart = true;
      return;
    }
    if (lineStart && depth === 0 && s > 0 && (text.charCodeAt(s - 1) === 10 || s === 0)) {
      starts.push(s);
    }
    lineStart = false;
    if (kind === 'p') {
      if (t === '(' || t === '[' || t === '{') depth++;
      else if ((t === ')' || t === ']' || t === '}') && depth > 0) depth--;
    }
  });
  return starts;
}

/** A string token's value, with escapes resolved, and a map from each value index to its offset in the text. */
export interface DecodedString {
  readonly value: string;
  /** map[i] is the text offset of value[i]; map[value.length] is the offset just after the content. */
  readonly map: readonly number[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** A string token's value alone (no offset map): the cheap path for literals and keys. */
export function stringValue(_text: string, token: Token): string {
  if (token.raw || token.text.indexOf('\\') < 0) {
    return token.text;
  }
  return token.text.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)/g, (_m: string, e: string) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === '\n' ? '' : (SIMPLE_ESCAPES[e] ?? e),
  );
}

export function decodeString(text: string, token: Token): DecodedString {
  const start = token.contentStart ?? token.start;
  const contentEnd = start + token.text.length;
  const map: number[] = [];
  if (token.raw || token.text.indexOf('\\') < 0) {
    for (let k = start; k <= contentEnd; k++) {
      map.push(k);
    }
    return { value: token.text, map };
  }
  let value = '';
  let k = start;
  while (k < contentEnd) {
    const ch = text[k]!;
    if (ch !== '\\' || k + 1 >= contentEnd) {
      map.push(k);
      value += ch;
      k++;
      continue;
    }
    const e = text[k + 1]!;
    map.push(k);
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6))) {
      value += String.fromCharCode(parseInt(text.slice(k + 2, k + 6), 16));
      k += 6;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(k + 2, k + 4))) {
      value += String.fromCharCode(parseInt(text.slice(k + 2, k + 4), 16));
      k += 4;
    } else if (e === '\n') {
      // A line continuation adds nothing.
      map.pop();
      k += 2;
    } else {
      value += SIMPLE_ESCAPES[e] ?? e;
      k += 2;
    }
  }
  map.push(contentEnd);
  return { value, map };
}
