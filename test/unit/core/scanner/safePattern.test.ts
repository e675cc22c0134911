// A workspace's qwenPatterns run on every file on the extension host's thread: patterns that backtrack
// badly are refused before they run, and ordinary markers are kept.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePatterns } from '../../../../src/core/scanner/context';
import { MAX_PATTERN_COUNT, MAX_PATTERN_LENGTH, refusePattern } from '../../../../src/core/scanner/safePattern';
import { scan } from '../../../../src/core/scanner/scan';

const ORDINARY = [
  'dashscope',
  'qwen[-_]?max',
  'my-proxy\\.example\\.com',
  'llm-gateway\\.example\\.internal',
  'https?://gw\\.corp/v1',
  '\\bMY_LLM_KEY\\b',
  'api_base\\s{0,4}=\\s{0,4}"https://llm',
  '^LLM_HOST=',
  '(?:internal|corp)-qwen',
  '(?<host>llm)\\.corp',
  '[a-z0-9-]{1,63}\\.llm\\.corp',
  'x{2,5}y',
  'a{3}',
  '[]a]',
  'literal \\{ brace } and {x}',
];

const REFUSED: Record<string, string> = {
  // Exponential: a repeated part that can match the same text in more than one way.
  '(a+)+$': 'nestedQuantifier',
  '(a*)*': 'nestedQuantifier',
  '(a|aa)+': 'nestedQuantifier',
  '(.*)*': 'nestedQuantifier',
  '(?:\\w+\\s?)+$': 'nestedQuantifier',
  '((ab)+c?)*': 'nestedQuantifier',
  '(x+x+)+y': 'nestedQuantifier',
  '(?:a{1,3}){2,}': 'nestedQuantifier',
  '(?:a{1,3}){1,5}': 'nestedQuantifier',
  // Quadratic or worse on a long line: tried at every position, each runs to the end of the line.
  '.*x': 'unboundedRepeat',
  '[a-z]+x': 'unboundedRepeat',
  'a*a*a*a*$': 'unboundedRepeat',
  '\\w*a\\w*a\\w*!': 'unboundedRepeat',
  '(?:x|a*)?a+': 'unboundedRepeat',
  'a{2,}b': 'unboundedRepeat',
  'a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?aaaaaaaaaaaaaaaaaaaa': 'tooManyChoices',
  'x{0,20}y{0,20}': 'tooManyChoices',
  'a{1,100000}': 'largeRepeat',
  // Not regular at all, or beyond what the check reads.
  '(a)\\1': 'backreference',
  '(?<x>a)\\k<x>': 'backreference',
  'qwen(?=-max)': 'lookaround',
  'qwen(?!-max)': 'lookaround',
  '(?<=proxy\\.)qwen': 'lookaround',
  '(?<!proxy\\.)qwen': 'lookaround',
};

describe('user patterns that could take too long', () => {
  it('keeps ordinary markers', () => {
    for (const pattern of ORDINARY) {
      assert.equal(refusePattern(pattern), undefined, pattern);
    }
    const { regexes, invalid, unsafe } = compilePatterns(ORDINARY);
    assert.equal(regexes.length, ORDINARY.length);
    assert.deepEqual([invalid, unsafe], [[], []]);
  });

  it('refuses nested and unbounded repeats, too many choices, back-references and lookarounds, each for its reason', () => {
    for (const [pattern, reason] of Object.entries(REFUSED)) {
      assert.doesNotThrow(() => new RegExp(pattern), pattern); // valid: only the time they take is wrong
      assert.equal(refusePattern(pattern), reason, pattern);
    }
  });

  it('answers for any valid pattern without throwing', () => {
    const piece = fc.constantFrom('a', '.', '\\', '\\d', '\\1', '\\k', '[', ']', '^', '(', ')', '(?:', '(?=', '(?<n>', '(?<=', '|', '*', '+', '?', '{', '}', '{2}', '{1,3}', '{2,}', ',', '-');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const pattern = pieces.join('');
        try {
          new RegExp(pattern, 'i');
        } catch {
          return;
        }
        refusePattern(pattern);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses patterns over the length cap', () => {
    assert.equal(refusePattern('a'.repeat(MAX_PATTERN_LENGTH)), undefined);
    assert.equal(refusePattern('a'.repeat(MAX_PATTERN_LENGTH + 1)), 'tooLong');
  });

  it('compiles none of the refused patterns and reports them apart from invalid ones', () => {
    const patterns = ['dashscope', '(a+)+$', '([', 'qwen(?=-max)', 'my-proxy\\.example\\.com'];
    const { regexes, invalid, unsafe } = compilePatterns(patterns);
    assert.deepEqual(
      regexes.map((r) => r.source),
      ['dashscope', 'my-proxy\\.example\\.com'],
    );
    assert.deepEqual(invalid, ['([']);
    assert.deepEqual(unsafe, ['(a+)+$', 'qwen(?=-max)']);
  });

  it('runs no more than the first patterns, and reports the rest', () => {
    const patterns = Array.from({ length: MAX_PATTERN_COUNT + 3 }, (_, i) => `gateway-${i}\\.corp`);
    const { regexes, unsafe } = compilePatterns(patterns);
    assert.equal(regexes.length, MAX_PATTERN_COUNT);
    assert.deepEqual(unsafe, patterns.slice(MAX_PATTERN_COUNT));
  });

  it('scans a file that would make a refused pattern backtrack without waiting on it', () => {
    // (a+)+$ takes about 2^n steps on n letters and a mismatch (2^26 is over a second, 2^40 hours), and
    // [a-z]+x about n^2/2 on a line of n letters (100 KB: seconds).
    const started = performance.now();
    scan(`${'a'.repeat(26)}!\nenable_search = True\n`, 'settings.py', { qwenPatterns: ['(a+)+$'] });
    scan(`enable_search = True\n${'a'.repeat(100_000)}\n`, 'settings.py', { qwenPatterns: ['[a-z]+x'] });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
  });
});
