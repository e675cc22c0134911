// The HTTP contract the API clients use. The transport (undici) lives in the separately loaded network
// bundle; everything here is types, so either side may import it and nothing is bundled twice.
import type { QwenCloudError } from '../../core/account/errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Reads may be retried; a change never is, even when its method would allow it. */
  readonly idempotent: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Turns a non-2xx answer into the protocol's own typed error (OpenAPI puts its error code in the body);
   * undefined falls back to the status-based mapping.
   */
  readonly classify?: (response: HttpResponse) => QwenCloudError | undefined;
  /** Statuses besides 2xx that are answers to read, not failures (the sign-in server reports states as 400). */
  readonly accept?: (status: number) => boolean;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text. */
  readonly body: string;
  /** The body as bytes (documents such as invoices). */
  readonly bytes?: Uint8Array;
}

/** One attempt on the wire. Throws the errors its `TransportErrors` make: network, timeout, cancelled, too large. */
export interface Transport {
  send(request: HttpRequest & { readonly timeoutMs: number; readonly maxBytes: number }): Promise<HttpResponse>;
  close(): Promise<void>;
}

/**
 * How the transport says what went wrong. The extension hands in makers of its own typed errors, so the
 * separately loaded transport needs no copy of them and every error it throws is one of the extension's.
 */
export interface TransportErrors {
  cancelled(): Error;
  timeout(): Error;
  network(message: string): Error;
  tooLarge(maxBytes: number): Error;
}

/** What the transport bundle (dist/network.js) exports: a transport through the given proxy settings. */
export type CreateTransport = (proxy: ProxySettings, errors: TransportErrors) => Transport;

export interface ProxySettings {
  /** VS Code's `http.proxy`; empty to use the standard environment variables. */
  readonly proxyUrl?: string;
  /** VS Code's `http.noProxy` on top of NO_PROXY. */
  readonly noProxy?: readonly string[];
  /** VS Code's `http.proxyStrictSSL`. */
  readonly strictSSL?: boolean;
}
