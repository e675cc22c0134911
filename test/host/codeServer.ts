// Starts an isolated code-server (fresh user-data and extensions folders, a free port on 127.0.0.1) and
// a headless Debian Chromium to drive it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH, type TestHost } from './testHost';

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

export interface CodeServerOptions {
  /** User settings on top of the quiet defaults below. */
  readonly settings?: Record<string, unknown>;
  /** Extension folders to install (copied in as `<publisher>.<name>-<version>`). */
  readonly install?: readonly string[];
  /** Packages to install with code-server's own `--install-extension`, as a user installs a .vsix. */
  readonly installVsix?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Needed for `?payload=` (extensionDevelopmentPath / extensionTestsPath). It hides notification toasts
   * and skips dialogs, so UI tests run without it.
   */
  readonly smokeDriver?: boolean;
  /** Keep the run folder (logs) after stop; always kept when a run fails. */
  readonly keep?: boolean;
  /** Fixed port, for `npm start`. */
  readonly port?: number;
  /** Where run folders go; defaults to the system temp folder. */
  readonly runsDir?: string;
  /** The display language (`zh-cn`), as code-server's `--locale`; the browser's language otherwise. */
  readonly locale?: string;
}

export interface RunningCodeServer {
  readonly port: number;
  readonly base: string;
  /** This run's folder: user data, extensions, logs. */
  readonly runDir: string;
  readonly logsDir: string;
  url(options: { folder: string; devPaths?: readonly string[]; testsPath?: string }): string;
  stop(): Promise<void>;
}

export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Copies an extension the way an install lays it out. */
function installExtension(extensionDir: string, extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  cpSync(extensionDir, target, { recursive: true });
}

/** Installs a .vsix through code-server's command line; its output goes to the run's log, one line here on failure. */
function installVsix(host: TestHost, vsix: string, dirs: { data: string; extensions: string }): void {
  const result = spawnSync(
    host.node,
    [host.codeServerEntry, '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions, '--install-extension', resolve(vsix)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  writeFileSync(join(dirs.data, 'install-extension.log'), `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0 || !/was successfully installed/.test(result.stdout ?? '')) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout || '').trim().split('\n').slice(-1)[0]}`);
  }
}

export async function startCodeServer(host: TestHost, options: CodeServerOptions = {}): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePort());
  const runsDir = options.runsDir ?? join(tmpdir(), 'qwen-cloud-meter-runs');
  mkdirSync(runsDir, { recursive: true });
  const runDir = mkdtempSync(join(runsDir, 'run-'));
  const dirs = { data: join(runDir, 'data'), extensions: join(runDir, 'extensions'), logs: join(runDir, 'data', 'logs') };
  for (const d of [join(dirs.data, 'User'), dirs.extensions, join(runDir, 'xdg-config'), join(runDir, 'xdg-data')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(dirs.data, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 1));
  for (const extension of options.install ?? []) {
    installExtension(extension, dirs.extensions);
  }
  for (const vsix of options.installVsix ?? []) {
    installVsix(host, vsix, dirs);
  }
  const args = [
    host.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config',
    join(runDir, 'config.yaml'),
    '--user-data-dir',
    dirs.data,
    '--extensions-dir',
    dirs.extensions,
    ...(options.smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.locale ? ['--locale', options.locale] : []),
  ];
  const child: ChildProcess = spawn(host.node, args, {
    env: { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg-config'), XDG_DATA_HOME: join(runDir, 'xdg-data'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = createWriteStream(join(runDir, 'code-server.log'));
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}; see ${join(runDir, 'code-server.log')}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not start within 60 s; see ${join(runDir, 'code-server.log')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The workbench accepts development paths only under the authority the browser uses.
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
  return {
    port,
    base,
    runDir,
    logsDir: dirs.logs,
    url: ({ folder, devPaths = [], testsPath }) => {
      const payload = [
        ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
        ...(testsPath ? [['extensionTestsPath', remote(testsPath)]] : []),
      ];
      return `${base}/?folder=${encodeURIComponent(resolve(folder))}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      logFile.end();
      if (!options.keep && existsSync(runDir)) {
        rmSync(runDir, { recursive: true, force: true });
      }
    },
  };
}

/** Headless Debian Chromium with the flags this offline machine needs. Never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
