// Alibaba Cloud OpenAPI calls signed with ACS3-HMAC-SHA256: ROA style (ModelStudio: method + path) and
// RPC style (BssOpenApi: parameters in the query). Error codes in the body become typed errors.
import { randomBytes } from 'node:crypto';
import { AuthError, InvalidInputError, RateLimitedError, ServerError, ShapeError, UnsupportedError, type QwenCloudError } from '../../core/account/errors';
import { canonicalQuery, encodePath, signRequest } from '../acs3';
import { type HttpClient, parseRetryAfter } from '../http/httpClient';
import type { HttpMethod, HttpResponse } from '../http/types';
import { type Site, siteOfHost } from './endpoints';

export interface AccessKeyCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export type OpenApiProduct = 'modelStudio' | 'bss';

/** What was asked, so a refusal can name its fix. */
export interface OpenApiErrorContext {
  readonly action: string;
  readonly product?: OpenApiProduct;
  /** The site the request went to, where its host says. */
  readonly site?: Site;
}

const SITE_NAMES: Readonly<Record<Site, string>> = { international: 'international (alibabacloud.com)', china: 'China (aliyun.com)' };
const withSite = (site: Site | undefined): { site?: Site } => (site ? { site } : {});

/**
 * What to grant a RAM user refused an action. The RAM action is the product's RAM code and the API name;
 * the read-only system policies are named only where their documented actions cover the call
 * (AliyunBSSReadOnlyAccess: bssapi:Query*; AliyunModelStudioReadOnlyAccess: modelstudio:Get* and List*).
 */
function permissionFix(context: OpenApiErrorContext | undefined): string {
  if (!context?.product) {
    return 'grant it a RAM policy that allows this action';
  }
  const ramAction = `${context.product === 'bss' ? 'bssapi' : 'modelstudio'}:${context.action}`;
  const readOnly =
    context.product === 'bss' ? (/^Query/.test(context.action) ? 'AliyunBSSReadOnlyAccess' : undefined) : /^(Get|List)/.test(context.action) ? 'AliyunModelStudioReadOnlyAccess' : undefined;
  return readOnly ? `grant it ${readOnly}, or a RAM policy that allows ${ramAction}` : `grant it a RAM policy that allows ${ramAction}`;
}

/**
 * The OpenAPI's error codes, as typed errors the UI can explain. `retryAfterMs` is what the answer's
 * Retry-After asked for: throttling keeps it, and a ServiceUnavailable with one is a request to wait.
 */
export function openApiError(status: number, code: string, message: string, retryAfterMs?: number, context?: OpenApiErrorContext): QwenCloudError {
  const text = `${code}${message ? `: ${message}` : ''}`;
  if (/^InvalidTimeStamp/i.test(code)) {
    return new AuthError(`Alibaba Cloud refused the request time: check this computer's clock (${text}).`, 'clock');
  }
  // BssOpenApi answers NotApplicable to an account of the other site: the key is good, the site is not.
  if (/^NotApplicable/i.test(code)) {
    const other: Site | undefined = context?.site === 'international' ? 'china' : context?.site === 'china' ? 'international' : undefined;
    return new InvalidInputError(
      other && context?.site
        ? `Alibaba Cloud says this account is not on the ${SITE_NAMES[context.site]} site (${text}): set "qwenCloud.site" to "${other}".`
        : `Alibaba Cloud says this account belongs to the other site, international (alibabacloud.com) or China (aliyun.com) (${text}): change "qwenCloud.site".`,
    );
  }
  if (/^(NotAuthorized|Forbidden\.RAM|NoPermission|Forbidden\.NoPermission)/i.test(code)) {
    const what = context ? `call ${context.action}` : 'do this';
    return new AuthError(`The AccessKey's RAM user may not ${what} (${text}): ${permissionFix(context)}.`, 'permission');
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

/** Codes that mean done: ModelStudio and BssOpenApi send "200", TokenPlan operations "Success". */
const SUCCESS_CODES: ReadonlySet<string> = new Set(['200', 'success', 'ok']);

interface Envelope {
  Code?: unknown;
  code?: unknown;
  Message?: unknown;
  message?: unknown;
  Success?: unknown;
  success?: unknown;
  httpStatusCode?: unknown;
}

/**
 * The refusal an answer carries, if any. BssOpenApi spells its envelope in PascalCase, ModelStudio in
 * lowercase; both may refuse with HTTP 200, so `success: false` or a code that is not a success code is
 * a refusal whatever the status (a code wins over `success: true`, which cannot vouch for it).
 */
function refusalOf(response: HttpResponse, context: OpenApiErrorContext): QwenCloudError | undefined {
  let body: Envelope;
  try {
    const parsed: unknown = JSON.parse(response.body);
    if (typeof parsed !== 'object' || parsed === null) {
      return undefined;
    }
    body = parsed;
  } catch {
    // not JSON: fall back to the status
    return undefined;
  }
  const rawCode = body.Code ?? body.code;
  const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode) : '';
  const message = body.Message ?? body.message;
  const failed = body.Success === false || body.success === false || (code !== '' && !SUCCESS_CODES.has(code.toLowerCase()));
  if (!failed) {
    return undefined;
  }
  // A refusal inside a 200 carries its real status in ModelStudio's httpStatusCode.
  const status = response.status < 300 && typeof body.httpStatusCode === 'number' ? body.httpStatusCode : response.status;
  return openApiError(status, code, typeof message === 'string' ? message : '', parseRetryAfter(response.headers['retry-after'], Date.now()), context);
}

export interface OpenApiCall {
  /** Scheme and host (and port), e.g. "https://modelstudio.ap-southeast-1.aliyuncs.com". */
  readonly endpoint: string;
  readonly action: string;
  readonly version: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Which service this is, so a refusal can name the RAM permission to grant. */
  readonly product?: OpenApiProduct;
  readonly signal?: AbortSignal;
}

export class OpenApiClient {
  constructor(
    private readonly http: HttpClient,
    private readonly credentials: AccessKeyCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async call(call: OpenApiCall): Promise<Record<string, unknown>> {
    const base = new URL(call.endpoint);
    // An endpoint may carry a path prefix (a gateway that routes by path): the call's path goes under it.
    const path = `${base.pathname.replace(/\/+$/, '')}${call.path}`;
    const url = new URL(path, base.origin);
    const context: OpenApiErrorContext = { action: call.action, ...(call.product ? { product: call.product } : {}), ...withSite(siteOfHost(call.endpoint)) };
    const classify = (response: HttpResponse): QwenCloudError | undefined => refusalOf(response, context);
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.query ?? {})) {
      if (v !== undefined) {
        query[k] = v;
      }
    }
    const headers = signRequest({
      method: call.method,
      host: url.host,
      path,
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
    const wireUrl = `${url.origin}${encodePath(path)}${search ? `?${search}` : ''}`;
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
    const error = classify(response);
    if (error) {
      throw error;
    }
    return parsed as Record<string, unknown>;
  }
}
