// Owns the client stack for real accounts: its transport loaded on first real use (never for the demo account), rebuilt
// when VS Code's proxy settings change, closed on dispose.
import * as vscode from 'vscode';
import { DisposableOwner } from '../common/lifecycle';
import type { Logger } from '../core/common/logger';
import { loadTransport } from '../api/loadNetwork';
import { createNetwork, type Network } from '../api/http/network';
import type { ProxySettings } from '../api/http/types';

function proxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxyUrl = http.get<string>('proxy', '').trim();
  const noProxy = http.get<string[]>('noProxy', []);
  return {
    ...(proxyUrl ? { proxyUrl } : {}),
    ...(Array.isArray(noProxy) && noProxy.length > 0 ? { noProxy: noProxy.filter((n) => typeof n === 'string') } : {}),
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}

export class NetworkService extends DisposableOwner {
  private network: Network | undefined;
  private maxTimeoutMs: number | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires after the proxy settings changed and the clients were rebuilt: sources must be rebuilt too. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly userAgent: string,
    private readonly log: Logger,
    /** The extension's clock, for the sources' "now" and request signatures. */
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.network && (e.affectsConfiguration('http.proxy') || e.affectsConfiguration('http.noProxy') || e.affectsConfiguration('http.proxyStrictSSL'))) {
          this.log.info('Proxy settings changed; reconnecting.');
          this.reconnect();
        }
      }),
    );
  }

  /** Drops the clients; the sources are rebuilt on the next `get`. */
  private reconnect(): void {
    const old = this.network;
    this.network = undefined;
    void old?.close();
    this.changed.fire();
  }

  /**
   * For the integration tests only: no request waits longer than `ms` (undefined: the normal timeouts),
   * so that a latency spike beyond the timeout takes seconds to show. Reconnects.
   */
  setTestTimeout(ms: number | undefined): void {
    this.maxTimeoutMs = ms;
    this.reconnect();
  }

  get(): Network {
    if (!this.network) {
      const started = performance.now();
      this.network = createNetwork({
        createTransport: loadTransport(),
        userAgent: this.userAgent,
        proxy: proxySettings(),
        logger: this.log,
        now: this.now,
        ...(this.maxTimeoutMs !== undefined ? { maxTimeoutMs: this.maxTimeoutMs } : {}),
      });
      this.log.debug(`Network layer loaded in ${(performance.now() - started).toFixed(1)} ms.`);
    }
    return this.network;
  }

  override dispose(): void {
    void this.network?.close();
    this.network = undefined;
    super.dispose();
  }
}
