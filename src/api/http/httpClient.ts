// Requests with a timeout each, retries with jittered back-off for idempotent reads only, Retry-After
// on 429/503, a cap on response size, an honest User-Agent, and typed errors for every failure.
import { AuthError, CancelledError, isQwenCloudError, NetworkError, type QwenCloudError, RateLimitedError, ServerError } from '../../core/account/errors';
import { MAX_RETRY_AFTER_MS } from '../../core/account/poller';
import type { Logger } from '../../core/common/logger';
import { silentLogger } from '../../core/common/logger';
import { clampDelay } from '../../core/common/timers';
import type { HttpRequest, HttpResponse, Transport } from './types';

export interface HttpClientOptions {
  readonly userAgent: string;
  readonly timeoutMs?: number;
  /** No request waits longer than this, whatever timeout it asks for (the integration tests shorten every timeout with it). */
  readonly maxTimeoutMs?: number;
  /** Extra attempts for idempotent requests. */
  readonly retries?: number;
  readonly maxBytes?: number;
  /** A Retry-After longer than this is not waited for: the error goes up and the poller backs off. */
  readonly maxRetryAfterMs?: number;
  readonly logger?: Logger;
  /** Injected for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError('Cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, clampDelay(ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError('Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The typed error for a response status, or undefined for success. */
export function errorForStatus(response: HttpResponse, now: number): QwenCloudError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) {
    return undefined;
  }
  if (status === 401 || status === 403) {
    return new AuthError(`The server refused the credentials (HTTP ${status}).`);
  }
  // The poller waits at most MAX_RETRY_AFTER_MS however long the server asks, so "until" says no later.
  const until = (retryAfter: number | undefined): number | undefined => (retryAfter === undefined ? undefined : now + Math.min(retryAfter, MAX_RETRY_AFTER_MS));
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers['retry-after'], now);
    return new RateLimitedError('Too many requests (HTTP 429).', retryAfter, until(retryAfter));
  }
  if (status === 503) {
    const retryAfter = parseRetryAfter(response.headers['retry-after'], now);
    return retryAfter !== undefined
      ? new RateLimitedError('The service is busy (HTTP 503).', retryAfter, until(retryAfter))
      : new ServerError('The service is unavailable (HTTP 503).', status);
  }
  return new ServerError(`The server answered HTTP ${status}.`, status);
}

const isRetryable = (error: QwenCloudError): boolean =>
  error.kind === 'network' || error.kind === 'timeout' || error.kind === 'rateLimited' || (error instanceof ServerError && (error.status ?? 0) >= 500);

export class HttpClient {
  private readonly timeoutMs: number;
  private readonly maxTimeoutMs: number;
  private readonly retries: number;
  private readonly maxBytes: number;
  private readonly maxRetryAfterMs: number;
  private readonly log: Logger;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    private readonly transport: Transport,
    private readonly options: HttpClientOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxTimeoutMs = options.maxTimeoutMs ?? Number.POSITIVE_INFINITY;
    this.retries = options.retries ?? 2;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.log = options.logger ?? silentLogger;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Full-jitter exponential back-off: a random wait up to 500 ms · 2^attempt, at most 8 s. */
  backoffMs(attempt: number): number {
    return Math.floor(this.random() * Math.min(8_000, 500 * 2 ** attempt));
  }

  /**
   * Sends the request and returns a 2xx response; anything else is a typed error. Idempotent requests
   * are retried on network errors, timeouts, 5xx and 429 (waiting at least as long as Retry-After asks,
   * when that is short enough); other requests are sent exactly once.
   */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const attempts = request.idempotent ? this.retries + 1 : 1;
    const target = describe(request);
    for (let attempt = 0; ; attempt++) {
      const started = this.now();
      let failure: QwenCloudError;
      try {
        const { classify: _classify, accept, ...wire } = request;
        const response = await this.transport.send({
          ...wire,
          headers: { 'user-agent': this.options.userAgent, ...request.headers },
          timeoutMs: Math.min(request.timeoutMs ?? this.timeoutMs, this.maxTimeoutMs),
          maxBytes: this.maxBytes,
        });
        const answered = (response.status >= 200 && response.status < 300) || accept?.(response.status) === true;
        const error = answered ? undefined : (request.classify?.(response) ?? errorForStatus(response, this.now()));
        this.log.debug(`${target} → ${response.status} in ${this.now() - started} ms`);
        if (!error) {
          return response;
        }
        failure = error;
      } catch (error) {
        failure = isQwenCloudError(error) ? error : new NetworkError(error instanceof Error ? error.message : String(error));
        this.log.debug(`${target} failed in ${this.now() - started} ms: ${failure.kind}`);
      }
      if (failure.kind === 'cancelled' || attempt + 1 >= attempts || !isRetryable(failure)) {
        throw failure;
      }
      const retryAfter = failure instanceof RateLimitedError ? failure.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > this.maxRetryAfterMs) {
        throw failure;
      }
      const wait = Math.max(retryAfter ?? 0, this.backoffMs(attempt));
      this.log.debug(`${target}: retrying in ${wait} ms (attempt ${attempt + 2} of ${attempts})`);
      await this.sleep(wait, request.signal);
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** Method, host and path for logs: never the query (it may carry tokens) or the body. */
function describe(request: HttpRequest): string {
  try {
    const url = new URL(request.url);
    return `${request.method} ${url.host}${url.pathname}`;
  } catch {
    return request.method;
  }
}

