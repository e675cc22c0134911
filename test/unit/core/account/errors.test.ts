import * as assert from 'node:assert/strict';
import * as errors from '../../../../src/core/account/errors';

/** A second copy of the errors module, as the separately bundled network code has. */
function foreignCopy(): typeof errors {
  const path = require.resolve('../../../../src/core/account/errors');
  const saved = require.cache[path];
  delete require.cache[path];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as typeof errors;
  } finally {
    require.cache[path] = saved;
  }
}

describe('typed errors', () => {
  it('keeps its own errors as they are', () => {
    const error = new errors.AuthError('refused');
    assert.equal(errors.toQwenCloudError(error), error);
  });

  it('rebuilds typed errors from another copy of the module with their kind and details', () => {
    const foreign = foreignCopy();
    assert.notEqual(foreign.AuthError, errors.AuthError, 'the test really has two copies');
    const cases: [errors.QwenCloudError, new (...args: never[]) => errors.QwenCloudError][] = [
      [new foreign.AuthError('Qwen Cloud asked to sign in again (403: ConsoleNeedLogin).'), errors.AuthError],
      [new foreign.RateLimitedError('slow down', 2_000), errors.RateLimitedError],
      [new foreign.ServerError('boom', 502, 'InternalError'), errors.ServerError],
      [new foreign.NetworkError('socket hang up'), errors.NetworkError],
      [new foreign.CancelledError('Cancelled.'), errors.CancelledError],
      [new foreign.NotConnectedError('no source', 'apiKeys'), errors.NotConnectedError],
    ];
    for (const [error, local] of cases) {
      assert.equal(error instanceof errors.QwenCloudError, false);
      assert.equal(errors.isQwenCloudError(error), true);
      const rebuilt = errors.toQwenCloudError(error);
      assert.ok(rebuilt instanceof local, `${error.kind} becomes this module's ${local.name}`);
      assert.equal(rebuilt.kind, error.kind);
      assert.equal(rebuilt.message, error.message);
    }
    assert.equal((errors.toQwenCloudError(cases[1]![0]) as errors.RateLimitedError).retryAfterMs, 2_000);
    const server = errors.toQwenCloudError(cases[2]![0]) as errors.ServerError;
    assert.deepEqual([server.status, server.code], [502, 'InternalError']);
    assert.equal((errors.toQwenCloudError(cases[5]![0]) as errors.NotConnectedError).feature, 'apiKeys');
  });

  it('keeps what an auth refusal is about across the copies: the sign-in, the AccessKey or the clock', () => {
    const foreign = foreignCopy();
    for (const reason of ['session', 'accessKey', 'clock'] as const) {
      const rebuilt = errors.toQwenCloudError(new foreign.AuthError('refused', reason));
      assert.ok(rebuilt instanceof errors.AuthError);
      assert.equal(rebuilt.reason, reason);
    }
    assert.equal(errors.authReasonOf(new errors.AuthError('refused')), 'session', 'unsaid: the sign-in');
  });

  it('turns anything else into a server error, and an abort into a cancellation', () => {
    assert.ok(errors.toQwenCloudError(new Error('odd')) instanceof errors.ServerError);
    assert.ok(errors.toQwenCloudError('text') instanceof errors.ServerError);
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.ok(errors.toQwenCloudError(abort) instanceof errors.CancelledError);
    assert.equal(errors.isQwenCloudError({ kind: 'auth', message: 'not an Error' }), false);
  });
});

describe('error messages', () => {
  it('mask anything secret-shaped a server echoed back', () => {
    const error = new errors.ServerError('Qwen Cloud reported 400: bad key sk-0123456789abcdef0123456789abcdef, token=eyJhbGciOiJIUzI1NiJ9.payload');
    assert.doesNotMatch(error.message, /0123456789abcdef0123456789abcdef|eyJhbGciOiJIUzI1NiJ9/);
    assert.match(error.message, /sk-\*\*\*\*cdef/);
    assert.doesNotMatch(new errors.AuthError('Bearer abcdefghijklmnop refused').message, /abcdefghijklmnop/);
  });
});
