// The signer against the published test vector and against the official SDK (@alicloud/openapi-util),
// an independent implementation, over many generated requests with awkward values.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $tea from '@alicloud/tea-typescript';
import * as fc from 'fast-check';
import { canonicalQuery, percentEncode, signRequest, signatureParts } from '../../../src/api/acs3';

describe('ACS3-HMAC-SHA256 signer', () => {
  it('reproduces the published test vector', () => {
    const query = { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' };
    const headers = signRequest({
      method: 'POST',
      host: 'ecs.cn-shanghai.aliyuncs.com',
      path: '/',
      query,
      headers: { 'x-acs-action': 'RunInstances', 'x-acs-version': '2014-05-26' },
      body: '',
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
      date: new Date('2023-10-26T10:22:32Z'),
      nonce: '3156853299f313e23d1673dc12e1703d',
    });
    const parts = signatureParts('POST', '/', query, headers, headers['x-acs-content-sha256']!, 'YourAccessKeySecret');
    assert.equal(parts.hashedCanonicalRequest, '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    assert.equal(
      headers.Authorization,
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    assert.equal(headers.host, 'ecs.cn-shanghai.aliyuncs.com');
    assert.equal(headers['x-acs-date'], '2023-10-26T10:22:32Z');
    assert.equal(headers['x-acs-content-sha256'], 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('encodes the way RFC 3986 says: space %20, * %2A, ~ kept, non-ASCII as UTF-8', () => {
    assert.equal(percentEncode('a b*c~d/e+f%'), 'a%20b%2Ac~d%2Fe%2Bf%25');
    assert.equal(percentEncode('千问'), '%E5%8D%83%E9%97%AE');
    assert.equal(canonicalQuery({ b: '2', a: '', A: 'x y' }), 'A=x%20y&a=&b=2');
  });

  it('sends and signs the security token of STS credentials', () => {
    const headers = signRequest({
      method: 'GET', host: 'h', path: '/', query: {}, accessKeyId: 'id', accessKeySecret: 's', securityToken: 'sts-token',
      date: new Date(0), nonce: 'n',
    });
    assert.equal(headers['x-acs-security-token'], 'sts-token');
    assert.match(headers.Authorization ?? '', /SignedHeaders=host;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce,/);
  });

  // Parameter names as real APIs use them; values with every awkward character class.
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,15}$/);
  const awkward = fc.oneof(
    fc.constantFrom('', ' ', '*', '~', '/', '+', '%', '%20', 'a b', '千问', '{"Start":"20261101"}', '=&?', "!'()"),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ maxLength: 20 }),
  );

  it('agrees with the official SDK on generated requests', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.constantFrom('/', '/modelstudio/apikeys', '/modelstudio/apikeys/2150743/disable', '/modelstudio/billing/trend'),
        fc.dictionary(name, awkward, { maxKeys: 6 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        fc.option(fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), { nil: undefined }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        (method, path, query, body, contentType, date, nonce) => {
          const extra: Record<string, string> = { 'x-acs-action': 'ListApiKeys', 'x-acs-version': '2026-02-10' };
          if (contentType) {
            extra['content-type'] = contentType;
          }
          const ours = signRequest({
            method, host: 'modelstudio.ap-southeast-1.aliyuncs.com', path, query, headers: extra, body,
            accessKeyId: 'LTAI5tFakeAccessKeyId', accessKeySecret: 'FakeSecretForTests0123456789', date, nonce,
          });
          const payload = createHash('sha256').update(body ?? '', 'utf8').digest('hex');
          const request = new $tea.Request();
          request.method = method;
          request.pathname = path;
          request.query = query;
          request.headers = { ...ours };
          const theirs = OpenApiUtil.getAuthorization(
            request,
            'ACS3-HMAC-SHA256',
            payload,
            'LTAI5tFakeAccessKeyId',
            'FakeSecretForTests0123456789',
          );
          assert.equal(ours.Authorization, theirs);
        },
      ),
      { numRuns: 500 },
    );
  });
});
