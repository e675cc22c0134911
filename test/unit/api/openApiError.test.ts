// The OpenAPI's error codes as typed errors: what each refusal says to do (switch the site, grant a RAM
// permission), and refusals in HTTP 200 answers in either casing.
import * as assert from 'node:assert/strict';
import { OpenApiClient, openApiError } from '../../../src/api/openapi/openApiClient';
import { SIMULATOR_ACCESS_KEY } from '../../simulator/state';
import { useSimulator } from './simulatorFixture';

describe('OpenAPI errors', () => {
  const bss = (site?: 'international' | 'china') => ({ action: 'QueryAccountBalance', product: 'bss' as const, ...(site ? { site } : {}) });
  const modelStudio = (action: string) => ({ action, product: 'modelStudio' as const, site: 'international' as const });

  it('NotApplicable: the account is on the other site, and says which to switch to', () => {
    const intl = openApiError(400, 'NotApplicable', 'This API is not applicable for caller.', undefined, bss('international'));
    assert.equal(intl.kind, 'invalidInput');
    assert.match(intl.message, /qwenCloud\.site/);
    assert.match(intl.message, /"china"/);
    assert.match(intl.message, /NotApplicable/);
    const china = openApiError(400, 'NotApplicable', 'This API is not applicable for caller.', undefined, bss('china'));
    assert.match(china.message, /"international"/);
    const unknown = openApiError(400, 'NotApplicable', '', undefined, bss());
    assert.equal(unknown.kind, 'invalidInput');
    assert.match(unknown.message, /international.*China|China.*international/i);
  });

  it('NotAuthorized and Forbidden.RAM: the RAM user lacks a permission, and says which to grant', () => {
    const balance = openApiError(400, 'NotAuthorized', 'This API is not authorized for caller.', undefined, bss('international'));
    assert.equal(balance.kind, 'auth');
    assert.equal((balance as { reason?: string }).reason, 'permission', 'the key is good: only a permission is missing');
    assert.match(balance.message, /AliyunBSSReadOnlyAccess/);
    assert.match(balance.message, /bssapi:QueryAccountBalance/);
    const list = openApiError(403, 'Forbidden.RAM', 'User not authorized to operate on the specified resource.', undefined, modelStudio('ListApiKeys'));
    assert.equal(list.kind, 'auth');
    assert.match(list.message, /AliyunModelStudioReadOnlyAccess/);
    assert.match(list.message, /modelstudio:ListApiKeys/);
    const remove = openApiError(403, 'Forbidden.RAM', '', undefined, modelStudio('DeleteApiKey'));
    assert.match(remove.message, /modelstudio:DeleteApiKey/);
    assert.doesNotMatch(remove.message, /ReadOnly/, 'a read-only policy does not allow a change');
    const bare = openApiError(400, 'NoPermission', 'denied');
    assert.equal(bare.kind, 'auth');
    assert.match(bare.message, /RAM/);
  });

  it('keeps the other kinds', () => {
    assert.equal((openApiError(400, 'InvalidTimeStamp.Expired', '') as { reason?: string }).reason, 'clock');
    assert.equal((openApiError(400, 'SignatureDoesNotMatch', '') as { reason?: string }).reason, 'accessKey');
    assert.equal(openApiError(400, 'InvalidParameter', '').kind, 'invalidInput');
    assert.equal(openApiError(404, 'InvalidAction.NotFound', '').kind, 'unsupported');
    assert.equal(openApiError(429, 'Throttling', '').kind, 'rateLimited');
    assert.equal(openApiError(500, 'InternalError', '').kind, 'server');
  });

  describe('through the client', () => {
    const fx = useSimulator();
    const client = (): OpenApiClient => new OpenApiClient(fx.network.http, { accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    const balance = (): Promise<Record<string, unknown>> =>
      client().call({ endpoint: fx.sim.url, action: 'QueryAccountBalance', version: '2017-12-14', method: 'POST', path: '/', product: 'bss' });

    it('names the RAM permission for a BSS refusal', async () => {
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:QueryAccountBalance', status: 400, count: 1, body: { RequestId: 'r-1', Code: 'NotAuthorized', Message: 'This API is not authorized for caller.' } });
      await assert.rejects(balance(), { kind: 'auth', reason: 'permission', message: /AliyunBSSReadOnlyAccess/ });
    });

    it('reads a refusal in an HTTP 200 answer in either casing, and a PascalCase success as success', async () => {
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:QueryAccountBalance', count: 1, body: { RequestId: 'r-2', Success: false, Code: 'NotApplicable', Message: 'This API is not applicable for caller.' } });
      await assert.rejects(balance(), { kind: 'invalidInput', message: /NotApplicable/ });
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:QueryAccountBalance', count: 1, body: { requestId: 'r-3', success: false, code: 'Forbidden.RAM', message: 'denied', httpStatusCode: 403 } });
      await assert.rejects(balance(), { kind: 'auth', reason: 'permission', message: /Forbidden\.RAM/ });
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:QueryAccountBalance', count: 1, body: { requestId: 'r-4', success: false, message: 'no code at all' } });
      await assert.rejects(balance(), /no code at all/);
      const ok = await balance();
      assert.equal(ok.Success, true);
    });
  });
});
