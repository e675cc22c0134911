// The load tests' account: five years of daily records, 500 API keys and 2,000 subscription orders.
import { DemoAccount, type DemoSpec } from '../../src/api/demo/demoAccount';

export const LARGE_ACCOUNT = { historyMonths: 60, apiKeys: 500, orders: 2000 } as const;

/**
 * The spec that gives exactly those numbers at `now`: the named history's own orders (one a month, an
 * upgrade) and keys count against the targets, and its order count moves with the day of the month.
 */
export function largeAccountSpec(now: number, seed = 'qwen-cloud-meter'): DemoSpec {
  const base: DemoSpec = { seed, historyMonths: LARGE_ACCOUNT.historyMonths, extraApiKeys: 0, extraOrders: 0 };
  const named = new DemoAccount(base);
  return {
    ...base,
    extraApiKeys: LARGE_ACCOUNT.apiKeys - named.apiKeys(now).length,
    extraOrders: LARGE_ACCOUNT.orders - named.orders(now).length,
  };
}
