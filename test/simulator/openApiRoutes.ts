// The Alibaba Cloud OpenAPI side: ModelStudio 2026-02-10 (ROA) and BssOpenApi 2017-12-14 (RPC). Every
// request's ACS3 signature is checked the way the real service checks it: the expected signature comes
// from the official SDK (@alicloud/openapi-util), not from the extension's own signer, the body hash must
// match, the request time must be within 15 minutes of the server's clock, and a nonce is used once.
import { createHash, randomUUID } from 'node:crypto';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $tea from '@alicloud/tea-typescript';
import type { SpendDimension } from '../../src/core/model';
import type { SimResponse } from './gatewayRoutes';
import type { SimulatorState } from './state';

const FIFTEEN_MINUTES = 15 * 60_000;

const error = (status: number, code: string, message: string): SimResponse => ({
  status,
  body: { RequestId: randomUUID(), Code: code, Message: message, Recommend: 'https://api.alibabacloud.com/troubleshoot' },
});

export interface OpenApiRequest {
  readonly method: string;
  /** As received on the wire (still percent-encoded). */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function openApiRoute(request: OpenApiRequest): string {
  return `openapi:${request.headers['x-acs-action'] ?? 'unknown'}`;
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

const ok = (body: Record<string, unknown>): SimResponse => ({ status: 200, body: { requestId: randomUUID(), ...body } });

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
  const path = decodeURIComponent(request.rawPath);
  const source = state.source;
  const q = request.query;
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
    const start = Number(q.get('nextToken') ?? 0) || 0;
    const all = (await source.listApiKeys()).filter((k) => !workspaceId || k.workspaceId === workspaceId);
    const page = all.slice(start, start + max);
    return ok({
      apiKeys: page.map((k) => ({
        apiKeyId: k.id,
        apiKeyValue: k.maskedValue,
        description: k.description,
        disabled: k.disabled ? 1 : 0,
        gmtCreate: k.createdAt,
        workspaceId: k.workspaceId,
        createdBy: k.createdBy ?? '',
      })),
      ...(start + max < all.length ? { nextToken: String(start + max) } : {}),
      totalCount: all.length,
    });
  }
  if (keyPath && ((action === 'DeleteApiKey' && request.method === 'DELETE' && !keyPath[2]) || (request.method === 'PUT' && ((action === 'DisableApiKey' && keyPath[2] === 'disable') || (action === 'EnableApiKey' && keyPath[2] === 'enable'))))) {
    const id = keyPath[1] ?? '';
    if (!(await source.listApiKeys()).some((k) => k.id === id)) {
      return error(404, 'ApiKey.NotFound', `The API key ${id} does not exist.`);
    }
    if (action === 'DeleteApiKey') {
      await source.deleteApiKey(id);
    } else {
      await source.setApiKeyDisabled(id, action === 'DisableApiKey');
    }
    return ok({ success: true });
  }
  if (action === 'ListWorkspaces' && request.method === 'GET' && path === '/modelstudio/workspaces') {
    const workspaces = await source.listWorkspaces();
    return ok({ workspaces: workspaces.map((w) => ({ workspaceId: w.id, workspaceName: w.name, region: w.region ?? '' })), totalCount: workspaces.length });
  }
  if (action === 'GetBillingTrend' && request.method === 'GET' && path === '/modelstudio/billing/trend') {
    const period = parseJson<{ start?: string; end?: string }>(q.get('timePeriod'));
    const groupBy = CODES[parseJson<{ code?: string }[]>(q.get('groupBy'))?.[0]?.code ?? ''];
    const granularity = q.get('granularity') === 'MONTH' ? 'month' : q.get('granularity') === 'DAY' ? 'day' : undefined;
    if (!period?.start || !period.end || !groupBy || !granularity || period.start > period.end) {
      return error(400, 'InvalidParameter', 'granularity, timePeriod and groupBy are required.');
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
    return ok({
      data: {
        costTotals: { amount: series.totals.reduce((a, t) => a + t.amount, 0).toFixed(6), currency: series.currency },
        groupByTotal: series.totals.map((t) => ({ key: t.key, name: t.name, amount: t.amount.toFixed(6) })),
        resultByTime: series.periods.map((p) => ({
          period: p.period,
          total: p.total.toFixed(6),
          periodDetails: p.parts.map((part) => ({ key: part.key, name: part.name, amount: part.amount.toFixed(6) })),
        })),
      },
    });
  }
  if (action === 'GetBillingOverview' && request.method === 'GET' && path === '/modelstudio/billing/overview') {
    const month = q.get('billMonth') ?? '';
    const bill = (await source.listBills()).find((b) => b.month === month);
    if (!bill) {
      return error(400, 'InvalidParameter', 'billMonth is invalid.');
    }
    return ok({ data: { totalAmount: bill.total.amount.toFixed(2), currency: bill.total.currency, groups: [] } });
  }
  return error(404, 'InvalidAction.NotFound', `Specified api ${action} is not found, please check your url and method.`);
}
