// `npm start`: serves a real VS Code (code-server on 127.0.0.1) with the extension installed as a .vsix
// would install it, on the demo account, with the sample workspace open. Prints the URL to open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portIsFree, startCodeServer } from '../test/host/codeServer';
import { REPO_ROOT, stageExtension } from '../test/host/stageExtension';
import { ensureTestHost } from '../test/host/testHost';

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
  const server = await startCodeServer(host, { install: [extension], port, runsDir: scratch });
  const url = server.url({ folder: workspace });
  console.log('\nQwen Cloud Meter is running in VS Code (code-server) on the demo account.');
  console.log(`Open: ${url}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async (): Promise<void> => {
    await server.stop();
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
