// The cost scanner's settings (`qwenCloud.scanner.*`), mirroring the manifest (a unit test keeps them in
// step). Kept apart from the account settings and free of `vscode`: the scanner reacts to its own keys
// only, its values may come from the workspace (nothing they control sends data anywhere), and tests in
// plain Node read the defaults. What could make a scan slow (qwenPatterns, maxFileSize) is bounded here and
// in the engine, and the manifest lists both as restricted in untrusted workspaces.

export type ScannerSeverity = 'error' | 'warning' | 'info' | 'none';

export interface ScannerSettings {
  readonly enabled: boolean;
  readonly codeLens: boolean;
  /** Severity of `on` and hard-coded findings, per rule id. */
  readonly severity: Readonly<Record<string, ScannerSeverity>>;
  /** Severity of findings decided at run time. */
  readonly dynamicSeverity: ScannerSeverity;
  /** Extra regular expressions that mark a file as talking to Qwen. */
  readonly qwenPatterns: readonly string[];
  readonly maxFileSize: number;
  /** Price overrides: `{ outputPerMillionUsd: { model: n }, perThousandCallsUsd: { webSearch: n } }`. */
  readonly prices: Readonly<Record<string, unknown>>;
}

export const SCANNER_SECTION = 'qwenCloud.scanner';

/** Every scanner setting key, relative to SCANNER_SECTION, with the manifest's default. */
export const SCANNER_DEFAULTS = {
  enabled: true,
  codeLens: true,
  severity: {},
  dynamicSeverity: 'info',
  qwenPatterns: [],
  maxFileSize: 1_048_576,
  prices: {},
} as const;

/**
 * The largest maxFileSize honoured (the manifest's maximum): a bigger value is read as this one. Files are
 * read whole on the extension host, and a workspace could otherwise ask for any size.
 */
export const MAX_SCANNER_FILE_SIZE = 16 * 1024 * 1024;
/** The smallest maxFileSize (the manifest's minimum); a smaller value falls back to the default. */
const MIN_SCANNER_FILE_SIZE = 1024;

const SEVERITY_VALUES: readonly ScannerSeverity[] = ['error', 'warning', 'info', 'none'];

/** Reads the settings through `get`, falling back to defaults for values of the wrong type or out of range. */
export function parseScannerSettings(get: (key: keyof typeof SCANNER_DEFAULTS) => unknown): ScannerSettings {
  const severityRaw = get('severity');
  const severity: Record<string, ScannerSeverity> = {};
  if (typeof severityRaw === 'object' && severityRaw !== null) {
    for (const [rule, value] of Object.entries(severityRaw)) {
      if (typeof value === 'string' && (SEVERITY_VALUES as readonly string[]).includes(value)) {
        severity[rule] = value as ScannerSeverity;
      }
    }
  }
  const dynamic = get('dynamicSeverity');
  const patterns = get('qwenPatterns');
  const maxFileSize = Number(get('maxFileSize') ?? SCANNER_DEFAULTS.maxFileSize);
  const prices = get('prices');
  return {
    enabled: get('enabled') !== false,
    codeLens: get('codeLens') !== false,
    severity,
    dynamicSeverity: typeof dynamic === 'string' && (SEVERITY_VALUES as readonly string[]).includes(dynamic) ? (dynamic as ScannerSeverity) : 'info',
    qwenPatterns: Array.isArray(patterns) ? patterns.filter((p): p is string => typeof p === 'string') : [],
    maxFileSize: Number.isNaN(maxFileSize) || maxFileSize < MIN_SCANNER_FILE_SIZE ? SCANNER_DEFAULTS.maxFileSize : Math.floor(Math.min(maxFileSize, MAX_SCANNER_FILE_SIZE)),
    prices: typeof prices === 'object' && prices !== null && !Array.isArray(prices) ? (prices as Record<string, unknown>) : {},
  };
}
