// The HTTP layer against the simulator under each fault: the right error type, retries only where safe.
import * as assert from 'node:assert/strict';
import { errorForStatus, HttpClient, parseRetryAfter } from '../../../src/api/http/httpClient';
import { transportErrors } from '../../../src/api/http/transportErrors';
import { createDispatcher, UndiciTransport } from '../../../src/api/http/undiciTransport';
import type { HttpRequest, Transport } from '../../../src/api/http/types';
import { useSimulator } from './simulatorFixture';

describe('HttpClient over undici, against the simulator', () => {
  const fx = useSimulator();
  let client: HttpClient;
  const waits: number[] = [];

  before(() => {
    client = new HttpClient(new UndiciTransport(createDispatcher(), transportErrors), {
      userAgent: 'qwen-cloud-meter/9.9.9',
      timeoutMs: 2_000,
      maxBytes: 64 * 1024,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
  });
  after(() => client.close());
  beforeEach(() => {
    waits.length = 0;
  });

  const planRequest = (idempotent: boolean): HttpRequest => ({
    method: 'POST',
    url: `${fx.sim.url}/cli/device/code?client_id=test-client`,
    idempotent,
  });
  const count = (route: string): number => fx.sim.state.requests.filter((r) => r.route === route).length;

  it('sends the User-Agent and returns a 2xx answer', async () => {
    const response = await client.request(planRequest(false));
    assert.equal(response.status, 200);
    assert.match(response.body, /VerificationUrl/);
  });

  it('retries an idempotent read after 5xx with jittered back-off, then succeeds', async () => {
    fx.sim.state.faults.add({ kind: 'status', status: 502, count: 2, match: 'device:code' });
    const before = count('device:code');
    const response = await client.request(planRequest(true));
    assert.equal(response.status, 200);
    assert.equal(count('device:code') - before, 3);
    assert.deepEqual(waits, [250, 500], 'full jitter: random · 500 ms · 2^attempt');
  });

  it('never retries a change', async () => {
    fx.sim.state.faults.add({ kind: 'status', status: 503, count: 1, match: 'device:code' });
    const before = count('device:code');
    await assert.rejects(client.request(planRequest(false)), { kind: 'server', status: 503 });
    assert.equal(count('device:code') - before, 1);
  });

  it('waits as long as Retry-After asks on 429, then retries', async () => {
    fx.sim.state.faults.add({ kind: 'rateLimit', retryAfterSec: 3, count: 1, match: 'device:code' });
    await client.request(planRequest(true));
    assert.deepEqual(waits, [3_000]);
  });

  it('gives up at once, with the wait, when Retry-After is too long to wait for', async () => {
    fx.sim.state.faults.add({ kind: 'rateLimit', retryAfterSec: 600, count: 1, match: 'device:code' });
    await assert.rejects(client.request(planRequest(true)), { kind: 'rateLimited', retryAfterMs: 600_000 });
    assert.deepEqual(waits, []);
  });

  it('reports a connection reset mid-body as a network error, and retries reads', async () => {
    fx.sim.state.faults.add({ kind: 'reset', count: 3, match: 'device:code' });
    await assert.rejects(client.request(planRequest(true)), { kind: 'network' });
    assert.equal(waits.length, 2, 'three attempts');
  });

  it('times out a slow answer', async () => {
    fx.sim.state.faults.add({ kind: 'latency', ms: 3_000, count: 1, match: 'device:code' });
    const started = Date.now();
    await assert.rejects(client.request({ ...planRequest(false), timeoutMs: 300 }), { kind: 'timeout' });
    assert.ok(Date.now() - started < 2_000);
  });

  it('caps every timeout when told to, even one a request asks for itself', async () => {
    const capped = new HttpClient(new UndiciTransport(createDispatcher(), transportErrors), { userAgent: 'x', maxTimeoutMs: 300 });
    try {
      fx.sim.state.faults.add({ kind: 'latency', ms: 3_000, count: 1, match: 'device:code' });
      const started = Date.now();
      await assert.rejects(capped.request({ ...planRequest(false), timeoutMs: 60_000 }), { kind: 'timeout' });
      assert.ok(Date.now() - started < 2_000);
    } finally {
      await capped.close();
    }
  });

  it('cuts off a response larger than the cap', async () => {
    const big = new HttpClient(new UndiciTransport(createDispatcher(), transportErrors), { userAgent: 'x', maxBytes: 64 });
    try {
      await assert.rejects(big.request(planRequest(false)), { kind: 'shape', message: /larger than 64 bytes/ });
    } finally {
      await big.close();
    }
  });

  it('maps 401 to an auth error and honours cancellation', async () => {
    await assert.rejects(client.request({ method: 'GET', url: `${fx.sim.url}/api/account/info.json`, idempotent: true }), { kind: 'auth' });
    const abort = new AbortController();
    fx.sim.state.faults.add({ kind: 'latency', ms: 1_000, count: 1, match: 'device:code' });
    const pending = client.request({ ...planRequest(true), signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await assert.rejects(pending, { kind: 'cancelled' });
  });

  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(parseRetryAfter('120', 0), 120_000);
    assert.equal(parseRetryAfter(new Date(60_000).toUTCString(), 0), 60_000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
  });
});

describe('HttpClient retry wait', () => {
  it('never lets a Retry-After longer than a timer can hold run after 1 ms', async () => {
    let sent = 0;
    const transport: Transport = {
      send: async () => {
        sent++;
        return { status: 429, headers: { 'retry-after': String(30 * 24 * 3_600) }, body: '' };
      },
      close: async () => undefined,
    };
    // A client told to wait for any Retry-After, with the real sleep: the 30-day wait must stay a wait.
    const client = new HttpClient(transport, { userAgent: 'qwen-cloud-meter/9.9.9', retries: 1, maxRetryAfterMs: Number.POSITIVE_INFINITY });
    const abort = new AbortController();
    const pending = client.request({ method: 'GET', url: 'https://example.invalid/plan', idempotent: true, signal: abort.signal });
    await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    await assert.rejects(pending, { kind: 'cancelled' });
    assert.equal(sent, 1, 'still waiting when cancelled, not sent again');
  });
});

describe('a rate limit in words', () => {
  it('knows until when it waits: the server\'s Retry-After, at most the poller\'s hour', () => {
    const now = Date.UTC(2026, 11, 3, 10, 0);
    const short = errorForStatus({ status: 429, headers: { 'retry-after': '120' }, body: '' }, now);
    assert.deepEqual([short?.kind, (short as { retryAt?: number }).retryAt], ['rateLimited', now + 120_000]);
    const month = errorForStatus({ status: 429, headers: { 'retry-after': '2592000' }, body: '' }, now);
    assert.equal((month as { retryAt?: number }).retryAt, now + 3_600_000, 'a 30-day wait is said as the hour the extension waits');
    const unsaid = errorForStatus({ status: 429, headers: {}, body: '' }, now);
    assert.equal((unsaid as { retryAt?: number }).retryAt, undefined);
  });
});
