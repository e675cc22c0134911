// Typed settings, mirroring the manifest's `qwenCloud.*` properties (a unit test keeps the two in step).
import * as vscode from 'vscode';
import { checkEndpoint, isHttpsUrl } from '../core/endpoints';

export const SECTION = 'qwenCloud';

export interface Settings {
  readonly refreshIntervalMinutes: number;
  readonly statusBar: {
    readonly enabled: boolean;
    readonly alignment: 'left' | 'right';
    readonly display: 'used' | 'remaining';
  };
  readonly site: 'international' | 'china';
  readonly endpoints: {
    readonly auth: string;
    readonly gateway: string;
  };
  readonly consoleUrl: string;
  readonly spendAlerts: {
    /** Notify in VS Code when this month's spend, or its projection, crosses the limit's threshold. */
    readonly enabled: boolean;
  };
}

/** Every setting key, relative to the section, with its default: the same defaults as the manifest. */
export const DEFAULTS = {
  refreshIntervalMinutes: 5,
  'statusBar.enabled': true,
  'statusBar.alignment': 'right',
  'statusBar.display': 'used',
  site: 'international',
  'endpoints.auth': 'https://t.qwencloud.com',
  'endpoints.gateway': 'https://cli.qwencloud.com',
  consoleUrl: 'https://modelstudio.console.alibabacloud.com/',
  'spendAlerts.enabled': true,
} as const satisfies Record<string, string | number | boolean>;

export type SettingKey = keyof typeof DEFAULTS;

/** Settings whose value may only come from the user (not from a workspace a repository ships). */
const APPLICATION_ONLY: readonly SettingKey[] = ['endpoints.auth', 'endpoints.gateway', 'consoleUrl', 'site'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads the settings, falling back to defaults for values of the wrong type or out of range. */
export function readSettings(configuration: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SECTION)): Settings {
  const get = (key: SettingKey): unknown => {
    if (APPLICATION_ONLY.includes(key)) {
      // A cloned repository's .vscode/settings.json must never redirect where a token is sent.
      const inspected = configuration.inspect(key);
      return inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULTS[key];
    }
    return configuration.get(key, DEFAULTS[key]);
  };
  const interval = Number(get('refreshIntervalMinutes'));
  const endpoint = (key: 'endpoints.auth' | 'endpoints.gateway'): string => {
    const value = get(key);
    return typeof value === 'string' && checkEndpoint(value).ok ? value.replace(/\/+$/, '') : DEFAULTS[key];
  };
  return {
    refreshIntervalMinutes: Number.isFinite(interval) ? Math.min(120, Math.max(1, interval)) : DEFAULTS.refreshIntervalMinutes,
    statusBar: {
      enabled: get('statusBar.enabled') !== false,
      alignment: oneOf(get('statusBar.alignment'), ['left', 'right'], DEFAULTS['statusBar.alignment']),
      display: oneOf(get('statusBar.display'), ['used', 'remaining'], DEFAULTS['statusBar.display']),
    },
    site: oneOf(get('site'), ['international', 'china'], DEFAULTS.site),
    endpoints: { auth: endpoint('endpoints.auth'), gateway: endpoint('endpoints.gateway') },
    consoleUrl: ((value) => (typeof value === 'string' && isHttpsUrl(value) ? value : DEFAULTS.consoleUrl))(get('consoleUrl')),
    spendAlerts: { enabled: get('spendAlerts.enabled') !== false },
  };
}

/** Holds the current settings and tells subscribers when any `qwenCloud.*` setting changed. */
export class SettingsService implements vscode.Disposable {
  private current = readSettings();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) {
        this.current = readSettings();
        this.emitter.fire(this.current);
      }
    });
  }

  get value(): Settings {
    return this.current;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
