import * as assert from 'node:assert/strict';
import { redact, redactKnown } from '../../../../src/core/common/redact';

describe('redact', () => {
  it('masks DashScope keys, keeping the prefix and last four', () => {
    assert.equal(redact('key sk-0123456789abcdef0123456789abcdef used'), 'key sk-****cdef used');
    assert.equal(redact('sk-sp-0123456789abcdef0123456789abcdef'), 'sk-sp-****cdef');
  });

  it('masks bearer tokens, signatures and secret-named fields', () => {
    assert.equal(redact('Authorization: Bearer eyJhbGciOi.abc.def'), 'Authorization: Bearer ****');
    assert.match(redact('ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=06563a9e1b43f5dfe96b'), /Signature=\*\*\*\*$/);
    assert.equal(redact('{"AccessToken":"abc123xyz","User":"me"}'), '{"AccessToken":"****","User":"me"}');
    assert.equal(redact('refresh_token=zzzzzzzz&x=1'), 'refresh_token=****&x=1');
  });

  it('masks registered secrets whatever their shape', () => {
    assert.equal(redactKnown('failed with Tk9xQ2Vj in body', ['Tk9xQ2Vj']), 'failed with **** in body');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Refreshed codingPlan in 120 ms (skill-based, sk-short)';
    assert.equal(redact(text), text);
  });
});
