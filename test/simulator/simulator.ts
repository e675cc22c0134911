// The Qwen Cloud simulator: a real HTTP server on 127.0.0.1 that speaks device sign-in, the account
// gateway and the Alibaba Cloud OpenAPI, serves the demo generator's data, verifies ACS3 signatures and
// injects faults on request. Tests, `npm start -- --simulated` and the benchmarks talk to it over sockets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { DemoSpec } from '../../src/api/demo/demoAccount';
import type { QuotaWindowKind, TokenPlanEdition } from '../../src/core/account/model';
import type { Clock } from '../../src/core/common/clock';
import type { FaultRule } from './faults';
import { invoicePdf } from '../../src/api/demo/demoInvoice';
import { deviceRoute, devicePage, handleDevice, handleGateway, needLogin, parseGatewayCall, type SimResponse, unknownAction } from './gatewayRoutes';
import { handleOpenApi, openApiRoute, type OpenApiRequest, verifySignature } from './openApiRoutes';
import { SimulatorState } from './state';

/** What the control API accepts (POST /__control/state): every field optional. */
export interface SimulatorControl {
  clockOffsetMs?: number;
  /** Absolute simulated time (epoch ms); sets the offset. */
  now?: number;
  usage?: Partial<Record<QuotaWindowKind, number>> | null;
  hasCodingPlan?: boolean;
  /** The Token Plan edition the account holds; null for none. */
  tokenPlan?: TokenPlanEdition | null;
  /** The credits' used share (0-1); null lets the demo's use show. */
  credits?: number | null;
  limitWritable?: boolean;
  tokenLifetimeMs?: number;
  deviceExpiresInSec?: number;
  deviceIntervalSec?: number;
  faults?: FaultRule[];
  addFault?: FaultRule;
  spec?: DemoSpec;
  expireTokens?: boolean;
  approveDevice?: boolean;
  denyDevice?: boolean;
}

export interface RunningSimulator {
  readonly url: string;
  readonly port: number;
  readonly state: SimulatorState;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) {
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
  }
  return out;
}

function applyControl(state: SimulatorState, control: SimulatorControl): void {
  if (control.spec) {
    state.setSpec(control.spec);
  }
  if (control.now !== undefined) {
    state.clockOffsetMs = control.now - state.base.now();
  }
  if (control.clockOffsetMs !== undefined) {
    state.clockOffsetMs = control.clockOffsetMs;
  }
  if (control.tokenPlan !== undefined) {
    state.tokenPlanEdition = control.tokenPlan ?? undefined;
  }
  if (control.credits !== undefined) {
    state.creditsOverride = control.credits ?? undefined;
  }
  if (control.usage !== undefined) {
    state.usageOverride = control.usage ?? {};
  }
  if (control.hasCodingPlan !== undefined) {
    state.hasCodingPlan = control.hasCodingPlan;
  }
  if (control.limitWritable !== undefined) {
    state.limitWritable = control.limitWritable;
  }
  if (control.tokenLifetimeMs !== undefined) {
    state.tokenLifetimeMs = control.tokenLifetimeMs;
  }
  if (control.deviceExpiresInSec !== undefined) {
    state.deviceExpiresInSec = control.deviceExpiresInSec;
  }
  if (control.deviceIntervalSec !== undefined) {
    state.deviceIntervalSec = control.deviceIntervalSec;
  }
  if (control.faults) {
    state.faults.set(control.faults);
  }
  if (control.addFault) {
    state.faults.add(control.addFault);
  }
  if (control.expireTokens) {
    state.expireAllTokens();
  }
  if (control.approveDevice || control.denyDevice) {
    const pending = state.pendingDevice();
    if (pending) {
      pending.status = control.approveDevice ? 'approved' : 'denied';
    }
  }
}

function describeState(state: SimulatorState): Record<string, unknown> {
  return {
    now: state.now(),
    clockOffsetMs: state.clockOffsetMs,
    usage: state.usageOverride,
    hasCodingPlan: state.hasCodingPlan,
    tokenPlan: state.tokenPlan(),
    limitWritable: state.limitWritable,
    faults: state.faults.list(),
    pendingDevices: [...state.devices.values()].filter((d) => d.status === 'pending').length,
    spec: state.account.spec,
  };
}

export async function startSimulator(options: { port?: number; spec?: DemoSpec; clock?: Clock } = {}): Promise<RunningSimulator> {
  const state = new SimulatorState(options.spec, options.clock);
  const sockets = new Set<Socket>();

  /**
   * Faults that refuse a request (latency, 5xx, 429, expired token, unknown action) act before the
   * handler, so a refused change changes nothing. Faults that break the answer (malformed, truncated,
   * connection reset) act after it: the change happened, only its answer was lost.
   */
  const refusal = async (route: string, faults: readonly FaultRule[]): Promise<SimResponse | undefined> => {
    const latency = faults.find((f) => f.kind === 'latency');
    if (latency) {
      await new Promise((r) => setTimeout(r, latency.ms ?? 2_000));
    }
    const status = faults.find((f) => f.kind === 'status' || f.kind === 'rateLimit');
    if (status?.kind === 'rateLimit') {
      return { status: 429, headers: { 'retry-after': String(status.retryAfterSec ?? 2) }, body: { Code: 'Throttling', Message: 'Request was denied due to request throttling.' } };
    }
    if (status) {
      return { status: status.status ?? 503, body: { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' } };
    }
    if (faults.some((f) => f.kind === 'expiredToken') && route.startsWith('gateway:')) {
      return needLogin();
    }
    if (faults.some((f) => f.kind === 'unknownAction')) {
      return route.startsWith('openapi:') ? { status: 404, body: { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found.' } } : unknownAction();
    }
    return undefined;
  };

  /**
   * Runs the handler unless a fault refuses the request, then sends the answer, broken if a fault says so.
   * `guard` refuses a request the service would (a bad token or signature) before any scripted answer;
   * `sent` is what the client sent (its parameters), kept in the request log for tests to read.
   */
  const serve = async (
    res: ServerResponse,
    route: string,
    handle: () => SimResponse | Promise<SimResponse>,
    guard?: () => SimResponse | undefined,
    sent?: Readonly<Record<string, unknown>>,
  ): Promise<void> => {
    const faults = route.startsWith('control:') || route.startsWith('page:') ? [] : state.faults.take(route);
    const scripted = faults.find((f) => f.kind === 'answer');
    const out =
      (await refusal(route, faults)) ??
      guard?.() ??
      (scripted ? { status: scripted.status ?? 200, body: scripted.body ?? {} } : undefined) ??
      (await handle());
    const record = (status: number): void => state.record(route, status, sent);
    if (Buffer.isBuffer(out.body)) {
      record(out.status);
      res.writeHead(out.status, { 'content-length': String(out.body.length), ...out.headers });
      res.end(out.body);
      return;
    }
    let text = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
    if (faults.some((f) => f.kind === 'malformed')) {
      text = '<html><body>502 Bad Gateway</body></html>';
    } else if (faults.some((f) => f.kind === 'truncated')) {
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    const contentType = typeof out.body === 'string' && !text.startsWith('{') ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    record(out.status);
    if (faults.some((f) => f.kind === 'reset')) {
      // Promise a full body, send a part, then drop the connection.
      res.writeHead(out.status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text) + 100) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.writeHead(out.status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...out.headers });
    res.end(text);
  };
  const send = (res: ServerResponse, route: string, response: SimResponse): Promise<void> => serve(res, route, () => response);

  const server = createServer((req, res) => {
    void (async () => {
      const base = `http://${req.headers.host ?? '127.0.0.1'}`;
      const url = new URL(req.url ?? '/', base);
      const body = await readBody(req);
      const headers = headersOf(req);
      const path = url.pathname;
      if (path.startsWith('/__control/')) {
        if (path === '/__control/state' && req.method === 'POST') {
          applyControl(state, JSON.parse(body || '{}') as SimulatorControl);
        } else if (path === '/__control/reset' && req.method === 'POST') {
          state.faults.clear();
          state.clockOffsetMs = 0;
          state.usageOverride = {};
          state.hasCodingPlan = true;
          state.tokenPlanEdition = undefined;
          state.creditsOverride = undefined;
          state.limitWritable = false;
          state.requests.length = 0;
        } else if (path === '/__control/requests') {
          await send(res, 'control:requests', { status: 200, body: { requests: state.requests } });
          return;
        }
        await send(res, 'control:state', { status: 200, body: describeState(state) });
        return;
      }
      if (path === '/device' && req.method === 'GET') {
        await send(res, 'page:device', { status: 200, body: devicePage(state, url.searchParams.get('code')) });
        return;
      }
      if ((path === '/device/approve' || path === '/device/deny') && req.method === 'POST') {
        const session = state.pendingDevice(url.searchParams.get('code') ?? undefined);
        if (session) {
          session.status = path.endsWith('approve') ? 'approved' : 'denied';
        }
        await send(res, 'page:device', { status: 200, body: `<!doctype html><p>${session ? (session.status === 'approved' ? 'Signed in. You can close this page.' : 'Sign-in denied.') : 'No pending sign-in.'}</p>` });
        return;
      }
      if (path.startsWith('/cli/device/') && req.method === 'POST') {
        await serve(res, deviceRoute(path), () => handleDevice(state, path, url.searchParams, base), undefined, Object.fromEntries(url.searchParams));
        return;
      }
      if (path === '/data/v2/api.json' && req.method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        const call = parseGatewayCall(parsed);
        if (!call) {
          await send(res, 'gateway:invalid', { status: 400, body: { code: '400', message: 'invalid request body' } });
          return;
        }
        const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
        const needsToken = !(call.product === 'qwencloud-auth');
        await serve(
          res,
          call.route,
          () => handleGateway(state, call),
          () => (needsToken && !state.validToken(bearer) ? needLogin() : undefined),
          { ...call.params, ...(call.reqDTO ? { reqDTO: call.reqDTO } : {}) },
        );
        return;
      }
      if (path === '/api/account/info.json' && req.method === 'GET') {
        const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
        await send(res, 'gateway:accountInfo', state.validToken(bearer) ? { status: 200, body: { data: { aliyunId: 'developer@example.com', email: 'developer@example.com' } } } : { status: 401, body: { code: '401', message: 'unauthorized' } });
        return;
      }
      const invoice = /^\/invoices\/(\d+)\.pdf$/.exec(path);
      if (invoice && req.method === 'GET') {
        const order = state.account.orders(state.now()).find((o) => o.id === invoice[1] && o.status === 'paid');
        await send(res, 'gateway:invoice', order ? { status: 200, headers: { 'content-type': 'application/pdf' }, body: Buffer.from(invoicePdf(order, 'Qwen Cloud (simulator)')) } : { status: 404, body: { Code: 'NotFound', Message: 'No invoice for this order.' } });
        return;
      }
      if (headers['x-acs-action']) {
        const request: OpenApiRequest = { method: req.method ?? 'GET', rawPath: path, query: url.searchParams, headers, body };
        const route = openApiRoute(request);
        await serve(res, route, () => handleOpenApi(state, request), () => verifySignature(state, request), { ...Object.fromEntries(url.searchParams), path, method: request.method });
        return;
      }
      await send(res, 'unknown', { status: 404, body: { Code: 'NotFound', Message: `No route for ${req.method ?? ''} ${path}` } });
    })().catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'InternalError', Message: error instanceof Error ? error.message : String(error) }));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
