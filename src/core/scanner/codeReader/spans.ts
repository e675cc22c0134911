// Spans of the token stream: where a value ends, and what "remove it" deletes (an element with one
// neighbouring comma, or the whole statement).
import type { ValueInfo } from '../pairs';
import { lineStartNear } from '../text';
import { classifyTokens } from '../values';
import { isCloser, isOpener, type TokenCursor } from './cursor';

/** A bound on a value's length, so an unclosed bracket cannot make one value swallow the file. */
const MAX_VALUE_TOKENS = 200;
/** How far an annotation (`enable_search: bool = True`) is looked through for its `=`. */
const MAX_ANNOTATION_TOKENS = 40;

/**
 * The value starting at token j, to the next separator at this depth; returns [value, index after].
 * At statement level a line break ends the value too; inside brackets it does not.
 */
export function readValue(cursor: TokenCursor, j: number, atStatementLevel: boolean): [ValueInfo, number] {
  const { text, tokens, length: n } = cursor;
  let k = j;
  while (k < n && tokens[k]!.kind === 'nl' && !atStatementLevel) {
    k++;
  }
  const from = k;
  let depth = 0;
  for (; k < n && k - from < MAX_VALUE_TOKENS; k++) {
    const t = tokens[k]!;
    if (t.kind === 'nl') {
      if (depth === 0 && atStatementLevel) {
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
}

/** What "remove it" deletes for an element of a list: the element plus one neighbouring comma. */
export function elementRange(cursor: TokenCursor, startTok: number, valueEndIdx: number, valueEnd: number): [number, number] {
  const { text, tokens } = cursor;
  let s = tokens[startTok]!.start;
  let e = valueEnd;
  const after = valueEndIdx < cursor.length && tokens[valueEndIdx]?.kind === 'nl' ? cursor.nextSig(valueEndIdx - 1) : valueEndIdx;
  const next = tokens[after];
  if (next?.kind === 'p' && next.text === ',') {
    e = next.end;
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) {
      e++;
    }
  } else {
    const before = tokens[cursor.prevSig(startTok)];
    if (before?.kind === 'p' && before.text === ',') {
      s = before.start;
    }
  }
  return [s, e];
}

/**
 * What "remove it" deletes for a statement: from the start of the key's line to the value's end and its
 * `;`. A statement on a huge minified line is not removed ([-1, -1]): its line start is too far back.
 */
export function statementRange(cursor: TokenCursor, keyStart: number, valueEndIdx: number, valueEnd: number): [number, number] {
  const startOffset = lineStartNear(cursor.text, keyStart);
  if (startOffset < 0) {
    return [-1, -1];
  }
  const next = cursor.tokens[valueEndIdx];
  const e = next?.kind === 'p' && next.text === ';' ? next.end : valueEnd;
  return [startOffset, e];
}

/** The index where a Python annotation after the `:` at colonIdx ends: at its `=`, `,`, closing bracket or line end. */
export function annotationEnd(cursor: TokenCursor, colonIdx: number): number {
  const { tokens, length: n } = cursor;
  let k = colonIdx + 1;
  let depth = 0;
  for (; k < n && k - colonIdx < MAX_ANNOTATION_TOKENS; k++) {
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
  return k;
}
