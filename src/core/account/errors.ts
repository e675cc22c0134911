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

export abstract class QwenCloudError extends Error {
  abstract readonly kind: ErrorKind;

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

/** Why an error refused, when it is an auth error ('session' otherwise). */
export function authReasonOf(error: QwenCloudError): AuthReason {
  return error instanceof AuthError ? error.reason : 'session';
}

/** Too many requests; `retryAfterMs` is what the server asked for, when it said. */
export class RateLimitedError extends QwenCloudError {
  readonly kind = 'rateLimited';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    /** When the server's wait ends (as far as the extension will wait), so the UI can say "until …". */
    readonly retryAt?: number,
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

/** True for typed errors. */
export function isQwenCloudError(value: unknown): value is QwenCloudError {
  return value instanceof QwenCloudError;
}

/** Whether `value` is a typed error of this kind. */
export function hasKind(value: unknown, kind: ErrorKind): boolean {
  return isQwenCloudError(value) && value.kind === kind;
}

/** Turns anything thrown into a typed error of this module, so callers handle one hierarchy. */
export function toQwenCloudError(value: unknown): QwenCloudError {
  if (value instanceof QwenCloudError) {
    return value;
  }
  if (value instanceof Error && value.name === 'AbortError') {
    return new CancelledError('Cancelled.');
  }
  const text = value instanceof Error ? value.message : String(value);
  return new ServerError(text);
}
