// Device sign-in against the Qwen Cloud auth server: ask for a device token (with PKCE), send the user to
// the verification URL, poll at the server's interval until they approve, deny or the code expires.
// Like the public CLI, a failed poll (network, 5xx, throttling, an unreadable answer) does not end the
// wait: the next poll waits longer, with jitter, until an answer comes or the code expires.
import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { AuthError, CancelledError, hasKind, type QwenCloudError, RateLimitedError, ShapeError, toQwenCloudError } from '../../core/account/errors';
import { clampDelay } from '../../core/common/timers';
import type { HttpClient } from '../http/httpClient';

export interface DeviceStart {
  readonly token: string;
  readonly verificationUrl: string;
  readonly expiresAt: number;
  readonly intervalMs: number;
  readonly codeVerifier: string;
}

export interface SignedInUser {
  readonly id?: string;
  readonly email?: string;
  readonly aliyunId?: string;
}

/** What a sign-in yields. No refresh token: there is no renewal, only signing in again (as the public CLI). */
export interface Credentials {
  readonly accessToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly user: SignedInUser;
}

const AUTH_TIMEOUT_MS = 30_000;
/** Used when the server gives no interval (or zero); a smaller one is raised to the minimum. */
const DEFAULT_INTERVAL_S = 5;
const MIN_INTERVAL_S = 1;
/** Added at random to every wait, so many clients do not poll in step. */
const POLL_JITTER_MS = 1_000;
/** After failures the random part widens (x2 per failure, at most x8), up to this. */
const FAILURE_JITTER_CAP_MS = 30_000;
const FAILURE_JITTER_MAX_DOUBLINGS = 3;

/** An answer that could not be read (not JSON, or not the poll's shape): worth asking again. */
class UnreadableAnswerError extends ShapeError {}

const startSchema = v.object({
  Success: v.literal(true),
  Data: v.object({
    Token: v.pipe(v.string(), v.minLength(1)),
    VerificationUrl: v.pipe(v.string(), v.url()),
    ExpiresIn: v.pipe(v.number(), v.gtValue(0)),
    Interval: v.number(),
  }),
});

const credentialsSchema = v.object({
  AccessToken: v.pipe(v.string(), v.minLength(1)),
  // A RefreshToken may come too; it is never kept (no endpoint takes it).
  ExpireTime: v.union([v.string(), v.number()]),
  User: v.optional(
    v.object({
      Id: v.optional(v.union([v.string(), v.number()])),
      Email: v.optional(v.string()),
      AliyunId: v.optional(v.string()),
      Organization: v.optional(v.string()),
    }),
  ),
});

const pollSchema = v.object({
  Success: v.optional(v.boolean()),
  Data: v.optional(v.object({ Status: v.optional(v.string()), Credentials: v.optional(credentialsSchema) })),
  Code: v.optional(v.string()),
  Message: v.optional(v.string()),
});

/** ISO text or a number (seconds or milliseconds) to epoch ms. */
export function parseExpiry(value: string | number): number {
  if (typeof value === 'number') {
    return value > 1e12 ? value : value * 1000;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new ShapeError('The sign-in server sent an unreadable expiry time.');
  }
  return at;
}

function toCredentials(raw: v.InferOutput<typeof credentialsSchema>): Credentials {
  const user = raw.User ?? {};
  return {
    accessToken: raw.AccessToken,
    expiresAt: parseExpiry(raw.ExpireTime),
    user: {
      ...(user.Id !== undefined ? { id: String(user.Id) } : {}),
      ...(user.Email ? { email: user.Email } : {}),
      ...(user.AliyunId || user.Organization ? { aliyunId: user.AliyunId ?? user.Organization } : {}),
    },
  };
}

export type PollOutcome =
  | { readonly status: 'pending' }
  | { readonly status: 'slowDown' }
  | { readonly status: 'denied' }
  | { readonly status: 'expired' }
  | { readonly status: 'complete'; readonly credentials: Credentials };

export interface WaitOptions {
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1), for the jitter; Math.random unless a test fixes it. */
  readonly random?: () => number;
}

/** The random part of the next wait: a second normally, widening with consecutive failed polls. */
export function jitterWindowMs(intervalMs: number, failures: number): number {
  return failures === 0 ? POLL_JITTER_MS : Math.min(intervalMs * 2 ** Math.min(failures, FAILURE_JITTER_MAX_DOUBLINGS), FAILURE_JITTER_CAP_MS);
}

/** A poll failure that says nothing about the sign-in itself: the next poll may well get through. */
function isTransient(error: unknown): boolean {
  return error instanceof UnreadableAnswerError || hasKind(error, 'network') || hasKind(error, 'timeout') || hasKind(error, 'server') || hasKind(error, 'rateLimited');
}

const isLoopback = (hostname: string): boolean => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * Whether the verification URL may be opened: https, or http to this machine (a local test server).
 * Anything else (javascript:, file:, plain http elsewhere) could run or leak something when opened.
 */
export function isSafeVerificationUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed.hostname));
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError('Sign-in cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, clampDelay(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class DeviceAuthClient {
  constructor(
    private readonly http: HttpClient,
    private readonly authBase: string,
    private readonly clientId: string,
  ) {}

  private async post(path: string, query: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    const response = await this.http.request({
      method: 'POST',
      url: `${this.authBase}${path}?${new URLSearchParams(query).toString()}`,
      idempotent: false,
      timeoutMs: AUTH_TIMEOUT_MS,
      // Terminal states (expired, denied) may come back as 4xx with a JSON body that says which.
      accept: (status) => status >= 400 && status < 500 && status !== 429,
      ...(signal ? { signal } : {}),
    });
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      throw new UnreadableAnswerError(`The sign-in server answered ${response.status} with something that is not JSON.`);
    }
  }

  /** Starts a sign-in: the URL to open in the browser, and what polling needs. */
  async start(signal?: AbortSignal, now: () => number = Date.now): Promise<DeviceStart> {
    const codeVerifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const raw = await this.post('/cli/device/code', { client_id: this.clientId, code_challenge: challenge, code_challenge_method: 'S256' }, signal);
    const parsed = v.safeParse(startSchema, raw);
    if (!parsed.success) {
      throw new ShapeError('The sign-in server did not return a device code.');
    }
    const data = parsed.output.Data;
    if (!isSafeVerificationUrl(data.VerificationUrl)) {
      throw new ShapeError('The sign-in server sent a verification link that is not https; it was not opened.');
    }
    return {
      token: data.Token,
      verificationUrl: data.VerificationUrl,
      expiresAt: now() + data.ExpiresIn * 1000,
      intervalMs: (data.Interval > 0 ? Math.max(MIN_INTERVAL_S, data.Interval) : DEFAULT_INTERVAL_S) * 1000,
      codeVerifier,
    };
  }

  /** One poll. */
  async poll(start: DeviceStart, signal?: AbortSignal): Promise<PollOutcome> {
    const raw = await this.post('/cli/device/token', { client_id: this.clientId, token: start.token, code_verifier: start.codeVerifier }, signal);
    const parsed = v.safeParse(pollSchema, raw);
    if (!parsed.success) {
      throw new UnreadableAnswerError('The sign-in server sent an unexpected answer while waiting for approval.');
    }
    const status = (parsed.output.Data?.Status ?? parsed.output.Code ?? '').toLowerCase();
    const text = `${status} ${parsed.output.Code ?? ''} ${parsed.output.Message ?? ''}`;
    if (status === 'complete') {
      const credentials = parsed.output.Data?.Credentials;
      if (!credentials) {
        throw new ShapeError('The sign-in completed but no credentials came back.');
      }
      return { status: 'complete', credentials: toCredentials(credentials) };
    }
    if (/expired/i.test(text)) {
      return { status: 'expired' };
    }
    if (/access_denied|denied/i.test(text)) {
      return { status: 'denied' };
    }
    if (/slow_down/i.test(text)) {
      return { status: 'slowDown' };
    }
    if (parsed.output.Success === false && parsed.output.Code && !/pending/i.test(text)) {
      throw new AuthError(`The sign-in server refused: ${parsed.output.Code}${parsed.output.Message ? ` (${parsed.output.Message})` : ''}`);
    }
    return { status: 'pending' };
  }

  /**
   * Polls at the server's interval plus jitter (five seconds more after each "slow down") until a final
   * answer. A transient failure widens the next wait (and waits at least as long as a 429 asked); the
   * wait ends only on approval, denial, expiry, cancellation or a refusal such as a wrong verifier.
   */
  async waitForApproval(start: DeviceStart, options: WaitOptions = {}): Promise<Credentials> {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? defaultSleep;
    const random = options.random ?? Math.random;
    let interval = start.intervalMs;
    let failures = 0;
    let lastFailure: QwenCloudError | undefined;
    let retryAfterMs = 0;
    for (;;) {
      if (options.signal?.aborted) {
        throw new CancelledError('Sign-in cancelled.');
      }
      if (now() >= start.expiresAt) {
        // Failing until the end says more about what went wrong than "expired" would.
        throw lastFailure ?? new AuthError('The sign-in code expired before it was approved. Start the sign-in again.');
      }
      const wait = Math.max(retryAfterMs, interval + Math.floor(random() * jitterWindowMs(interval, failures)));
      await sleep(Math.min(wait, Math.max(0, start.expiresAt - now())), options.signal);
      let outcome: PollOutcome;
      try {
        outcome = await this.poll(start, options.signal);
      } catch (error) {
        if (!isTransient(error)) {
          throw error;
        }
        failures++;
        lastFailure = toQwenCloudError(error);
        retryAfterMs = lastFailure instanceof RateLimitedError ? (lastFailure.retryAfterMs ?? 0) : 0;
        continue;
      }
      failures = 0;
      lastFailure = undefined;
      retryAfterMs = 0;
      switch (outcome.status) {
        case 'complete':
          return outcome.credentials;
        case 'denied':
          throw new AuthError('The sign-in was denied in the browser.');
        case 'expired':
          throw new AuthError('The sign-in code expired before it was approved. Start the sign-in again.');
        case 'slowDown':
          interval += 5_000;
          break;
        case 'pending':
          break;
      }
    }
  }
}

