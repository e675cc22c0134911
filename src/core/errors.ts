// Typed failures. Every error that reaches the UI is one of these, so the UI can say what happened and
// what to do next without parsing messages. Messages never carry secrets: callers pass only safe text.

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
}

/** The connection failed or was dropped. */
export class NetworkError extends QwenCloudError {
  readonly kind = 'network';
}

/** No answer within the time allowed. */
export class TimeoutError extends QwenCloudError {
  readonly kind = 'timeout';
}

/** The credential is missing, expired or refused (HTTP 401/403, or a gateway auth code). */
export class AuthError extends QwenCloudError {
  readonly kind = 'auth';
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

/** A typed error from another copy of this module (another bundle): the same shape, other classes. */
interface ForeignError {
  readonly [MARK]: true;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly retryAfterMs?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly feature?: unknown;
}

function isForeign(value: unknown): value is ForeignError {
  return value instanceof Error && (value as Partial<ForeignError>)[MARK] === true && typeof (value as Partial<ForeignError>).kind === 'string';
}

/** This module's class for a foreign typed error, with the same message and details. */
function rebuild(error: ForeignError): QwenCloudError {
  const number = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  switch (error.kind) {
    case 'network':
      return new NetworkError(error.message);
    case 'timeout':
      return new TimeoutError(error.message);
    case 'auth':
      return new AuthError(error.message);
    case 'rateLimited':
      return new RateLimitedError(error.message, number(error.retryAfterMs));
    case 'server':
      return new ServerError(error.message, number(error.status), typeof error.code === 'string' ? error.code : undefined);
    case 'shape':
      return new ShapeError(error.message);
    case 'unsupported':
      return new UnsupportedError(error.message);
    case 'cancelled':
      return new CancelledError(error.message);
    case 'invalidInput':
      return new InvalidInputError(error.message);
    case 'notConnected':
      return new NotConnectedError(error.message, typeof error.feature === 'string' ? error.feature : '');
    default:
      return new ServerError(error.message);
  }
}

export function isQwenCloudError(value: unknown): value is QwenCloudError {
  return value instanceof QwenCloudError || isForeign(value);
}

/** Turns anything thrown into a typed error of this module's classes, so callers handle one hierarchy. */
export function toQwenCloudError(value: unknown): QwenCloudError {
  if (value instanceof QwenCloudError) {
    return value;
  }
  if (isForeign(value)) {
    return rebuild(value);
  }
  if (value instanceof Error && value.name === 'AbortError') {
    return new CancelledError('Cancelled.');
  }
  const text = value instanceof Error ? value.message : String(value);
  return new ServerError(text);
}
