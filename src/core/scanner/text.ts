// Line helpers that stay cheap on huge one-line files (minified code): they never look further than needed.

const LOOK_BACK_LIMIT = 4096;

/** The start of the line holding `offset`, or -1 when it is further back than `limit` characters. */
export function lineStartNear(text: string, offset: number, limit = LOOK_BACK_LIMIT): number {
  const stop = Math.max(0, offset - limit);
  for (let k = offset - 1; k >= stop; k--) {
    if (text.charCodeAt(k) === 10) {
      return k + 1;
    }
  }
  return stop === 0 ? 0 : -1;
}

/** Whether [s, e) is alone on its lines (only spaces and tabs around it). */
export function aloneOnLines(text: string, s: number, e: number): { start: number; end: number } | undefined {
  let a = s;
  while (a > 0 && (text[a - 1] === ' ' || text[a - 1] === '\t')) a--;
  if (a > 0 && text[a - 1] !== '\n') return undefined;
  let b = e;
  while (b < text.length && (text[b] === ' ' || text[b] === '\t' || text[b] === '\r')) b++;
  if (b < text.length && text[b] !== '\n') return undefined;
  return { start: a, end: b < text.length ? b + 1 : b };
}

/** Binary search in sorted, non-overlapping [start, end) ranges: is `offset` strictly inside one? */
export function insideRanges(ranges: readonly (readonly [number, number])[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid]!;
    if (offset <= s) hi = mid - 1;
    else if (offset >= e) lo = mid + 1;
    else return true;
  }
  return false;
}
