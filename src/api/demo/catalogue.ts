// What the demo account has: its spec, the models its keys call (with demo prices), its two workspaces and
// its API keys, and the first day its history starts from.
import { HOUR_MS, addDays, addMonths, monthKey, startOfDate } from '../../core/common/calendar';
import type { ApiKey, Workspace } from '../../core/account/model';
import { seededHex, uniform } from './random';

export interface DemoSpec {
  /** Changes every generated number; the default gives the account the README shows. */
  readonly seed: string;
  /** Months of pay-as-you-go history before the current month. */
  readonly historyMonths: number;
  /** API keys beyond the five named ones (for load tests). */
  readonly extraApiKeys: number;
  /** Extra renewal orders before the named history (for load tests). */
  readonly extraOrders: number;
}

export const DEFAULT_DEMO_SPEC: DemoSpec = { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 };

/** Demo prices in USD per million tokens (per thousand calls for search): plausible, for generated data only. */
export interface DemoModel {
  readonly name: string;
  readonly inputPerM: number;
  readonly outputPerM: number;
  readonly inputPerCall: number;
  readonly outputPerCall: number;
}

export const DEMO_MODELS: Readonly<Record<string, DemoModel>> = {
  'qwen3-coder-plus': { name: 'qwen3-coder-plus', inputPerM: 1.0, outputPerM: 5.0, inputPerCall: 5200, outputPerCall: 900 },
  'qwen-plus': { name: 'qwen-plus', inputPerM: 0.4, outputPerM: 1.2, inputPerCall: 1800, outputPerCall: 420 },
  'qwen3-max': { name: 'qwen3-max', inputPerM: 1.2, outputPerM: 6.0, inputPerCall: 2600, outputPerCall: 700 },
  'qwen-flash': { name: 'qwen-flash', inputPerM: 0.05, outputPerM: 0.4, inputPerCall: 1200, outputPerCall: 200 },
  'qwen3-vl-plus': { name: 'qwen3-vl-plus', inputPerM: 0.2, outputPerM: 1.6, inputPerCall: 3100, outputPerCall: 380 },
  'text-embedding-v4': { name: 'text-embedding-v4', inputPerM: 0.07, outputPerM: 0, inputPerCall: 650, outputPerCall: 0 },
};
export const WEB_SEARCH_PER_CALL = 0.004;

export const PRODUCTION_STEPS = {
  inference: 'Model inference',
  batch: 'Batch inference',
  fineTuning: 'Model fine-tuning',
} as const;

export interface DemoKey {
  readonly id: string;
  readonly maskedValue: string;
  readonly description: string;
  readonly workspaceId: string;
  /** Created this many days after the account's first day. */
  readonly createdDay: number;
  readonly disabled: boolean;
  /** Usage stopped this many days after the account's first day (the key was disabled then). */
  readonly stoppedDay?: number;
  /** Calls per weekday at full activity, per model; `webSearchShare` of them search the web. */
  readonly usage: readonly { readonly model: string; readonly callsPerDay: number; readonly webSearchShare?: number }[];
  /** Part of its traffic goes through batch inference, at half price. */
  readonly batch?: boolean;
}

export interface DemoWorkspaces {
  readonly list: readonly Workspace[];
  readonly defaultId: string;
  readonly productionId: string;
}

export function demoWorkspaces(seed: string): DemoWorkspaces {
  const defaultId = `ws-${seededHex(seed, 12, 'ws', 0)}`;
  const productionId = `ws-${seededHex(seed, 12, 'ws', 1)}`;
  return {
    defaultId,
    productionId,
    list: [
      { id: defaultId, name: 'Default Workspace', region: 'ap-southeast-1' },
      { id: productionId, name: 'Production', region: 'ap-southeast-1' },
    ],
  };
}

/** The five named keys, then the spec's extra ones, each calling one model. */
export function demoKeys(spec: DemoSpec, workspaces: DemoWorkspaces): DemoKey[] {
  const seed = spec.seed;
  const { defaultId, productionId } = workspaces;
  type Cast = Omit<DemoKey, 'id' | 'maskedValue'>;
  const cast: Cast[] = [
    { description: 'Local development', workspaceId: defaultId, createdDay: 20, disabled: false, usage: [{ model: 'qwen3-coder-plus', callsPerDay: 260 }, { model: 'qwen-plus', callsPerDay: 140 }] },
    { description: 'CI pipeline', workspaceId: defaultId, createdDay: 65, disabled: false, batch: true, usage: [{ model: 'qwen-flash', callsPerDay: 1800 }, { model: 'text-embedding-v4', callsPerDay: 2400 }] },
    { description: 'Production chatbot', workspaceId: productionId, createdDay: 115, disabled: false, usage: [{ model: 'qwen-plus', callsPerDay: 900, webSearchShare: 0.3 }, { model: 'qwen3-max', callsPerDay: 120, webSearchShare: 0.5 }] },
    { description: 'Image experiments', workspaceId: productionId, createdDay: 245, disabled: false, usage: [{ model: 'qwen3-vl-plus', callsPerDay: 180 }] },
    { description: 'Old prototype', workspaceId: defaultId, createdDay: 0, disabled: true, stoppedDay: 300, usage: [{ model: 'qwen3-max', callsPerDay: 60 }] },
  ];
  const models = Object.keys(DEMO_MODELS);
  for (let i = 0; i < spec.extraApiKeys; i++) {
    cast.push({
      description: `Service ${i + 1}`,
      workspaceId: i % 2 === 0 ? defaultId : productionId,
      createdDay: Math.floor(uniform(seed, 'extra-created', i) * 300),
      disabled: uniform(seed, 'extra-disabled', i) < 0.15,
      usage: [{ model: models[i % models.length] ?? 'qwen-plus', callsPerDay: 5 + Math.floor(uniform(seed, 'extra-calls', i) * 60) }],
    });
  }
  return cast.map((k, n) => ({
    ...k,
    id: String(2_100_000 + Math.floor(uniform(seed, 'key-id', n) * 899_999)),
    // The backend shows a key's first and last four characters; the sample workspace's fake key matches one.
    maskedValue: `sk-${seededHex(seed, 4, 'key-head', n)}****${seededHex(seed, 4, 'key-tail', n)}`,
  }));
}

/** The month the account subscribed: `historyMonths` before the current one. */
export function firstMonth(spec: DemoSpec, now: number): string {
  return addMonths(monthKey(now), -spec.historyMonths);
}

/** The account's first day: history is anchored to it, so it stays put for a whole month. */
export function firstDay(spec: DemoSpec, now: number): string {
  return `${firstMonth(spec, now)}-01`;
}

/** The account's API keys at `now`, newest first. */
export function demoApiKeys(keys: readonly DemoKey[], spec: DemoSpec, now: number): ApiKey[] {
  const first = firstDay(spec, now);
  return keys
    .map((k) => ({
      id: k.id,
      maskedValue: k.maskedValue,
      description: k.description,
      createdAt: startOfDate(addDays(first, k.createdDay)) + 10 * HOUR_MS,
      disabled: k.disabled,
      workspaceId: k.workspaceId,
      createdBy: 'demo-user',
    }))
    .sort((a, b) => b.createdAt - a.createdAt);
}
