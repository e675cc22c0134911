// The candidate reader decides from its first 8 KB (binary) and from fstat (too large) before it reads on:
// a binary or oversized file in a cloned repository costs the probe, not the file.
import * as assert from 'node:assert/strict';
// The default import is the module object itself (a namespace import is a read-only copy), so the test
// can count what the reader reads.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateReader } from '../../../../src/core/scanner/candidateReader';
import { MAX_SCANNER_FILE_SIZE } from '../../../../src/config/scannerSettings';

const PROBE = 8000;
const SPARSE_SIZE = 64 * 1024 * 1024;

/** Counts the bytes every readSync returns while `body` runs (the reader calls node:fs through its exports). */
function countingReads<T>(body: () => T): { result: T; bytesRead: number } {
  const original = fs.readSync;
  let bytesRead = 0;
  (fs as { readSync: typeof fs.readSync }).readSync = ((...args: Parameters<typeof fs.readSync>) => {
    const n = original(...args);
    bytesRead += n;
    return n;
  }) as typeof fs.readSync;
  try {
    return { result: body(), bytesRead };
  } finally {
    fs.readSync = original;
  }
}

/** A file that starts with `head` and is extended (sparsely, with zeros) to `size` bytes. */
function sparseFile(path: string, head: Buffer, size: number): void {
  const fd = fs.openSync(path, 'w');
  try {
    fs.writeSync(fd, head);
    fs.ftruncateSync(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

describe('the candidate reader', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'qcm-reader-'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts the reads it is measured by', () => {
    const path = join(dir, 'small.py');
    fs.writeFileSync(path, 'client.chat(model="qwen-plus", enable_search=True)\n');
    const { result, bytesRead } = countingReads(() => new CandidateReader(MAX_SCANNER_FILE_SIZE).read(path));
    assert.equal(result.kind, 'text');
    assert.ok(bytesRead > 0, 'the reads are counted');
  });

  it('passes over a large binary file after reading only its first 8 KB', () => {
    const path = join(dir, 'video.bin');
    sparseFile(path, Buffer.from([0, 1, 2, 3]), SPARSE_SIZE);
    const started = performance.now();
    const { result, bytesRead } = countingReads(() => new CandidateReader(MAX_SCANNER_FILE_SIZE).read(path));
    const elapsed = performance.now() - started;
    assert.equal(result.kind, 'binary');
    assert.ok(bytesRead <= PROBE, `read ${bytesRead} bytes`);
    assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('passes over a text file larger than the cap after reading only its first 8 KB', () => {
    const path = join(dir, 'dump.sql');
    sparseFile(path, Buffer.from('-- dashscope enable_search\n'.repeat(400)), SPARSE_SIZE);
    const { result, bytesRead } = countingReads(() => new CandidateReader(MAX_SCANNER_FILE_SIZE).read(path));
    assert.equal(result.kind, 'tooLarge');
    assert.ok(bytesRead > 0 && bytesRead <= PROBE, `read ${bytesRead} bytes`);
  });

  it('still reads whole files up to the cap, and refuses one a byte over it', () => {
    const body = 'model = "qwen-max"\nenable_search = True\n';
    const fits = join(dir, 'fits.py');
    const text = body + '#'.repeat(20_000 - body.length);
    fs.writeFileSync(fits, text);
    const read = new CandidateReader(20_000).read(fits);
    assert.deepEqual(read, { kind: 'text', text });
    assert.equal(new CandidateReader(19_999).read(fits).kind, 'tooLarge');
  });

  it('applies a cap below the probe size', () => {
    const path = join(dir, 'short.py');
    fs.writeFileSync(path, `model = "qwen-max"\nenable_search = True\n${'#'.repeat(3000)}`);
    assert.equal(new CandidateReader(2048).read(path).kind, 'tooLarge');
    assert.equal(new CandidateReader(4096).read(path).kind, 'text');
  });

  it('finds a NUL only in the first 8 KB, as before', () => {
    const path = join(dir, 'late-nul.js');
    const text = `const model = "qwen-max"; // enable_search\n${'x'.repeat(PROBE)}\0`;
    fs.writeFileSync(path, text);
    assert.equal(new CandidateReader(MAX_SCANNER_FILE_SIZE).read(path).kind, 'text');
  });
});
