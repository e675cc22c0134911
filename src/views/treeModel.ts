// Tree views are built as plain node data, then mapped onto TreeItems. Plain data can be compared, so a
// refresh tells VS Code about exactly the nodes that changed instead of redrawing the whole tree.
import * as vscode from 'vscode';

export interface ViewNode {
  /** Stable across refreshes, so expansion and selection survive. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: string;
  /** A theme colour id for the icon, e.g. "charts.yellow". */
  readonly iconColor?: string;
  readonly contextValue?: string;
  readonly children?: readonly ViewNode[];
  /** Whether a node with children starts expanded. */
  readonly expanded?: boolean;
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: readonly unknown[] };
  /** Read by screen readers instead of label + description. */
  readonly accessibilityLabel?: string;
}

/** Everything about a node that shows, without its children: equal fingerprints need no redraw. */
function fingerprint(node: ViewNode): string {
  const { children, ...own } = node;
  return JSON.stringify([own, children?.map((c) => c.id) ?? null]);
}

/**
 * What to tell VS Code after the nodes changed: `undefined` when the top level itself changed (redraw
 * from the root), otherwise the nodes whose own content or list of children changed.
 */
export function changedNodes(before: readonly ViewNode[], after: readonly ViewNode[]): ViewNode[] | undefined {
  if (before.length !== after.length || before.some((n, i) => n.id !== after[i]?.id)) {
    return undefined;
  }
  const old = new Map<string, string>();
  const walk = (nodes: readonly ViewNode[], visit: (n: ViewNode) => void): void => {
    for (const n of nodes) {
      visit(n);
      walk(n.children ?? [], visit);
    }
  };
  walk(before, (n) => old.set(n.id, fingerprint(n)));
  const changed: ViewNode[] = [];
  walk(after, (n) => {
    if (old.get(n.id) !== fingerprint(n)) {
      changed.push(n);
    }
  });
  return changed;
}

export function toTreeItem(node: ViewNode): vscode.TreeItem {
  const state = node.children === undefined ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  if (node.description !== undefined) {
    item.description = node.description;
  }
  if (node.tooltip !== undefined) {
    const tooltip = new vscode.MarkdownString(node.tooltip, true);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
  }
  if (node.icon) {
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
  }
  if (node.contextValue) {
    item.contextValue = node.contextValue;
  }
  if (node.command) {
    item.command = { command: node.command.command, title: node.command.title, arguments: [...(node.command.arguments ?? [])] };
  }
  if (node.accessibilityLabel) {
    item.accessibilityInformation = { label: node.accessibilityLabel };
  }
  return item;
}

/** Escapes text for use inside Markdown tooltips. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
