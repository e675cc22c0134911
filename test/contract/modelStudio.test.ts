// The AccessKey client against the ModelStudio SDK's documented answers and requests, over real sockets:
// each reference answer is served by the simulator (after its signature check) and read by the client; the
// requests the client sends are held to the SDK's; the simulator's own answers are held to the same shapes.
import * as assert from 'node:assert/strict';
import type { AccessKeySource } from '../../src/api/openapi/accessKeySource';
import { defaultEndpoints, type OpenApiEndpoints } from '../../src/api/openapi/endpoints';
import { OpenApiClient } from '../../src/api/openapi/openApiClient';
import { dateKey, monthKey } from '../../src/core/common/calendar';
import { simulatedRegion } from '../simulator/openApiRoutes';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { useSimulator } from '../unit/api/simulatorFixture';
import { BILLING_OVERVIEW, BILLING_TREND, BILLING_TREND_REQUEST, ENDPOINT_MAP, everyAnswer, KEY_CHANGES, KEY_REQUESTS, type KeyChange, LIST_API_KEYS, LIST_WORKSPACES, REFUSALS } from './modelStudio';
import { shapeMismatches } from './shape';

const CREDENTIALS = { accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret };

describe('ModelStudio 2026-02-10: the client and the simulator against the SDK', () => {
  const fx = useSimulator();
  const make = (endpoints?: Partial<OpenApiEndpoints>, now?: () => number): AccessKeySource =>
    fx.network.accessKeySource(CREDENTIALS, { label: 'AccessKey', endpoints: { modelStudio: fx.sim.url, bss: fx.sim.url, ...endpoints }, ...(now ? { now } : {}) });
  const answer = (action: string, body: unknown, count = 1): void => fx.sim.state.faults.add({ kind: 'answer', match: `openapi:${action}`, body, count });
  /** What the client sent for `action` since `from` (an index into the request log). */
  const sent = (action: string, from: number): Readonly<Record<string, unknown>>[] =>
    fx.sim.state.requests.slice(from).filter((r) => r.route.startsWith(`openapi:${action}`)).map((r) => r.sent ?? {});
  const query = (s: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const { path: _path, method: _method, ...rest } = s;
    return rest;
  };

  describe('ListWorkspaces', () => {
    it('follows nextToken to the last page, and names a nameless workspace by its id', async () => {
      const [first, last] = LIST_WORKSPACES.documented;
      answer('ListWorkspaces', first!.body);
      answer('ListWorkspaces', last!.body);
      const from = fx.sim.state.requests.length;
      const workspaces = await make().listWorkspaces();
      assert.deepEqual(workspaces, [
        { id: 'ws-0759e7b7ea7f585b', name: 'default', region: 'cn-beijing' },
        { id: 'ws-32klhjk2312334jkh', name: 'ws-32klhjk2312334jkh' },
      ]);
      const requests = sent('ListWorkspaces', from);
      assert.equal(requests.length, 2);
      assert.equal(requests[0]?.nextToken, undefined);
      assert.equal(requests[1]?.nextToken, 'TbB1IsZUSR4iE');
      for (const r of requests) {
        assert.equal(r.method, KEY_REQUESTS.ListWorkspaces.method);
        assert.match(String(r.path), KEY_REQUESTS.ListWorkspaces.path);
        for (const name of Object.keys(query(r))) {
          assert.ok((KEY_REQUESTS.ListWorkspaces.names as readonly string[]).includes(name), `${name} is not a ListWorkspaces parameter`);
        }
      }
    });

    it('stops when a page hands back a token it has already followed', async () => {
      answer('ListWorkspaces', LIST_WORKSPACES.documented[0]!.body, 50);
      const from = fx.sim.state.requests.length;
      const workspaces = await make().listWorkspaces();
      assert.equal(sent('ListWorkspaces', from).length, 2);
      assert.deepEqual(workspaces.map((w) => w.id), ['ws-0759e7b7ea7f585b']);
    });

    it('reads an empty list and the tolerated variants', async () => {
      answer('ListWorkspaces', LIST_WORKSPACES.documented[2]!.body);
      assert.deepEqual(await make().listWorkspaces(), []);
      answer('ListWorkspaces', LIST_WORKSPACES.tolerated[0]!.body);
      assert.deepEqual(await make().listWorkspaces(), [{ id: 'ws-8af73c50f5596193', name: 'ws_test', region: 'ap-southeast-1' }]);
    });
  });

  describe('ListApiKeys', () => {
    const oneWorkspace = { success: true, code: '200', workspaces: [{ workspaceId: 'ws-950f9aca7e76c816', workspaceName: 'default' }] };
    const expected = {
      2965964: { id: '2965964', maskedValue: 'sk-ws-djI.8O7d*****2aICctnid4u4', description: 'test', createdAt: 1774338222000, disabled: false, workspaceId: 'ws-950f9aca7e76c816', createdBy: '1378030599924858' },
      3076140: { id: '3076140', maskedValue: 'sk-ws-abc.1234*****9f3c', description: '', createdAt: 1774338000000, disabled: true, workspaceId: 'ws-950f9aca7e76c816' },
      3076141: { id: '3076141', maskedValue: 'sk-ws-def.5678*****0a1b', description: 'ci', createdAt: 1774338100000, disabled: true, workspaceId: 'ws-950f9aca7e76c816' },
    };
    const cases: [string, unknown, readonly unknown[]][] = [
      [LIST_API_KEYS.documented[0]!.case, LIST_API_KEYS.documented[0]!.body, [expected[2965964]]],
      [LIST_API_KEYS.documented[1]!.case, LIST_API_KEYS.documented[1]!.body, [expected[3076140]]],
      [LIST_API_KEYS.documented[2]!.case, LIST_API_KEYS.documented[2]!.body, []],
      [LIST_API_KEYS.tolerated[0]!.case, LIST_API_KEYS.tolerated[0]!.body, [expected[3076141]]],
    ];
    for (const [name, body, keys] of cases) {
      it(`reads ${name}`, async () => {
        answer('ListWorkspaces', oneWorkspace);
        answer('ListApiKeys', body);
        const from = fx.sim.state.requests.length;
        assert.deepEqual(await make().listApiKeys(), keys);
        const [request] = sent('ListApiKeys', from);
        assert.equal(request?.method, KEY_REQUESTS.ListApiKeys.method);
        assert.match(String(request?.path), KEY_REQUESTS.ListApiKeys.path);
        assert.equal(request?.workspaceId, 'ws-950f9aca7e76c816');
        for (const n of Object.keys(query(request ?? {}))) {
          assert.ok((KEY_REQUESTS.ListApiKeys.names as readonly string[]).includes(n), `${n} is not a ListApiKeys parameter`);
        }
      });
    }
  });

  describe('DeleteApiKey, DisableApiKey, EnableApiKey', () => {
    const run = (source: AccessKeySource, action: KeyChange, id: string): Promise<void> =>
      action === 'DeleteApiKey' ? source.deleteApiKey(id) : source.setApiKeyDisabled(id, action === 'DisableApiKey');

    for (const action of Object.keys(KEY_CHANGES) as KeyChange[]) {
      it(`${action}: takes the documented success and sends the documented request`, async () => {
        answer(action, KEY_CHANGES[action].body);
        const from = fx.sim.state.requests.length;
        await run(make(), action, '2965964');
        const [request] = sent(action, from);
        assert.equal(request?.method, KEY_REQUESTS[action].method);
        assert.match(String(request?.path), KEY_REQUESTS[action].path);
        assert.ok(String(request?.path).includes('/2965964'));
        assert.deepEqual(query(request ?? {}), {});
      });

      for (const refusal of REFUSALS) {
        it(`${action}: never reads a refusal sent with HTTP 200 as done (${refusal.case})`, async () => {
          answer(action, refusal.body);
          const code = (refusal.body as { code: string }).code;
          await assert.rejects(run(make(), action, '2965964'), (error: Error & { kind?: string; reason?: string }) => {
            assert.ok(error.message.includes(code), error.message);
            if (code === 'Forbidden.RAM') {
              assert.equal(error.kind, 'auth');
              assert.equal(error.reason, 'permission', 'the key is good: only a permission is missing');
              assert.ok(error.message.includes(`modelstudio:${action}`), error.message);
            }
            return true;
          });
        });
      }
    }
  });

  describe('GetBillingTrend', () => {
    const [byDay, byMonth, missing] = BILLING_TREND.documented;

    it('reads the documented DAY answer: total objects, string amounts, yyyyMMdd periods', async () => {
      answer('GetBillingTrend', byDay!.body);
      const series = await make().getCostAnalysis({ granularity: 'day', from: '2026-08-01', to: '2026-08-02', groupBy: 'model' });
      const parts = (a: number, b: number): unknown[] => [
        { key: 'qwen-plus', name: 'qwen-plus', amount: a },
        { key: 'DIMENSION_GROUP_OTHERS_VALUE', name: 'Others', amount: b },
      ];
      assert.deepEqual(series, {
        currency: 'CNY',
        granularity: 'day',
        groupBy: 'model',
        periods: [
          { period: '2026-08-01', total: 30, parts: parts(20, 10) },
          { period: '2026-08-02', total: 70, parts: parts(40, 30) },
        ],
        totals: parts(60, 40),
      });
    });

    it('reads the MONTH answer: yyyyMM periods', async () => {
      answer('GetBillingTrend', byMonth!.body);
      const series = await make().getCostAnalysis({ granularity: 'month', from: '2026-06-01', to: '2026-08-25', groupBy: 'model' });
      assert.deepEqual(
        series.periods.map((p) => [p.period, p.total]),
        [['2026-06', 10.25], ['2026-07', 21.25], ['2026-08', 0]],
      );
      assert.equal(series.currency, 'USD');
      assert.deepEqual(series.totals, [{ key: 'qwen3-max', name: 'qwen3-max', amount: 31.5 }]);
    });

    it('reads plain numbers, as an older answer might send', async () => {
      answer('GetBillingTrend', BILLING_TREND.tolerated[0]!.body);
      const series = await make().getCostAnalysis({ granularity: 'day', from: '2026-08-01', to: '2026-08-02', groupBy: 'apiKey' });
      assert.deepEqual(series.periods, [
        { period: '2026-08-01', total: 12.5, parts: [{ key: '2965964', name: 'test', amount: 12.5 }] },
        { period: '2026-08-02', total: 0, parts: [] },
      ]);
      assert.deepEqual(series.totals, [{ key: '2965964', name: 'test', amount: 12.5 }]);
    });

    it('never reads a missing figure as zero: a total from its details, an unreadable period left out', async () => {
      answer('GetBillingTrend', missing!.body);
      const series = await make().getCostAnalysis({ granularity: 'day', from: '2026-08-01', to: '2026-08-03', groupBy: 'model' });
      assert.equal(series.currency, 'USD');
      assert.deepEqual(series.periods, [
        { period: '2026-08-01', total: 4.5, parts: [{ key: 'qwen-plus', name: 'qwen-plus', amount: 3.5 }, { key: 'qwen-flash', name: 'qwen-flash', amount: 1 }] },
        { period: '2026-08-03', total: 2, parts: [] },
      ]);
      assert.deepEqual(series.totals, [{ key: 'qwen-plus', name: 'qwen-plus', amount: 5.5 }]);
    });

    it("gives this month's spend from the documented answer, and refuses to guess one with a day unreadable", async () => {
      const august2 = Date.parse('2026-08-02T06:00:00Z');
      answer('GetBillingTrend', byDay!.body);
      assert.deepEqual(await make({}, () => august2).getMonthSpend(), {
        month: '2026-08',
        total: { amount: 100, currency: 'CNY' },
        daily: [
          { date: '2026-08-01', amount: 30 },
          { date: '2026-08-02', amount: 70 },
        ],
      });
      answer('GetBillingTrend', missing!.body);
      await assert.rejects(make({}, () => Date.parse('2026-08-03T06:00:00Z')).getMonthSpend(), { kind: 'shape', message: /2026-08-02/ });
    });

    it('sends the documented request: JSON-encoded timePeriod, groupBy and filter, yyyy-MM-dd dates, topNum 1-20', async () => {
      const from = fx.sim.state.requests.length;
      await make().getCostAnalysis({ granularity: 'day', from: '2026-08-01', to: '2026-08-25', groupBy: 'model', filter: { apiKey: ['2965964'] } });
      await make().getCostAnalysis({ granularity: 'month', from: '2026-06-01', to: '2026-08-25', groupBy: 'apiKey' });
      const requests = sent('GetBillingTrend', from);
      assert.equal(requests.length, 2);
      for (const r of requests) {
        assert.equal(r.method, BILLING_TREND_REQUEST.method);
        assert.equal(r.path, BILLING_TREND_REQUEST.path);
        for (const name of Object.keys(query(r))) {
          assert.ok((BILLING_TREND_REQUEST.names as readonly string[]).includes(name), `${name} is not a GetBillingTrend parameter`);
        }
        assert.ok((BILLING_TREND_REQUEST.granularities as readonly unknown[]).includes(r.granularity));
        const period = JSON.parse(String(r.timePeriod)) as Record<string, unknown>;
        assert.deepEqual(Object.keys(period).sort(), ['end', 'start']);
        assert.match(String(period.start), BILLING_TREND_REQUEST.date);
        assert.match(String(period.end), BILLING_TREND_REQUEST.date);
        const groupBy = JSON.parse(String(r.groupBy)) as unknown[];
        assert.equal(groupBy.length, 1, 'groupBy holds one and only one element');
        const topNum = Number(r.topNum);
        assert.ok(Number.isInteger(topNum) && topNum >= BILLING_TREND_REQUEST.topNum.min && topNum <= BILLING_TREND_REQUEST.topNum.max, `topNum ${String(r.topNum)}`);
      }
      const [day, month] = requests;
      assert.equal(day?.granularity, 'DAY');
      assert.deepEqual(JSON.parse(String(day?.timePeriod)), { start: '2026-08-01', end: '2026-08-25' });
      assert.deepEqual(JSON.parse(String(day?.groupBy)), [{ code: 'BASE_MODEL' }]);
      assert.deepEqual(JSON.parse(String(day?.filter)), { dimensions: [{ code: 'API_KEY_ID', selectType: 'IN', values: ['2965964'] }] });
      assert.equal(month?.granularity, 'MONTH');
      assert.deepEqual(JSON.parse(String(month?.timePeriod)), { start: '2026-06-01', end: '2026-08-25' });
      assert.equal(month?.filter, undefined);
    });
  });

  describe('regions', () => {
    it("each site queries the SDK's hosts, keyed by region", () => {
      for (const site of ['international', 'china'] as const) {
        const regions = defaultEndpoints(site).modelStudioRegions ?? {};
        assert.ok(Object.keys(regions).length > 0, site);
        for (const [region, url] of Object.entries(regions)) {
          assert.equal(url, `https://${ENDPOINT_MAP.hosts[region] ?? `(no host for ${region})`}`);
        }
      }
      assert.deepEqual(Object.keys(defaultEndpoints('china').modelStudioRegions ?? {}), ['cn-beijing']);
      assert.ok('ap-southeast-1' in (defaultEndpoints('international').modelStudioRegions ?? {}));
    });

    it("sends a key change to the key's own region", async () => {
      const source = make({ modelStudioRegions: { 'ap-southeast-1': simulatedRegion(fx.sim.url, 'ap-southeast-1'), 'us-east-1': simulatedRegion(fx.sim.url, 'us-east-1') } });
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:ListWorkspaces@us-east-1', body: { success: true, code: '200', workspaces: [{ workspaceId: 'ws-us', workspaceName: 'US', region: 'us-east-1' }] } });
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:ListApiKeys@us-east-1', body: LIST_API_KEYS.documented[0]!.body });
      const keys = await source.listApiKeys();
      assert.ok(keys.some((k) => k.id === '2965964'));
      fx.sim.state.faults.add({ kind: 'answer', match: 'openapi:DisableApiKey@us-east-1', body: KEY_CHANGES.DisableApiKey.body });
      const from = fx.sim.state.requests.length;
      await source.setApiKeyDisabled('2965964', true);
      assert.deepEqual(
        fx.sim.state.requests.slice(from).map((r) => [r.route, r.status]),
        [['openapi:DisableApiKey@us-east-1', 200]],
      );
    });
  });

  describe("the simulator's own answers", () => {
    const call = (action: string, path: string, q: Record<string, string> = {}): Promise<Record<string, unknown>> =>
      new OpenApiClient(fx.network.http, CREDENTIALS).call({ endpoint: fx.sim.url, action, version: '2026-02-10', method: action.startsWith('List') || action.startsWith('Get') ? 'GET' : 'PUT', path, query: q });
    const held = (answer: unknown, set: { documented: readonly { body: unknown }[] }): void =>
      assert.deepEqual(shapeMismatches(answer, set.documented.map((f) => f.body)), []);

    it('ListWorkspaces, page by page', async () => {
      const first = await call('ListWorkspaces', '/modelstudio/workspaces', { maxResults: '1' });
      held(first, LIST_WORKSPACES);
      assert.equal(typeof first.nextToken, 'string');
      const last = await call('ListWorkspaces', '/modelstudio/workspaces', { maxResults: '1', nextToken: String(first.nextToken) });
      held(last, LIST_WORKSPACES);
      assert.equal(last.nextToken, undefined);
      assert.equal(first.totalCount, 2);
    });

    it('ListApiKeys', async () => {
      const workspaceId = (await fx.sim.state.source.listWorkspaces())[0]!.id;
      const page = await call('ListApiKeys', '/modelstudio/apikeys', { workspaceId, maxResults: '2' });
      held(page, LIST_API_KEYS);
      assert.ok(typeof page.nextToken === 'string');
    });

    it('DisableApiKey and EnableApiKey', async () => {
      const [key] = await fx.sim.state.source.listApiKeys();
      for (const [action, verb] of [['DisableApiKey', 'disable'], ['EnableApiKey', 'enable']] as const) {
        held(await call(action, `/modelstudio/apikeys/${key!.id}/${verb}`), { documented: [KEY_CHANGES[action]] });
      }
    });

    it('GetBillingTrend by DAY and by MONTH: string amounts, total objects, yyyyMMdd and yyyyMM periods', async () => {
      const now = fx.sim.state.now();
      const today = dateKey(now);
      const month = monthKey(now);
      for (const [granularity, pattern] of [['DAY', /^\d{8}$/], ['MONTH', /^\d{6}$/]] as const) {
        const body = await call('GetBillingTrend', '/modelstudio/billing/trend', {
          granularity,
          timePeriod: JSON.stringify({ start: `${month}-01`, end: today }),
          groupBy: JSON.stringify([{ code: 'BASE_MODEL' }]),
        });
        held(body, BILLING_TREND);
        const periods = (body.data as { resultByTime: { period: string }[] }).resultByTime.map((r) => r.period);
        assert.ok(periods.length > 0);
        assert.ok(periods.every((p) => pattern.test(p)), periods.join());
      }
    });

    it('GetBillingOverview', async () => {
      const [bill] = await fx.sim.state.source.listBills();
      held(await call('GetBillingOverview', '/modelstudio/billing/overview', { billMonth: bill!.month }), BILLING_OVERVIEW);
    });
  });

  it('every fixture names the SDK file and version it follows', () => {
    for (const f of [...everyAnswer(LIST_WORKSPACES), ...everyAnswer(LIST_API_KEYS), ...Object.values(KEY_CHANGES), ...REFUSALS, ...everyAnswer(BILLING_TREND), ...everyAnswer(BILLING_OVERVIEW)]) {
      assert.match(f.follows, /^aliyun\/alibabacloud-typescript-sdk modelstudio-20260210 2\.\d+\.\d+ src\//, f.case);
    }
  });
});
