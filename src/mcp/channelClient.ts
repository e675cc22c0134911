// The MCP server's side of the local channel: find the channel file the running extension wrote, check that
// only this user can read it, and ask the extension for its figures with the token it holds.
import { readFile, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type AgentData, isAgentData } from '../core/agents/agentData';
import { CHANNEL_ENV, CHANNEL_FILE, CHANNEL_PATH, isChannelInfo } from '../core/agents/channelInfo';

const EXTENSION_ID = 'qwen-cloud-meter.qwen-cloud-meter';
/** The extension waits up to 8 s for due data; then the answer still has to travel. */
const REQUEST_TIMEOUT_MS = 12_000;

/** Where VS Code, its Insiders build, VSCodium and code-server keep the extension's global storage. */
export function defaultChannelFiles(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string[] {
  const userDirs =
    platform === 'win32'
      ? [env.APPDATA ?? join(home, 'AppData', 'Roaming')].flatMap((base) => ['Code', 'Code - Insiders', 'VSCodium'].map((app) => join(base, app, 'User')))
      : platform === 'darwin'
        ? ['Code', 'Code - Insiders', 'VSCodium'].map((app) => join(home, 'Library', 'Application Support', app, 'User'))
        : [
            ...['Code', 'Code - Insiders', 'VSCodium'].map((app) => join(env.XDG_CONFIG_HOME ?? join(home, '.config'), app, 'User')),
            join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'code-server', 'User'),
          ];
  return userDirs.map((dir) => join(dir, 'globalStorage', EXTENSION_ID, CHANNEL_FILE));
}

/** Why the channel could not be used: said in the answer, so the agent and the person know. */
export class ChannelError extends Error {}

/** The channel file to use: `--channel`, then the environment, then the newest of the default places. */
export async function findChannelFile(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const named = explicit ?? env[CHANNEL_ENV];
  if (named) {
    return named;
  }
  let newest: { file: string; at: number } | undefined;
  for (const file of defaultChannelFiles(env)) {
    const info = await stat(file).catch(() => undefined);
    if (info && (!newest || info.mtimeMs > newest.at)) {
      newest = { file, at: info.mtimeMs };
    }
  }
  return newest?.file;
}

/** Reads the channel file, refusing one that others than this user could read or change. */
async function readChannel(file: string): Promise<{ port: number; token: string }> {
  const info = await stat(file).catch(() => undefined);
  if (!info) {
    throw new ChannelError(`no channel file at ${file} (is VS Code with Qwen Cloud Meter running?)`);
  }
  if (process.platform !== 'win32') {
    if ((info.mode & 0o077) !== 0) {
      throw new ChannelError(`the channel file ${file} is readable by others than its owner; it is not used`);
    }
    if (typeof process.getuid === 'function' && info.uid !== process.getuid()) {
      throw new ChannelError(`the channel file ${file} belongs to another user; it is not used`);
    }
  }
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isChannelInfo(parsed)) {
    throw new ChannelError(`the channel file ${file} is not one this version reads`);
  }
  return parsed;
}

/** Asks the running extension for the agents' data. Rejects with a ChannelError that says why not. */
export async function fetchAgentData(file: string): Promise<AgentData> {
  const { port, token } = await readChannel(file);
  const body = await new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: CHANNEL_PATH, method: 'GET', headers: { authorization: `Bearer ${token}` }, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new ChannelError(`the extension answered ${res.statusCode ?? 'nothing'}`)),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new ChannelError('the extension did not answer in time')));
    req.on('error', (error) => reject(error instanceof ChannelError ? error : new ChannelError(`the extension is not answering (${error.message})`)));
    req.end();
  });
  const data: unknown = JSON.parse(body);
  if (!isAgentData(data)) {
    throw new ChannelError('the extension answered data this version does not read');
  }
  return data;
}
