// Runs the mocha suites in test/integration inside a real VS Code extension host (code-server's),
// loading the extension from the repository as a development extension. The host's exit code decides.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startCodeServer } from './codeServer';
import { REPO_ROOT } from './stageExtension';
import { ensureTestHost } from './testHost';

const TIMEOUT_MS = Number(process.env.QCM_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000);
// Workbench chatter that says nothing about the extension.
const NOISE =
  /^\[|^Creating a socket|^Resolv|^Updating|ENOTFOUND|open-vsx|Timed out waiting for authentication provider|No search provider registered|took \d+ms|vsda|Extension host agent/;

export async function runIntegration(env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = Date.now();
  const lap = (m: string): void => void process.stderr.write(`[integration +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
  const host = ensureTestHost({ browser: true });
  // Tests may edit the workspace: give them a fresh copy of the sample.
  const workspace = mkdtempSync(join(tmpdir(), 'qcm-workspace-'));
  cpSync(join(REPO_ROOT, 'samples', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer(host, { smokeDriver: true, keep: true, env: { ...env, QCM_TEST_WORKSPACE: workspace } });
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
