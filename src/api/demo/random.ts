// The demo account's randomness: every number is fixed by the seed and what it is for, never drawn from a
// generator's state, so any figure can be made alone, in any order, and comes out the same on every machine.

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Integer mixing (a murmur3-style finaliser) so neighbouring inputs give unrelated outputs. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by its inputs. */
export function uniform(seed: string, ...parts: (string | number)[]): number {
  return mix(fnv1a(`${seed}|${parts.join('|')}`)) / 0x1_0000_0000;
}

/** The seed and a name hashed once, for `uniformAt`. */
export function saltOf(seed: string, name: string): number {
  return fnv1a(`${seed}|${name}`);
}

/** A uniform number in [0, 1) for a salt and an integer, without building strings: for the per-bucket hot path. */
export function uniformAt(salt: number, n: number): number {
  return mix(salt ^ mix(n >>> 0) ^ Math.imul(Math.floor(n / 0x1_0000_0000), 0x9e3779b1)) / 0x1_0000_0000;
}

/** `length` hex digits fixed by the seed and the parts (ids, masked keys). */
export function seededHex(seed: string, length: number, ...parts: (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += Math.floor(uniform(seed, 'hex', ...parts, i) * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}
