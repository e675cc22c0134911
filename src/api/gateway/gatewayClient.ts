// The Qwen Cloud account gateway: POST {api}/data/v2/api.json with a bearer token, in its flat form
// ({product, action, region, params}) or its envelope form (sfm_bailian / IntlBroadScopeAspnGateway).
// Every answer is checked: a non-JSON body, a business error code or an unexpected shape is a typed error.
import { AuthError, InvalidInputError, RateLimitedError, ServerError, ShapeError, UnsupportedError, type QwenCloudError } from '../../core/account/errors';
import type { HttpClient } from '../http/httpClient';

export const REGION = 'ap-southeast-1';
export const ENVELOPE_PRODUCT = 'sfm_bailian';
export const ENVELOPE_ACTION = 'IntlBroadScopeAspnGateway';
const GATEWAY_TIMEOUT_MS = 60_000;

export type ParamValue = string | number | boolean | readonly unknown[] | Record<string, unknown> | undefined;

/** Every value travels as a string: numbers and booleans as text, objects and arrays as JSON; undefined is left out. */
export function flattenParams(params: Readonly<Record<string, ParamValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) {
      continue;
    }
    out[key] = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a gateway code and message mean, as typed errors. `status` is 200 for a refusal inside an HTTP 200
 * answer (a BSS `Code` or `Success: false`), so a caller can tell it from a failed request.
 */
export function gatewayError(code: string, message: string, status?: number): QwenCloudError {
  const text = `${code} ${message}`;
  const detail = `${code}${message ? `: ${message}` : ''}`;
  // Neither is a sign-in problem (a new sign-in would not help): the one is a setting, the other a permission.
  if (/^NotApplicable\b/i.test(code)) {
    // The gateway reads billing on the international site; the fix is a setting, so this message is what the UI shows.
    return new InvalidInputError(
      `Qwen Cloud says this account's billing is not on the international site (${detail}). ` +
        'For an account of the China site (aliyun.com), connect an AccessKey and set "qwenCloud.site" to "china".',
    );
  }
  if (/^NotAuthorized\b/i.test(code)) {
    return new AuthError(
      `Qwen Cloud refused this call (${detail}): the account, or the RAM user signed in, has no permission to read billing. ` +
        "Sign in as the account's owner, or ask the owner to give this user access to billing.",
      'permission',
    );
  }
  // A session refusal is read from the gateway's own code (not a business answer's 401/403 inside an HTTP
  // 200) or a sign-in code, never from free text: a message about a Token Plan that "expired" is not one.
  const sessionCode = (/^40[13]$/.test(code) && status !== 200) || /NeedLogin|NotLogin|InvalidToken|Token\.?Expired|^Unauthori[sz]ed$/i.test(code);
  if (sessionCode || /^(Console)?NeedLogin$/i.test(message.trim())) {
    return new AuthError(`Qwen Cloud asked to sign in again (${code}${message ? `: ${message}` : ''}).`);
  }
  if (/unknown action|InvalidAction|Api(Not|\.Not)Found|action.*not (exist|found|support)/i.test(text)) {
    return new UnsupportedError(`The gateway does not know this action (${code}${message ? `: ${message}` : ''}).`);
  }
  if (code === '429' || /Throttl|ServiceUnavailable|system is busy|too many requests/i.test(text)) {
    return new RateLimitedError(`Qwen Cloud is busy (${code}${message ? `: ${message}` : ''}).`);
  }
  return new ServerError(`Qwen Cloud reported ${detail}.`, status, code);
}

/** Codes BSS sends beside a successful answer. */
const SUCCESS_CODE = /^(200|success|ok)$/i;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Reads are retried on transient failures; writes never. */
  readonly idempotent?: boolean;
}

export interface CornerstoneParam {
  readonly domain: string;
  readonly consoleSite: string;
  readonly console: string;
  readonly xsp_lang: string;
  readonly protocol: string;
  readonly productCode: string;
}

export class GatewayClient {
  constructor(
    private readonly http: HttpClient,
    private readonly apiBase: string,
    private readonly token: () => Promise<string>,
  ) {}

  get base(): string {
    return this.apiBase;
  }

  /**
   * Sends a call with the current token. A refused token is an AuthError for the caller: there is no
   * renewal, the user signs in again.
   */
  private async post(body: unknown, options: CallOptions): Promise<Record<string, unknown>> {
    const token = await this.token();
    const response = await this.http.request({
      method: 'POST',
      url: `${this.apiBase}/data/v2/api.json`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      idempotent: options.idempotent ?? false,
      timeoutMs: GATEWAY_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new ShapeError('The gateway answered with something that is not JSON.');
    }
    if (!isRecord(parsed)) {
      throw new ShapeError('The gateway answered with JSON that is not an object.');
    }
    const code = typeof parsed.code === 'string' || typeof parsed.code === 'number' ? String(parsed.code) : '';
    if (code !== '200') {
      throw code ? gatewayError(code, typeof parsed.message === 'string' ? parsed.message : '') : new ShapeError('The gateway answer has no code.');
    }
    return parsed;
  }

  /**
   * Fetches a document (an invoice) as bytes. The bearer token goes only to the gateway's own origin,
   * never to a third-party host the answer pointed at.
   */
  async download(url: string, options: CallOptions = {}): Promise<Uint8Array> {
    const sameOrigin = new URL(url).origin === new URL(this.apiBase).origin;
    const response = await this.http.request({
      method: 'GET',
      url,
      headers: sameOrigin ? { authorization: `Bearer ${await this.token()}` } : {},
      idempotent: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return response.bytes ?? new TextEncoder().encode(response.body);
  }

  /**
   * A flat call; returns `data`, the BSS answer. BSS refuses with HTTP 200 and a `Code` (text or a number)
   * or `Success: false`, which the CLI's transport never checks: either is thrown here, so a refusal never
   * reads as an empty answer. A `Code` beside `Data` is ignored, as the CLI's order reader does, unless
   * `Success` is false; a success code ("Success", "OK", "200") is no refusal.
   */
  async flat(product: string, action: string, params: Readonly<Record<string, ParamValue>>, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const parsed = await this.post({ product, action, region: REGION, params: flattenParams(params) }, options);
    const data = parsed.data ?? {};
    if (!isRecord(data)) {
      throw new ShapeError(`${action}: data is not an object.`);
    }
    const code = typeof data.Code === 'string' || typeof data.Code === 'number' ? String(data.Code).trim() : '';
    if (data.Success === false || (code !== '' && !SUCCESS_CODE.test(code) && data.Data === undefined)) {
      throw gatewayError(code || 'Error', typeof data.Message === 'string' ? data.Message : '', 200);
    }
    return data;
  }

  /** An envelope call; returns the business payload (`DataV2.data.data`). */
  async envelope(api: string, reqDTO: Record<string, unknown>, cornerstone: CornerstoneParam, options: CallOptions = {}): Promise<unknown> {
    const data = JSON.stringify({ reqDTO, cornerstoneParam: cornerstone });
    const parsed = await this.post({ product: ENVELOPE_PRODUCT, action: ENVELOPE_ACTION, region: REGION, params: { Api: api, V: '1.0', Data: data } }, options);
    const outer = isRecord(parsed.data) ? parsed.data : undefined;
    const container = outer && isRecord(outer.DataV2) ? outer.DataV2 : outer;
    const ret = container && Array.isArray(container.ret) ? container.ret : undefined;
    if (!container || !ret) {
      throw new ShapeError(`${api}: the envelope has no ret.`);
    }
    const first = typeof ret[0] === 'string' ? ret[0] : '';
    // A bare "SUCCESS" (no message) is a success too, as the CLI takes it.
    if (first !== 'SUCCESS' && !first.startsWith('SUCCESS::')) {
      const [retCode = 'Error', ...rest] = first.split('::');
      throw gatewayError(retCode, rest.join('::'));
    }
    const inner = isRecord(container.data) ? container.data : undefined;
    if (!inner || !('data' in inner)) {
      throw new ShapeError(`${api}: the envelope has no payload.`);
    }
    return inner.data;
  }
}
