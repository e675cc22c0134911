// The Token Plan read from the CLI's documented answers over real sockets: both editions asked for at
// once (never gated on the gray flag), the Team pool summed over its groups, this user's seat, the add-on
// packs and the auto-renewal; a failing side call costs only its figure. The simulator is held to the same shapes.
import * as assert from 'node:assert/strict';
import { SIMULATOR_USER } from '../simulator/state';
import { useGatewayHarness } from './gatewayHarness';
import { CLI } from './fixture';
import { CODES, everyAnswer, exactly } from './gateway';
import { AUTO_RENEWAL, GRAY, MEMBER_ID, PACKS, PERSONAL, PERSONAL_END, TEAM_SEATS, TEAM_SUMMARY, TOKEN_PLAN_SETS } from './tokenPlan';

const ROUTES = {
  personal: `gateway:BssOpenAPI-V3/DescribeFrInstances@${CODES.personal}`,
  packs: `gateway:BssOpenAPI-V3/DescribeFrInstances@${CODES.addon}`,
  team: `gateway:BssOpenAPI-V3/GetSeatSubscriptionSummary@${CODES.team}`,
  seats: `gateway:BssOpenAPI-V3/GetSubscriptionDetail@${CODES.team}`,
  gray: 'gateway:BssOpenAPI-V3/QuerySubscriptionGray',
  renewal: (code: string) => `gateway:BssOpenApi/CheckTokenPlanAutoRenewal@${code}`,
} as const;

describe('Token Plan: the source and the simulator against the CLI', () => {
  const { fx, make, answer, sent, post, held } = useGatewayHarness();
  const fail = (route: string): void => fx.sim.state.faults.add({ kind: 'status', status: 500, match: exactly(route), count: 5 });
  const routesSince = (from: number): string[] => fx.sim.state.requests.slice(from).map((r) => r.route);

  describe('the Personal edition (DescribeFrInstances)', () => {
    it('reads credits, the tier from its credits, the reset from EndTime, the packs and the auto-renewal; asks both editions at once, never the gray flag', async () => {
      answer(ROUTES.personal, PERSONAL.documented[0]!.body);
      answer(ROUTES.packs, PACKS.documented[0]!.body);
      answer(ROUTES.renewal(CODES.personal), AUTO_RENEWAL.documented[0]!.body);
      const from = fx.sim.state.requests.length;
      const plan = await make().getTokenPlan();
      assert.deepEqual(plan, {
        instanceId: 'inst-0042',
        edition: 'personal',
        tier: 'standard',
        rawTier: 'Personal Plan Monthly',
        status: 'valid',
        rawStatus: 'valid',
        autoRenew: true,
        credits: { kind: 'credits', used: 13749.5, total: 45000, resetsAt: PERSONAL_END },
        packs: [
          { name: 'Token Plan Add-on 5,000 Credits', total: 5000, remaining: 3180, expiresAt: 4102444800000 },
          { name: 'fr-002', total: 500000, remaining: 500000 },
        ],
      });
      assert.deepEqual(sent(ROUTES.personal, from), [{ Group: 'tokenPlan', CommodityCode: CODES.personal, PageNum: '1', PageSize: '10' }]);
      assert.deepEqual(sent(ROUTES.packs, from), [{ Group: 'tokenPlan', CommodityCode: CODES.addon, PageNum: '1', PageSize: '100' }]);
      assert.deepEqual(sent(ROUTES.team, from), [{ productCode: CODES.team }]);
      assert.deepEqual(sent(ROUTES.renewal(CODES.personal), from), [{ CommodityCode: CODES.personal }]);
      const routes = routesSince(from);
      assert.ok(!routes.includes(ROUTES.gray), 'the gray flag is never asked');
      assert.ok(!routes.includes(ROUTES.seats), 'no seats for a Personal plan');
    });

    it('reads a monthly-shift capacity, a named tier, Status as a plain string and an upper-case VALID', async () => {
      const cases: [unknown, string, string, number, number][] = [
        [PERSONAL.documented[1]!.body, 'pro', 'valid', 59589.5, 180000],
        [PERSONAL.documented[2]!.body, 'lite', 'valid', 0, 11500],
        [PERSONAL.tolerated[1]!.body, 'essential', 'VALID', 500, 25500],
      ];
      for (const [body, tier, rawStatus, used, total] of cases) {
        answer(ROUTES.personal, body);
        const plan = await make().getTokenPlan();
        assert.equal(plan?.tier, tier);
        assert.equal(plan?.status, 'valid');
        assert.equal(plan?.rawStatus, rawStatus);
        assert.deepEqual([plan?.credits.used, plan?.credits.total], [used, total]);
      }
    });

    it("reads a gray account's Personal plan: the CLI would ask such an account only for the Team edition", async () => {
      answer(ROUTES.gray, GRAY.documented[0]!.body, 5);
      answer(ROUTES.personal, PERSONAL.documented[0]!.body);
      const plan = await make().getTokenPlan();
      assert.equal(plan?.edition, 'personal');
      assert.equal(plan?.credits.total, 45000);
    });

    it('reads an empty credits total as unreadable, not as 0 credits', async () => {
      answer(ROUTES.personal, PERSONAL.tolerated[0]!.body);
      await assert.rejects(make().getTokenPlan(), { kind: 'shape' });
    });
  });

  describe('the Team edition (GetSeatSubscriptionSummary, GetSubscriptionDetail)', () => {
    it("sums the pool over its groups, counts the seats, resets at NextCycleFlushTime (not EndTime), and finds this user's seat", async () => {
      answer(ROUTES.team, TEAM_SUMMARY.documented[0]!.body);
      answer(ROUTES.seats, TEAM_SEATS.documented[0]!.body);
      answer(ROUTES.renewal(CODES.team), AUTO_RENEWAL.documented[2]!.body);
      const from = fx.sim.state.requests.length;
      const plan = await make({ userId: MEMBER_ID }).getTokenPlan();
      const cycleStart = Date.parse('2026-06-14T00:00:00+08:00');
      const cycleEnd = Date.parse('2026-07-14T00:00:00+08:00');
      assert.deepEqual(plan, {
        instanceId: 'subs-03a5xxxx9x2g',
        edition: 'team',
        tier: 'other',
        rawTier: 'Token Plan Team Edition',
        status: 'valid',
        rawStatus: 'NORMAL',
        autoRenew: true,
        periodStart: cycleStart,
        periodEnd: Date.parse('2027-06-14T00:00:00+08:00'),
        credits: { kind: 'credits', used: 8715.69, total: 575000, resetsAt: cycleEnd },
        seat: { kind: 'seat', used: 11287.959, total: 100000, resetsAt: cycleEnd, startsAt: cycleStart },
        seats: { total: 11, assigned: 10 },
        packs: [],
      });
      assert.deepEqual(sent(ROUTES.seats, from), [{ productCode: CODES.team, pageNo: '1', pageSize: '100' }]);
      assert.deepEqual(sent(ROUTES.renewal(CODES.team), from), [{ CommodityCode: CODES.team }]);
    });

    it('has no seat without the signed-in user, or when no seat is theirs', async () => {
      answer(ROUTES.team, TEAM_SUMMARY.documented[0]!.body);
      const from = fx.sim.state.requests.length;
      const anonymous = await make().getTokenPlan();
      assert.equal(anonymous?.seat, undefined);
      assert.ok(!routesSince(from).includes(ROUTES.seats));
      answer(ROUTES.team, TEAM_SUMMARY.documented[0]!.body);
      answer(ROUTES.seats, TEAM_SEATS.documented[0]!.body);
      const stranger = await make({ userId: 'acc_00000000nobody000000' }).getTokenPlan();
      assert.equal(stranger?.seat, undefined);
      assert.equal(stranger?.credits.total, 575000);
    });

    it('reads the gray-path shape: the top level, group-level values, times in epoch ms', async () => {
      answer(ROUTES.team, TEAM_SUMMARY.documented[1]!.body);
      const plan = await make().getTokenPlan();
      assert.deepEqual(plan?.credits, { kind: 'credits', used: 50000, total: 200000, resetsAt: 1783958400000 });
      assert.deepEqual(plan?.seats, { total: 8, assigned: 3 });
      assert.deepEqual([plan?.periodStart, plan?.periodEnd], [1781366400000, 1783958400000]);
    });

    it('takes the period as one pair, never a start from one and an end from the other', async () => {
      answer(ROUTES.team, TEAM_SUMMARY.tolerated[0]!.body);
      const plan = await make().getTokenPlan();
      assert.deepEqual([plan?.periodStart, plan?.periodEnd], [Date.parse('2026-06-14T00:00:00+08:00'), Date.parse('2026-07-14T00:00:00+08:00')]);
    });

    it('reads an empty group total as unreadable, and an empty group list as no Team plan', async () => {
      answer(ROUTES.team, TEAM_SUMMARY.tolerated[1]!.body);
      await assert.rejects(make().getTokenPlan(), { kind: 'shape' });
      answer(ROUTES.team, TEAM_SUMMARY.documented[2]!.body);
      assert.equal(await make().getTokenPlan(), null);
    });
  });

  describe('both editions, and failures', () => {
    it('returns the Personal plan when both editions are there', async () => {
      answer(ROUTES.personal, PERSONAL.documented[0]!.body);
      answer(ROUTES.team, TEAM_SUMMARY.documented[0]!.body);
      assert.equal((await make().getTokenPlan())?.edition, 'personal');
    });

    it('reads AutoRenewal 1 as on, 0 as off, booleans as given, and 2 as unknown', async () => {
      const cases: [unknown, boolean | undefined][] = [
        [AUTO_RENEWAL.documented[0]!.body, true],
        [AUTO_RENEWAL.documented[1]!.body, false],
        [AUTO_RENEWAL.documented[2]!.body, true],
        [AUTO_RENEWAL.documented[3]!.body, false],
        [AUTO_RENEWAL.tolerated[0]!.body, undefined],
      ];
      for (const [body, expected] of cases) {
        answer(ROUTES.personal, PERSONAL.documented[0]!.body);
        answer(ROUTES.renewal(CODES.personal), body);
        const plan = await make().getTokenPlan();
        assert.ok(plan);
        assert.equal(plan.autoRenew, expected, JSON.stringify(body));
        assert.equal('autoRenew' in plan, expected !== undefined);
      }
    });

    it('reads a pack that never expires as having no end', async () => {
      answer(ROUTES.personal, PERSONAL.documented[0]!.body);
      answer(ROUTES.packs, PACKS.documented[1]!.body);
      assert.deepEqual((await make().getTokenPlan())?.packs, [{ name: 'fr-sentinel', total: 500000, remaining: 300000 }]);
    });

    it('loses only the figure of a failing auto-renewal, pack or seat call', async () => {
      answer(ROUTES.team, TEAM_SUMMARY.documented[0]!.body);
      fail(ROUTES.renewal(CODES.team));
      fail(ROUTES.packs);
      fail(ROUTES.seats);
      const plan = await make({ userId: MEMBER_ID }).getTokenPlan();
      assert.ok(plan);
      assert.equal(plan.credits.total, 575000);
      assert.equal(plan.autoRenew, undefined);
      assert.equal(plan.seat, undefined);
      assert.deepEqual(plan.packs, []);
    });

    it('shows the other edition when one credits call fails, and the failure when nothing else is found', async () => {
      fail(ROUTES.personal);
      answer(ROUTES.team, TEAM_SUMMARY.documented[0]!.body);
      assert.equal((await make().getTokenPlan())?.edition, 'team');
      fx.sim.state.faults.clear();
      fail(ROUTES.personal);
      await assert.rejects(make().getTokenPlan(), { kind: 'server' });
    });

    it('answers null when the account holds neither edition', async () => {
      assert.equal(await make().getTokenPlan(), null);
    });

    it('reads a refusal of the credits calls (no permission, a business error) as no Token Plan, so a pay-as-you-go account is not stuck', async () => {
      const refusal = { code: '200', data: { Code: 'NotAuthorized', Message: 'The caller is not authorized.', Success: false }, requestId: 'r-1', successResponse: true };
      answer(ROUTES.personal, refusal);
      answer(ROUTES.team, { code: '200', data: { Code: 'InvalidParameter', Message: 'No subscription.', Success: false }, requestId: 'r-2', successResponse: true });
      assert.equal(await make().getTokenPlan(), null);
    });
  });

  describe("the simulator's own answers", () => {
    const fr = (code: string, size: string): Promise<{ data: Record<string, unknown> }> => post('BssOpenAPI-V3', 'DescribeFrInstances', { Group: 'tokenPlan', CommodityCode: code, PageNum: '1', PageSize: size });

    it('a Personal plan: its instance, the packs, the auto-renewal, and a gray flag the source does not trust', async () => {
      fx.sim.state.tokenPlanEdition = 'personal';
      held(await fr(CODES.personal, '10'), PERSONAL);
      held(await fr(CODES.addon, '100'), PACKS);
      held(await post('BssOpenApi', 'CheckTokenPlanAutoRenewal', { CommodityCode: CODES.personal }), AUTO_RENEWAL);
      const gray = await post('BssOpenAPI-V3', 'QuerySubscriptionGray');
      held(gray, GRAY);
      assert.equal(gray.data.IsGray, true);
      const expected = fx.sim.state.tokenPlan()!;
      const plan = await make().getTokenPlan();
      assert.ok(plan);
      assert.equal(plan.edition, 'personal');
      assert.equal(plan.tier, expected.tier);
      assert.equal(plan.autoRenew, expected.autoRenew);
      assert.deepEqual(plan.packs, expected.packs);
      assert.equal(plan.credits.total, expected.credits.total);
      assert.equal(plan.credits.resetsAt, expected.credits.resetsAt);
      assert.ok(Math.abs(plan.credits.used - expected.credits.used) <= 5);
    });

    it("a Team plan: the summary's pool matches the plan's credits, and this user's seat is among the seats", async () => {
      fx.sim.state.tokenPlanEdition = 'team';
      fx.sim.state.creditsOverride = 0.37;
      const summary = await post('BssOpenAPI-V3', 'GetSeatSubscriptionSummary', { productCode: CODES.team });
      held(summary, TEAM_SUMMARY);
      const seats = await post('BssOpenAPI-V3', 'GetSubscriptionDetail', { productCode: CODES.team, pageNo: '1', pageSize: '100' });
      held(seats, TEAM_SEATS);
      assert.match(JSON.stringify(seats), new RegExp(`"MemberId":"${SIMULATOR_USER.Id}"`));
      held(await post('BssOpenApi', 'CheckTokenPlanAutoRenewal', { CommodityCode: CODES.team }), AUTO_RENEWAL);
      assert.equal((await post('BssOpenAPI-V3', 'QuerySubscriptionGray')).data.IsGray, false);
      const expected = fx.sim.state.tokenPlan()!;
      const plan = await make({ userId: String(SIMULATOR_USER.Id) }).getTokenPlan();
      assert.ok(plan);
      assert.deepEqual(
        { edition: plan.edition, credits: plan.credits, seat: plan.seat, seats: plan.seats, packs: plan.packs, autoRenew: plan.autoRenew, periodStart: plan.periodStart, periodEnd: plan.periodEnd },
        { edition: 'team', credits: { kind: 'credits', used: expected.credits.used, total: expected.credits.total, resetsAt: expected.credits.resetsAt }, seat: expected.seat, seats: expected.seats, packs: expected.packs, autoRenew: expected.autoRenew, periodStart: expected.periodStart, periodEnd: expected.periodEnd },
      );
    });

    it('no Token Plan: empty answers of the same shapes', async () => {
      held(await fr(CODES.personal, '10'), PERSONAL);
      held(await post('BssOpenAPI-V3', 'GetSeatSubscriptionSummary', { productCode: CODES.team }), TEAM_SUMMARY);
      held(await post('BssOpenAPI-V3', 'QuerySubscriptionGray'), GRAY);
    });
  });

  it('every fixture names the CLI file and version it follows', () => {
    for (const fixture of Object.values(TOKEN_PLAN_SETS).flatMap(everyAnswer)) {
      assert.ok(fixture.follows.startsWith(CLI) && /\bsrc\/|\btests\//.test(fixture.follows), fixture.case);
    }
  });
});
