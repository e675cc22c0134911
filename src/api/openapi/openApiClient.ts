// Alibaba Cloud OpenAPI calls signed with ACS3-HMAC-SHA256: ROA style (ModelStudio: method + path) and
// RPC style (BssOpenApi: parameters in the query). Error codes in the body become typed errors.
import { randomBytes } from 'node:crypto';
import { AuthError, InvalidInputError, RateLimitedError, ServerError, ShapeError, UnsupportedError, type QwenCloudError } from '../../core/errors';
import { canonicalQuery, encodePath, signRequest } from '../acs3';
import { type HttpClient, parseRetryAfter } from '../http/httpClient';
import type { HttpMethod, HttpResponse } from '../http/types';

export interface AccessKeyCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/**
 * The OpenAPI's error codes, as typed errors the UI can explain. `retryAfterMs` is what the answer's
 * Retry-After asked for: throttling keeps it, and a ServiceUnavailable with one is a request to wait.
 */
export function openApiError(status: number, code: string, message: string, retryAfterMs?: number): QwenCloudError {
  const text = `${code}${message ? `: ${message}` : ''}`;
  if (/^InvalidTimeStamp/i.test(code)) {
    return new AuthError(`Alibaba Cloud refused the request time: check this computer's clock (${text}).`, 'clock');
  }
  if (/Signature|InvalidAccessKeyId|AccessKey|Forbidden|NoPermission|Unauthorized|InvalidSecurityToken/i.test(code) || status === 401 || status === 403) {
    return new AuthError(`Alibaba Cloud refused the AccessKey (${text}).`, 'accessKey');
  }
  if (/InvalidAction|InvalidVersion|NotSupported/i.test(code)) {
    return new UnsupportedError(`Alibaba Cloud does not offer this action here (${text}).`);
  }
  if (/Throttling|TooManyRequests/i.test(code) || status === 429 || (/ServiceUnavailable/i.test(code) && retryAfterMs !== undefined)) {
    return new RateLimitedError(`Alibaba Cloud is limiting requests (${text}).`, retryAfterMs);
  }
  if (/NotFound|InvalidParameter|MissingParameter/i.test(code) && status < 500) {
    return new InvalidInputError(`Alibaba Cloud refused the request (${text}).`);
  }
  return new ServerError(`Alibaba Cloud reported ${text || `HTTP ${status}`}.`, status, code);
}

function classify(response: HttpResponse): QwenCloudError | undefined {
  try {
    const body = JSON.parse(response.body) as { Code?: unknown; code?: unknown; Message?: unknown; message?: unknown };
    const code = body.Code ?? body.code;
    const message = body.Message ?? body.message;
    if (typeof code === 'string' && code !== '200') {
      return openApiError(response.status, code, typeof message === 'string' ? message : '', parseRetryAfter(response.headers['retry-after'], Date.now()));
    }
  } catch {
    // not JSON: fall back to the status
  }
  return undefined;
}

export interface OpenApiCall {
  /** Scheme and host (and port), e.g. "https://modelstudio.ap-southeast-1.aliyuncs.com". */
  readonly endpoint: string;
  readonly action: string;
  readonly version: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

export class OpenApiClient {
  constructor(
    private readonly http: HttpClient,
    private readonly credentials: AccessKeyCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async call(call: OpenApiCall): Promise<Record<string, unknown>> {
    const url = new URL(call.path, call.endpoint);
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.query ?? {})) {
      if (v !== undefined) {
        query[k] = v;
      }
    }
    const headers = signRequest({
      method: call.method,
      host: url.host,
      path: call.path,
      query,
      headers: { 'x-acs-action': call.action, 'x-acs-version': call.version, accept: 'application/json' },
      body: '',
      accessKeyId: this.credentials.accessKeyId,
      accessKeySecret: this.credentials.accessKeySecret,
      ...(this.credentials.securityToken ? { securityToken: this.credentials.securityToken } : {}),
      date: new Date(this.now()),
      nonce: randomBytes(16).toString('hex'),
    });
    // The query goes on the wire exactly as it was signed: RFC 3986, sorted.
    const search = canonicalQuery(query);
    const wireUrl = `${url.origin}${encodePath(call.path)}${search ? `?${search}` : ''}`;
    const response = await this.http.request({
      method: call.method,
      url: wireUrl,
      headers,
      idempotent: call.method === 'GET',
      classify,
      ...(call.signal ? { signal: call.signal } : {}),
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new ShapeError(`${call.action}: the answer is not JSON.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ShapeError(`${call.action}: the answer is not a JSON object.`);
    }
    const body = parsed as Record<string, unknown>;
    const error = classify({ ...response, body: response.body });
    if (error && body.Success === false) {
      throw error;
    }
    return body;
  }
}
