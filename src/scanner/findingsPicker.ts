// "Show Cost Scanner Findings": every finding in the workspace in one quick pick, grouped by file.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ruleTitle } from '../core/scanner/rules';
import type { ScannerService } from './scannerService';

interface FindingItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
  readonly range?: vscode.Range;
}

const ICON: Record<string, string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };

export function findingItems(service: ScannerService): FindingItem[] {
  const items: FindingItem[] = [];
  const files = [...service.all()].sort((a, b) => vscode.workspace.asRelativePath(a.uri).localeCompare(vscode.workspace.asRelativePath(b.uri)));
  for (const file of files) {
    const shown = file.hits.filter((h) => h.finding.severity !== 'none');
    if (shown.length === 0) continue;
    const path = vscode.workspace.asRelativePath(file.uri);
    items.push({ label: path, kind: vscode.QuickPickItemKind.Separator });
    for (const h of shown) {
      items.push({
        label: `${ICON[h.finding.severity] ?? ''} ${ruleTitle(h.finding.rule)}`,
        description: `${basename(file.uri.fsPath)}:${h.range.start.line + 1}`,
        detail: h.finding.message,
        uri: file.uri,
        range: h.range,
      });
    }
  }
  return items;
}

export async function showFindings(service: ScannerService): Promise<void> {
  if (!service.current.enabled) {
    const enable = vscode.l10n.t('Enable the Scanner');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('The cost scanner is turned off (qwenCloud.scanner.enabled).'), enable);
    if (choice === enable) {
      await vscode.workspace.getConfiguration('qwenCloud.scanner').update('enabled', true, vscode.ConfigurationTarget.Global);
    }
    return;
  }
  const pick = vscode.window.createQuickPick<FindingItem>();
  pick.title = vscode.l10n.t('Qwen Cloud: Cost Scanner Findings');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const fill = (): void => {
    const items = findingItems(service);
    pick.items = items;
    pick.busy = service.isScanning;
    const count = items.filter((i) => i.uri).length;
    pick.placeholder = service.isScanning
      ? vscode.l10n.t('Scanning the workspace… {0} findings so far', count)
      : count === 0
        ? vscode.l10n.t('No costly parameters or hard-coded keys found. Settings that are off are not listed.')
        : vscode.l10n.t('{0} findings: pick one to go there', count);
  };
  fill();
  const subscription = service.onDidChange(fill);
  const done = new Promise<void>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      pick.hide();
      if (item?.uri && item.range) {
        void vscode.window.showTextDocument(item.uri, { selection: item.range });
      }
    });
    pick.onDidHide(() => {
      subscription.dispose();
      pick.dispose();
      resolve();
    });
  });
  pick.show();
  if (!service.isScanning && service.lastWorkspaceScan === undefined) {
    void service.rescanWorkspace().then(fill);
  }
  await done;
}
