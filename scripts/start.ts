// `npm start`: serves a real VS Code (code-server on 127.0.0.1) with the extension installed as a .vsix
// would install it, on the demo account, with a copy of the sample workspace open (made afresh each start,
// so a quick fix tried there never edits the repository's own samples). Prints the URL to open.
// `npm start -- --simulated` also starts the Qwen Cloud simulator and points the extension at it;
// `npm start -- --locale zh-cn` shows VS Code and the extension in Simplified Chinese.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portIsFree, startCodeServer } from '../test/host/codeServer';
import { REPO_ROOT, stageExtension } from '../test/host/stageExtension';
import { ensureTestHost } from '../test/host/testHost';
import { type RunningSimulator, startSimulator } from '../test/simulator/simulator';
import { SIMULATOR_ACCESS_KEY } from '../test/simulator/state';

export const SAMPLE_WORKSPACE = join(REPO_ROOT, 'samples', 'workspace');

export interface StartOptions {
  readonly port?: number;
  readonly simulated: boolean;
  /** A display language such as `zh-cn`; unset, code-server follows the browser's. */
  readonly locale?: string;
}

/** `npm start -- [--port N] [--simulated] [--locale zh-cn]`; throws on a value that cannot be used. */
export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): StartOptions {
  const option = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) {
      return undefined;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`${name} needs a value.`);
    }
    return value;
  };
  const portText = option('--port') ?? env.PORT;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
    throw new Error(`--port ${portText}: not a port number.`);
  }
  const locale = option('--locale')?.toLowerCase();
  if (locale !== undefined && !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(locale)) {
    throw new Error(`--locale ${locale}: not a language tag such as zh-cn.`);
  }
  return { ...(port !== undefined ? { port } : {}), simulated: argv.includes('--simulated'), ...(locale ? { locale } : {}) };
}

/** A fresh copy of the sample workspace under `scratch`: what `npm start` opens, so edits there stay there. */
export function copySampleWorkspace(scratch: string, from: string = SAMPLE_WORKSPACE): string {
  const workspace = join(scratch, 'workspace');
  cpSync(from, workspace, { recursive: true });
  return workspace;
}

async function main(): Promise<void> {
  const options = parseStartArgs(process.argv.slice(2), process.env);
  const host = ensureTestHost({ browser: false });
  const scratch = mkdtempSync(join(tmpdir(), 'qcm-start-'));
  const extension = stageExtension(join(scratch, 'extension'));
  const requested = options.port ?? 8080;
  const port = (await portIsFree(requested)) ? requested : await freePort();
  const workspace = copySampleWorkspace(scratch);
  let simulator: RunningSimulator | undefined;
  const settings: Record<string, unknown> = {};
  if (options.simulated) {
    simulator = await startSimulator();
    for (const key of ['auth', 'gateway', 'modelStudio', 'bss']) {
      settings[`qwenCloud.endpoints.${key}`] = simulator.url;
    }
  }
  const server = await startCodeServer(host, { install: [extension], port, runsDir: scratch, settings, ...(options.locale ? { locale: options.locale } : {}) });
  const url = server.url({ folder: workspace });
  if (simulator) {
    console.log(`\nQwen Cloud Meter is running in VS Code (code-server) against the simulator at ${simulator.url}.`);
    console.log('It starts on the demo account. To use the simulated account:');
    console.log('  - "Qwen Cloud: Sign In to Qwen Cloud", then Approve in the page that opens;');
    console.log(`  - "Qwen Cloud: Set Alibaba Cloud AccessKey…" with ID ${SIMULATOR_ACCESS_KEY.id} and secret ${SIMULATOR_ACCESS_KEY.secret} (fake, simulator only).`);
  } else {
    console.log('\nQwen Cloud Meter is running in VS Code (code-server) on the demo account.');
  }
  console.log(`The workspace is a copy of samples/workspace, made for this run and removed when it stops: ${workspace}`);
  if (options.locale) {
    console.log(`Display language: ${options.locale}. VS Code needs its language pack for it: if the workbench shows English, run "Configure Display Language" there and pick the language, which installs the pack.`);
  }
  console.log(`Open: ${url}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async (): Promise<void> => {
    await server.stop();
    await simulator?.close();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

// Run only as `node out/scripts/start.js`; the unit tests import the helpers above.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
