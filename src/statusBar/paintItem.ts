// Draws a presented view on a status bar item. Both items redraw every minute and on every snapshot, so an
// unchanged view costs one string comparison instead of a new tooltip and a repaint.
import * as vscode from 'vscode';
import type { StatusItemView } from '../core/quota/thresholds';

/**
 * Paints `view` with `command` on `item` unless it is what `painted` (the last return value) describes;
 * returns the new description. Tooltip links run only the commands the view names.
 */
export function paintItem(item: vscode.StatusBarItem, view: StatusItemView, command: string, painted: string): string {
  const key = JSON.stringify([view.text, view.tooltip, view.background, view.accessibilityLabel, command]);
  if (key === painted) {
    return painted;
  }
  item.text = view.text;
  const tooltip = new vscode.MarkdownString(view.tooltip, true);
  tooltip.isTrusted = { enabledCommands: [...view.linkedCommands] };
  item.tooltip = tooltip;
  item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
  item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
  item.command = command;
  return key;
}
