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

  it('masks the AccessKey ID in an ACS3 Authorization header and in fields', () => {
    const header = 'Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tFakeFakeFake0000/20260101/cn-hangzhou/bss/aliyun_v4_request,SignedHeaders=host,Signature=06563a9e1b43f5dfe96b';
    assert.equal(redact(header), 'Authorization: ACS3-HMAC-SHA256 Credential=****,SignedHeaders=host,Signature=****');
    assert.equal(redact('Credential=LTAI5tFakeFakeFake0000,SignedHeaders=host'), 'Credential=****,SignedHeaders=host');
    assert.equal(redact('AccessKeyId=LTAI5tFakeFakeFake0000&Action=QueryBill'), 'AccessKeyId=LTAI****0000&Action=QueryBill');
    assert.equal(redact('{"accessKeyId":"my-ak-id-1234"}'), '{"accessKeyId":"****"}');
  });

  it('masks DashScope keys that are URL-encoded or glued to a word, keeping their shape', () => {
    assert.equal(redact('body=%7B%22key%22%3A%22sk-4f9a2c7e1b8d3f6a0c5e9b2d7a4f1c8e%22%7D'), 'body=%7B%22key%22%3A%22sk-****1c8e%22%7D');
    assert.equal(redact('q=x%3Dsk-sp-Fake0Fake1Fake2Fake3Fake4Fake5Fake6Fake7'), 'q=x%3Dsk-sp-****ake7');
    assert.equal(redact('key_sk-4f9a2c7e1b8d3f6a0c5e9b2d7a4f1c8e'), 'key_sk-****1c8e');
  });

  it('masks single-quoted, escaped and URL-encoded fields, and quoted values with spaces', () => {
    assert.equal(redact("{'access_token': 'fake-token-value', 'user': 'me'}"), "{'access_token': '****', 'user': 'me'}");
    assert.equal(redact('{"device_code": "FAKE-DEVICE-CODE-123"}'), '{"device_code": "****"}');
    assert.equal(redact('{"api_key": "not-a-dashscope-shape"}'), '{"api_key": "****"}');
    assert.equal(redact('{"api_key": "sk-4f9a2c7e1b8d3f6a0c5e9b2d7a4f1c8e"}'), '{"api_key": "sk-****1c8e"}', 'a key keeps its shape in a field');
    assert.equal(redact('{"password": "correct horse battery staple", "n": 1}'), '{"password": "****", "n": 1}');
    assert.equal(redact('body: {\\"refresh_token\\":\\"fake refresh\\",\\"x\\":1}'), 'body: {\\"refresh_token\\":\\"****\\",\\"x\\":1}');
    assert.equal(redact('state=%7B%22token%22%3A%22fakefake%22%7D'), 'state=%7B%22token%22%3A%22****%22%7D');
  });

  it('masks an x-api-key header and basic credentials', () => {
    assert.equal(redact('x-api-key: fake-gateway-key-0000\nhost: example.com'), 'x-api-key: ****\nhost: example.com');
    assert.equal(redact('Proxy-Authorization: Basic dXNlcjpmYWtl'), 'Proxy-Authorization: Basic ****');
    assert.equal(redact('Basic plan, Basic tier'), 'Basic plan, Basic tier');
  });

  it('masks the password of a URL, keeping the user and host', () => {
    assert.equal(redact('proxy http://alice:fake%40pass@proxy.example.com:8080 refused'), 'proxy http://alice:****@proxy.example.com:8080 refused');
    assert.equal(redact('HTTPS_PROXY=https://:fakepass@10.0.0.1'), 'HTTPS_PROXY=https://:****@10.0.0.1');
    assert.equal(redact('GET https://example.com:8443/path?q=1 @ 12:00'), 'GET https://example.com:8443/path?q=1 @ 12:00');
  });

  it('stays linear on text built to make patterns backtrack', () => {
    const hostile = ['token:"'.repeat(40_000), '://a:'.repeat(40_000), 'xsk-'.repeat(40_000), 'password=%2'.repeat(40_000), 'a:b'.repeat(40_000)].join('');
    const started = performance.now();
    redact(hostile);
    assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
  });

  it('masks registered secrets whatever their shape', () => {
    assert.equal(redactKnown('failed with Tk9xQ2Vj in body', ['Tk9xQ2Vj']), 'failed with **** in body');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Refreshed codingPlan in 120 ms (skill-based, sk-short, risk-assessment1, max_tokens: 2048, https://host:8080/x)';
    assert.equal(redact(text), text);
  });
});
