// `npm start`'s options and the copy of the sample workspace it opens (starting code-server itself is the
// test host's, covered by the integration and UI stages).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copySampleWorkspace, parseStartArgs, SAMPLE_WORKSPACE } from '../../../scripts/start';

describe('npm start', () => {
  it('opens a copy of samples/workspace, so an edit there leaves the repository\'s file as it was', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'qcm-start-test-'));
    try {
      const original = readFileSync(join(SAMPLE_WORKSPACE, 'chatbot.py'), 'utf8');
      const workspace = copySampleWorkspace(scratch);
      assert.notEqual(workspace, SAMPLE_WORKSPACE);
      assert.ok(workspace.startsWith(scratch));
      assert.deepEqual(readdirSync(workspace).sort(), readdirSync(SAMPLE_WORKSPACE).sort(), 'the whole workspace is copied');
      assert.equal(readFileSync(join(workspace, 'chatbot.py'), 'utf8'), original);
      // What a quick fix does: edit the open copy.
      writeFileSync(join(workspace, 'chatbot.py'), original.replace('"enable_search": True', '"enable_search": False'));
      assert.equal(readFileSync(join(SAMPLE_WORKSPACE, 'chatbot.py'), 'utf8'), original, 'the tracked sample is unchanged');
      assert.notEqual(readFileSync(join(workspace, 'chatbot.py'), 'utf8'), original);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    assert.equal(existsSync(scratch), false);
  });

  it('reads --locale, --port and --simulated, and refuses values it cannot use', () => {
    assert.deepEqual(parseStartArgs([]), { simulated: false });
    assert.deepEqual(parseStartArgs(['--locale', 'zh-CN']), { simulated: false, locale: 'zh-cn' });
    assert.deepEqual(parseStartArgs(['--simulated', '--port', '9000', '--locale', 'zh-cn']), { port: 9000, simulated: true, locale: 'zh-cn' });
    assert.deepEqual(parseStartArgs([], { PORT: '8123' }), { port: 8123, simulated: false });
    assert.throws(() => parseStartArgs(['--locale']), /--locale needs a value/);
    assert.throws(() => parseStartArgs(['--locale', '--simulated']), /--locale needs a value/);
    assert.throws(() => parseStartArgs(['--locale', 'zh cn; rm']), /not a language tag/);
    assert.throws(() => parseStartArgs(['--port', 'eighty']), /not a port number/);
  });
});
