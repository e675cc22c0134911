import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

describe('qwen-cost-scan CLI', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qcm-cli-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'node_modules', 'lib'), { recursive: true });
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'src', 'app.py'), 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus", enable_search=True, enable_thinking=False)\n');
    writeFileSync(join(dir, 'src', 'think.py'), 'import os, dashscope\nr = dashscope.Generation.call(model="qwen-plus", enable_thinking=os.getenv("T") == "1")\n');
    writeFileSync(join(dir, 'node_modules', 'lib', 'index.js'), `module.exports = { url: "https://dashscope.aliyuncs.com", enable_search: true };\n`);
    writeFileSync(join(dir, 'build', 'out.py'), 'import dashscope\nf(enable_search=True)\n');
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x65, 0x6e, 0x61]));
    writeFileSync(join(dir, 'big.py'), `import dashscope\n${'x = 1\n'.repeat(2000)}f(enable_search=True)\n`);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints JSON with 1-based positions and every occurrence, off ones included', async () => {
    const { code, out } = await run(['--format', 'json', '--max-file-size', '5000', '.'], dir);
    const report = JSON.parse(out) as { version: number; filesScanned: number; durationMs: number; findings: Record<string, unknown>[] };
    assert.equal(report.version, 1);
    assert.equal(typeof report.durationMs, 'number');
    // .gitignore, src/app.py, src/think.py; not node_modules, build/ (ignored), image.bin (binary) or big.py (too large).
    assert.equal(report.filesScanned, 3);
    assert.deepEqual(
      report.findings.map((f) => `${String(f.file)}:${String(f.line)}:${String(f.column)}-${String(f.endLine)}:${String(f.endColumn)} ${String(f.rule)} ${String(f.state)} ${String(f.severity)}`),
      ['src/app.py:2:50-2:68 enable_search on warning', 'src/app.py:2:70-2:91 enable_thinking off none', 'src/think.py:2:50-2:87 enable_thinking dynamic info'],
    );
    assert.deepEqual(Object.keys(report.findings[0]!), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'state', 'severity', 'message']);
    assert.equal(code, 1);
  });

  it('--no-ignore scans node_modules and ignored folders too', async () => {
    const { out } = await run(['--format', 'json', '--no-ignore', '--max-file-size', '5000', '.'], dir);
    const files = new Set((JSON.parse(out) as { findings: { file: string }[] }).findings.map((f) => f.file));
    assert.deepEqual([...files].sort(), ['build/out.py', 'node_modules/lib/index.js', 'src/app.py', 'src/think.py']);
  });

  it('writes SARIF 2.1.0 with rules, levels and regions, leaving out what is turned off', async () => {
    const { out } = await run(['--format', 'sarif', 'src'], dir);
    const sarif = JSON.parse(out) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0]!;
    assert.equal(run0.tool.driver.name, 'qwen-cost-scan');
    assert.ok(run0.tool.driver.rules.some((r) => r.id === 'tools.web_search'));
    assert.deepEqual(
      run0.results.map((r) => `${r.ruleId} ${r.level} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}:${r.locations[0]!.physicalLocation.region.startColumn}`),
      ['enable_search warning src/app.py:2:50', 'enable_thinking note src/think.py:2:50'],
    );
  });

  it('prints readable text with a summary line', async () => {
    const { out } = await run(['src'], dir);
    assert.match(out, /^src\/app\.py:2:50: warning enable_search \[on\] Web search is on/m);
    assert.match(out, /2 findings in 2 files \(1 turned off\); 2 files scanned in \d+ ms\.\n$/);
  });

  it('exits 1 only when a finding reaches --fail-on', async () => {
    assert.equal((await run(['src'], dir)).code, 1);
    assert.equal((await run(['--fail-on', 'error', 'src'], dir)).code, 0);
    assert.equal((await run(['--fail-on', 'info', 'src/think.py'], dir)).code, 1);
    assert.equal((await run(['--fail-on', 'warning', 'src/think.py'], dir)).code, 0);
    assert.equal((await run(['--fail-on', 'none', 'src'], dir)).code, 0);
  });

  it('exits 2 on usage errors and changes nothing', async () => {
    for (const args of [['--format', 'xml', '.'], ['--fail-on', 'sometimes', '.'], ['--max-file-size', '-3', '.'], ['--max-file-size', 'big', '.'], ['--bogus', '.'], [], ['missing-dir']]) {
      const { code, out, err } = await run(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '');
      assert.match(err, /^qwen-cost-scan: [\s\S]+\n\nUsage: qwen-cost-scan/);
    }
    assert.equal((await run(['--help'], dir)).code, 0);
  });

  it('reports a file with 130,000 findings without overflowing the call stack', async function () {
    this.timeout(60_000);
    writeFileSync(join(dir, 'many.py'), `import dashscope\n${'f(enable_search=True)\n'.repeat(130_000)}`);
    const { code, out, err } = await run(['--max-file-size', '10000000', 'many.py'], dir);
    assert.equal(err, '');
    assert.match(out, /\n130000 findings in 1 file; 1 file scanned in \d+ ms\.\n$/);
    assert.equal(code, 1);
  });

  it('exits 3, not 2, when the scan itself fails', async () => {
    let err = '';
    const failingOutput = (): void => {
      throw new Error('stdout is closed');
    };
    const code = await runCli(['src'], { stdout: failingOutput, stderr: (t) => (err += t), cwd: dir });
    assert.equal(code, 3);
    assert.match(err, /^qwen-cost-scan: the scan failed: Error: stdout is closed/);
    assert.doesNotMatch(err, /Usage:/);
  });

  interface MissReport {
    filesScanned: number;
    filesTooLarge: number;
    filesUnreadable: number;
    unreadable: { file: string; reason: string }[];
  }

  /**
   * Permissions do not stop root, so as root the EACCES cases run the compiled CLI as `nobody` in a
   * process of its own; as anyone else, in this process.
   */
  const asRoot = process.getuid?.() === 0;
  async function runUnprivileged(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
    if (!asRoot) {
      return run(args, cwd);
    }
    chmodSync(dir, 0o755);
    const main = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
    const child = spawnSync(process.execPath, [main, ...args], { cwd, uid: 65534, gid: 65534, encoding: 'utf8' });
    return { code: child.status ?? -1, out: child.stdout, err: child.stderr };
  }

  it('counts a file it cannot read, says why and exits 4, findings or not', async () => {
    writeFileSync(join(dir, 'src', 'secret.py'), 'import dashscope\nf(enable_search=True)\n');
    chmodSync(join(dir, 'src', 'secret.py'), 0);
    try {
      const { code, out, err } = await runUnprivileged(['--format', 'json', 'src'], dir);
      const report = JSON.parse(out) as MissReport;
      assert.equal(report.filesUnreadable, 1);
      assert.deepEqual(report.unreadable, [{ file: 'src/secret.py', reason: 'EACCES: permission denied' }]);
      assert.equal(report.filesScanned, 2, 'the rest is still scanned');
      assert.match(err, /^qwen-cost-scan: could not read src\/secret\.py: EACCES: permission denied$/m);
      assert.equal(code, 4);
      assert.equal((await runUnprivileged(['--fail-on', 'none', 'src'], dir)).code, 4);
    } finally {
      chmodSync(join(dir, 'src', 'secret.py'), 0o644);
    }
  });

  it('reports a folder it cannot list instead of passing over it', async () => {
    mkdirSync(join(dir, 'src', 'locked'));
    writeFileSync(join(dir, 'src', 'locked', 'a.py'), 'import dashscope\nf(enable_search=True)\n');
    chmodSync(join(dir, 'src', 'locked'), 0);
    try {
      const { code, out, err } = await runUnprivileged(['--fail-on', 'none', 'src'], dir);
      assert.match(err, /could not read src\/locked: EACCES: permission denied/);
      assert.match(out, /; 2 files scanned in \d+ ms; 1 path could not be read\.\n$/);
      assert.equal(code, 4);
      const given = await runUnprivileged(['src/locked/a.py'], dir);
      assert.match(given.err, /could not read src\/locked\/a\.py: EACCES: permission denied/);
      assert.doesNotMatch(given.err, /No such file/);
      assert.equal(given.code, 4);
    } finally {
      chmodSync(join(dir, 'src', 'locked'), 0o755);
    }
  });

  it('says why a path given by name cannot be reached (a link loop is no missing file), in every format', async () => {
    symlinkSync('self', join(dir, 'self'));
    const { code, out, err } = await run(['--fail-on', 'none', 'self', 'src'], dir);
    assert.match(err, /^qwen-cost-scan: could not read self: ELOOP: too many symbolic links encountered$/m);
    assert.doesNotMatch(err, /No such file|Usage:/);
    assert.match(out, /; 1 path could not be read\.\n$/);
    assert.equal(code, 4);
    const json = JSON.parse((await run(['--format', 'json', 'self'], dir)).out) as MissReport;
    assert.deepEqual(json.unreadable, [{ file: 'self', reason: 'ELOOP: too many symbolic links encountered' }]);
    const sarif = JSON.parse((await run(['--format', 'sarif', 'self', 'src'], dir)).out) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
    };
    const invocation = sarif.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications.map((n) => `${n.level} ${n.message.text}`), ['error Could not read self: ELOOP: too many symbolic links encountered']);
  });

  it('notes and counts files over --max-file-size', async () => {
    const { code, out, err } = await run(['--format', 'json', '--max-file-size', '5000', '.'], dir);
    const report = JSON.parse(out) as MissReport;
    assert.equal(report.filesTooLarge, 1);
    assert.equal(report.filesUnreadable, 0);
    assert.deepEqual(report.unreadable, []);
    assert.match(err, /^qwen-cost-scan: skipped big\.py: larger than --max-file-size \(5000 bytes\)$/m);
    assert.equal(code, 1, 'a file skipped for its size does not fail the run by itself');
    assert.match((await run(['--max-file-size', '5000', 'big.py'], dir)).out, /^0 findings in 0 files; 0 files scanned in \d+ ms; 1 file over --max-file-size skipped\.\n$/);
  });

  it('scans UTF-16 files (with a byte-order mark) instead of passing them as binary', async () => {
    const source = 'import dashscope\r\nr = f(enable_search=True)\r\n';
    writeFileSync(join(dir, 'le.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]));
    writeFileSync(join(dir, 'be.py'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(source, 'utf16le').swap16()]));
    const { out } = await run(['--format', 'json', 'le.py', 'be.py'], dir);
    const report = JSON.parse(out) as { filesScanned: number; findings: { file: string; line: number; column: number; rule: string }[] };
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`), ['le.py:2:7 enable_search', 'be.py:2:7 enable_search']);
    assert.equal(report.filesScanned, 2);
    assert.equal((await run(['--max-file-size', '20', 'le.py'], dir)).out.includes('1 file over --max-file-size skipped'), true);
  });

  it('counts lines of a file with CR-only line endings as editors do', async () => {
    writeFileSync(join(dir, 'mac.py'), 'import dashscope\r\rr = f(enable_search=True)\r');
    const { out } = await run(['mac.py'], dir);
    assert.match(out, /^mac\.py:3:7: warning enable_search/m);
  });

  it('honours qwen-cost-ignore comments', async () => {
    writeFileSync(join(dir, 'src', 'app.py'), 'import dashscope\n# qwen-cost-ignore\nr = dashscope.Generation.call(model="qwen-plus", enable_search=True)\n');
    const { code } = await run(['src/app.py'], dir);
    assert.equal(code, 0);
  });

  describe('leaving paths out: --exclude and .qwen-cost-ignore', () => {
    beforeEach(() => {
      mkdirSync(join(dir, 'test', 'fixtures'), { recursive: true });
      writeFileSync(join(dir, 'test', 'fixtures', 'costly.py'), 'import dashscope\nf(enable_search=True)\n');
      writeFileSync(join(dir, 'test', 'app.test.py'), 'import dashscope\nf(enable_search=True)\n');
    });

    const filesWithFindings = (out: string): string[] => [...new Set((JSON.parse(out) as { findings: { file: string }[] }).findings.map((f) => f.file))].sort();

    it('--exclude leaves out a folder and, repeated, a file pattern at any depth', async () => {
      const before = await run(['--format', 'json', '.'], dir);
      assert.deepEqual(filesWithFindings(before.out), ['big.py', 'src/app.py', 'src/think.py', 'test/app.test.py', 'test/fixtures/costly.py']);
      const { code, out } = await run(['--format', 'json', '--exclude', 'test/fixtures/', '--exclude', '*.test.py', '.'], dir);
      assert.deepEqual(filesWithFindings(out), ['big.py', 'src/app.py', 'src/think.py']);
      assert.equal(code, 1);
      const report = JSON.parse(out) as { filesScanned: number };
      assert.equal(report.filesScanned, (JSON.parse(before.out) as { filesScanned: number }).filesScanned - 2, 'the excluded files are not read at all');
    });

    it('--exclude is relative to each PATH given, and anchored patterns stay anchored', async () => {
      assert.deepEqual(filesWithFindings((await run(['--format', 'json', '--exclude', 'fixtures', 'test'], dir)).out), ['test/app.test.py']);
      // "/fixtures" is at the root of the PATH only: test/fixtures is not at the root of ".".
      assert.deepEqual(filesWithFindings((await run(['--format', 'json', '--exclude', '/fixtures', '.'], dir)).out), ['big.py', 'src/app.py', 'src/think.py', 'test/app.test.py', 'test/fixtures/costly.py']);
    });

    it('reads .qwen-cost-ignore at the root, with comments and negations as in .gitignore', async () => {
      writeFileSync(join(dir, '.qwen-cost-ignore'), '# our own fixtures flag themselves\ntest/\n!test/app.test.py\nsrc/think.py\nbig.py\n');
      // A directory's contents cannot be re-included once it is excluded (as in git), so all of test/ goes.
      assert.deepEqual(filesWithFindings((await run(['--format', 'json', '.'], dir)).out), ['src/app.py']);
      writeFileSync(join(dir, '.qwen-cost-ignore'), 'test/**\n!test/app.test.py\n');
      assert.deepEqual(filesWithFindings((await run(['--format', 'json', '.'], dir)).out), ['big.py', 'src/app.py', 'src/think.py', 'test/app.test.py']);
    });

    it('still applies with --no-ignore, which only brings back .gitignore\'d files and node_modules', async () => {
      writeFileSync(join(dir, '.qwen-cost-ignore'), 'node_modules/\n');
      const { out } = await run(['--format', 'json', '--no-ignore', '--exclude', 'test', '.'], dir);
      assert.deepEqual(filesWithFindings(out), ['big.py', 'build/out.py', 'src/app.py', 'src/think.py']);
    });

    it('applies to files named one by one, relative to the current folder (as a pre-commit hook passes them)', async () => {
      writeFileSync(join(dir, '.qwen-cost-ignore'), 'test/fixtures/\n');
      const { code, out } = await run(['--format', 'json', 'test/fixtures/costly.py', 'src/app.py'], dir);
      assert.deepEqual(filesWithFindings(out), ['src/app.py']);
      assert.equal(code, 1);
      assert.equal((await run(['--exclude', 'src/*.py', 'src/app.py'], dir)).code, 0);
    });

    it('reports an ignore file it cannot read (what it leaves out is unknown) and refuses an empty --exclude', async () => {
      mkdirSync(join(dir, '.qwen-cost-ignore'));
      const { code, err } = await run(['--fail-on', 'none', '.'], dir);
      assert.match(err, /could not read \.qwen-cost-ignore: EISDIR/);
      assert.equal(code, 4);
      const empty = await run(['--exclude', ' ', '.'], dir);
      assert.equal(empty.code, 2);
      assert.match(empty.err, /--exclude needs a glob/);
    });
  });

  it('gives the same report with worker threads as in one thread, over enough files to start them', async function () {
    this.timeout(60_000);
    for (let i = 0; i < 700; i++) {
      mkdirSync(join(dir, 'many', String(i % 7)), { recursive: true });
      writeFileSync(join(dir, 'many', String(i % 7), `m${i}.py`), i % 50 === 3 ? `import dashscope\nf(enable_search=True)  # ${i}\n` : `x = ${i}\n`);
    }
    const saved = process.env.QWEN_COST_SCAN_JOBS;
    try {
      process.env.QWEN_COST_SCAN_JOBS = '1';
      const one = await run(['--format', 'json', '.'], dir);
      process.env.QWEN_COST_SCAN_JOBS = '3';
      const three = await run(['--format', 'json', '.'], dir);
      const strip = (s: string): unknown => ({ ...(JSON.parse(s) as object), durationMs: 0 });
      assert.deepEqual(strip(three.out), strip(one.out));
      const report = JSON.parse(one.out) as { filesScanned: number; findings: { file: string }[] };
      assert.ok(report.filesScanned > 700, String(report.filesScanned));
      assert.equal(report.findings.filter((f) => f.file.startsWith('many/')).length, 14);
      // In the walk's order (sorted names), whichever thread read them.
      const many = report.findings.map((f) => f.file).filter((f) => f.startsWith('many/'));
      assert.deepEqual(many, [...many].sort());
    } finally {
      if (saved === undefined) delete process.env.QWEN_COST_SCAN_JOBS;
      else process.env.QWEN_COST_SCAN_JOBS = saved;
    }
  });

  it('neither hangs nor wanders on hostile trees: a named pipe, a symlink loop, a link out, invalid UTF-8, deep nesting', async function () {
    this.timeout(30_000);
    spawnSync('mkfifo', [join(dir, 'src', 'pipe.py')]);
    symlinkSync('.', join(dir, 'src', 'loop'));
    symlinkSync('/etc/passwd', join(dir, 'src', 'outside.py'));
    writeFileSync(join(dir, 'src', 'latin1.py'), Buffer.concat([Buffer.from('import dashscope\nf(enable_search=True)  # '), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('\n')]));
    let deep = join(dir, 'src');
    for (let i = 0; i < 120; i++) {
      deep = join(deep, 'd');
    }
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'deep.py'), 'import dashscope\nf(enable_search=True)\n');
    const started = Date.now();
    const { code, out } = await run(['--format', 'json', 'src'], dir);
    assert.ok(Date.now() - started < 20_000, 'bounded time');
    assert.equal(code, 1);
    const files = new Set((JSON.parse(out) as { findings: { file: string }[] }).findings.map((f) => f.file));
    assert.ok(files.has('src/latin1.py'), 'invalid UTF-8 is read around, not fatal');
    assert.ok([...files].some((f) => f.endsWith('/deep.py')), 'deep folders are walked');
    assert.ok(![...files].some((f) => f.includes('loop') || f.includes('outside') || f.includes('pipe')), 'links and pipes are not followed or read');
  });
});
