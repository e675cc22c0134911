// The byte-level first look must give exactly the answer of the first-look pattern on the whole text: a
// file it passes over is never scanned, so a wrong "no" would lose findings.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ANCHORS, firstLookInBytes, keyOffsets, LATIN1_FIRST_LOOK } from '../../../../src/core/scanner/byteFirstLook';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');

function byPattern(bytes: Uint8Array): boolean {
  return LATIN1_FIRST_LOOK.test(Buffer.from(bytes).toString('latin1'));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Pieces of the names the rules look for, so generated text comes close to a match often, and matches often. */
const PIECES = [
  'enable', 'search', 'thinking', 'code', 'interpreter', 'force', 'forced', 'strategy', 'budget', 'web', 'extractor', 'sk-', 'sp-',
  'model', 'studio', 'dashscope', 'aliyuncs', 'bailian', 'qwen', 'qwq', 'qvq', 'tongyi', '通义', '千问', '百炼', '通', '百', '_', '-', '',
  ' ', '\n', '"', '=', 'x', '9', 'Z', '\u00e9', '\u0080',
];

function flipCase(text: string, flips: readonly boolean[]): string {
  return [...text].map((ch, i) => (flips[i % Math.max(1, flips.length)] ? ch.toUpperCase() : ch)).join('');
}

describe('byte first look', () => {
  it('places a key pair of every anchor at an even and at an odd offset inside it', () => {
    for (const anchor of ANCHORS) {
      const length = Buffer.byteLength(anchor);
      const [even, odd] = keyOffsets(anchor);
      assert.equal(even % 2, 0, anchor);
      assert.equal(odd % 2, 1, anchor);
      assert.ok(even + 1 < length && odd + 1 < length, `${anchor}: pairs inside the anchor`);
    }
  });

  it('answers as the pattern does on text built from the rules\' names, in any case, at any offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.stringMatching(/^[0-9A-Za-z]{1,40}$/)), { maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.nat(60),
        (parts, flips, padding) => {
          const bytes = Buffer.from(' '.repeat(padding) + flipCase(parts.join(''), flips), 'utf8');
          assert.equal(firstLookInBytes(bytes), byPattern(bytes), JSON.stringify(bytes.toString('latin1')));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('answers as the pattern does next to the look-behind before a key, wherever a window is cut', () => {
    const key = 'sk-0123456789abcdef0123456789abcdef';
    for (let gap = 0; gap < 120; gap++) {
      for (const before of ['x', '_', ' ', '']) {
        for (const after of ['search', 'enable', 'qwen', '']) {
          const bytes = Buffer.from(`${'a'.repeat(gap)}${before}${key}${' '.repeat(gap % 50)}${after}`, 'latin1');
          assert.equal(firstLookInBytes(bytes), byPattern(bytes), bytes.toString('latin1'));
        }
      }
    }
  });

  it('answers as the pattern does on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...ANCHORS, 'enable_search', 'web-search', 'sk-sp-0123456789abcdef0123456789abcdef'), fc.nat(300), (bytes, piece, at) => {
        const cut = Math.min(at, bytes.length);
        const mixed = Buffer.concat([bytes.subarray(0, cut), Buffer.from(piece, 'utf8'), bytes.subarray(cut)]);
        assert.equal(firstLookInBytes(mixed), byPattern(mixed));
        assert.equal(firstLookInBytes(bytes), byPattern(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as the pattern does on every corpus, sample and source file of the project', () => {
    const files = [
      ...filesUnder(join(ROOT, 'test', 'fixtures')),
      ...filesUnder(join(ROOT, 'samples')),
      ...filesUnder(join(ROOT, 'src')),
      ...filesUnder(join(ROOT, 'test', 'unit')),
    ];
    let matching = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      const expected = byPattern(bytes);
      matching += expected ? 1 : 0;
      assert.equal(firstLookInBytes(bytes), expected, file);
    }
    // The comparison means something only if both answers occur.
    assert.ok(matching > 20 && matching < files.length, `${matching} of ${files.length} files match`);
  });
});
