// Runs the mocha suites in test/integration inside a real VS Code extension host (code-server's),
// loading the extension from the repository as a development extension. The host's exit code decides.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startCodeServer } from './codeServer';
import { REPO_ROOT } from './stageExtension';
import { ensureTestHost } from './testHost';
import { parseClockStart, startedClock } from '../../src/core/common/clock';
import { startSimulator } from '../simulator/simulator';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';

const TIMEOUT_MS = Number(process.env.QCM_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000);
// Workbench chatter that says nothing about the extension.
const NOISE =
  /^\[|^Creating a socket|^Resolv|^Updating|ENOTFOUND|open-vsx|Timed out waiting for authentication provider|No search provider registered|took \d+ms|vsda|Extension host agent/;

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
}

/**
 * Looks for every secret the simulator handed out (tokens, refresh tokens, the AccessKey secret) in every
 * log the run produced and in what the host printed. Returns where each one was found.
 */
export function findLeakedSecrets(secrets: readonly string[], places: readonly { name: string; text: string }[]): string[] {
  const leaks: string[] = [];
  for (const place of places) {
    for (const secret of secrets) {
      if (secret.length >= 8 && place.text.includes(secret)) {
        leaks.push(`${place.name} contains a secret starting ${secret.slice(0, 6)}…`);
      }
    }
  }
  return leaks;
}

export async function runIntegration(env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = Date.now();
  const lap = (m: string): void => void process.stderr.write(`[integration +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
  const host = ensureTestHost({ browser: true });
  // Tests may edit the workspace: give them a fresh copy of the sample.
  const workspace = mkdtempSync(join(tmpdir(), 'qcm-workspace-'));
  cpSync(join(REPO_ROOT, 'samples', 'workspace'), workspace, { recursive: true });
  // QCM_CLOCK_START puts the extension (which reads it itself) and the simulator on one agreed date.
  const clockStart = parseClockStart(process.env.QCM_CLOCK_START);
  const simulator = await startSimulator(clockStart === undefined ? {} : { clock: startedClock(clockStart) });
  const printed: string[] = [];
  const server = await startCodeServer(host, { smokeDriver: true, keep: true, env: { ...env, QCM_TEST_WORKSPACE: workspace, QCM_SIMULATOR_URL: simulator.url } });
  lap(`code-server on port ${server.port}, run folder ${server.runDir}`);
  const browser = await launchBrowser();
  let exitCode = 124;
  try {
    const page = await browser.newPage();
    let finish: (code: number) => void = () => undefined;
    const finished = new Promise<number>((r) => (finish = r));
    // Both must exist before the workbench loads: it reports the host's console and exit through them.
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const first = String(args[0]);
      printed.push(args.map(String).join(' '));
      if (process.env.VERBOSE || !NOISE.test(first)) {
        console.log(...args);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    page.on('pageerror', (e) => console.error('[pageerror]', e.message));
    await page.goto(server.url({ folder: workspace, devPaths: [REPO_ROOT], testsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index.js') }));
    lap('workbench loading; the extension host runs the tests');
    let timer: NodeJS.Timeout | undefined;
    exitCode = await Promise.race([
      finished,
      new Promise<number>((r) => {
        timer = setTimeout(() => {
          lap('TIMEOUT');
          r(124);
        }, TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    lap(`extension host exited with code ${exitCode}`);
  } finally {
    await browser.close();
    await server.stop();
    await simulator.close();
    // No token or secret may reach any file the run left (logs, the output channel, globalState and
    // workspace state databases, the extension's global storage such as the key audit log) or the
    // console. SecretStorage itself lives in the browser here, not in these files.
    const secrets = [
      SIMULATOR_ACCESS_KEY.secret,
      ...[...simulator.state.tokens.values()].flatMap((t) => [t.accessToken, t.refreshToken]),
    ];
    const places = [
      { name: 'the extension host console', text: printed.join('\n') },
      ...filesUnder(server.runDir).map((f) => ({ name: f.slice(server.runDir.length + 1), text: readFileSync(f, 'latin1') })),
    ];
    const leaks = findLeakedSecrets(secrets, places);
    // The search proves nothing unless the extension's own log is among what was searched.
    const ownLog = places.find((p) => /Signed in to Qwen Cloud as/.test(p.text) && p.name.endsWith('.log'));
    lap(`searched ${places.length} files for ${secrets.length} secrets: ${leaks.length === 0 ? 'none found' : `${leaks.length} LEAKED`}; the extension's log: ${ownLog?.name ?? 'NOT FOUND'}`);
    for (const leak of leaks) {
      console.error(`  LEAK: ${leak}`);
    }
    if (leaks.length > 0 || ((secrets.length < 2 || !ownLog) && !process.env.QCM_TEST_GREP)) {
      // A run that issued no token proves nothing about leaks: the sign-in tests must issue at least one.
      exitCode = exitCode === 0 ? 3 : exitCode;
    }
    if (exitCode === 0) {
      rmSync(server.runDir, { recursive: true, force: true });
    } else {
      lap(`logs kept in ${server.runDir}`);
    }
    rmSync(workspace, { recursive: true, force: true });
  }
  return exitCode;
}

if (require.main === module) {
  runIntegration().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
