// The test host's install steps keep their output (npm's, and the native builds' compiler warnings) in a log
// file and print one line each; a failed step prints its last lines and where the rest is.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installLogPath, runLogged } from '../../../test/host/testHost';

/** What `fn` writes to this process's stdout and stderr. */
function captured(fn: () => void): string {
  const out: string[] = [];
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  process.stderr.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    fn();
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  return out.join('');
}

const WARNINGS = 'for (let i = 0; i < 600; i++) console.error(`warning: unused variable ${i} [-Wunused-variable]`); console.log("added 1 package");';

describe('the test host install', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qcm-host-log-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a step\'s 600 lines of warnings in the log and prints one line', () => {
    const log = join(dir, 'install.log');
    const printed = captured(() => runLogged(process.execPath, ['-e', WARNINGS], log, { what: 'code-server' }));
    const lines = printed.trimEnd().split('\n');
    assert.equal(lines.length, 1, printed);
    assert.match(lines[0]!, /^\[test-host\] code-server: done in \d+ s \(601 lines of output in .*install\.log\)$/);
    const kept = readFileSync(log, 'utf8');
    assert.equal(kept.match(/^warning: unused variable/gm)?.length, 600);
    assert.match(kept, /added 1 package/);
  });

  it('throws with the failed step\'s last lines and the log\'s path, printing nothing else', () => {
    const log = join(dir, 'install.log');
    const failing = `${WARNINGS} console.error("gyp ERR! build error"); process.exit(7);`;
    let error: Error | undefined;
    const printed = captured(() => {
      try {
        runLogged(process.execPath, ['-e', failing], log);
      } catch (e) {
        error = e as Error;
      }
    });
    assert.equal(printed, '');
    assert.ok(error);
    assert.match(error.message, /failed with exit code 7/);
    assert.match(error.message, /gyp ERR! build error/);
    assert.ok(error.message.split('\n').length < 50, 'only the tail');
    assert.ok(error.message.includes(log));
  });

  it('keeps the log in the test host\'s folder', () => {
    assert.equal(installLogPath('/cache/test-host'), '/cache/test-host/install.log');
  });
});
