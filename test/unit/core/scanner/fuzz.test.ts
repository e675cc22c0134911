// Bad input must never crash the engine, hang it, or make it slow: generated text of every kind.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scan } from '../../../../src/core/scanner/scan';

const FILES = ['a.py', 'a.ts', 'A.java', 'a.kt', 'a.go', 'a.json', 'a.yaml', 'a.toml', '.env', 'a.properties', 'a.sh', 'README.md', 'a.ipynb', 'a.txt'];
/** Fragments that steer generated text into the readers' interesting paths. */
const FRAGMENTS = [
  'enable_search', '"enable_search"', 'enableSearch(', 'ENABLE_SEARCH=', 'enable-search: ', 'thinking_budget', 'n=', 'tools', '{"type": "web_search"}',
  'True', 'true', '!0', 'dashscope', 'qwen-plus', '"""', "'''", '"', "'", '`', '/*', '*/', '//', '#', '<<EOF\n', '```python\n', '```',
  '{', '}', '[', ']', '(', ')', ':', '=', ',', ';', '\n', '  ', '\\', 'sk-4f9a2c7e1b8d3f6a0c5e9b2d7a4f1c8e', '\u0000', '\uFFFD', '- ', 'qwen-cost-ignore',
];

function checkFindings(text: string, file: string): void {
  const findings = scan(text, file);
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `range ${f.start}-${f.end} within ${text.length}`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `edit ${e.start}-${e.end}`);
      }
    }
  }
}

describe('scanner fuzzing', () => {
  it('survives generated text built from the syntax it reads', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 200 }), fc.constantFrom(...FILES), (parts, file) => {
        checkFindings(parts.join(''), file);
      }),
      { numRuns: 1500 },
    );
  });

  it('survives arbitrary strings, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...FILES), (text, file) => {
        checkFindings(`dashscope enable_search ${text}`, file);
      }),
      { numRuns: 800 },
    );
  });

  it('survives bytes decoded as UTF-8 (binary, invalid sequences)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom(...FILES), (bytes, file) => {
        checkFindings(`enable_search=True qwen-plus ${Buffer.from(bytes).toString('utf8')}`, file);
      }),
      { numRuns: 600 },
    );
  });

  it('stays linear on pathological shapes: deep nesting, a huge line, unterminated strings and comments', function () {
    this.timeout(300_000);
    const cases: [string, string][] = [
      ['deep.json', `${'{"a":['.repeat(20_000)}{"enable_search": true, "model": "qwen-plus"}`],
      ['deep.py', `import dashscope\nf(${'('.repeat(30_000)}enable_search=True`],
      ['line.js', `var u="dashscope";${'f({enable_search:!0,n:2,model:"qwen-plus"});'.repeat(10_000)}`],
      ['open.py', `import dashscope\nx = """${'enable_search=True\n'.repeat(20_000)}`],
      ['open.ts', `import "dashscope";\n/* ${'enable_search: true,\n'.repeat(20_000)}`],
      ['quotes.sh', `curl dashscope -d '${'"enable_search": true, '.repeat(20_000)}`],
      ['yaml.yaml', `${'- '.repeat(10_000)}enable_search: true\n${'  a:\n'.repeat(10_000)}`],
      ['keys.txt', 'sk-'.repeat(100_000)],
    ];
    for (const [file, text] of cases) {
      const started = performance.now();
      checkFindings(text, file);
      const ms = performance.now() - started;
      // Not a speed goal (npm run bench measures speed): a bound so loose that only a hang or a quadratic
      // blow-up (minutes at these sizes) can break it, even on a loaded 2-core machine.
      assert.ok(ms < 30_000, `${file} (${text.length} chars) took ${ms.toFixed(0)} ms`);
    }
  });
});
