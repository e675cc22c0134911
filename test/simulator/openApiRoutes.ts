// The Alibaba Cloud OpenAPI side: ModelStudio 2026-02-10 (ROA) and BssOpenApi 2017-12-14 (RPC). Every
// request's ACS3 signature is checked the way the real service checks it: the expected signature comes
// from the official SDK (@alicloud/openapi-util), not from the extension's own signer, the body hash must
// match, the request time must be within 15 minutes of the server's clock, and a nonce is used once.
import { createHash, randomUUID } from 'node:crypto';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $tea from '@alicloud/tea-typescript';
import type { SpendDimension } from '../../src/core/account/model';
import type { SimResponse } from './gatewayRoutes';
import type { SimulatorState } from './state';

const FIFTEEN_MINUTES = 15 * 60_000;

/** A refusal by the OpenAPI gateway (signature, action, version): PascalCase, as the gateway sends it. */
const error = (status: number, code: string, message: string): SimResponse => ({
  status,
  body: { RequestId: randomUUID(), Code: code, Message: message, Recommend: 'https://api.alibabacloud.com/troubleshoot' },
});

/**
 * A refusal by ModelStudio itself, in its own lowercase envelope. The SDK documents the envelope's fields
 * but no error body, so this shape is the simulator's assumption.
 */
const refusal = (status: number, code: string, message: string): SimResponse => ({
  status,
  body: { requestId: randomUUID(), success: false, code, message, httpStatusCode: status },
});

/**
 * The simulator is one host; a region is a path prefix on it, so tests can point each region of the
 * client's map at it and tell the regions apart ("http://127.0.0.1:1234/__region/us-east-1").
 */
export const simulatedRegion = (simulatorUrl: string, region: string): string => `${simulatorUrl.replace(/\/+$/, '')}/__region/${region}`;

const REGION_PREFIX = /^\/__region\/([a-z0-9-]+)(\/.*)$/;

/** The region a request was sent to (undefined without the prefix: every region at once) and its path without the prefix. */
function regionOf(rawPath: string): { region?: string; path: string } {
  const m = REGION_PREFIX.exec(rawPath);
  return m?.[1] && m[2] ? { region: m[1], path: m[2] } : { path: rawPath };
}

/** Workspaces a test moved to another region than the demo account's; per simulator. */
const movedWorkspaces = new WeakMap<SimulatorState, Map<string, string>>();

export function setWorkspaceRegion(state: SimulatorState, workspaceId: string, region: string): void {
  const moved = movedWorkspaces.get(state) ?? new Map<string, string>();
  moved.set(workspaceId, region);
  movedWorkspaces.set(state, moved);
}

export function clearWorkspaceRegions(state: SimulatorState): void {
  movedWorkspaces.delete(state);
}

export interface OpenApiRequest {
  readonly method: string;
  /** As received on the wire (still percent-encoded). */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** "openapi:ListApiKeys", or "openapi:ListApiKeys@us-east-1" for a request sent to one region. */
export function openApiRoute(request: OpenApiRequest): string {
  const { region } = regionOf(request.rawPath);
  return `openapi:${request.headers['x-acs-action'] ?? 'unknown'}${region ? `@${region}` : ''}`;
}

/** An error response when the request is not properly signed, undefined when it is. */
export function verifySignature(state: SimulatorState, request: OpenApiRequest): SimResponse | undefined {
  const h = request.headers;
  const authorization = h.authorization ?? '';
  const credential = /Credential=([^,]+)/.exec(authorization)?.[1];
  if (!authorization.startsWith('ACS3-HMAC-SHA256 ') || !credential) {
    return error(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  const secret = state.accessKeys.get(credential);
  if (secret === undefined) {
    return error(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  }
  const date = Date.parse(h['x-acs-date'] ?? '');
  if (Number.isNaN(date) || Math.abs(date - state.now()) > FIFTEEN_MINUTES) {
    return error(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
  const nonce = h['x-acs-signature-nonce'] ?? '';
  for (const [n, at] of state.nonces) {
    if (state.now() - at > FIFTEEN_MINUTES) {
      state.nonces.delete(n);
    }
  }
  if (!nonce || state.nonces.has(nonce)) {
    return error(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  const bodyHash = createHash('sha256').update(request.body, 'utf8').digest('hex');
  if (h['x-acs-content-sha256'] !== bodyHash) {
    return error(400, 'SignatureDoesNotMatch', 'The request body hash does not match x-acs-content-sha256.');
  }
  const query: Record<string, string> = {};
  for (const [k, v] of request.query) {
    query[k] = v;
  }
  const teaRequest = new $tea.Request();
  teaRequest.method = request.method;
  teaRequest.pathname = request.rawPath;
  teaRequest.query = query;
  teaRequest.headers = { ...h };
  const expected = OpenApiUtil.getAuthorization(teaRequest, 'ACS3-HMAC-SHA256', bodyHash, credential, secret);
  if (expected !== authorization) {
    return error(400, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  state.nonces.set(nonce, state.now());
  return undefined;
}

/** ModelStudio's success envelope for the key and workspace operations (their models carry httpStatusCode). */
const ok = (body: Record<string, unknown>, message = 'success'): SimResponse => ({
  status: 200,
  body: { requestId: randomUUID(), success: true, code: '200', message, httpStatusCode: 200, ...body },
});
/** The billing operations' envelope: no httpStatusCode, and the SDK's example message is null. */
const billing = (data: Record<string, unknown>): SimResponse => ({ status: 200, body: { requestId: randomUUID(), success: true, code: '200', message: null, data } });

/** Money as the billing sends it: decimal text. The demo account's amounts are taken as tax-free. */
const text = (amount: number): string => amount.toFixed(6);
const money = (amount: number, currency: string): Record<string, string> => ({ amount: text(amount), currency, pretaxAmount: text(amount), taxAmount: text(0) });
const group = (g: { key: string; name: string; amount: number }): Record<string, string> => ({ key: g.key, name: g.name, amount: text(g.amount), pretaxAmount: text(g.amount), taxAmount: text(0) });

/** A page cursor that looks like the service's opaque ones. */
const token = (offset: number): string => Buffer.from(`page:${offset}`).toString('base64');
const offsetOf = (value: string | null): number => {
  const m = /^page:(\d+)$/.exec(Buffer.from(value ?? '', 'base64').toString('utf8'));
  return m ? Number(m[1]) : 0;
};

const CODES: Readonly<Record<string, SpendDimension>> = { MAAS_TYPE: 'productionStep', BASE_MODEL: 'model', API_KEY_ID: 'apiKey', WORKSPACE_ID: 'workspace' };

function parseJson<T>(value: string | null): T | undefined {
  if (value === null) {
    return undefined;
  }
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

export async function handleOpenApi(state: SimulatorState, request: OpenApiRequest): Promise<SimResponse> {
  const action = request.headers['x-acs-action'] ?? '';
  const version = request.headers['x-acs-version'] ?? '';
  const { region, path: rawPath } = regionOf(request.rawPath);
  const path = decodeURIComponent(rawPath);
  const source = state.source;
  const q = request.query;
  const moved = movedWorkspaces.get(state);
  /** The workspaces this request's region holds: all of them when it names none. */
  const workspacesHere = async (): Promise<{ id: string; name: string; region: string }[]> =>
    (await source.listWorkspaces())
      .map((w) => ({ id: w.id, name: w.name, region: moved?.get(w.id) ?? w.region ?? '' }))
      .filter((w) => region === undefined || w.region === region);
  const keysHere = async (): Promise<Awaited<ReturnType<typeof source.listApiKeys>>> => {
    const here = new Set((await workspacesHere()).map((w) => w.id));
    return (await source.listApiKeys()).filter((k) => here.has(k.workspaceId));
  };
  if (version === '2017-12-14') {
    if (action === 'QueryAccountBalance') {
      const balance = await source.getBalance();
      return {
        status: 200,
        body: {
          RequestId: randomUUID(),
          Code: '200',
          Success: true,
          Message: 'Successful!',
          Data: { AvailableAmount: (balance?.available.amount ?? 0).toFixed(2), AvailableCashAmount: (balance?.available.amount ?? 0).toFixed(2), CreditAmount: '0.00', Currency: balance?.available.currency ?? 'USD' },
        },
      };
    }
    return error(404, 'InvalidAction.NotFound', `Specified api ${action} is not found, please check your url and method.`);
  }
  if (version !== '2026-02-10') {
    return error(400, 'InvalidVersion', `Specified version ${version} is not valid.`);
  }
  const keyPath = /^\/modelstudio\/apikeys\/([^/]+)(?:\/(disable|enable))?$/.exec(path);
  if (action === 'ListApiKeys' && request.method === 'GET' && path === '/modelstudio/apikeys') {
    const workspaceId = q.get('workspaceId');
    const max = Math.min(100, Math.max(1, Number(q.get('maxResults') ?? 20) || 20));
    const start = offsetOf(q.get('nextToken'));
    const all = (await keysHere()).filter((k) => !workspaceId || k.workspaceId === workspaceId);
    const page = all.slice(start, start + max);
    return ok({
      apiKeys: page.map((k) => ({
        // The SDK types the id as a number (the demo account's ids are digits).
        apiKeyId: /^\d+$/.test(k.id) ? Number(k.id) : k.id,
        apiKeyValue: k.maskedValue,
        description: k.description,
        disabled: k.disabled ? 1 : 0,
        gmtCreate: k.createdAt,
        workspaceId: k.workspaceId,
        createdBy: k.createdBy ?? '',
      })),
      maxResults: max,
      ...(start + max < all.length ? { nextToken: token(start + max) } : {}),
      totalCount: all.length,
    });
  }
  if (keyPath && ((action === 'DeleteApiKey' && request.method === 'DELETE' && !keyPath[2]) || (request.method === 'PUT' && ((action === 'DisableApiKey' && keyPath[2] === 'disable') || (action === 'EnableApiKey' && keyPath[2] === 'enable'))))) {
    const id = keyPath[1] ?? '';
    // A key exists only in its workspace's region.
    if (!(await keysHere()).some((k) => k.id === id)) {
      return refusal(404, 'ApiKey.NotFound', `The API key ${id} does not exist.`);
    }
    if (action === 'DeleteApiKey') {
      await source.deleteApiKey(id);
    } else {
      await source.setApiKeyDisabled(id, action === 'DisableApiKey');
    }
    return ok({}, action === 'DisableApiKey' ? 'success' : 'ok');
  }
  if (action === 'ListWorkspaces' && request.method === 'GET' && path === '/modelstudio/workspaces') {
    const max = Math.min(100, Math.max(1, Number(q.get('maxResults') ?? 100) || 100));
    const start = offsetOf(q.get('nextToken'));
    const all = await workspacesHere();
    const page = all.slice(start, start + max);
    return ok({
      workspaces: page.map((w) => ({ workspaceId: w.id, workspaceName: w.name, region: w.region })),
      maxResults: max,
      ...(start + max < all.length ? { nextToken: token(start + max) } : {}),
      totalCount: all.length,
    });
  }
  if (action === 'GetBillingTrend' && request.method === 'GET' && path === '/modelstudio/billing/trend') {
    const period = parseJson<{ start?: string; end?: string }>(q.get('timePeriod'));
    const groupBy = CODES[parseJson<{ code?: string }[]>(q.get('groupBy'))?.[0]?.code ?? ''];
    const granularity = q.get('granularity') === 'MONTH' ? 'month' : q.get('granularity') === 'DAY' ? 'day' : undefined;
    if (!period?.start || !period.end || !groupBy || !granularity || period.start > period.end) {
      return refusal(400, 'InvalidParameter', 'granularity, timePeriod and groupBy are required.');
    }
    const filter: Partial<Record<SpendDimension, readonly string[]>> = {};
    for (const d of parseJson<{ dimensions?: { code?: string; values?: string[]; selectType?: string }[] }>(q.get('filter'))?.dimensions ?? []) {
      const dimension = CODES[d.code ?? ''];
      if (dimension && d.values && d.selectType !== 'NOT') {
        filter[dimension] = d.values;
      }
    }
    const series = await source.getCostAnalysis({
      granularity,
      from: period.start,
      to: period.end,
      groupBy,
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
    });
    return billing({
      costTotals: money(series.totals.reduce((a, t) => a + t.amount, 0), series.currency),
      groupByTotal: series.totals.map(group),
      resultByTime: series.periods.map((p) => ({
        // yyyyMMdd by DAY, yyyyMM by MONTH.
        period: p.period.replaceAll('-', ''),
        total: money(p.total, series.currency),
        periodDetails: p.parts.map((part) => ({ ...group(part), percentage: p.total > 0 ? (part.amount / p.total).toFixed(4) : '0' })),
      })),
    });
  }
  if (action === 'GetBillingOverview' && request.method === 'GET' && path === '/modelstudio/billing/overview') {
    const month = q.get('billMonth') ?? '';
    const bill = (await source.listBills()).find((b) => b.month === month);
    if (!bill) {
      return refusal(400, 'InvalidParameter', 'billMonth is invalid.');
    }
    return billing({ currency: bill.total.currency, totalAmount: text(bill.total.amount), pretaxAmount: text(bill.total.amount), taxAmount: text(0), groups: [] });
  }
  return error(404, 'InvalidAction.NotFound', `Specified api ${action} is not found, please check your url and method.`);
}
