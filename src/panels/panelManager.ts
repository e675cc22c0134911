// What every panel manager does: keep one panel of its kind, reveal it rather than open a second, restore
// it after a reload through the webview serializer, and dispose it with the extension. Each panel says
// only how its host is made and what a restored panel opens on.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { WindowPrompts } from '../common/windowPrompts';
import type { AccountStore } from '../core/account/store';
import type { Clock } from '../core/common/clock';
import type { Logger } from '../core/common/logger';
import { type PanelHost, panelOptions } from './panelHost';
import type { SettingsService } from '../config/settings';

/** What every panel is made with: the composition root hands the same to each manager. */
export interface PanelCollaborators {
  readonly store: AccountStore;
  readonly controller: AccountController;
  readonly clock: Clock;
  readonly log: Logger;
  readonly extensionUri: vscode.Uri;
  readonly prompts: WindowPrompts;
  /** The settings a panel reads (the spending panel: the plan comparison's prices). */
  readonly settings?: SettingsService;
}

/** What a manager uses of a panel's host, whatever its protocol. */
type ManagedPanel = Pick<PanelHost<{ readonly type: string }, unknown>, 'panel' | 'onDidDispose' | 'dispose'>;

/** Owns the one panel of `viewType`; `State` is what a panel opens on, new or restored. */
export abstract class PanelManager<Panel extends ManagedPanel, State> extends DisposableOwner {
  private panel: Panel | undefined;

  constructor(
    private readonly viewType: string,
    private readonly title: string,
    protected readonly c: PanelCollaborators,
  ) {
    super();
    this.register(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (webviewPanel: vscode.WebviewPanel, saved: unknown) => {
          this.adopt(webviewPanel, this.restore(saved));
        },
      }),
    );
    this.register(toDisposable(() => this.panel?.dispose()));
  }

  /** The open panel, if any (the integration tests read it). */
  get current(): Panel | undefined {
    return this.panel;
  }

  /** The panel's host around a webview panel, a new one or one restored after a reload. */
  protected abstract host(webviewPanel: vscode.WebviewPanel, state: State): Panel;

  /** What a restored panel opens on, read from what its webview saved (which may be anything, or nothing). */
  protected abstract restore(saved: unknown): State;

  /** Brings the open panel to the front; undefined when none is open. */
  protected reveal(): Panel | undefined {
    this.panel?.panel.reveal();
    return this.panel;
  }

  /** Opens a new panel on `state`, in the active editor column. */
  protected open(state: State): Panel {
    const webviewPanel = vscode.window.createWebviewPanel(this.viewType, this.title, vscode.ViewColumn.Active, panelOptions(this.c.extensionUri));
    return this.adopt(webviewPanel, state);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, state: State): Panel {
    const panel = this.host(webviewPanel, state);
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
      }
    });
    return panel;
  }
}
