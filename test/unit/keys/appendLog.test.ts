import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendLine, readLines, rotatedPath } from '../../../src/keys/appendLog';

describe('appendLog', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qcm-append-'));
    file = join(dir, 'storage', 'api-key-audit.jsonl');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every one of 50 concurrent appends, each line whole JSON, creating the folder', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => appendLine(file, JSON.stringify({ i, detail: 'x'.repeat(200) }), 1024 * 1024)));
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, 50);
    const seen = lines.map((line) => (JSON.parse(line) as { i: number }).i).sort((a, b) => a - b);
    assert.deepEqual(seen, Array.from({ length: 50 }, (_, i) => i));
  });

  it('rotates past the size, keeping one old file, and reads the old file first', async () => {
    const line = (i: number): string => JSON.stringify({ i, pad: 'p'.repeat(30) });
    for (let i = 1; i <= 10; i++) {
      await appendLine(file, line(i), 4 * (line(1).length + 1));
    }
    assert.equal(rotatedPath(file), join(dir, 'storage', 'api-key-audit.1.jsonl'));
    assert.ok(existsSync(rotatedPath(file)) && existsSync(file), 'both files');
    // Lines 1-4 filled the first file, 5-8 the second; 9 rotated again, dropping 1-4.
    assert.deepEqual(readFileSync(rotatedPath(file), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { i: number }).i), [5, 6, 7, 8]);
    assert.deepEqual((await readLines(file)).map((l) => (JSON.parse(l) as { i: number }).i), [5, 6, 7, 8, 9, 10]);
    assert.ok(!existsSync(`${file}.lock`), 'the rotation lock is gone');
  });

  it('rotates past a lock left by a window that stopped mid-rotation', async () => {
    await appendLine(file, '{"i":1}', 8);
    writeFileSync(`${file}.lock`, '');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, longAgo, longAgo);
    await appendLine(file, '{"i":2}', 8);
    assert.equal(readFileSync(rotatedPath(file), 'utf8'), '{"i":1}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"i":2}\n');
  });

  it('keeps a line one line and reads nothing from a missing file', async () => {
    assert.deepEqual(await readLines(file), []);
    await appendLine(file, 'a\nb', 1024);
    assert.deepEqual(await readLines(file), ['a b']);
  });
});
