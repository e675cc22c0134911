// What a workspace's own settings turn off in the cost scanner. A trusted project may do so (a folder of
// fixtures, say), but never without the user seeing it; in Restricted Mode VS Code ignores these values
// altogether (`restrictedConfigurations` in the manifest).

/** A setting's values by level, as `WorkspaceConfiguration.inspect` returns them. */
export interface InspectedValues {
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/** The scanner settings a workspace has set to hide findings: `enabled: false`, a rule's severity `none`. */
export function scannerSilencedByWorkspace(inspect: (key: 'enabled' | 'severity') => InspectedValues | undefined): string[] {
  const silenced: string[] = [];
  const enabled = inspect('enabled');
  if (enabled?.workspaceValue === false || enabled?.workspaceFolderValue === false) {
    silenced.push('qwenCloud.scanner.enabled');
  }
  const severity = inspect('severity');
  const rules = new Set<string>();
  for (const value of [severity?.workspaceValue, severity?.workspaceFolderValue]) {
    if (typeof value === 'object' && value !== null) {
      for (const [rule, level] of Object.entries(value)) {
        if (level === 'none') {
          rules.add(rule);
        }
      }
    }
  }
  for (const rule of [...rules].sort()) {
    silenced.push(`qwenCloud.scanner.severity.${rule}`);
  }
  return silenced;
}
