// `npm test`: every check, in order, with the time each took. Installs the VS Code test host on first
// use. `npm test -- --only unit,integration` or `--skip e2e` narrows the run while working.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const stages = [
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings=0', '.'] },
  { name: 'compile', cmd: ['npx', 'tsc', '-p', '.'], before: () => rmSync('out', { recursive: true, force: true }), fatal: true },
  { name: 'webview types', cmd: ['npx', 'tsc', '-p', 'webview', '--noEmit'], fatal: true, when: hasWebviewSources },
  { name: 'build', cmd: ['node', 'esbuild.mjs'], fatal: true },
  { name: 'unit', cmd: ['npx', 'mocha', '--config', '.mocharc.json'] },
  // What spawns processes or waits on real time (the l10n export, the bundled CLI, real Retry-After waits).
  { name: 'slow', cmd: ['npx', 'mocha', '--config', '.mocharc.slow.json'] },
  { name: 'contract', cmd: ['npx', 'mocha', '--config', '.mocharc.contract.json'] },
  { name: 'test host', cmd: ['node', 'out/test/host/testHost.js'], fatal: true },
  { name: 'integration', cmd: ['node', 'out/test/host/runIntegration.js'] },
  // The suites that read dates again, on purpose at the hardest moment: half an hour into next month, when
  // nothing is billed yet and last month's bill has not settled (QCM_CLOCK_START moves the extension's
  // clock and the simulator's; the unit tests cover the 3rd, the last day and 29 February).
  {
    name: 'month-start',
    cmd: ['node', 'out/test/host/runIntegration.js'],
    env: { QCM_CLOCK_START: nextMonthStart(), QCM_TEST_GREP: 'spending panel through its protocol|spending-limit panel through its protocol|quota meter in the status bar|pay-as-you-go item|model usage in the spending panel|tree views against the simulator' },
  },
  { name: 'e2e', cmd: ['npx', 'mocha', '--config', '.mocharc.e2e.json'] },
];

/** 00:30 on the 1st of next month in the billing time zone (UTC+8), as an ISO time. */
function nextMonthStart() {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1, 0, 30) - 8 * 3_600_000;
  return new Date(first).toISOString();
}

function hasWebviewSources() {
  return existsSync('webview') && readdirSync('webview', { recursive: true }).some((f) => String(f).endsWith('.ts'));
}

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : undefined;
};
const only = arg('--only');
const skip = arg('--skip') ?? [];
const selected = stages.filter((s) => (!only || only.includes(s.name) || s.fatal) && !skip.includes(s.name) && (s.when?.() ?? true));

const results = [];
const started = Date.now();
for (const stage of selected) {
  process.stdout.write(`\n=== ${stage.name}: ${stage.cmd.join(' ')}\n`);
  stage.before?.();
  const t0 = Date.now();
  if (stage.env) {
    process.stdout.write(`    with ${Object.entries(stage.env).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  }
  const { status, signal } = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const ok = status === 0;
  results.push({ name: stage.name, ok, seconds: (Date.now() - t0) / 1000, detail: ok ? '' : `exit ${status ?? signal}` });
  if (!ok && stage.fatal) {
    break;
  }
}

console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.detail}`);
}
const failed = results.filter((r) => !r.ok);
console.log(`${failed.length === 0 ? 'all passed' : `${failed.length} stage(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed.length === 0 && results.length === selected.length ? 0 : 1;
