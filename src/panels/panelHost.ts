// What every webview panel host shares: the HTML shell with its Content Security Policy, the `ready`
// handshake, and validation of every message before it is acted on.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DisposableOwner } from '../common/lifecycle';
import type { Logger } from '../core/common/logger';

/** The folders a panel may load files from: its bundles and the stylesheets. Nothing else. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: panelResourceRoots(extensionUri), enableFindWidget: true };
}

/**
 * The page a panel loads: local bundle and stylesheet only, scripts by nonce, and no network at all
 * (`connect-src 'none'`): the webview gets its data from the host in messages.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, name: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${name}.js`));
  const styles = [
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')),
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${name}.css`)),
  ];
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
  ].join('; ');
  const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((href) => `<link rel="stylesheet" href="${href.toString()}">`).join('\n')}
<title>${escape(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

/**
 * One panel's host side. Messages from the webview are checked with `isMessage` before `handle` sees
 * them; posts wait for the webview's `ready` (the webview reloads when it is hidden and shown again, and
 * says `ready` each time, so `onReady` sends everything it needs).
 */
export abstract class PanelHost<In extends { readonly type: string }, Out> extends DisposableOwner {
  private isReady = false;
  private readonly posted = this.register(new vscode.EventEmitter<Out>());
  /** Fires with every message delivered to the webview: the integration tests read the protocol here. */
  readonly onDidPost = this.posted.event;
  private readonly disposeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly readyEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    /** The panel's name in the log, written out: minified bundles rename classes. */
    private readonly component: string,
    private readonly isMessage: (value: unknown) => value is In,
    protected readonly log: Logger,
  ) {
    super();
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    this.register(
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) {
          // A hidden webview is torn down; it says `ready` again when shown.
          this.isReady = false;
        }
      }),
    );
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  get ready(): boolean {
    return this.isReady;
  }

  /**
   * Handles one message from the webview. Returns false, and does nothing else, when the message is not
   * one the protocol allows.
   */
  async receive(message: unknown): Promise<boolean> {
    if (!this.isMessage(message)) {
      const type = typeof message === 'object' && message !== null && 'type' in message ? String((message).type).slice(0, 40) : typeof message;
      this.log.warn(`${this.component}: ignored a malformed message from the webview (type ${type}).`);
      return false;
    }
    try {
      if (message.type === 'ready') {
        this.isReady = true;
        await this.onReady();
        this.readyEmitter.fire();
      } else {
        await this.handle(message);
      }
    } catch (error) {
      this.log.error(`${this.component}: handling ${message.type} failed`, error);
      this.onHandlerError(error);
    }
    return true;
  }

  protected abstract onReady(): Promise<void>;
  protected abstract handle(message: In): Promise<void>;
  protected abstract onHandlerError(error: unknown): void;

  protected post(message: Out): void {
    if (!this.isReady || this.isDisposed) {
      return;
    }
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }
}
