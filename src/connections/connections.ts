// Decides which accounts are connected and hands the store a router: the signed-in Qwen Cloud account
// and/or the AccessKey, or the demo account while neither is. Rebuilt when credentials, endpoints or
// proxy settings change; the network bundle is loaded only when a real credential exists.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { DisposableOwner } from '../common/lifecycle';
import { ContextKeys } from '../constants';
import { AccountRouter, type AccountSource } from '../core/account/source';
import { authReasonOf, hasKind } from '../core/account/errors';
import type { Logger } from '../core/common/logger';
import type { AccountStore } from '../core/account/store';
import type { Settings, SettingsService } from '../config/settings';
import type { QwenCloudAuth } from '../auth/qwenCloudAuth';
import { accessKeyEndpoints } from '../auth/accessKeyCommands';
import type { Secrets } from '../auth/secrets';
import type { NetworkService } from './networkService';

/** Settings that change where requests go: a change rebuilds the sources. */
function connectionKey(settings: Settings): string {
  return JSON.stringify([settings.endpoints, settings.site, settings.gatewayActions]);
}

export class AccountConnections extends DisposableOwner {
  private building: Promise<void> | undefined;
  private again = false;
  private lastKey: string;
  /** What the current router was built from; a rebuild from the same credentials changes nothing. */
  private identity: string | undefined;
  private networkGeneration = 0;

  constructor(
    private readonly store: AccountStore,
    private readonly demo: AccountSource,
    private readonly auth: QwenCloudAuth,
    private readonly secrets: Secrets,
    private readonly settings: SettingsService,
    private readonly network: NetworkService,
    private readonly log: Logger,
  ) {
    super();
    this.lastKey = connectionKey(settings.value);
    // A refused session shows as "sign in again" in every view; the sign-in says it once, with a button.
    this.register(
      store.onDidChange((key) => {
        const error = store.get(key).error;
        if (error && hasKind(error, 'auth') && authReasonOf(error) === 'session') {
          void auth.sessionRefused().catch((e: unknown) => log.warn(`Reading the refused session failed: ${e instanceof Error ? e.message : String(e)}`));
        }
      }),
    );
    this.register(auth.onDidChangeSessions(() => void this.rebuild()));
    this.register(secrets.onDidChange(() => void this.rebuild()));
    this.register(
      network.onDidChange(() => {
        this.networkGeneration++;
        void this.rebuild();
      }),
    );
    this.register(
      settings.onDidChange(({ value }) => {
        const key = connectionKey(value);
        if (key !== this.lastKey) {
          this.lastKey = key;
          void this.rebuild();
        }
      }),
    );
  }

  /** Reads the credentials and switches the store to the matching sources; runs again if asked while running. */
  rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = (async () => {
      do {
        this.again = false;
        await this.build();
      } while (this.again);
    })().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build(): Promise<void> {
    const real: AccountSource[] = [];
    const settings = this.settings.value;
    try {
      const session = await this.auth.resume();
      const accessKey = await this.secrets.getAccessKey();
      // Our own secret writes must not reset what is shown: same account, same sources.
      const identity = JSON.stringify([session?.sessionId, accessKey?.accessKeyId, accessKey ? createHash('sha256').update(accessKey.accessKeySecret).digest('hex').slice(0, 16) : undefined, this.lastKey, this.networkGeneration]);
      if (identity === this.identity) {
        return;
      }
      this.identity = identity;
      if (session) {
        // The user's id finds their own seat in a Token Plan Team (matched against each seat's member).
        real.push(
          this.network.get().qwenCloudSource(settings.endpoints.gateway, () => this.auth.accessToken(), { label: session.account.label, actions: settings.gatewayActions, userId: session.account.id }),
        );
      }
      if (accessKey) {
        real.push(this.network.get().accessKeySource(accessKey, { label: vscode.l10n.t('AccessKey {0}', `${accessKey.accessKeyId.slice(0, 4)}…${accessKey.accessKeyId.slice(-4)}`), endpoints: accessKeyEndpoints(this.settings), logger: this.log }));
      }
    } catch (error) {
      this.log.error('Connecting the stored accounts failed; showing the demo account', error);
      this.identity = undefined;
      real.length = 0;
    }
    const router = new AccountRouter(real, this.demo);
    this.store.setRouter(router);
    const kinds = new Set(real.map((s) => s.info.kind));
    await Promise.all([
      vscode.commands.executeCommand('setContext', ContextKeys.isDemo, router.isDemo),
      vscode.commands.executeCommand('setContext', ContextKeys.signedIn, kinds.has('qwenCloud')),
      vscode.commands.executeCommand('setContext', ContextKeys.hasAccessKey, kinds.has('accessKey')),
    ]);
    this.log.info(`Accounts: ${router.isDemo ? 'the demo account' : real.map((s) => s.info.kind).join(' + ')}.`);
  }
}
