// Alibaba Cloud OpenAPI signature V3 (ACS3-HMAC-SHA256). Pure: the caller supplies the time and nonce,
// so the result is reproducible and testable against the published vector and the official SDK.
import { createHash, createHmac } from 'node:crypto';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface SignInput {
  readonly method: string;
  /** The host the request goes to, with the port when it is not the scheme's default ("127.0.0.1:8443"). */
  readonly host: string;
  /** The request path, unencoded ("/modelstudio/apikeys/123"). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Extra headers to send and sign: at least `x-acs-action` and `x-acs-version`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS credentials come with a token that is sent and signed. */
  readonly securityToken?: string;
  readonly date: Date;
  readonly nonce: string;
}

/** RFC 3986 percent-encoding: unreserved characters stay, space is %20, `*` is %2A, `~` stays. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each path segment encoded, the slashes kept. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => percentEncode(segment))
    .join('/');
}

/** Sorted by encoded name (code-unit order), each `name=value` encoded, joined with `&`. */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, as x-acs-date wants it (no milliseconds). */
export function acsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SignedParts {
  readonly canonicalRequest: string;
  readonly hashedCanonicalRequest: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/** The signature's intermediate values, for tests and for a server that verifies requests. */
export function signatureParts(
  method: string,
  path: string,
  query: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
  bodyHash: string,
  accessKeySecret: string,
): SignedParts {
  const signed = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .filter(([name]) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = signed.map(([name]) => name).join(';');
  const canonicalRequest = [
    method.toUpperCase(),
    encodePath(path),
    canonicalQuery(query),
    signed.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    bodyHash,
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const signature = createHmac('sha256', accessKeySecret).update(`${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`, 'utf8').digest('hex');
  return { canonicalRequest, hashedCanonicalRequest, signedHeaders, signature };
}

/** The headers to send: the caller's, plus host, the x-acs-* signing headers and Authorization. */
export function signRequest(input: SignInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  headers.host = input.host;
  headers['x-acs-date'] = acsDate(input.date);
  headers['x-acs-signature-nonce'] = input.nonce;
  headers['x-acs-content-sha256'] = sha256Hex(input.body ?? '');
  if (input.securityToken) {
    headers['x-acs-security-token'] = input.securityToken;
  }
  const { signedHeaders, signature } = signatureParts(
    input.method,
    input.path,
    input.query,
    headers,
    headers['x-acs-content-sha256'],
    input.accessKeySecret,
  );
  headers.Authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return headers;
}
