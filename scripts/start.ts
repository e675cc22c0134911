// `npm start`: serves a real VS Code (code-server on 127.0.0.1) with the extension installed as a .vsix
// would install it, on the demo account, with the sample workspace open. Prints the URL to open.
// `npm start -- --simulated` also starts the Qwen Cloud simulator and points the extension at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portIsFree, startCodeServer } from '../test/host/codeServer';
import { REPO_ROOT, stageExtension } from '../test/host/stageExtension';
import { ensureTestHost } from '../test/host/testHost';
import { type RunningSimulator, startSimulator } from '../test/simulator/simulator';
import { SIMULATOR_ACCESS_KEY } from '../test/simulator/state';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const host = ensureTestHost({ browser: false });
  const scratch = mkdtempSync(join(tmpdir(), 'qcm-start-'));
  const extension = stageExtension(join(scratch, 'extension'));
  const requested = Number(option('--port') ?? process.env.PORT ?? 8080);
  const port = (await portIsFree(requested)) ? requested : await freePort();
  const workspace = join(REPO_ROOT, 'samples', 'workspace');
  let simulator: RunningSimulator | undefined;
  const settings: Record<string, unknown> = {};
  if (process.argv.includes('--simulated')) {
    simulator = await startSimulator();
    for (const key of ['auth', 'gateway', 'modelStudio', 'bss']) {
      settings[`qwenCloud.endpoints.${key}`] = simulator.url;
    }
  }
  const server = await startCodeServer(host, { install: [extension], port, runsDir: scratch, settings });
  const url = server.url({ folder: workspace });
  if (simulator) {
    console.log(`\nQwen Cloud Meter is running in VS Code (code-server) against the simulator at ${simulator.url}.`);
    console.log('It starts on the demo account. To use the simulated account:');
    console.log('  - "Qwen Cloud: Sign In to Qwen Cloud", then Approve in the page that opens;');
    console.log(`  - "Qwen Cloud: Set Alibaba Cloud AccessKey…" with ID ${SIMULATOR_ACCESS_KEY.id} and secret ${SIMULATOR_ACCESS_KEY.secret} (fake, simulator only).`);
  } else {
    console.log('\nQwen Cloud Meter is running in VS Code (code-server) on the demo account.');
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
