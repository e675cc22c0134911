// What each subscription offer costs and allows: a dated table with its sources. Only published figures
// are here; where a price or a conversion is not published on the pages consulted, it is absent and the
// panel says "unknown" rather than guess. Users add or correct prices in `qwenCloud.planFit.prices`.

export type PlanOfferId = 'codingPlanLite' | 'codingPlanPro' | 'tokenPlanLite' | 'tokenPlanEssential' | 'tokenPlanStandard' | 'tokenPlanPro';
export const PLAN_OFFER_IDS: readonly PlanOfferId[] = ['codingPlanLite', 'codingPlanPro', 'tokenPlanLite', 'tokenPlanEssential', 'tokenPlanStandard', 'tokenPlanPro'];

/** Requests a Coding Plan allows per window. */
export interface RequestQuota {
  readonly fiveHour: number;
  readonly weekly: number;
  readonly monthly: number;
}

export interface PlanOffer {
  readonly id: PlanOfferId;
  readonly family: 'codingPlan' | 'tokenPlan';
  /** The product's own name, as sold (not translated). */
  readonly name: string;
  /** Price per subscription month in `currency`, where published. */
  readonly monthlyPrice?: number;
  readonly currency: string;
  /** Coding Plan: requests per 5 hours, week and month. */
  readonly requests?: RequestQuota;
  /** Token Plan (Personal): credits per subscription month. */
  readonly monthlyCredits?: number;
}

export interface PlanOfferTable {
  readonly sources: readonly string[];
  /** When the figures were last checked against the sources. */
  readonly asOf: string;
  readonly offers: readonly PlanOffer[];
}

/**
 * Coding Plan (international site): the published tiers, Lite ("starter") USD 10 with 1,200 / 9,000 /
 * 18,000 requests per 5 hours / week / month, Pro USD 50 with 6,000 / 45,000 / 90,000 (Qwen Cloud's
 * Coding Plan overview, linked from its billing page). Token Plan Personal: monthly credits per its FAQ
 * (Lite 11,500, Essential 25,500, Standard 45,000, Pro 180,000). No Token Plan price and no credits-per-token
 * rate was published on the pages consulted, so neither is given.
 */
export const DEFAULT_PLAN_OFFERS: PlanOfferTable = {
  sources: ['https://docs.qwencloud.com/resources/bill-query', 'https://docs.qwencloud.com/token-plan/faq'],
  asOf: '2026-12-03',
  offers: [
    { id: 'codingPlanLite', family: 'codingPlan', name: 'Coding Plan Lite', monthlyPrice: 10, currency: 'USD', requests: { fiveHour: 1_200, weekly: 9_000, monthly: 18_000 } },
    { id: 'codingPlanPro', family: 'codingPlan', name: 'Coding Plan Pro', monthlyPrice: 50, currency: 'USD', requests: { fiveHour: 6_000, weekly: 45_000, monthly: 90_000 } },
    { id: 'tokenPlanLite', family: 'tokenPlan', name: 'Token Plan Lite', currency: 'USD', monthlyCredits: 11_500 },
    { id: 'tokenPlanEssential', family: 'tokenPlan', name: 'Token Plan Essential', currency: 'USD', monthlyCredits: 25_500 },
    { id: 'tokenPlanStandard', family: 'tokenPlan', name: 'Token Plan Standard', currency: 'USD', monthlyCredits: 45_000 },
    { id: 'tokenPlanPro', family: 'tokenPlan', name: 'Token Plan Pro', currency: 'USD', monthlyCredits: 180_000 },
  ],
};

/** The user's monthly prices by offer id; anything but a known id with a non-negative number is dropped. */
export function parsePlanPrices(raw: unknown): Readonly<Partial<Record<PlanOfferId, number>>> {
  const out: Partial<Record<PlanOfferId, number>> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return out;
  }
  for (const [id, value] of Object.entries(raw)) {
    if ((PLAN_OFFER_IDS as readonly string[]).includes(id) && typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      out[id as PlanOfferId] = value;
    }
  }
  return out;
}

/** An offer with the price it is compared at, and where that price came from. */
export interface PricedOffer extends PlanOffer {
  readonly priceFrom: 'table' | 'settings' | 'unknown';
}

/** The table's offers with the user's prices on top. */
export function pricedOffers(table: PlanOfferTable, prices: Readonly<Partial<Record<PlanOfferId, number>>>): PricedOffer[] {
  return table.offers.map((offer) => {
    const own = prices[offer.id];
    if (own !== undefined) {
      return { ...offer, monthlyPrice: own, priceFrom: 'settings' };
    }
    return { ...offer, priceFrom: offer.monthlyPrice === undefined ? 'unknown' : 'table' };
  });
}
