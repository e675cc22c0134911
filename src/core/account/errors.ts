// Typed failures. Every error that reaches the UI is one of these, so the UI can say what happened and
// what to do next without parsing messages. Messages never carry secrets: they are redacted when made.
import { redact } from '../common/redact';

export type ErrorKind =
  | 'network'
  | 'timeout'
  | 'auth'
  | 'rateLimited'
  | 'server'
  | 'shape'
  | 'unsupported'
  | 'cancelled'
  | 'invalidInput'
  | 'notConnected';

/**
 * Marks every typed error. The network bundle (dist/network.js) carries its own copy of these classes, so
 * `instanceof` fails across the bundle boundary; the mark lets `toQwenCloudError` recognise and rebuild them.
 */
const MARK = Symbol.for('qwen-cloud-meter.error');

export abstract class QwenCloudError extends Error {
  abstract readonly kind: ErrorKind;
  readonly [MARK] = true;

  /** Messages can quote what a server sent back: anything secret-shaped is masked before it goes anywhere. */
  constructor(message: string) {
    super(redact(message));
  }
}

/** The connection failed or was dropped. */
export class NetworkError extends QwenCloudError {
  readonly kind = 'network';
}

/** No answer within the time allowed. */
export class TimeoutError extends QwenCloudError {
  readonly kind = 'timeout';
}

/**
 * What an auth refusal is about, so the UI names the fix: the Qwen Cloud sign-in, the AccessKey, or this
 * computer's clock (a signed request dated more than 15 minutes from the server's time).
 */
/** `permission`: the credential works, but may not do this (a RAM user without the policy); the message names the fix. */
export type AuthReason = 'session' | 'accessKey' | 'clock' | 'permission';
const AUTH_REASONS: ReadonlySet<unknown> = new Set<AuthReason>(['session', 'accessKey', 'clock', 'permission']);

/** The credential is missing, expired or refused (HTTP 401/403, or a gateway auth code). */
export class AuthError extends QwenCloudError {
  readonly kind = 'auth';
  constructor(
    message: string,
    readonly reason: AuthReason = 'session',
  ) {
    super(message);
  }
}

/** Why an auth error refused: its `reason`, whichever copy of this module made it ('session' when unsaid). */
export function authReasonOf(error: QwenCloudError): AuthReason {
  const reason = (error as QwenCloudError & { reason?: unknown }).reason;
  return AUTH_REASONS.has(reason) ? (reason as AuthReason) : 'session';
}

/** Too many requests; `retryAfterMs` is what the server asked for, when it said. */
export class RateLimitedError extends QwenCloudError {
  readonly kind = 'rateLimited';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The server failed (5xx, or an error code in an otherwise well-formed answer). */
export class ServerError extends QwenCloudError {
  readonly kind = 'server';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The answer was not what the protocol promises (malformed JSON, missing fields, wrong types). */
export class ShapeError extends QwenCloudError {
  readonly kind = 'shape';
}

/** The backend does not know the action: not available for this account or not public. */
export class UnsupportedError extends QwenCloudError {
  readonly kind = 'unsupported';
}

/** The user or the extension cancelled the work. */
export class CancelledError extends QwenCloudError {
  readonly kind = 'cancelled';
}

/** A value the user or a webview supplied is not acceptable; nothing was changed. */
export class InvalidInputError extends QwenCloudError {
  readonly kind = 'invalidInput';
}

/** No connected source serves the feature (for example API keys without an AccessKey). */
export class NotConnectedError extends QwenCloudError {
  readonly kind = 'notConnected';
  constructor(
    message: string,
    readonly feature: string,
  ) {
    super(message);
  }
}

const ERROR_KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  'network',
  'timeout',
  'auth',
  'rateLimited',
  'server',
  'shape',
  'unsupported',
  'cancelled',
  'invalidInput',
  'notConnected',
]);

/**
 * True for typed errors, including ones made by another copy of this module (a separately bundled
 * network layer, a test's source): those fail `instanceof` but carry the mark and a known `kind`.
 */
export function isQwenCloudError(value: unknown): value is QwenCloudError {
  if (value instanceof QwenCloudError) {
    return true;
  }
  if (!(value instanceof Error) || (value as Error & { [MARK]?: unknown })[MARK] !== true) {
    return false;
  }
  const kind: unknown = (value as Error & { kind?: unknown }).kind;
  return typeof kind === 'string' && ERROR_KINDS.has(kind);
}

/** Whether `value` is a typed error of this kind, whichever copy of this module made it. */
export function hasKind(value: unknown, kind: ErrorKind): boolean {
  return isQwenCloudError(value) && value.kind === kind;
}

/** The same error as an instance of this module's classes, so `instanceof` and its fields work here. */
function adopt(error: QwenCloudError): QwenCloudError {
  const fields = error as QwenCloudError & { retryAfterMs?: unknown; status?: unknown; code?: unknown; feature?: unknown };
  const adopted = ((): QwenCloudError => {
    switch (error.kind) {
      case 'network':
        return new NetworkError(error.message);
      case 'timeout':
        return new TimeoutError(error.message);
      case 'auth':
        return new AuthError(error.message, authReasonOf(error));
      case 'rateLimited':
        return new RateLimitedError(error.message, typeof fields.retryAfterMs === 'number' ? fields.retryAfterMs : undefined);
      case 'server':
        return new ServerError(error.message, typeof fields.status === 'number' ? fields.status : undefined, typeof fields.code === 'string' ? fields.code : undefined);
      case 'shape':
        return new ShapeError(error.message);
      case 'unsupported':
        return new UnsupportedError(error.message);
      case 'cancelled':
        return new CancelledError(error.message);
      case 'invalidInput':
        return new InvalidInputError(error.message);
      case 'notConnected':
        return new NotConnectedError(error.message, typeof fields.feature === 'string' ? fields.feature : '');
    }
  })();
  adopted.stack = error.stack;
  return adopted;
}

/** Turns anything thrown into a typed error of this module, so callers handle one hierarchy. */
export function toQwenCloudError(value: unknown): QwenCloudError {
  if (value instanceof QwenCloudError) {
    return value;
  }
  if (isQwenCloudError(value)) {
    return adopt(value);
  }
  if (value instanceof Error && value.name === 'AbortError') {
    return new CancelledError('Cancelled.');
  }
  const text = value instanceof Error ? value.message : String(value);
  return new ServerError(text);
}
