// The common part of the tree views: created with a stable id, fed from the account store, polling what it
// shows only while visible, telling VS Code about just the nodes that changed, ticking countdowns once a
// minute while visible, and saying in the view's message when it is loading, stale or failing.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { Clock } from '../core/common/clock';
import type { ResourceKey } from '../core/account/store';
import { changedNodes, toTreeItem, type ViewNode } from './treeModel';

export abstract class StoreTreeView extends DisposableOwner implements vscode.TreeDataProvider<ViewNode> {
  private readonly changed = this.register(new vscode.EventEmitter<ViewNode | ViewNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<ViewNode>;
  private nodes: readonly ViewNode[] = [];
  private ticker: NodeJS.Timeout | undefined;
  private shown: vscode.Disposable | undefined;

  constructor(
    viewId: string,
    protected readonly controller: AccountController,
    protected readonly clock: Clock,
    /** Store resources this view shows: polled while it is visible. */
    private readonly resources: readonly ResourceKey[],
    /** Whether the view has countdowns that tick each minute. */
    private readonly ticks = false,
  ) {
    super();
    this.treeView = this.register(vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true }));
    this.register(this.treeView.onDidChangeVisibility((e) => this.follow(e.visible)));
    this.register(toDisposable(() => this.follow(false)));
  }

  /** Subclasses call this at the end of their constructor. */
  protected start(): void {
    this.follow(this.treeView.visible);
    this.update();
  }

  private follow(visible: boolean): void {
    if (visible && !this.isDisposed) {
      this.shown ??= this.resources.length > 0 ? this.controller.show(this.resources) : undefined;
      this.onVisible();
      if (this.ticks && !this.ticker) {
        this.ticker = setInterval(() => this.update(), 60_000);
      }
    } else {
      this.shown?.dispose();
      this.shown = undefined;
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.onHidden();
    }
  }

  /** Called when the view becomes visible: views that query (rather than poll) load here. */
  protected onVisible(): void {}

  /** Called when the view is hidden (or disposed): a hidden view asks the account for nothing. */
  protected onHidden(): void {}

  /** The nodes to show now, and the view's message (undefined for none). */
  protected abstract build(): { nodes: readonly ViewNode[]; message?: string };

  /** Rebuilds the nodes and tells VS Code about the ones that changed. */
  protected update(): void {
    const { nodes, message } = this.build();
    const changed = changedNodes(this.nodes, nodes);
    this.nodes = nodes;
    if (this.treeView.message !== message) {
      this.treeView.message = message;
    }
    if (changed === undefined) {
      this.changed.fire(undefined);
    } else if (changed.length > 0) {
      this.changed.fire(changed);
    }
  }

  /** The current nodes (also what integration tests read). */
  get rootNodes(): readonly ViewNode[] {
    return this.nodes;
  }

  getChildren(element?: ViewNode): ViewNode[] {
    if (!element) {
      return [...this.nodes];
    }
    return [...(this.find(element.id)?.children ?? [])];
  }

  getParent(element: ViewNode): ViewNode | undefined {
    const search = (nodes: readonly ViewNode[], parent: ViewNode | undefined): ViewNode | undefined | null => {
      for (const n of nodes) {
        if (n.id === element.id) {
          return parent ?? null;
        }
        const found = search(n.children ?? [], n);
        if (found !== undefined) {
          return found;
        }
      }
      return undefined;
    };
    return search(this.nodes, undefined) ?? undefined;
  }

  /** The current node with this id (VS Code may hand back an older copy). */
  find(id: string): ViewNode | undefined {
    const search = (nodes: readonly ViewNode[]): ViewNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) {
          return n;
        }
        const found = search(n.children ?? []);
        if (found) {
          return found;
        }
      }
      return undefined;
    };
    return search(this.nodes);
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return toTreeItem(this.find(node.id) ?? node);
  }
}
