// The CLI's three output formats. JSON is an output contract:
// {"version":1,"filesScanned":N,"durationMs":N,"findings":[{"file","line","column","endLine","endColumn","rule","state","severity","message"}],
//  "filesTooLarge":N,"filesUnreadable":N,"unreadable":[{"file","reason"}]}
// with 1-based lines and columns (UTF-16 code units; endColumn is exclusive) and every occurrence, `off` ones included.
// The last three fields came later; version 1's fields are unchanged, so readers of version 1 keep working.
import type { Finding, FindingState, Severity } from '../core/scanner/finding';
import { LineIndex } from '../core/scanner/positions';
import { RULE_IDS, RULES, ruleTitle, type RuleId } from '../core/scanner/rules';

export interface ReportedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: RuleId;
  readonly state: FindingState;
  readonly severity: Severity;
  readonly message: string;
}

/** A file or folder that could not be read, as shown to the user, and why. */
export interface UnreadablePath {
  readonly file: string;
  readonly reason: string;
}

export interface Report {
  readonly version: 1;
  readonly filesScanned: number;
  readonly durationMs: number;
  readonly findings: readonly ReportedFinding[];
  /** Files over --max-file-size, not scanned. */
  readonly filesTooLarge: number;
  /** Files and folders that could not be read: the scan is incomplete. */
  readonly filesUnreadable: number;
  readonly unreadable: readonly UnreadablePath[];
}

export function toReported(file: string, text: string, findings: readonly Finding[]): ReportedFinding[] {
  if (findings.length === 0) {
    return [];
  }
  const index = new LineIndex(text);
  return findings.map((f) => {
    const s = index.at(f.start);
    const e = index.at(f.end);
    return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, rule: f.rule, state: f.state, severity: f.severity, message: f.message };
  });
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatText(report: Report): string {
  const shown = report.findings.filter((f) => f.severity !== 'none');
  const lines = shown.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule} [${f.state}] ${f.message}`);
  const off = report.findings.length - shown.length;
  const files = new Set(shown.map((f) => f.file)).size;
  const missed = [
    ...(report.filesTooLarge > 0 ? [`; ${report.filesTooLarge} file${report.filesTooLarge === 1 ? '' : 's'} over --max-file-size skipped`] : []),
    ...(report.filesUnreadable > 0 ? [`; ${report.filesUnreadable} path${report.filesUnreadable === 1 ? '' : 's'} could not be read`] : []),
  ].join('');
  lines.push(
    `${shown.length} finding${shown.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` +
      `${off > 0 ? ` (${off} turned off)` : ''}; ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'} scanned in ${report.durationMs} ms${missed}.`,
  );
  return `${lines.join('\n')}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', info: 'note', none: 'none' };

/** SARIF 2.1.0 for code-scanning dashboards; findings that are turned off (severity none) are left out. */
export function formatSarif(report: Report, version: string): string {
  const results = report.findings
    .filter((f) => f.severity !== 'none')
    .map((f) => ({
      ruleId: f.rule,
      ruleIndex: RULE_IDS.indexOf(f.rule),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      properties: { state: f.state },
    }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qwen-cost-scan',
            version,
            rules: RULE_IDS.map((id) => ({
              id,
              name: id.replace(/[._](\w)/g, (_m: string, c: string) => c.toUpperCase()),
              shortDescription: { text: ruleTitle(id) },
              helpUri: RULES[id].docsUrl,
              defaultConfiguration: { level: 'warning' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        // A path that could not be read makes the run unsuccessful: dashboards must not show it as clean.
        invocations: [
          {
            executionSuccessful: report.unreadable.length === 0,
            toolExecutionNotifications: report.unreadable.map((u) => ({
              level: 'error',
              message: { text: `Could not read ${u.file}: ${u.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(u.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
