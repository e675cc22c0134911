// The scanner's first look at a file's raw bytes, before any decoding: could anything in it match the first-look
// pattern? Most files in a big tree mention none of the rule names, and deciding that without building a
// string is what keeps a workspace or CLI scan close to ripgrep's speed.
//
// How: every match of the first-look pattern contains one of a few anchors ("enable", "search", "qwen",
// "sk-", …). One pass over the bytes looks at every second position only, comparing the case-folded pair
// of bytes there with a table of key pairs; each anchor has a key pair at an even and at an odd offset
// inside it, so wherever an anchor starts, one of its key pairs lands on an even position. A hit is
// confirmed by comparing the whole anchor, then by the real pattern on a small window around it (every
// match is short), so the answer is the same as testing the pattern on the whole file.
import { QWEN_HINT } from './context';
import { CANDIDATE_PATTERN } from './rules';

/** 通, 千, 百 (the first characters of 通义, 千问, 百炼) as UTF-8 bytes seen through Latin-1. */
const CJK_QWEN_NAMES = /\u00e9\u0080\u009a|\u00e5\u008d\u0083|\u00e7\u0099\u00be/;

/**
 * The first look on a Latin-1 view of the bytes (one character per byte): the scanner's candidate pattern,
 * the signs of Qwen, and the Chinese names as UTF-8 bytes.
 */
export const LATIN1_FIRST_LOOK = new RegExp(`${CANDIDATE_PATTERN.source}|${QWEN_HINT.source}|${CJK_QWEN_NAMES.source}`, 'i');

/**
 * At least one of these occurs (ignoring ASCII case) inside every match of LATIN1_FIRST_LOOK:
 * enable[_-]?…, forced?[_-]?search / search[_-]?strategy / web[_-]?search, thinking[_-]?budget,
 * web[_-]?extractor, code[_-]?interpreter, sk-…, LTAI…, dashscope, aliyuncs, bailian, model-?studio, qwen,
 * qwq, qvq, tongyi and the three CJK byte sequences. A unit test checks this against the patterns.
 */
export const ANCHORS: readonly string[] = [
  'enable',
  'search',
  'budget',
  'extractor',
  'interpreter',
  'sk-',
  'ltai',
  'dashscope',
  'aliyuncs',
  'bailian',
  'studio',
  'qwen',
  'qwq',
  'qvq',
  'tongyi',
  '通',
  '千',
  '百',
];

/**
 * The longest match of LATIN1_FIRST_LOOK, in bytes, plus one for the look-behind before `sk-`:
 * `sk-sp-` and 32 characters. A window this wide on each side of an anchor holds any match containing it.
 */
const WINDOW = 48;

/**
 * Byte pairs that are uncommon in code (measured on a node_modules tree: each pair is the least
 * frequent pair of its anchor at that parity). Any pair of the right parity would be correct; rarer
 * ones only mean fewer anchors to compare.
 */
const KEY_OFFSETS: Readonly<Record<string, readonly [even: number, odd: number]>> = {
  enable: [2, 3], // ab, bl
  search: [4, 3], // ch, rc
  budget: [2, 1], // dg, ud
  extractor: [0, 1], // ex, xt
  interpreter: [4, 5], // rp, pr
  'sk-': [0, 1], // sk, k-
  ltai: [0, 1], // lt, ta
  dashscope: [2, 3], // sh, hs
  aliyuncs: [2, 3], // iy, yu
  bailian: [2, 1], // il, ai
  studio: [2, 3], // ud, di
  qwen: [0, 1], // qw, we
  qwq: [0, 1],
  qvq: [0, 1],
  tongyi: [4, 3], // yi, gy
};

/** ASCII letters fold to lower case; other bytes may collide with something, which only costs a comparison. */
function fold(byte: number): number {
  return byte | 0x20;
}

interface Key {
  /** The anchor's bytes, folded. */
  readonly bytes: Uint8Array;
  /** Where the key pair sits inside the anchor. */
  readonly offset: number;
}

function buildTable(): { table: Uint8Array; keys: Map<number, Key[]> } {
  const encoder = new TextEncoder();
  const table = new Uint8Array(65_536);
  const keys = new Map<number, Key[]>();
  for (const anchor of ANCHORS) {
    const bytes = encoder.encode(anchor).map(fold);
    const offsets = KEY_OFFSETS[anchor] ?? [0, 1];
    for (const offset of offsets) {
      const pair = (bytes[offset]! << 8) | bytes[offset + 1]!;
      table[pair] = 1;
      const list = keys.get(pair) ?? [];
      list.push({ bytes, offset });
      keys.set(pair, list);
    }
  }
  return { table, keys };
}

const { table: KEY_PAIRS, keys: KEYS } = buildTable();

/** The key pairs of every anchor, for the test that checks their parities. */
export function keyOffsets(anchor: string): readonly [number, number] {
  return KEY_OFFSETS[anchor] ?? [0, 1];
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  // apply() takes the typed array as it is (spreading it first costs eight times as much); a window is
  // at most about a hundred bytes, far below any argument limit.
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

function anchorAt(bytes: Uint8Array, start: number, anchor: Uint8Array): boolean {
  if (start < 0 || start + anchor.length > bytes.length) {
    return false;
  }
  for (let j = 0; j < anchor.length; j++) {
    if (fold(bytes[start + j]!) !== anchor[j]) {
      return false;
    }
  }
  return true;
}

const IN_WINDOW = new RegExp(LATIN1_FIRST_LOOK.source, 'gi');

/**
 * Does the pattern match in this window as it would in the whole text? Only a match at the very start of
 * a cut window could differ (its look-behind cannot see the byte before), so such a match is set aside.
 * A match cut at either edge is found in its own anchor's window.
 */
function matchesInWindow(window: string, cutAtStart: boolean): boolean {
  IN_WINDOW.lastIndex = 0;
  const match = IN_WINDOW.exec(window);
  if (!match || match.index > 0 || !cutAtStart) {
    return match !== null;
  }
  IN_WINDOW.lastIndex = 1;
  return IN_WINDOW.exec(window) !== null;
}

/**
 * Does LATIN1_FIRST_LOOK match somewhere in these bytes (read as Latin-1)? Always the same answer as
 * testing the pattern on the whole text, without building that text.
 */
export function firstLookInBytes(bytes: Uint8Array): boolean {
  const last = bytes.length - 1;
  for (let i = 0; i < last; i += 2) {
    const pair = (fold(bytes[i]!) << 8) | fold(bytes[i + 1]!);
    if (KEY_PAIRS[pair] === 0) {
      continue;
    }
    for (const key of KEYS.get(pair) ?? []) {
      const start = i - key.offset;
      if (anchorAt(bytes, start, key.bytes)) {
        const from = Math.max(0, start - WINDOW);
        if (matchesInWindow(latin1(bytes, from, Math.min(bytes.length, start + key.bytes.length + WINDOW)), from > 0)) {
          return true;
        }
      }
    }
  }
  return false;
}
