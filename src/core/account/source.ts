// The one interface every data source implements. A source implements the methods for the features it
// serves and leaves the others out; `AccountRouter` picks, per feature, the source that serves it.
import type {
  ApiKey,
  Balance,
  CodingPlan,
  FreeQuota,
  Granularity,
  LineItem,
  MonthSpend,
  MonthlyBill,
  Order,
  OrderType,
  Page,
  SpendDimension,
  TokenPlan,
  UsageLimit,
  Workspace,
} from './model';

export type SourceKind = 'demo' | 'qwenCloud' | 'accessKey';

export interface SourceInfo {
  readonly kind: SourceKind;
  /** What the UI shows as the data's origin: "Demo", or the signed-in account's name. */
  readonly label: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Asked for now (a Refresh, a passed reset): a source answers from the service, not from what it kept. */
  readonly fresh?: boolean;
}

export interface OrderQuery {
  readonly types?: readonly OrderType[];
  /** Inclusive bounds, epoch ms. */
  readonly from?: number;
  readonly to?: number;
  readonly cursor?: string;
  readonly pageSize?: number;
}

export type DimensionFilter = Partial<Record<SpendDimension, readonly string[]>>;

export interface LineItemQuery {
  /** Inclusive "YYYY-MM-DD" bounds. */
  readonly from: string;
  readonly to: string;
  readonly filter?: DimensionFilter;
  readonly cursor?: string;
  readonly pageSize?: number;
}

/** A spending series as the console's cost analysis returns it. */
export interface CostQuery {
  readonly granularity: Granularity;
  /** Inclusive "YYYY-MM-DD" bounds. */
  readonly from: string;
  readonly to: string;
  readonly groupBy: SpendDimension;
  readonly filter?: DimensionFilter;
}

export interface SpendingGroupTotal {
  readonly key: string;
  readonly name: string;
  readonly amount: number;
}

export interface SpendingSeries {
  readonly currency: string;
  readonly granularity: Granularity;
  readonly groupBy: SpendDimension;
  /** One entry per period ("YYYY-MM-DD" or "YYYY-MM"), oldest first, with its parts per group. */
  readonly periods: readonly { readonly period: string; readonly total: number; readonly parts: readonly SpendingGroupTotal[] }[];
  readonly totals: readonly SpendingGroupTotal[];
}

export interface AccountSource {
  readonly info: SourceInfo;

  /** `null`: the account has no Coding Plan. */
  getCodingPlan?(options?: CallOptions): Promise<CodingPlan | null>;
  /** `null`: the account has no Token Plan (of either edition). */
  getTokenPlan?(options?: CallOptions): Promise<TokenPlan | null>;
  listOrders?(query: OrderQuery, options?: CallOptions): Promise<Page<Order>>;
  /** A URL where the order's invoice can be viewed, or `undefined` when the order has none. */
  getOrderInvoiceUrl?(orderId: string, options?: CallOptions): Promise<string | undefined>;
  /** The order's invoice document (PDF), or `undefined` when the order has none. */
  downloadInvoice?(orderId: string, options?: CallOptions): Promise<Uint8Array | undefined>;
  /** Monthly bills, newest first. */
  listBills?(options?: CallOptions): Promise<readonly MonthlyBill[]>;
  getMonthSpend?(options?: CallOptions): Promise<MonthSpend>;
  getCostAnalysis?(query: CostQuery, options?: CallOptions): Promise<SpendingSeries>;
  listLineItems?(query: LineItemQuery, options?: CallOptions): Promise<Page<LineItem>>;
  /** `null`: no limit has ever been set. */
  getUsageLimit?(options?: CallOptions): Promise<UsageLimit | null>;
  setUsageLimit?(limit: UsageLimit, options?: CallOptions): Promise<void>;
  listApiKeys?(options?: CallOptions): Promise<readonly ApiKey[]>;
  setApiKeyDisabled?(apiKeyId: string, disabled: boolean, options?: CallOptions): Promise<void>;
  deleteApiKey?(apiKeyId: string, options?: CallOptions): Promise<void>;
  listWorkspaces?(options?: CallOptions): Promise<readonly Workspace[]>;
  getBalance?(options?: CallOptions): Promise<Balance | null>;
  /** The account's free quotas per model; empty when it has none. */
  getFreeQuota?(options?: CallOptions): Promise<readonly FreeQuota[]>;
}

/** The features a view can ask for; each is one optional method group of `AccountSource`. */
export type Feature =
  | 'codingPlan'
  | 'tokenPlan'
  | 'orders'
  | 'bills'
  | 'monthSpend'
  | 'costAnalysis'
  | 'lineItems'
  | 'usageLimit'
  | 'apiKeys'
  | 'workspaces'
  | 'balance'
  | 'freeQuota';

const FEATURE_METHOD: Readonly<Record<Feature, keyof AccountSource>> = {
  codingPlan: 'getCodingPlan',
  tokenPlan: 'getTokenPlan',
  orders: 'listOrders',
  bills: 'listBills',
  monthSpend: 'getMonthSpend',
  costAnalysis: 'getCostAnalysis',
  lineItems: 'listLineItems',
  usageLimit: 'getUsageLimit',
  apiKeys: 'listApiKeys',
  workspaces: 'listWorkspaces',
  balance: 'getBalance',
  freeQuota: 'getFreeQuota',
};

export function serves(source: AccountSource, feature: Feature): boolean {
  return typeof source[FEATURE_METHOD[feature]] === 'function';
}

/**
 * Chooses, per feature, the source that serves it. Real sources come first in the order given; the demo
 * account is used only while no real source is connected, so real and generated data never mix.
 */
export class AccountRouter {
  private readonly active: readonly AccountSource[];

  /**
   * `connecting`: the stored credentials are still being read, so no source is chosen yet and nothing is
   * "unavailable" either (views show loading rather than the demo or a sign-in prompt).
   */
  constructor(
    real: readonly AccountSource[],
    demo: AccountSource | undefined,
    readonly connecting = false,
  ) {
    this.active = connecting ? [] : real.length > 0 ? real : demo ? [demo] : [];
  }

  get isDemo(): boolean {
    return this.active.length > 0 && this.active.every((s) => s.info.kind === 'demo');
  }

  get sources(): readonly AccountSource[] {
    return this.active;
  }

  sourceFor(feature: Feature): AccountSource | undefined {
    return this.active.find((s) => serves(s, feature));
  }
}
