// The Token Plan's answers as the official Qwen Cloud CLI reads them: the Personal edition's resource
// package (DescribeFrInstances), the Team edition's seat summary and seats, the add-on credit packs, the
// auto-renewal check and the gray flag. Types from src/types/api-models.ts, values from the CLI's tests.
import { CLI, type ReferenceAnswer } from './fixture';
import { CODES, flatBody, type GatewaySet } from './gateway';

const MODELS = `${CLI} src/types/api-models.ts`;
const FR = `${MODELS} FrInstanceResponse, FrInstanceItem`;
const LEGACY_READER = `${CLI} src/services/tokenplan-service.ts (fetchTokenPlanLegacy, buildTokenPlanDto)`;

/** 2026-07-14T03:33:20Z. */
export const PERSONAL_END = 1784000000000;

export const PERSONAL: GatewaySet = {
  documented: [
    {
      case: 'a valid Personal plan: Status as {Code, Name}, capacities as strings, EndTime in epoch ms; the tier only from its credits (45,000: standard)',
      follows: `${CLI} tests/services/tokenplan-service.test.ts (makeFrInstanceItem), ${LEGACY_READER}, ${FR}`,
      body: flatBody({
        TotalCount: 1,
        PageSize: 10,
        CurrentPage: 1,
        RequestId: 'req-fr-001',
        Data: [
          {
            InstanceId: 'inst-0042',
            CommodityCode: CODES.personal,
            CommodityName: 'Token Plan Personal (Monthly)',
            TemplateName: 'Personal Plan Monthly',
            Status: { Code: 'valid', Name: 'Active' },
            InitCapacityBaseValue: '45000',
            CurrCapacityBaseValue: '31250.5',
            periodCapacityBaseValue: '45000',
            CapacityTypeCode: 'token',
            EndTime: PERSONAL_END,
            EnableRenew: true,
          },
        ],
      }),
    },
    {
      case: 'a monthly-shift capacity: what is left this cycle is periodCapacityBaseValue; the tier named (pro)',
      follows: `${CLI} tests/services/tokenplan-service.test.ts ("uses periodCapacityBaseValue for periodMonthlyShift …"), ${LEGACY_READER}, ${FR}`,
      body: flatBody({
        Data: [
          {
            InstanceId: 'inst-0043',
            CommodityCode: CODES.personal,
            CommodityName: 'Token Plan Personal (Monthly)',
            TemplateName: 'Token Plan Personal Pro',
            Status: { Code: 'valid', Name: 'Active' },
            InitCapacityBaseValue: '180000',
            CurrCapacityBaseValue: '150000',
            periodCapacityBaseValue: '120410.5',
            CapacityTypeCode: 'periodMonthlyShift',
            EndTime: PERSONAL_END,
          },
        ],
      }),
    },
    {
      case: 'Status as a plain string beside StatusCode; no TemplateName, the tier from CommodityName (lite)',
      follows: `${FR} (Status: {Code, Name} | string; StatusCode?), ${LEGACY_READER}`,
      body: flatBody({
        Data: [
          {
            InstanceId: 'inst-0044',
            CommodityCode: CODES.personal,
            CommodityName: 'Token Plan Personal Lite',
            Status: 'valid',
            StatusCode: 'valid',
            StatusName: 'Active',
            InitCapacityBaseValue: '11500',
            CurrCapacityBaseValue: '11500',
            EndTime: PERSONAL_END,
          },
        ],
      }),
    },
    {
      case: 'no Personal plan',
      follows: FR,
      body: flatBody({ TotalCount: 0, PageSize: 10, CurrentPage: 1, Data: [] }),
    },
  ],
  tolerated: [
    {
      case: 'an empty credits total: the edition cannot be read (not 0 credits)',
      follows: `${LEGACY_READER} (Number("" || 0) would read 0)`,
      body: flatBody({ Data: [{ InstanceId: 'inst-0045', CommodityCode: CODES.personal, Status: { Code: 'valid' }, InitCapacityBaseValue: '', CurrCapacityBaseValue: '100', EndTime: PERSONAL_END }] }),
    },
    {
      case: 'an upper-case VALID, as the subscription readers spell an active status',
      follows: `${CLI} src/api/adapters/billing-adapter.ts (transformFrInstances lower-cases the status), ${FR}`,
      body: flatBody({ Data: [{ InstanceId: 'inst-0046', CommodityCode: CODES.personal, TemplateName: 'Token Plan Personal Essential', Status: 'VALID', InitCapacityBaseValue: '25500', CurrCapacityBaseValue: '25000', EndTime: PERSONAL_END }] }),
    },
  ],
};

const SEAT_SUMMARY = `${MODELS} GetSeatSubscriptionSummaryResponse, GetSeatSubscriptionSummaryDataInner, SeatSubscriptionGroupItem`;

export const TEAM_SUMMARY: GatewaySet = {
  documented: [
    {
      case: "a Team edition: two spec groups, the pool's credits in EquityList[0] as decimal strings, the period as StartTime/EndTime, the credits' reset as NextCycleFlushTime",
      follows: `${CLI} tests/services/subscription-tokenplan-service.test.ts (defaultSuccess GetSeatSubscriptionSummary), src/services/subscription-tokenplan-service.ts (buildPeriod, buildSeatGroups), ${SEAT_SUMMARY}`,
      body: flatBody({
        Data: {
          PlanName: 'Token Plan Team Edition',
          StartTime: '2026-06-14T00:00:00+08:00',
          EndTime: '2027-06-14T00:00:00+08:00',
          RemainingDays: 341,
          SubscriptionGroupList: [
            {
              SpecType: 'standard',
              SubscriptionTotalNumber: 7,
              SubscriptionAssignedNumber: 6,
              EquityList: [{ EquityCode: 'credit_value', TotalValue: '175000', SurplusValue: '174999.75' }],
              NextCycleFlushTime: '2026-07-14T00:00:00+08:00',
              SubscriptionList: [{ InstanceCode: 'subs-03a5xxxx9x2g' }],
            },
            {
              SpecType: 'pro',
              SubscriptionTotalNumber: 4,
              SubscriptionAssignedNumber: 4,
              EquityList: [{ EquityCode: 'credit_value', TotalValue: '400000', SurplusValue: '391284.56' }],
              NextCycleFlushTime: '2026-07-14T00:00:00+08:00',
            },
          ],
        },
        RequestId: 'req-seat-001',
      }),
    },
    {
      case: 'the gray-path shape: no Data (the top level holds the fields), group-level values, times in epoch ms',
      follows: `${CLI} tests/services/tokenplan-service.test.ts ("uses group-level TotalValue/SurplusValue when EquityList is empty"), src/services/tokenplan-service.ts (fetchTokenPlanFromSeatSummary: Data ?? top level), ${SEAT_SUMMARY}`,
      body: flatBody({
        PlanName: 'Token Plan Team Edition',
        StartTime: 1781366400000,
        EndTime: 1783958400000,
        SubscriptionGroupList: [{ SpecType: 'standard', SubscriptionTotalNumber: 8, SubscriptionAssignedNumber: 3, TotalValue: '200000', SurplusValue: '150000', NextCycleFlushTime: 1783958400000 }],
      }),
    },
    {
      case: 'no Team plan: an empty group list',
      follows: `${CLI} tests/services/tokenplan-service.test.ts ("returns subscribed=false when gray path has empty SubscriptionGroupList"), ${SEAT_SUMMARY}`,
      body: flatBody({ Data: { PlanName: 'Empty Plan', SubscriptionGroupList: [] } }),
    },
  ],
  tolerated: [
    {
      case: 'StartTime without EndTime, beside a whole PeriodStart/PeriodEnd pair: one pair is taken, never a start from one and an end from the other',
      follows: `${CLI} src/services/subscription-tokenplan-service.ts (buildPeriod: StartTime ?? PeriodStart, EndTime ?? PeriodEnd) against src/api/adapters/subscription-adapter.ts (PeriodStart ?? StartTime), ${SEAT_SUMMARY}`,
      body: flatBody({
        Data: {
          PlanName: 'Token Plan Team Edition',
          StartTime: '2026-06-20T00:00:00+08:00',
          PeriodStart: '2026-06-14T00:00:00+08:00',
          PeriodEnd: '2026-07-14T00:00:00+08:00',
          SubscriptionGroupList: [{ SpecType: 'pro', SubscriptionTotalNumber: 1, SubscriptionAssignedNumber: 1, EquityList: [{ TotalValue: '100000', SurplusValue: '40000' }], NextCycleFlushTime: '2026-07-14T00:00:00+08:00' }],
        },
      }),
    },
    {
      case: "a group whose total is an empty string: the pool cannot be read (the CLI's parseFloat would skip it and show less)",
      follows: `${CLI} src/services/tokenplan-service.ts (fetchTokenPlanFromSeatSummary), ${SEAT_SUMMARY}`,
      body: flatBody({ Data: { SubscriptionGroupList: [{ SpecType: 'standard', SubscriptionTotalNumber: 2, EquityList: [{ TotalValue: '', SurplusValue: '100' }], NextCycleFlushTime: '2026-07-14T00:00:00+08:00' }] } }),
    },
  ],
};

const DETAIL = `${MODELS} GetSubscriptionDetailResponse, SubscriptionDetailItem, SubscriptionDetailEquityItem`;

/** The member id of the signed-in user in the seat fixtures, in the CLI's fixture format. */
export const MEMBER_ID = 'acc_98765432zyxwvuts1098';

export const TEAM_SEATS: GatewaySet = {
  documented: [
    {
      case: "the Team's seats: one assigned to this user, one to another member, one unassigned; each seat's cycle in EquityList[0]",
      follows: `${CLI} tests/services/subscription-tokenplan-seats.test.ts (makeRawSeat, makeRawResponse), src/services/subscription-tokenplan-service.ts (buildSeatItem, buildSeatCycle), ${DETAIL}`,
      body: flatBody({
        Data: {
          TotalCount: 3,
          SubscriptionList: [
            {
              InstanceCode: 'subs-03a5xxxx9x2g',
              SpecType: 'pro',
              Status: 'NORMAL',
              MemberId: 'acc_12345678abcdefgh9012',
              Assignable: true,
              PayMode: 'Subscription',
              ProductType: 'TokenPlan',
              ProductCode: CODES.team,
              EquityList: [{ CycleStartTime: '2026-06-14T00:00:00+08:00', CycleEndTime: '2026-07-14T00:00:00+08:00', CycleTotalValue: '100000.00000000', CycleSurplusValue: '91284.56267396', Unit: 'Credits' }],
              Config: JSON.stringify(JSON.stringify({ plan_type: 'pro', credit_value: 100000, seat_num: 1, quota_cycle: 'monthly' })),
            },
            {
              InstanceCode: 'subs-0b91xxxx4k2p',
              SpecType: 'pro',
              Status: 'NORMAL',
              MemberId: MEMBER_ID,
              Assignable: true,
              PayMode: 'Subscription',
              ProductType: 'TokenPlan',
              ProductCode: CODES.team,
              EquityList: [{ CycleStartTime: '2026-06-14T00:00:00+08:00', CycleEndTime: '2026-07-14T00:00:00+08:00', CycleTotalValue: '100000.00000000', CycleSurplusValue: '88712.04100000', Unit: 'Credits' }],
              Config: JSON.stringify(JSON.stringify({ plan_type: 'pro', credit_value: 100000, seat_num: 1, quota_cycle: 'monthly' })),
            },
            {
              InstanceCode: 'subs-0c22xxxx7m3q',
              SpecType: 'standard',
              Status: 'NORMAL',
              MemberId: '',
              Assignable: true,
              PayMode: 'Subscription',
              ProductType: 'TokenPlan',
              ProductCode: CODES.team,
              EquityList: [{ CycleStartTime: '2026-06-14T00:00:00+08:00', CycleEndTime: '2026-07-14T00:00:00+08:00', CycleTotalValue: '25000.00000000', CycleSurplusValue: '25000.00000000', Unit: 'Credits' }],
            },
          ],
        },
      }),
    },
  ],
  tolerated: [],
};

const PACKS_READER = `${CLI} src/services/subscription-service.ts (extractCreditPacks), ${FR}`;

export const PACKS: GatewaySet = {
  documented: [
    {
      case: 'add-on packs: two valid (one expiring, one without an end), one expired; StatusCode as the status',
      follows: `${CLI} tests/services/subscription-service.test.ts ("extracts creditPacks from the addon DescribeFrInstances response …"), ${PACKS_READER}`,
      body: flatBody({
        TotalCount: 3,
        PageSize: 100,
        CurrentPage: 1,
        RequestId: 'req-fr-addon-001',
        Data: [
          { InstanceId: 'fr-001', CommodityCode: CODES.addon, CommodityName: 'Token Plan Add-on 5,000 Credits', InitCapacityBaseValue: '5000', CurrCapacityBaseValue: '3180', EndTime: 4102444800000, StatusCode: 'valid' },
          { InstanceId: 'fr-002', CommodityCode: CODES.addon, InitCapacityBaseValue: '500000', CurrCapacityBaseValue: '500000', StatusCode: 'valid' },
          { InstanceId: 'fr-expired', CommodityCode: CODES.addon, InitCapacityBaseValue: '100000', CurrCapacityBaseValue: '0', StatusCode: 'expired' },
        ],
      }),
    },
    {
      case: 'a pack that never expires: EndTime in the year 9999',
      follows: `${CLI} tests/services/subscription-service.test.ts ("returns null expiresAt for creditPacks with sentinel far-future EndTime"), src/utils/timestamp.ts (isSentinelDate), ${PACKS_READER}`,
      body: flatBody({ Data: [{ InstanceId: 'fr-sentinel', InitCapacityBaseValue: '500000', CurrCapacityBaseValue: '300000', EndTime: Date.UTC(9999, 11, 31, 23, 59, 59), Status: { Code: 'valid', Name: 'Active' } }] }),
    },
  ],
  tolerated: [],
};

const RENEWAL = `${MODELS} CheckTokenPlanAutoRenewalResponse`;

export const AUTO_RENEWAL: GatewaySet = {
  documented: [
    {
      case: 'on: AutoRenewal 1, monthly',
      follows: `${CLI} tests/services/subscription-tokenplan-service.test.ts (defaultSuccess CheckTokenPlanAutoRenewal), src/services/subscription-tokenplan-service.ts (buildAutoRenew), ${RENEWAL}`,
      body: flatBody({ Data: { AutoRenewal: 1, RenewalPeriod: 1, RenewalPeriodUnit: 'M' }, RequestId: 'req-ar-001' }),
    },
    {
      case: 'off: AutoRenewal 0',
      follows: `${CLI} tests/services/subscription-tokenplan-service.test.ts ("autoRenew.enabled converts AutoRenewal 0 → false"), ${RENEWAL}`,
      body: flatBody({ Data: { AutoRenewal: 0, RenewalPeriod: 1, RenewalPeriodUnit: 'M' } }),
    },
    {
      case: 'no Data, only EnableRenew',
      follows: `${CLI} tests/services/subscription-service.test.ts (defaultSuccess CheckTokenPlanAutoRenewal), src/api/adapters/subscription-adapter.ts (transformAutoRenewal), ${RENEWAL}`,
      body: flatBody({ EnableRenew: true }),
    },
    {
      case: 'a boolean at the top level',
      follows: `${CLI} src/api/adapters/subscription-adapter.ts (transformAutoRenewal), ${RENEWAL}`,
      body: flatBody({ AutoRenewal: false, RequestId: 'req-ar-002' }),
    },
  ],
  tolerated: [
    {
      case: "AutoRenewal 2: the CLI's readers disagree (buildAutoRenew: only 1 is on; transformAutoRenewal: any non-zero is on) and neither's tests pin a value other than 1 and 0, so it is unknown",
      follows: `${CLI} src/services/subscription-tokenplan-service.ts (buildAutoRenew) against src/api/adapters/subscription-adapter.ts (transformAutoRenewal), ${RENEWAL}`,
      body: flatBody({ Data: { AutoRenewal: 2, RenewalPeriod: 1, RenewalPeriodUnit: 'M' } }),
    },
  ],
};

export const GRAY: GatewaySet = {
  documented: [
    {
      case: 'a gray account, which the CLI then asks only for the Team edition',
      follows: `${CLI} src/services/tokenplan-service.ts (checkIsGray, fetchTokenPlanFromSeatSummary), ${MODELS} QuerySubscriptionGrayResponse`,
      body: flatBody({ IsGray: true, RequestId: 'req-gray-001' }),
    },
    {
      case: 'not gray',
      follows: `${CLI} tests/services/tokenplan-service.test.ts (IsGray false), ${MODELS} QuerySubscriptionGrayResponse`,
      body: flatBody({ IsGray: false, RequestId: 'req-gray-002' }),
    },
  ],
  tolerated: [],
};

/** Every Token Plan fixture, for the check that each names what it follows. */
export const TOKEN_PLAN_SETS: Readonly<Record<string, GatewaySet>> = { PERSONAL, TEAM_SUMMARY, TEAM_SEATS, PACKS, AUTO_RENEWAL, GRAY };

export type { ReferenceAnswer };
