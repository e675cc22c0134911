// Typed settings, mirroring the manifest's `qwenCloud.*` properties (a unit test keeps the two in step): the
// one place settings are read, the cost scanner's included, and one change event that names the sections
// that changed.
import * as vscode from 'vscode';
import { DEFAULT_DEMO_PLANS, DEMO_PLANS, type DemoPlans } from '../api/demo/demoPlans';
import { checkEndpoint, isHttpsUrl } from '../core/common/endpoints';
import { QUOTA_WINDOW_KINDS, type QuotaWindowKind } from '../core/account/model';
import { SPEND_FORMATS, SPEND_ITEM_MODES, type SpendFormat, type SpendItemMode } from '../core/spending/spendMeter';
import { DEFAULT_SPIKE_SENSITIVITY, SPIKE_SENSITIVITIES, type SpikeSensitivity } from '../core/spending/spendSpike';
import { parsePlanPrices, type PlanOfferId } from '../core/spending/planOffers';
import { checkThresholds, DEFAULT_THRESHOLDS } from '../core/quota/thresholds';
import { parseScannerSettings, SCANNER_SECTION, type ScannerSettings } from './scannerSettings';
import { scannerSilencedByWorkspace } from './workspaceSilencing';

export const SECTION = 'qwenCloud';

export interface Settings {
  readonly refreshIntervalMinutes: number;
  readonly statusBar: {
    readonly enabled: boolean;
    readonly alignment: 'left' | 'right';
    readonly display: 'used' | 'remaining';
    /** The windows the meter shows, in their natural order; empty shows all three. */
    readonly windows: readonly QuotaWindowKind[];
    readonly format: 'percent' | 'count';
    /** Only the tightest of the chosen windows. */
    readonly compact: boolean;
    /** When the pay-as-you-go item shows: without a Coding Plan (`auto`), always, or never. */
    readonly spend: SpendItemMode;
    /** "$18.40 / $50" or "$18.40 of $50 (37%)". */
    readonly spendFormat: SpendFormat;
  };
  readonly quota: {
    /** Percent used at which the meter turns yellow and warns; below `criticalThreshold`. */
    readonly warningThreshold: number;
    /** Percent used at which the meter turns red and warns again. */
    readonly criticalThreshold: number;
    readonly notifications: boolean;
    /** Set when the configured thresholds were rejected (and the defaults used instead), with why. */
    readonly rejectedThresholds?: { readonly warning: unknown; readonly critical: unknown; readonly reason: 'range' | 'order' };
  };
  readonly site: 'international' | 'china';
  readonly endpoints: {
    readonly auth: string;
    readonly gateway: string;
    /** Empty: the site's host. */
    readonly modelStudio: string;
    readonly bss: string;
  };
  readonly consoleUrl: string;
  /** Gateway action names overridden by the user ("Product/Action" or an envelope Api), by feature. */
  readonly gatewayActions: Readonly<Record<string, string>>;
  /** Console page addresses overridden by the user, by page. */
  readonly consolePages: Readonly<Record<string, string>>;
  readonly spendAlerts: {
    /** Notify in VS Code when this month's spend, or its projection, crosses the limit's threshold. */
    readonly enabled: boolean;
    /** How far above its usual hourly pace the account's spend must run to warn (`off`: never). */
    readonly spikeSensitivity: SpikeSensitivity;
  };
  /** The user's monthly prices for the plan comparison, by offer. */
  readonly planFit: { readonly prices: Readonly<Partial<Record<PlanOfferId, number>>> };
  readonly demo: {
    /** The plans the demo account holds. */
    readonly plans: DemoPlans;
  };
  /** The cost scanner's settings (`qwenCloud.scanner.*`), declared in ./scannerSettings. */
  readonly scanner: ScannerSettings;
}

/** A top-level part of the settings, such as `statusBar` or `scanner`. */
export type SettingsSection = keyof Settings;

/** What a settings change event carries: the new settings, and which sections differ from before. */
export interface SettingsChange {
  readonly value: Settings;
  readonly changed: ReadonlySet<SettingsSection>;
}

/** The sections whose values differ between two readings of the settings. */
export function changedSections(before: Settings, after: Settings): Set<SettingsSection> {
  const changed = new Set<SettingsSection>();
  for (const section of Object.keys(after) as SettingsSection[]) {
    if (JSON.stringify(before[section]) !== JSON.stringify(after[section])) {
      changed.add(section);
    }
  }
  return changed;
}

/** Every setting key, relative to the section, with its default: the same defaults as the manifest. */
export const DEFAULTS = {
  refreshIntervalMinutes: 5,
  'statusBar.enabled': true,
  'statusBar.alignment': 'right',
  'statusBar.display': 'used',
  'statusBar.windows': QUOTA_WINDOW_KINDS,
  'statusBar.format': 'percent',
  'statusBar.compact': false,
  'statusBar.spend': 'auto',
  'statusBar.spendFormat': 'amount',
  'quota.warningThreshold': DEFAULT_THRESHOLDS.warning,
  'quota.criticalThreshold': DEFAULT_THRESHOLDS.critical,
  'quota.notifications': true,
  site: 'international',
  'endpoints.auth': 'https://t.qwencloud.com',
  'endpoints.gateway': 'https://cli.qwencloud.com',
  'endpoints.modelStudio': '',
  'endpoints.bss': '',
  consoleUrl: 'https://modelstudio.console.alibabacloud.com/',
  'spendAlerts.enabled': true,
  'spendAlerts.spikeSensitivity': DEFAULT_SPIKE_SENSITIVITY,
  'demo.plans': DEFAULT_DEMO_PLANS,
} as const satisfies Record<string, string | number | boolean | readonly string[]>;

/** Object-valued settings, kept apart from DEFAULTS because their defaults are not scalars. */
export const OBJECT_SETTINGS = ['advanced.gatewayActions', 'advanced.consolePages'] as const;

export type SettingKey = keyof typeof DEFAULTS;

/** Where requests and a token go: only the user decides (never a workspace a repository ships). */
const WHERE_REQUESTS_GO: readonly SettingKey[] = ['endpoints.auth', 'endpoints.gateway', 'endpoints.modelStudio', 'endpoints.bss', 'consoleUrl', 'site'];
/** The warnings that protect the user's quota and money: a repository's settings may not silence or move them. */
export const USER_PROTECTIONS: readonly SettingKey[] = ['spendAlerts.enabled', 'spendAlerts.spikeSensitivity', 'quota.notifications', 'quota.warningThreshold', 'quota.criticalThreshold'];
/** Settings whose value may only come from the user's own settings (the manifest scopes them `application`). */
export const APPLICATION_ONLY: readonly SettingKey[] = [...WHERE_REQUESTS_GO, ...USER_PROTECTIONS];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads the settings, falling back to defaults for values of the wrong type or out of range. */
export function readSettings(configuration: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SECTION)): Settings {
  const get = (key: SettingKey): unknown => {
    if (APPLICATION_ONLY.includes(key)) {
      // A cloned repository's .vscode/settings.json must never redirect where a token is sent, nor
      // silence the user's alerts.
      const inspected = configuration.inspect(key);
      return inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULTS[key];
    }
    return configuration.get(key, DEFAULTS[key]);
  };
  const interval = Number(get('refreshIntervalMinutes'));
  const endpoint = (key: 'endpoints.auth' | 'endpoints.gateway' | 'endpoints.modelStudio' | 'endpoints.bss'): string => {
    const value = get(key);
    return typeof value === 'string' && checkEndpoint(value).ok ? value.replace(/\/+$/, '') : DEFAULTS[key];
  };
  /** An object setting from user settings only, keeping the string values that pass `valid`. */
  const stringMap = (key: (typeof OBJECT_SETTINGS)[number], valid: (value: string) => boolean): Record<string, string> => {
    const raw = configuration.inspect<unknown>(key)?.globalValue;
    const out: Record<string, string> = {};
    if (typeof raw === 'object' && raw !== null) {
      for (const [name, value] of Object.entries(raw)) {
        if (typeof value === 'string' && valid(value)) {
          out[name] = value;
        }
      }
    }
    return out;
  };
  const gatewayActions = stringMap('advanced.gatewayActions', (action) => /^[\w.-]+(\/[\w.-]+)?$/.test(action));
  const consolePages = stringMap('advanced.consolePages', isHttpsUrl);
  const windows = get('statusBar.windows');
  const thresholds = checkThresholds(get('quota.warningThreshold'), get('quota.criticalThreshold'));
  return {
    refreshIntervalMinutes: Number.isFinite(interval) ? Math.min(120, Math.max(1, interval)) : DEFAULTS.refreshIntervalMinutes,
    statusBar: {
      enabled: get('statusBar.enabled') !== false,
      alignment: oneOf(get('statusBar.alignment'), ['left', 'right'], DEFAULTS['statusBar.alignment']),
      display: oneOf(get('statusBar.display'), ['used', 'remaining'], DEFAULTS['statusBar.display']),
      windows: Array.isArray(windows) ? QUOTA_WINDOW_KINDS.filter((k) => windows.includes(k)) : QUOTA_WINDOW_KINDS,
      format: oneOf(get('statusBar.format'), ['percent', 'count'], DEFAULTS['statusBar.format']),
      compact: get('statusBar.compact') === true,
      spend: oneOf(get('statusBar.spend'), SPEND_ITEM_MODES, DEFAULTS['statusBar.spend']),
      spendFormat: oneOf(get('statusBar.spendFormat'), SPEND_FORMATS, DEFAULTS['statusBar.spendFormat']),
    },
    quota: {
      warningThreshold: thresholds.ok ? thresholds.value.warning : DEFAULT_THRESHOLDS.warning,
      criticalThreshold: thresholds.ok ? thresholds.value.critical : DEFAULT_THRESHOLDS.critical,
      notifications: get('quota.notifications') !== false,
      ...(thresholds.ok
        ? {}
        : { rejectedThresholds: { warning: get('quota.warningThreshold'), critical: get('quota.criticalThreshold'), reason: thresholds.reason } }),
    },
    site: oneOf(get('site'), ['international', 'china'], DEFAULTS.site),
    endpoints: {
      auth: endpoint('endpoints.auth'),
      gateway: endpoint('endpoints.gateway'),
      modelStudio: endpoint('endpoints.modelStudio'),
      bss: endpoint('endpoints.bss'),
    },
    gatewayActions,
    consolePages,
    consoleUrl: ((value) => (typeof value === 'string' && isHttpsUrl(value) ? value : DEFAULTS.consoleUrl))(get('consoleUrl')),
    spendAlerts: {
      enabled: get('spendAlerts.enabled') !== false,
      spikeSensitivity: oneOf(get('spendAlerts.spikeSensitivity'), SPIKE_SENSITIVITIES, DEFAULTS['spendAlerts.spikeSensitivity']),
    },
    // User settings only: a repository's prices must not make a plan look cheaper than it is.
    planFit: { prices: parsePlanPrices(configuration.inspect('planFit.prices')?.globalValue) },
    demo: { plans: oneOf(get('demo.plans'), DEMO_PLANS, DEFAULTS['demo.plans']) },
    scanner: readScannerSettings(),
  };
}

export interface RefusedSetting {
  readonly key: string;
  /** `workspace`: a workspace set where requests go; `workspaceProtection`: a workspace set one of the user's alerts. */
  readonly reason: 'workspace' | 'workspaceProtection' | 'insecure' | 'invalid';
}

/**
 * Settings values that were set but not used: where a token or signed request goes may only come from
 * the user's own settings (never a workspace a repository ships), and only to https (or loopback).
 */
export function refusedSettings(configuration: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SECTION)): RefusedSetting[] {
  const refused: RefusedSetting[] = [];
  for (const key of APPLICATION_ONLY) {
    const inspected = configuration.inspect(key);
    if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) {
      refused.push({ key: `${SECTION}.${key}`, reason: USER_PROTECTIONS.includes(key) ? 'workspaceProtection' : 'workspace' });
    }
    const value = inspected?.globalValue;
    if (typeof value === 'string' && value !== '' && key.startsWith('endpoints.')) {
      const check = checkEndpoint(value);
      if (!check.ok) {
        refused.push({ key: `${SECTION}.${key}`, reason: check.reason });
      }
    } else if (typeof value === 'string' && key === 'consoleUrl' && !isHttpsUrl(value)) {
      refused.push({ key: `${SECTION}.${key}`, reason: 'insecure' });
    }
  }
  return refused;
}

/** Holds the current settings and tells subscribers which sections changed when a `qwenCloud.*` setting did. */
export class SettingsService implements vscode.Disposable {
  private current = readSettings();
  private readonly emitter = new vscode.EventEmitter<SettingsChange>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  private warned = new Set<string>();
  private toldSilenced = '';

  constructor(
    private readonly onRefused: (refused: readonly RefusedSetting[]) => void = () => undefined,
    /** A workspace's settings turn off some of the scanner's findings: said once per distinct set. */
    private readonly onSilenced: (keys: readonly string[]) => void = () => undefined,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) {
        const before = this.current;
        this.current = readSettings();
        this.reportRefused();
        this.reportSilenced();
        const changed = changedSections(before, this.current);
        if (changed.size > 0) {
          this.emitter.fire({ value: this.current, changed });
        }
      }
    });
    this.reportRefused();
    this.reportSilenced();
  }

  /** The scanner settings this workspace (or one of its folders) sets to hide findings. */
  get silencedByWorkspace(): readonly string[] {
    const configurations = [
      vscode.workspace.getConfiguration(SCANNER_SECTION),
      ...(vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.workspace.getConfiguration(SCANNER_SECTION, folder.uri)),
    ];
    const keys = new Set<string>();
    for (const configuration of configurations) {
      for (const key of scannerSilencedByWorkspace((name) => configuration.inspect(name))) {
        keys.add(key);
      }
    }
    return [...keys].sort();
  }

  private reportSilenced(): void {
    const silenced = this.silencedByWorkspace;
    const said = silenced.join(',');
    if (said !== this.toldSilenced) {
      this.toldSilenced = said;
      if (silenced.length > 0) {
        this.onSilenced(silenced);
      }
    }
  }

  /** Tells about each refused value once (again only after it was fixed and broken anew). */
  private reportRefused(): void {
    const refused = refusedSettings();
    const keys = new Set(refused.map((r) => `${r.key}:${r.reason}`));
    const fresh = refused.filter((r) => !this.warned.has(`${r.key}:${r.reason}`));
    this.warned = keys;
    if (fresh.length > 0) {
      this.onRefused(fresh);
    }
  }

  /** The values set but not used, right now. */
  get refused(): readonly RefusedSetting[] {
    return refusedSettings();
  }

  get value(): Settings {
    return this.current;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

// ---- The cost scanner's settings (`qwenCloud.scanner.*`): declared in ./scannerSettings (no `vscode`, so
// the CLI's tests and the manifest test can read them); read here.

function readScannerSettings(
  configuration: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SCANNER_SECTION),
): ScannerSettings {
  return parseScannerSettings((key) => configuration.get<unknown>(key));
}
