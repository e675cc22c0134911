// Is a user's pattern safe to run on every file, on the extension host's only thread? JavaScript's
// regular expressions backtrack, so a pattern such as `(a+)+$` takes exponential time on a line of 40
// letters. No safe-regex package ships with the extension, so this is a small conservative check of its
// own: it parses the pattern (JavaScript syntax, without the `u` flag) and refuses whatever could
// backtrack badly (nested or unbounded repeats, too many ways to try one position, back-references,
// lookarounds), at the cost of refusing some patterns that would in fact be fast. Users' patterns mark a
// file as talking to Qwen (a gateway's host name, a variable's name), which need none of what it refuses.

/** Longer patterns are refused: nothing a marker needs is this long, and length multiplies every cost. */
export const MAX_PATTERN_LENGTH = 200;
/** Patterns after this many are refused: every one runs on every file. */
export const MAX_PATTERN_COUNT = 20;
/** A counted repetition (`{n,m}`) above this is refused: it costs like an unbounded one. */
const MAX_REPEAT_COUNT = 100;

export type PatternRefusal =
  | 'tooLong'
  | 'nestedQuantifier'
  | 'unboundedRepeat'
  | 'tooManyChoices'
  | 'backreference'
  | 'lookaround'
  | 'largeRepeat'
  | 'unsupported';

/** Why the pattern could take too long to run, or undefined when it cannot. Call it on valid patterns. */
export function refusePattern(pattern: string): PatternRefusal | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return 'tooLong';
  }
  const parser = new Parser(pattern);
  try {
    const tree = parser.alternatives();
    if (parser.pos < pattern.length) {
      return 'unsupported';
    }
    check(tree);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) {
      return error.reason;
    }
    throw error;
  }
}

class Refused extends Error {
  constructor(readonly reason: PatternRefusal) {
    super(reason);
  }
}

/** What a pattern is made of, as far as its running time is concerned. */
type Node =
  | { readonly kind: 'atom' } // one character, a class, `.`, an escape
  | { readonly kind: 'assertion' } // `^`, `$`, `\b`, `\B`: match no character
  | { readonly kind: 'group'; readonly body: Alternatives }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

/** Branches separated by `|`, each a sequence. */
type Alternatives = readonly (readonly Node[])[];

class Parser {
  pos = 0;

  constructor(private readonly source: string) {}

  alternatives(): Alternatives {
    const branches: Node[][] = [this.sequence()];
    while (this.source[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches;
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const c = this.source[this.pos];
      if (c === undefined || c === '|' || c === ')') {
        return nodes;
      }
      let node = this.term();
      for (let bounds = this.quantifier(); bounds !== undefined; bounds = this.quantifier()) {
        node = { kind: 'repeat', node, min: bounds.min, max: bounds.max };
      }
      nodes.push(node);
    }
  }

  private term(): Node {
    const c = this.source[this.pos++];
    switch (c) {
      case '^':
      case '$':
        return { kind: 'assertion' };
      case '\\':
        return this.escape();
      case '[':
        this.skipClass();
        return { kind: 'atom' };
      case '(':
        return this.group();
      default:
        return { kind: 'atom' };
    }
  }

  private escape(): Node {
    const c = this.source[this.pos++];
    if (c === undefined) {
      throw new Refused('unsupported');
    }
    // `\1`…`\9` and `\k<name>` refer back to what a group matched: matching them is not even regular.
    if ((c >= '1' && c <= '9') || c === 'k') {
      throw new Refused('backreference');
    }
    return c === 'b' || c === 'B' ? { kind: 'assertion' } : { kind: 'atom' };
  }

  /** Past the class's closing `]` (in JavaScript a `]` right after `[` or `[^` closes an empty class). */
  private skipClass(): void {
    while (this.pos < this.source.length) {
      const c = this.source[this.pos++];
      if (c === '\\') {
        this.pos++;
      } else if (c === ']') {
        return;
      }
    }
    throw new Refused('unsupported');
  }

  private group(): Node {
    if (this.source[this.pos] === '?') {
      const next = this.source.slice(this.pos + 1, this.pos + 3);
      if (next.startsWith(':')) {
        this.pos += 2;
      } else if (next.startsWith('=') || next.startsWith('!') || next === '<=' || next === '<!') {
        throw new Refused('lookaround');
      } else if (next.startsWith('<')) {
        const end = this.source.indexOf('>', this.pos);
        if (end < 0) throw new Refused('unsupported');
        this.pos = end + 1;
      } else {
        // Modifiers such as `(?i:…)`, or whatever later syntax brings: not worth the risk.
        throw new Refused('unsupported');
      }
    }
    const body = this.alternatives();
    if (this.source[this.pos] !== ')') {
      throw new Refused('unsupported');
    }
    this.pos++;
    return { kind: 'group', body };
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each perhaps lazy; a `{` that starts none of them is a letter. */
  private quantifier(): { min: number; max: number } | undefined {
    const c = this.source[this.pos];
    let bounds: { min: number; max: number } | undefined;
    if (c === '*') {
      bounds = { min: 0, max: Infinity };
      this.pos++;
    } else if (c === '+') {
      bounds = { min: 1, max: Infinity };
      this.pos++;
    } else if (c === '?') {
      bounds = { min: 0, max: 1 };
      this.pos++;
    } else if (c === '{') {
      const counted = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
      if (!counted) {
        return undefined;
      }
      const min = Number(counted[1]);
      const max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
      if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) {
        throw new Refused('largeRepeat');
      }
      bounds = { min, max };
      this.pos += counted[0].length;
    } else {
      return undefined;
    }
    if (this.source[this.pos] === '?') {
      this.pos++; // lazy: the same search in another order
    }
    return bounds;
  }
}

/**
 * The most ways to try the pattern at one position: alternatives and bounded repeats multiply them. Every
 * position of the file is tried, so this bounds the work per character.
 */
const MAX_CHOICES = 256;

function check(tree: Alternatives): void {
  checkNesting(tree);
  if (choicesOf(tree) > MAX_CHOICES) {
    throw new Refused('tooManyChoices');
  }
}

/**
 * What a repeated part matches can be split between its turns in many ways when it varies in length (a
 * quantifier inside) or can be matched by more than one branch: `(a+)+`, `(a|aa)+`, `(.*)*`. An unbounded
 * repeat alone is refused too: tried at every position it runs to the end of its match, so `.*x` or
 * `[a-z]+x` on a 100 KB line without an x takes seconds; a count (`[a-z]{1,64}`) bounds it.
 */
function checkNesting(tree: Alternatives): void {
  for (const node of tree.flat()) {
    if (node.kind === 'group') {
      checkNesting(node.body);
    } else if (node.kind === 'repeat') {
      if (node.max > 1 && (containsRepeat(node.node) || containsAlternation(node.node))) {
        throw new Refused('nestedQuantifier');
      }
      if (node.max === Infinity) {
        throw new Refused('unboundedRepeat');
      }
      checkNesting([[node.node]]);
    }
  }
}

/** How many ways the pattern can be tried at one position (an upper bound): branches and counts multiplied. */
function choicesOf(tree: Alternatives): number {
  let choices = tree.length;
  for (const node of tree.flat()) {
    if (node.kind === 'group') {
      choices *= choicesOf(node.body);
    } else if (node.kind === 'repeat') {
      choices *= (node.max - node.min + 1) * choicesOf([[node.node]]);
    }
  }
  return choices;
}

function containsRepeat(node: Node): boolean {
  switch (node.kind) {
    case 'repeat':
      return true;
    case 'group':
      return node.body.some((branch) => branch.some(containsRepeat));
    default:
      return false;
  }
}

function containsAlternation(node: Node): boolean {
  switch (node.kind) {
    case 'repeat':
      return containsAlternation(node.node);
    case 'group':
      return node.body.length > 1 || node.body.some((branch) => branch.some(containsAlternation));
    default:
      return false;
  }
}
