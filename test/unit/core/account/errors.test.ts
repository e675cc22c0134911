import * as assert from 'node:assert/strict';
import * as errors from '../../../../src/core/account/errors';

describe('typed errors', () => {
  it('keeps its own errors as they are', () => {
    const error = new errors.AuthError('refused');
    assert.equal(errors.toQwenCloudError(error), error);
  });

  it('says what an auth refusal is about: the sign-in, the AccessKey, the clock or a permission', () => {
    for (const reason of ['session', 'accessKey', 'clock', 'permission'] as const) {
      assert.equal(errors.authReasonOf(new errors.AuthError('refused', reason)), reason);
    }
    assert.equal(errors.authReasonOf(new errors.AuthError('refused')), 'session', 'unsaid: the sign-in');
    assert.equal(errors.authReasonOf(new errors.NetworkError('down')), 'session', 'not an auth error');
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
