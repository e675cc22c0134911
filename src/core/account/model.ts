// The account model every source maps into and every view reads from. Times are epoch milliseconds;
// calendar days and months are strings ("2026-11-26", "2026-11") in the account's billing time zone.

/** An amount of money. `currency` is an ISO 4217 code ("USD", "CNY"). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** The Coding Plan's request windows. */
export type RequestWindowKind = 'fiveHour' | 'weekly' | 'monthly';
export const REQUEST_WINDOW_KINDS: readonly RequestWindowKind[] = ['fiveHour', 'weekly', 'monthly'];
/**
 * Everything the quota meter measures: the Coding Plan's request windows, the Token Plan's credits (a
 * Team's pool), and a Team member's own seat, which stops their requests when it runs out.
 */
export type QuotaWindowKind = RequestWindowKind | 'credits' | 'seat';
export const QUOTA_WINDOW_KINDS: readonly QuotaWindowKind[] = [...REQUEST_WINDOW_KINDS, 'credits', 'seat'];
/** The kinds counted in credits rather than requests. */
export const isCreditKind = (kind: QuotaWindowKind): boolean => kind === 'credits' || kind === 'seat';

/** A quota that fills and resets: one of the Coding Plan's request windows, or a Token Plan's credits for its cycle. */
export interface QuotaWindow {
  readonly kind: QuotaWindowKind;
  /** Used in the current period: requests, or credits. */
  readonly used: number;
  /** What the period allows. */
  readonly total: number;
  /** When the window next resets (epoch ms). */
  readonly resetsAt: number;
  /** When the current period started, where the source says so (a Token Plan's cycle); otherwise it follows from the kind. */
  readonly startsAt?: number;
}

/** One observation of a window's use: what the pace and the forecast are computed from. */
export interface UsageSample {
  /** When it was observed (epoch ms). */
  readonly at: number;
  /** Requests used in the window's period at that time. */
  readonly used: number;
}

export type PlanTier = 'lite' | 'pro' | 'other';
export type PlanStatus = 'valid' | 'expired' | 'suspended' | 'other';

export interface CodingPlan {
  readonly instanceId: string;
  readonly tier: PlanTier;
  /** The plan type as the backend names it ("starter", "pro", …), for display when the tier is `other`. */
  readonly rawType: string;
  readonly status: PlanStatus;
  readonly rawStatus: string;
  readonly autoRenew?: boolean;
  readonly periodStart?: number;
  readonly periodEnd?: number;
  /**
   * The windows the backend reported. Usually all three; a plan that reports only some (a month-only
   * answer has been seen) shows those it has.
   */
  readonly windows: Readonly<Partial<Record<RequestWindowKind, QuotaWindow>>>;
  /** Whether the subscription can be renewed now (`CheckInstancesRenewable`), where known. */
  readonly canRenew?: boolean;
  /**
   * Recent use in each window's current period, oldest first, where the source knows it (the demo
   * account computes its past exactly). Real sources leave it out: the meter builds it from observations.
   */
  readonly recentUsage?: Readonly<Partial<Record<QuotaWindowKind, readonly UsageSample[]>>>;
}

/** A Coding Plan that reports all three windows (the demo account's always does). */
export type FullCodingPlan = CodingPlan & { readonly windows: Readonly<Record<RequestWindowKind, QuotaWindow>> };

export type TokenPlanEdition = 'personal' | 'team';
/** The Personal edition's tiers as the FAQ sells them; `other` for a tier this version does not know. */
export type TokenPlanTier = 'lite' | 'essential' | 'standard' | 'pro' | 'other';

/** An add-on pack of credits bought on top of a cycle's allowance. */
export interface CreditPack {
  readonly name: string;
  readonly total: number;
  readonly remaining: number;
  readonly expiresAt?: number;
}

/** A Team edition's seats: how many were bought and how many are assigned to members. */
export interface TokenPlanSeats {
  readonly total: number;
  readonly assigned: number;
}

/**
 * The credit-based Token Plan. Personal editions carry monthly credits; Team editions a shared pool with
 * seats. Used-up credits are a hard stop: there is no pay-as-you-go fallback.
 */
export interface TokenPlan {
  readonly instanceId?: string;
  readonly edition: TokenPlanEdition;
  readonly tier: TokenPlanTier;
  /** The tier or spec as the backend names it ("pro", "standard", …). */
  readonly rawTier: string;
  readonly status: PlanStatus;
  readonly rawStatus: string;
  readonly autoRenew?: boolean;
  readonly canRenew?: boolean;
  readonly periodStart?: number;
  readonly periodEnd?: number;
  /** This cycle's credits (kind `credits`): the plan's own, or a Team's shared pool. */
  readonly credits: QuotaWindow;
  /** Team: this user's seat (kind `seat`), where the backend says which is theirs. */
  readonly seat?: QuotaWindow;
  readonly seats?: TokenPlanSeats;
  readonly packs: readonly CreditPack[];
  /** Recent credit use this cycle, oldest first, where the source knows it (the demo account). */
  readonly recentUsage?: readonly UsageSample[];
}

/** `other`: a type this version does not name (a refund, a downgrade); `Order.rawType` says which. */
export type OrderType = 'buy' | 'renew' | 'upgrade' | 'other';
export type OrderStatus = 'paid' | 'unpaid' | 'cancelled' | 'refunded' | 'other';

/** A subscription order (the console's "subscription history"). */
export interface Order {
  readonly id: string;
  readonly type: OrderType;
  /** The type as the backend names it ("BUY", "REFUND", …), where the source reports it. */
  readonly rawType?: string;
  readonly createdAt: number;
  /** Plan name as sold, e.g. "Coding Plan Pro". */
  readonly plan: string;
  /** Absent when the backend sent no readable amount: unknown, never 0. */
  readonly amount?: Money;
  readonly status: OrderStatus;
}

export type BillStatus = 'running' | 'pending' | 'settled';

/** A monthly bill: the Invoices table. */
export interface MonthlyBill {
  /** Billing cycle, "YYYY-MM". */
  readonly month: string;
  readonly preTax: Money;
  readonly tax: Money;
  /** Amount including tax. */
  readonly total: Money;
  /** `running`: the current month, still accruing; `pending`: closed, not yet settled; `settled`: final. */
  readonly status: BillStatus;
}

/** One itemised pay-as-you-go record, with the console's columns. */
export interface LineItem {
  readonly id: string;
  /** "YYYY-MM-DD". */
  readonly billingDate: string;
  /** "YYYY-MM". */
  readonly billingMonth: string;
  /** The console's "production step" (MAAS_TYPE), e.g. "Model inference". */
  readonly productionStep: string;
  readonly jobId?: string;
  readonly model: string;
  readonly usage: { readonly quantity: number; readonly unit: string };
  readonly amount: number;
  readonly currency: string;
  readonly workspaceId: string;
  readonly apiKeyId?: string;
  /** The billing item, e.g. "Input tokens", "Web search calls". */
  readonly lineItem: string;
  /** Calls and tokens behind the record, where the source reports them (model statistics). */
  readonly calls?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
}

/** The monthly spending limit with its alert settings. */
export interface UsageLimit {
  readonly enabled: boolean;
  readonly amount: Money;
  /** Percent of the limit at which alerts go out, 1-100. */
  readonly alertThreshold: number;
  readonly emails: readonly string[];
}

export interface ApiKey {
  readonly id: string;
  /** The value as the backend shows it, masked ("sk-ab12****9f3c"). Never the secret itself. */
  readonly maskedValue: string;
  readonly description: string;
  readonly createdAt: number;
  readonly disabled: boolean;
  readonly workspaceId: string;
  readonly createdBy?: string;
}

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly region?: string;
}

export interface Balance {
  readonly available: Money;
  /** Credit or vouchers on top of cash, where the source reports them. */
  readonly credit?: Money;
}

export type FreeQuotaStatus = 'valid' | 'exhausted' | 'expired';

/**
 * A model's free quota (the console's "free tier"): usage inside it produces no bill. Amounts are in
 * `unit` ("tokens", "images", "seconds", "characters", or the backend's own word).
 */
export interface FreeQuota {
  /** The model (or the quota's name, where the backend names it differently). */
  readonly model: string;
  readonly total: number;
  readonly remaining: number;
  readonly unit: string;
  readonly status: FreeQuotaStatus;
  /** When the current quota cycle ends (epoch ms), where the backend says. */
  readonly cycleEnd?: number;
}

/** Dimensions the console groups spending by. */
export type SpendDimension = 'productionStep' | 'apiKey' | 'model' | 'workspace';
export type Granularity = 'day' | 'month';

/** Month-to-date pay-as-you-go spend: what the pay-as-you-go meter shows at a glance. */
export interface MonthSpend {
  /** "YYYY-MM". */
  readonly month: string;
  readonly total: Money;
  /** Spend per calendar day so far this month, oldest first, for the projection. */
  readonly daily: readonly { readonly date: string; readonly amount: number }[];
}

/** What a page of a long list looks like, whatever the backend's paging scheme. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque cursor for the next page; absent on the last page. */
  readonly next?: string;
  readonly total?: number;
  /**
   * Records read for this page before the source filtered out what the backend cannot filter (line
   * items by API key, say); absent when the page holds everything read.
   */
  readonly scanned?: number;
  /** Rows the source could not read (no id) and left out of `items`; absent when none. */
  readonly dropped?: number;
}
