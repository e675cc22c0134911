// The Qwen Cloud source against the CLI's documented gateway answers and requests, over real sockets: each
// reference answer is served by the simulator (after its token check) and read by the source; the requests
// the source sends are held to the CLI's; the simulator's own answers are held to the same shapes.
import * as assert from 'node:assert/strict';
import { SIMULATOR_NBID } from '../simulator/gatewayRoutes';
import { useGatewayHarness } from './gatewayHarness';
import { CLI } from './fixture';
import { ACCOUNT_INFO, CODES, CODING_DETAIL, CODING_PLAN, everyAnswer, exactly, FREE_QUOTA, FREE_QUOTA_REQUEST, ORDERS, REFUSALS, RENEWABLE, USAGE_LIMIT } from './gateway';

const ENVELOPE_ROUTE = 'gateway:envelope/zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2';
const ROUTES = {
  codingDetail: `gateway:BssOpenAPI-V3/GetSubscriptionDetail@${CODES.coding}`,
  renewable: 'gateway:BssOpenAPI-V3/CheckInstancesRenewable',
  accountInfo: 'gateway:AccountCenter/QueryAccountBaseInfoApi',
  orders: 'gateway:BssOpenAPI-V3/QueryOrderList',
  usageLimit: 'gateway:BssOpenAPI-V3/DescribeUsageLimit',
  freeQuota: 'gateway:BssOpenAPI-V3/DescribeFqInstance',
} as const;

describe('Qwen Cloud gateway: the source and the simulator against the CLI', () => {
  const { fx, make, answer, sent, post, held } = useGatewayHarness();

  describe('Coding Plan quota (queryCodingPlanInstanceInfoV2)', () => {
    it('reads codingPlanInstanceInfos at the top of the payload and one DataV2.data.data deeper alike', async () => {
      const [oneLayer, twoLayers] = CODING_PLAN.documented;
      answer(ENVELOPE_ROUTE, oneLayer!.body);
      const first = await make().getCodingPlan();
      answer(ENVELOPE_ROUTE, twoLayers!.body);
      const second = await make().getCodingPlan();
      for (const plan of [first, second]) {
        assert.ok(plan);
        assert.equal(plan.tier, 'pro');
        assert.equal(plan.status, 'valid');
        assert.equal(plan.rawStatus, 'VALID');
        assert.deepEqual(plan.windows.fiveHour, { kind: 'fiveHour', used: 1200, total: 6000, resetsAt: 1767225600000 });
        assert.deepEqual(plan.windows.weekly, { kind: 'weekly', used: 6400, total: 45000, resetsAt: 1767484800000 });
        assert.deepEqual(plan.windows.monthly, { kind: 'monthly', used: 21000, total: 90000, resetsAt: 1769904000000 });
      }
    });

    it('sends the CLI request: reqDTO.queryCodingPlanInstanceInfoRequest with the commodity code and onlyLatestOne', async () => {
      const from = fx.sim.state.requests.length;
      await make().getCodingPlan();
      const [request] = sent(ENVELOPE_ROUTE, from);
      assert.deepEqual(request?.reqDTO, { queryCodingPlanInstanceInfoRequest: { commodityCode: CODES.coding, onlyLatestOne: true } });
    });

    it('answers null when there is no instance', async () => {
      answer(ENVELOPE_ROUTE, CODING_PLAN.documented[2]!.body);
      assert.equal(await make().getCodingPlan(), null);
    });

    it('shows a month-only answer as the month window alone', async () => {
      answer(ENVELOPE_ROUTE, CODING_PLAN.tolerated[0]!.body);
      const plan = await make().getCodingPlan();
      assert.ok(plan);
      assert.equal(plan.tier, 'lite');
      assert.deepEqual(Object.keys(plan.windows), ['monthly']);
      assert.deepEqual(plan.windows.monthly, { kind: 'monthly', used: 4200, total: 18000, resetsAt: 1769904000000 });
    });

    it('leaves out a window whose total is 0, reads a missing used count as 0, and takes only the first instance', async () => {
      answer(ENVELOPE_ROUTE, CODING_PLAN.tolerated[1]!.body);
      const plan = await make().getCodingPlan();
      assert.ok(plan);
      assert.equal(plan.rawType, 'pro');
      assert.equal(plan.rawStatus, 'VALID');
      assert.deepEqual(Object.keys(plan.windows), ['weekly']);
      assert.deepEqual(plan.windows.weekly, { kind: 'weekly', used: 0, total: 45000, resetsAt: 1767484800000 });
    });

    it('keeps a plan that reports no type and no quota, with no windows', async () => {
      answer(ENVELOPE_ROUTE, CODING_PLAN.tolerated[2]!.body);
      const plan = await make().getCodingPlan();
      assert.ok(plan);
      assert.equal(plan.status, 'valid');
      assert.equal(plan.tier, 'other');
      assert.deepEqual(plan.windows, {});
    });
  });

  describe('Coding Plan subscription (GetSubscriptionDetail, CheckInstancesRenewable)', () => {
    it('sends productCode, pageNo and pageSize, then asks whether the NORMAL item can be renewed, by its instance code and product code', async () => {
      answer(ROUTES.codingDetail, CODING_DETAIL.documented[0]!.body);
      answer(ROUTES.renewable, RENEWABLE.documented[0]!.body);
      const from = fx.sim.state.requests.length;
      const plan = await make().getCodingPlan();
      assert.ok(plan);
      assert.deepEqual(sent(ROUTES.codingDetail, from), [{ productCode: CODES.coding, pageNo: '1', pageSize: '100' }]);
      assert.deepEqual(sent(ROUTES.renewable, from), [
        { 'instanceIdentities.1.InstanceId': 'subs-0001a2b3c4', 'instanceIdentities.1.CommodityCode': CODES.coding, 'instanceIdentities.1.ResourceType': 'subscription' },
      ]);
      assert.equal(plan.canRenew, true);
      assert.equal(plan.periodStart, Date.parse('2026-06-14T00:00:00+08:00'));
      assert.equal(plan.periodEnd, Date.parse('2026-07-14T00:00:00+08:00'));
      assert.equal(plan.autoRenew, undefined, 'the detail carries no auto-renewal');
    });

    it('reads Data as {SubscriptionList}, a VALID item and times in epoch ms; renewability from Data[0], from canRenew, or from the top-level Renewable', async () => {
      const cases: [unknown, boolean][] = [
        [RENEWABLE.documented[1]!.body, false],
        [RENEWABLE.documented[2]!.body, true],
        [RENEWABLE.tolerated[0]!.body, false],
      ];
      for (const [renewable, expected] of cases) {
        answer(ROUTES.codingDetail, CODING_DETAIL.documented[1]!.body);
        answer(ROUTES.renewable, renewable);
        const from = fx.sim.state.requests.length;
        const plan = await make().getCodingPlan();
        assert.equal(plan?.canRenew, expected);
        assert.equal(plan?.periodStart, 1781366400000);
        assert.equal(plan?.periodEnd, 1783958400000);
        assert.equal(sent(ROUTES.renewable, from)[0]?.['instanceIdentities.1.InstanceId'], 'subs-0002b3c4d5', 'InstanceCode ?? InstanceId');
      }
    });

    it('loses only the period and renewability when the detail is refused, and only renewability when the check fails', async () => {
      answer(ROUTES.codingDetail, CODING_DETAIL.tolerated[0]!.body);
      const refused = await make().getCodingPlan();
      assert.ok(refused?.windows.monthly);
      assert.equal(refused.periodEnd, undefined);
      assert.equal(refused.canRenew, undefined);

      answer(ROUTES.codingDetail, CODING_DETAIL.documented[0]!.body);
      fx.sim.state.faults.add({ kind: 'status', status: 500, match: exactly(ROUTES.renewable), count: 5 });
      const unchecked = await make().getCodingPlan();
      assert.ok(unchecked?.windows.monthly);
      assert.equal(unchecked.periodEnd, Date.parse('2026-07-14T00:00:00+08:00'));
      assert.equal(unchecked.canRenew, undefined);
    });
  });

  describe('Orders (QueryAccountBaseInfoApi, QueryOrderList)', () => {
    it('sends what the CLI sends: every value a string, the Nbid, and the commodity codes as one comma-joined string', async () => {
      answer(ROUTES.accountInfo, ACCOUNT_INFO.documented[0]!.body);
      answer(ROUTES.orders, ORDERS.documented[0]!.body);
      const from = fx.sim.state.requests.length;
      await make().listOrders({ pageSize: 20, from: 1780000000000, to: 1790000000000, types: ['buy'] });
      const [request] = sent(ROUTES.orders, from);
      assert.deepEqual(request, {
        CurrentPage: '1',
        PageSize: '20',
        Nbid: '2688801000001',
        startDate: '1780000000000',
        endDate: '1790000000000',
        OrderType: 'BUY',
        CommodityCodeList: [CODES.coding, CODES.personal, CODES.team, CODES.addon].join(','),
      });
    });

    it('asks for the Nbid once for the source\'s life, and reads it at the top level too', async () => {
      answer(ROUTES.accountInfo, ACCOUNT_INFO.tolerated[0]!.body);
      answer(ROUTES.orders, ORDERS.documented[0]!.body, 2);
      const source = make();
      const from = fx.sim.state.requests.length;
      await source.listOrders({});
      await source.listOrders({});
      assert.equal(sent(ROUTES.accountInfo, from).length, 1);
      assert.deepEqual(sent(ROUTES.orders, from).map((r) => r.Nbid), ['2688801000002', '2688801000002']);
    });

    it('sends the order query without the Nbid when the account info fails, as the CLI does', async () => {
      fx.sim.state.faults.add({ kind: 'status', status: 500, match: exactly(ROUTES.accountInfo), count: 5 });
      const from = fx.sim.state.requests.length;
      const page = await make().listOrders({});
      assert.ok(page.items.length > 0);
      assert.equal(sent(ROUTES.orders, from)[0]?.Nbid, undefined);
    });

    it('reads the amount through PayAmount → … → Amount, the currency as Currency ?? SettCurrency', async () => {
      answer(ROUTES.orders, ORDERS.documented[0]!.body);
      const real = await make().listOrders({});
      assert.deepEqual(real.items, [
        { id: '238810000123456', type: 'buy', rawType: 'BUY', createdAt: Date.parse('2026-06-08T06:17:29Z'), plan: 'Coding Plan Pro', amount: { amount: 79.2, currency: 'CNY' }, status: 'paid' },
      ]);
      answer(ROUTES.orders, ORDERS.documented[1]!.body);
      const older = await make().listOrders({});
      assert.deepEqual(
        older.items.map((o) => [o.id, o.type, o.createdAt, o.amount, o.status]),
        [
          ['ord-001', 'buy', Date.parse('2026-04-15T10:00:00Z'), { amount: 199, currency: 'USD' }, 'paid'],
          ['ord-002', 'renew', Date.parse('2026-04-20T10:00:00Z'), { amount: 99, currency: 'USD' }, 'paid'],
        ],
      );
    });

    it('keeps orders of unknown types and orders without an amount; an empty amount is no amount, never 0; a row without an id is dropped and counted', async () => {
      answer(ROUTES.orders, ORDERS.tolerated[0]!.body);
      const page = await make().listOrders({});
      assert.deepEqual(
        page.items.map((o) => [o.id, o.type, o.rawType, o.amount, o.status]),
        [
          ['238810000200001', 'other', 'REFUND', { amount: -79.2, currency: 'USD' }, 'paid'],
          ['238810000200002', 'other', 'DOWNGRADE', { amount: 54, currency: 'USD' }, 'paid'],
          ['238810000200003', 'renew', 'RENEW', undefined, 'unpaid'],
        ],
      );
      assert.equal(page.dropped, 1);
    });

    it('fails whole when no row can be read', async () => {
      answer(ROUTES.orders, ORDERS.tolerated[2]!.body);
      await assert.rejects(make().listOrders({}), { kind: 'shape' });
    });

    it('reads a business code without Data as "not available", whether the code is text or a number', async () => {
      for (const body of [ORDERS.documented[2]!.body, ORDERS.tolerated[1]!.body]) {
        answer(ROUTES.orders, body);
        await assert.rejects(make().listOrders({}), (error: Error & { kind?: string }) => error.kind === 'unsupported' && /not available/i.test(error.message));
      }
    });
  });

  describe('Spending limit (DescribeUsageLimit)', () => {
    it('reads the documented answers', async () => {
      answer(ROUTES.usageLimit, USAGE_LIMIT.documented[0]!.body);
      assert.deepEqual(await make().getUsageLimit(), { enabled: true, amount: { amount: 1000, currency: 'USD' }, alertThreshold: 80, emails: ['ops@example.com'] });
      answer(ROUTES.usageLimit, USAGE_LIMIT.documented[1]!.body);
      assert.deepEqual(await make().getUsageLimit(), { enabled: false, amount: { amount: 0, currency: 'USD' }, alertThreshold: 80, emails: ['ops@example.com'] });
      answer(ROUTES.usageLimit, USAGE_LIMIT.documented[2]!.body);
      assert.equal((await make().getUsageLimit())?.alertThreshold, 0);
    });

    it('reads an empty amount as no limit amount and an empty threshold as unset, never as 0 or 0%', async () => {
      answer(ROUTES.usageLimit, USAGE_LIMIT.tolerated[0]!.body);
      assert.equal(await make().getUsageLimit(), null, 'nothing was ever set');
      answer(ROUTES.usageLimit, USAGE_LIMIT.tolerated[1]!.body);
      assert.deepEqual(await make().getUsageLimit(), { enabled: true, amount: { amount: 250, currency: 'USD' }, alertThreshold: 80, emails: ['ops@example.com'] });
      answer(ROUTES.usageLimit, USAGE_LIMIT.tolerated[2]!.body);
      assert.deepEqual(await make().getUsageLimit(), { enabled: true, amount: { amount: 300, currency: 'USD' }, alertThreshold: 90, emails: ['ops@example.com'] });
    });
  });

  describe('Free quota (DescribeFqInstance)', () => {
    it('sends PageSize "500" and no template codes (the CLI takes them from a mapping this extension cannot reach)', async () => {
      answer(ROUTES.freeQuota, FREE_QUOTA.documented[0]!.body);
      const from = fx.sim.state.requests.length;
      const quotas = await make().getFreeQuota();
      assert.deepEqual(sent(ROUTES.freeQuota, from), [{ PageSize: FREE_QUOTA_REQUEST.pageSize }]);
      assert.deepEqual(quotas, [
        { model: 'qwen-plus', total: 1000000, remaining: 750000, unit: 'tokens', status: 'valid', cycleEnd: Date.parse('2026-07-01T00:00:00Z') },
        { model: 'wan2.2-t2i-flash', total: 50, remaining: 0, unit: 'images', status: 'exhausted', cycleEnd: Date.parse('2026-07-01T00:00:00Z') },
      ]);
    });
  });

  describe('errors inside an HTTP 200', () => {
    it('NotApplicable: the account belongs to the other site, and the message (which the UI shows) names the setting to switch', async () => {
      answer(ROUTES.orders, REFUSALS.notApplicable.body);
      await assert.rejects(make().listOrders({}), (error: Error & { kind?: string }) => error.kind === 'invalidInput' && /qwenCloud\.site/.test(error.message) && /"china"/.test(error.message));
    });

    it('NotAuthorized: the account lacks access to billing, which no new sign-in fixes', async () => {
      answer(ROUTES.usageLimit, REFUSALS.notAuthorized.body);
      await assert.rejects(
        make().getUsageLimit(),
        (error: Error & { kind?: string; reason?: string }) => error.kind === 'auth' && error.reason === 'permission' && /billing/i.test(error.message) && /permission|access/i.test(error.message),
      );
    });

    it('never reads Success false or an error code as success; reads a success code as one', async () => {
      answer(ROUTES.usageLimit, REFUSALS.successFalseWithData.body);
      await assert.rejects(make().getUsageLimit(), { kind: 'server' });
      answer(ROUTES.usageLimit, REFUSALS.numericCode.body);
      await assert.rejects(make().getUsageLimit(), { kind: 'server' });
      answer(ROUTES.usageLimit, REFUSALS.codeSuccess.body);
      assert.deepEqual(await make().getUsageLimit(), { enabled: true, amount: { amount: 1000, currency: 'USD' }, alertThreshold: 80, emails: [] });
    });
  });

  describe("the simulator's own answers", () => {

    it('the Coding Plan quota, one layer deep', async () => {
      const payload = JSON.stringify({ reqDTO: { queryCodingPlanInstanceInfoRequest: { commodityCode: CODES.coding, onlyLatestOne: true } }, cornerstoneParam: {} });
      held(await post('sfm_bailian', 'IntlBroadScopeAspnGateway', { Api: 'zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2', V: '1.0', Data: payload }), { documented: CODING_PLAN.documented.filter((_, i) => i !== 1), tolerated: [] });
    });

    it('GetSubscriptionDetail for the Coding Plan, without an auto-renewal field', async () => {
      const answer = await post('BssOpenAPI-V3', 'GetSubscriptionDetail', { productCode: CODES.coding, pageNo: '1', pageSize: '100' });
      held(answer, CODING_DETAIL);
      assert.doesNotMatch(JSON.stringify(answer), /AutoRenew/);
    });

    it('CheckInstancesRenewable for the Coding Plan\'s instance', async () => {
      const detail = await post<{ data: { Data: { InstanceCode: string; ProductCode: string }[] } }>('BssOpenAPI-V3', 'GetSubscriptionDetail', { productCode: CODES.coding, pageNo: '1', pageSize: '100' });
      const item = detail.data.Data[0]!;
      const answer = await post('BssOpenAPI-V3', 'CheckInstancesRenewable', {
        'instanceIdentities.1.InstanceId': item.InstanceCode,
        'instanceIdentities.1.CommodityCode': item.ProductCode,
        'instanceIdentities.1.ResourceType': 'subscription',
      });
      held(answer, RENEWABLE);
      assert.equal((answer as { data: { Data: { CanRenew: boolean }[] } }).data.Data[0]?.CanRenew, true);
    });

    it('QueryAccountBaseInfoApi, and a QueryOrderList that refuses a wrong Nbid', async () => {
      held(await post('AccountCenter', 'QueryAccountBaseInfoApi'), ACCOUNT_INFO);
      const page = await post('BssOpenAPI-V3', 'QueryOrderList', { CurrentPage: '1', PageSize: '5', Nbid: SIMULATOR_NBID, CommodityCodeList: CODES.coding });
      held(page, ORDERS);
      assert.equal((page as { data: { Data: unknown[] } }).data.Data.length, 5);
      const wrong = await post<{ data: { Data?: unknown; Code?: string } }>('BssOpenAPI-V3', 'QueryOrderList', { CurrentPage: '1', PageSize: '5', Nbid: '1' });
      assert.equal(wrong.data.Data, undefined);
      assert.ok(wrong.data.Code);
      const teamsOnly = await post<{ data: { Data: unknown[] } }>('BssOpenAPI-V3', 'QueryOrderList', { CurrentPage: '1', PageSize: '5', CommodityCodeList: `${CODES.team},${CODES.addon}` });
      assert.deepEqual(teamsOnly.data.Data, [], "the CLI's list leaves out the Coding Plan's orders");
    });

    it('DescribeUsageLimit, on and off', async () => {
      held(await post('BssOpenAPI-V3', 'DescribeUsageLimit'), USAGE_LIMIT);
      const before = await fx.sim.state.source.getUsageLimit();
      await fx.sim.state.source.setUsageLimit({ enabled: false, amount: { amount: 0, currency: 'USD' }, alertThreshold: 80, emails: [] });
      try {
        held(await post('BssOpenAPI-V3', 'DescribeUsageLimit'), USAGE_LIMIT);
      } finally {
        if (before) {
          await fx.sim.state.source.setUsageLimit(before);
        }
      }
    });

    it('DescribeFqInstance, with and without template codes', async () => {
      const all = await post<{ data: { Data: { Template: { Code: string } }[] } }>('BssOpenAPI-V3', 'DescribeFqInstance', { PageSize: '500' });
      held(all, FREE_QUOTA);
      const code = all.data.Data[0]!.Template.Code;
      const some = await post<{ data: { Data: { Template: { Code: string } }[] } }>('BssOpenAPI-V3', 'DescribeFqInstance', { templateCodes: JSON.stringify([code]), PageSize: '500' });
      held(some, FREE_QUOTA);
      assert.deepEqual(some.data.Data.map((d) => d.Template.Code), [code]);
    });
  });

  it('every fixture names the CLI file and version it follows', () => {
    const sets = { CODING_PLAN, CODING_DETAIL, RENEWABLE, ACCOUNT_INFO, ORDERS, USAGE_LIMIT, FREE_QUOTA };
    const all = [...Object.values(sets).flatMap(everyAnswer), ...Object.values(REFUSALS)];
    for (const fixture of all) {
      assert.ok(fixture.follows.startsWith(CLI) && /\bsrc\/|\btests\//.test(fixture.follows), fixture.case);
    }
  });
});
