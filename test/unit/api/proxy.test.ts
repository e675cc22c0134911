// Requests go through the proxy VS Code is configured with (http.proxy), except to loopback.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../../src/api/http/httpClient';
import { transportErrors } from '../../../src/api/http/transportErrors';
import { createDispatcher, UndiciTransport } from '../../../src/api/http/undiciTransport';

describe('proxy support', () => {
  let proxy: Server;
  let proxyUrl: string;
  const seen: string[] = [];

  before(async () => {
    // A tunnelling proxy: it accepts CONNECT, then plays the origin server on the tunnel itself.
    proxy = createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.headers.host ?? ''}${req.url ?? ''} ua=${req.headers['user-agent'] ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"via":"proxy"}');
    });
    proxy.on('connect', (req, socket) => {
      seen.push(`CONNECT ${req.url ?? ''}`);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      proxy.emit('connection', socket);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => proxy.close(() => r())));

  it('sends requests through http.proxy with the User-Agent', async () => {
    const client = new HttpClient(new UndiciTransport(createDispatcher({ proxyUrl }), transportErrors), { userAgent: 'qwen-cloud-meter/1.2.3' });
    try {
      const response = await client.request({ method: 'GET', url: 'http://gateway.qwen-proxy-test.invalid/data/v2/api.json', idempotent: true });
      assert.equal(response.body, '{"via":"proxy"}');
      assert.deepEqual(seen, ['CONNECT gateway.qwen-proxy-test.invalid:80', 'GET gateway.qwen-proxy-test.invalid/data/v2/api.json ua=qwen-cloud-meter/1.2.3']);
    } finally {
      await client.close();
    }
  });

  it('goes direct to loopback even with a proxy set (the local simulator)', async () => {
    const direct = createServer((_req, res) => res.end('{"via":"direct"}'));
    await new Promise<void>((r) => direct.listen(0, '127.0.0.1', r));
    const client = new HttpClient(new UndiciTransport(createDispatcher({ proxyUrl }), transportErrors), { userAgent: 'x' });
    try {
      seen.length = 0;
      const response = await client.request({ method: 'GET', url: `http://127.0.0.1:${(direct.address() as AddressInfo).port}/`, idempotent: true });
      assert.equal(response.body, '{"via":"direct"}');
      assert.deepEqual(seen, []);
    } finally {
      await client.close();
      await new Promise<void>((r) => direct.close(() => r()));
    }
  });
});
