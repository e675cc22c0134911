// Answers that are JSON but not what the protocol promises must fail whole (ShapeError), never produce a
// half-filled model. A fake transport plays the server here; the simulator covers the wire itself.
import * as assert from 'node:assert/strict';
import { GatewayClient } from '../../../src/api/gateway/gatewayClient';
import { QwenCloudSource } from '../../../src/api/gateway/qwenCloudSource';
import { HttpClient } from '../../../src/api/http/httpClient';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/api/http/types';

class CannedTransport implements Transport {
  constructor(private readonly answer: (body: Record<string, unknown>) => unknown) {}
  async send(request: HttpRequest): Promise<HttpResponse> {
    const body = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
    return { status: 200, headers: {}, body: JSON.stringify(this.answer(body)) };
  }
  async close(): Promise<void> {}
}

function sourceAnswering(answer: (body: Record<string, unknown>) => unknown): QwenCloudSource {
  const http = new HttpClient(new CannedTransport(answer), { userAgent: 'test', retries: 0 });
  return new QwenCloudSource(new GatewayClient(http, 'https://gateway.test', async () => 'fake-token'), { label: 'test' });
}

const flatOk = (data: unknown) => ({ code: '200', data });
const envelopeOk = (payload: unknown) => ({ code: '200', data: { DataV2: { ret: ['SUCCESS::ok'], data: { data: payload } } } });
const quota = {
  per5HourUsedQuota: 10, per5HourTotalQuota: 1200, per5HourQuotaNextRefreshTime: 1_800_000_000_000,
  perWeekUsedQuota: 20, perWeekTotalQuota: 9000, perWeekQuotaNextRefreshTime: 1_800_000_000_000,
  perBillMonthUsedQuota: 30, perBillMonthTotalQuota: 18000, perBillMonthQuotaNextRefreshTime: 1_800_000_000_000,
};

describe('response validation', () => {
  it('maps a well-formed Coding Plan, numbers as text included', async () => {
    const source = sourceAnswering((b) => (b.product === 'sfm_bailian' ? envelopeOk({ codingPlanInstanceInfos: [{ instanceType: 'starter', status: 'VALID', codingPlanQuotaInfo: { ...quota, per5HourUsedQuota: '11' } }] }) : flatOk({ Data: [] })));
    const plan = await source.getCodingPlan();
    assert.equal(plan?.tier, 'lite');
    assert.equal(plan?.windows.fiveHour?.used, 11);
  });

  it('rejects a quota field that is not a number, and keeps the plan when one is missing (the CLI reads it as 0)', async () => {
    const answering = (info: unknown) => sourceAnswering((b) => (b.product === 'sfm_bailian' ? envelopeOk({ codingPlanInstanceInfos: [{ instanceType: 'pro', status: 'VALID', codingPlanQuotaInfo: info }] }) : flatOk({ Data: [] })));
    await assert.rejects(answering({ ...quota, perBillMonthUsedQuota: 'lots' }).getCodingPlan(), { kind: 'shape' });
    const { perWeekTotalQuota: _dropped, ...missing } = quota;
    const partial = await answering(missing).getCodingPlan();
    assert.ok(partial, 'the plan is kept');
    assert.equal(partial.windows.weekly, undefined, 'a window without its total is left out, not shown as 0 of 0');
    assert.ok(partial.windows.fiveHour && partial.windows.monthly);
    const nulled = await answering({ ...quota, per5HourTotalQuota: null }).getCodingPlan();
    assert.equal(nulled?.windows.fiveHour, undefined);
  });

  it('rejects an envelope whose ret is not SUCCESS, or that has no payload', async () => {
    const failing = sourceAnswering(() => ({ code: '200', data: { DataV2: { ret: ['IllegalArgumentException::commodityCode'], data: {} } } }));
    await assert.rejects(failing.getCodingPlan(), { kind: 'server', message: /IllegalArgumentException/ });
    const empty = sourceAnswering(() => ({ code: '200', data: { DataV2: { ret: ['SUCCESS::ok'] } } }));
    await assert.rejects(empty.getCodingPlan(), { kind: 'shape' });
  });

  it('drops and counts an order it cannot place (no time), keeps the rest, and rejects a page with nothing readable', async () => {
    const source = sourceAnswering(() => flatOk({ Data: [{ OrderId: '1', OrderType: 'BUY', GmtCreate: '2026-06-01T00:00:00Z', PayAmount: '10.00', OrderStatus: 'PAID' }, { OrderId: '2', OrderType: 'BUY', PayAmount: '10.00' }], TotalCount: 2 }));
    const page = await source.listOrders({});
    assert.deepEqual(page.items.map((o) => o.id), ['1']);
    assert.equal(page.dropped, 1);
    const broken = sourceAnswering(() => flatOk({ Data: [{ OrderId: '2', OrderType: 'BUY', PayAmount: '10.00' }], TotalCount: 1 }));
    await assert.rejects(broken.listOrders({}), { kind: 'shape' });
  });

  it('treats a business error inside a flat answer as an error', async () => {
    const source = sourceAnswering(() => flatOk({ Code: 'InvalidParameter', Message: 'BillingCycle is invalid', Success: false }));
    await assert.rejects(source.listBills(), { kind: 'server', message: /InvalidParameter/ });
  });

  it('reads sign-in trouble and unknown actions from the gateway code', async () => {
    await assert.rejects(sourceAnswering(() => ({ code: '403', message: 'ConsoleNeedLogin' })).getUsageLimit(), { kind: 'auth' });
    await assert.rejects(sourceAnswering(() => ({ code: '500', message: 'unknown action' })).getUsageLimit(), { kind: 'unsupported' });
    await assert.rejects(sourceAnswering(() => ({ data: {} })).getUsageLimit(), { kind: 'shape' });
  });

  it('rejects a non-https invoice link from another host', async () => {
    const source = sourceAnswering(() => flatOk({ InvoiceUrl: 'http://evil.example/invoice.pdf' }));
    await assert.rejects(source.getOrderInvoiceUrl('1'), { kind: 'shape' });
  });
});
