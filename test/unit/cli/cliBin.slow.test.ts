// The CLI as users run it: the bundled bin (dist/cli.js) in its own process, with one worker and with two
// (slow: it starts Node twice over 450 files). Both must give the same findings, and never the key itself.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAKE_KEY = 'sk-4f9a2c7e1b8d3f6a0c5e9b2d7a4f1c8e';

describe('qwen-cost-scan as the bundled bin', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qcm-cli-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.py'), 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus", enable_search=True, enable_thinking=False)\n');
    writeFileSync(join(dir, 'src', 'think.py'), 'import os, dashscope\nr = dashscope.Generation.call(model="qwen-plus", enable_thinking=os.getenv("T") == "1")\n');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as the bundled bin with worker threads and the same result', function () {
    this.timeout(60_000);
    const cli = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');
    for (let i = 0; i < 450; i++) {
      writeFileSync(join(dir, 'src', `m${i}.js`), i === 7 ? `fetch("https://dashscope.aliyuncs.com", { body: JSON.stringify({ enable_search: true, key: "${FAKE_KEY}" }) })\n` : `export const x${i} = ${i};\n`);
    }
    const one = spawnSync(process.execPath, [cli, '--format', 'json', 'src'], { cwd: dir, env: { ...process.env, QWEN_COST_SCAN_JOBS: '1' }, encoding: 'utf8' });
    const two = spawnSync(process.execPath, [cli, '--format', 'json', 'src'], { cwd: dir, env: { ...process.env, QWEN_COST_SCAN_JOBS: '2' }, encoding: 'utf8' });
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, 1, two.stderr);
    const strip = (s: string): unknown => ({ ...(JSON.parse(s) as object), durationMs: 0 });
    assert.deepEqual(strip(two.stdout), strip(one.stdout));
    const rules = (JSON.parse(one.stdout) as { findings: { file: string; rule: string }[] }).findings.map((f) => `${f.file} ${f.rule}`);
    assert.deepEqual(rules, ['src/app.py enable_search', 'src/app.py enable_thinking', 'src/m7.js enable_search', 'src/m7.js api_key', 'src/think.py enable_thinking']);
    assert.ok(!one.stdout.includes(FAKE_KEY), 'the key itself never appears in the output');
  });
});
