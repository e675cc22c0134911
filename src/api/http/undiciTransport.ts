// The transport on the wire, and the whole of the network bundle (dist/network.js, loaded on the first real
// request): undici, with proxy support (VS Code's http.proxy or the standard environment variables), a
// timeout per request, and a streamed body cut off at the size cap. It imports nothing of the extension but
// types: its errors are made by the `TransportErrors` the extension hands in.
import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import type { CreateTransport, HttpRequest, HttpResponse, ProxySettings, Transport, TransportErrors } from './types';

/** Loopback never goes through a proxy: the local simulator must be reachable whatever the environment. */
const ALWAYS_DIRECT = ['localhost', '127.0.0.1', '::1'];

function envValue(...names: string[]): string | undefined {
  for (const name of names) {
    const value = process.env[name];
    if (value) {
      return value;
    }
  }
  return undefined;
}

export function createDispatcher(proxy: ProxySettings = {}): Dispatcher {
  const httpProxy = proxy.proxyUrl || envValue('HTTP_PROXY', 'http_proxy');
  const httpsProxy = proxy.proxyUrl || envValue('HTTPS_PROXY', 'https_proxy') || httpProxy;
  const connect = { rejectUnauthorized: proxy.strictSSL !== false };
  if (!httpProxy && !httpsProxy) {
    return new Agent({ connect });
  }
  const noProxy = [envValue('NO_PROXY', 'no_proxy'), ...(proxy.noProxy ?? []), ...ALWAYS_DIRECT].filter(Boolean).join(',');
  return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy, connect, requestTls: connect, proxyTls: connect });
}

const CODES_TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function mapError(errors: TransportErrors, error: unknown, timedOut: boolean, cancelled: boolean): Error {
  if (cancelled) {
    return errors.cancelled();
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (timedOut || CODES_TIMEOUT.has(code)) {
    return errors.timeout();
  }
  const message = error instanceof Error ? error.message : String(error);
  return errors.network(code ? `${code}: ${message}` : message);
}

/** Stops reading a body we will not use; the abort this causes is expected, not an error to report. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

export class UndiciTransport implements Transport {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly errors: TransportErrors,
  ) {}

  async send(req: HttpRequest & { readonly timeoutMs: number; readonly maxBytes: number }): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let tooLarge: Error | undefined;
    try {
      const response = await request(req.url, {
        method: req.method,
        headers: req.headers ?? {},
        body: req.body,
        signal,
        dispatcher: this.dispatcher,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (declared > req.maxBytes) {
        discard(response.body);
        throw (tooLarge = this.errors.tooLarge(req.maxBytes));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > req.maxBytes) {
          discard(response.body);
          throw (tooLarge = this.errors.tooLarge(req.maxBytes));
        }
        chunks.push(buffer);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) {
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
      }
      const bytes = Buffer.concat(chunks);
      return { status: response.statusCode, headers, body: bytes.toString('utf8'), bytes };
    } catch (error) {
      throw error === tooLarge ? error : mapError(this.errors, error, timeout.aborted, req.signal?.aborted === true);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}


/** The network bundle's one export. */
export const createTransport: CreateTransport = (proxy, errors) => new UndiciTransport(createDispatcher(proxy), errors);
