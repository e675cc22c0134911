// The extension's side of the MCP server's local channel: an HTTP server on 127.0.0.1 (a random port) that
// answers one GET with the agents' data, only to a request that carries the random token written to the
// channel file in global storage (mode 0600 in a 0700 folder). No credential of the account ever leaves
// the extension: the server gets figures, not keys. Each window's extension host serves its own channel;
// the focused window writes the file, so a server started later reads the window the user works in.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CHANNEL_FILE, CHANNEL_PATH, type ChannelInfo } from '../core/agents/channelInfo';
import type { AgentData } from '../core/agents/agentData';
import type { Logger } from '../core/common/logger';

export class AgentChannel {
  private server: Server | undefined;
  private info: ChannelInfo | undefined;
  private readonly token = randomBytes(32).toString('hex');
  private disposed = false;

  constructor(
    private readonly folder: string,
    private readonly data: () => Promise<AgentData>,
    private readonly log: Logger,
  ) {}

  /** Where the channel file is: what the server VS Code starts is told through its environment. */
  get file(): string {
    return join(this.folder, CHANNEL_FILE);
  }

  /** Starts listening and writes the channel file; resolves once both are done. */
  async start(): Promise<void> {
    const server = createServer((request, response) => void this.answer(request, response));
    server.on('error', (error) => this.log.warn(`The agents' local channel failed: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    if (this.disposed) {
      server.close();
      return;
    }
    this.server = server;
    this.info = { version: 1, port: (server.address() as AddressInfo).port, token: this.token, pid: process.pid };
    await this.writeFile();
    this.log.info(`The agents' local channel listens on 127.0.0.1:${this.info.port}.`);
  }

  /** Points the channel file at this window (called when the window gains focus). */
  async writeFile(): Promise<void> {
    if (!this.info || this.disposed) {
      return;
    }
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.info), { mode: 0o600 });
    await rename(temporary, this.file);
  }

  private authorised(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const expected = Buffer.from(this.token);
    // A page in a browser can reach 127.0.0.1 too: it sends an Origin, and a rebound name its own Host.
    const host = request.headers.host ?? '';
    const local = this.info !== undefined && (host === `127.0.0.1:${this.info.port}` || host === `localhost:${this.info.port}`);
    return local && request.headers.origin === undefined && given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, body: string): void => {
      response.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain', 'cache-control': 'no-store' });
      response.end(body);
    };
    if (!this.authorised(request)) {
      send(401, 'Unauthorized');
      return;
    }
    if (request.method !== 'GET' || request.url !== CHANNEL_PATH) {
      send(404, 'Not found');
      return;
    }
    try {
      send(200, JSON.stringify(await this.data()));
    } catch (error) {
      this.log.error('The agents\' data could not be put together', error);
      send(500, 'The extension could not put its figures together.');
    }
  }

  dispose(): void {
    this.disposed = true;
    this.server?.close();
    this.server = undefined;
    const token = this.token;
    // Remove the file only while it is still this window's: another window may have written its own since.
    void readFile(this.file, 'utf8')
      .then((text) => (text.includes(token) ? rm(this.file, { force: true }) : undefined))
      .catch(() => undefined);
  }
}
