// Qwen Cloud sign-in as a VS Code AuthenticationProvider (it shows in the Accounts menu): device sign-in
// in the browser with progress and a cancel button, the token in SecretStorage, renewed before it
// expires, and sign-out.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { AUTH_PROVIDER_ID } from '../constants';
import type { Clock } from '../core/clock';
import { AuthError, hasKind } from '../core/errors';
import type { Logger } from '../core/logger';
import type { SettingsService } from '../config/settings';
import type { NetworkService } from '../account/networkService';
import type { Credentials } from '../api/gateway/deviceAuth';
import type { Secrets, StoredSession } from './secrets';

/** Renew this long before the token expires. */
const RENEW_BEFORE_MS = 5 * 60_000;
const CLIENT_ID_KEY = 'qwenCloud.clientId';

function toSession(stored: StoredSession): vscode.AuthenticationSession {
  return { id: stored.sessionId, accessToken: stored.accessToken, account: stored.account, scopes: [] };
}

export class QwenCloudAuth extends DisposableOwner implements vscode.AuthenticationProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changed.event;
  private renewal: Promise<StoredSession> | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private expiryWarned = false;

  constructor(
    private readonly secrets: Secrets,
    private readonly settings: SettingsService,
    private readonly network: NetworkService,
    private readonly globalState: vscode.Memento,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {
    super();
    this.register(vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Qwen Cloud', this, { supportsMultipleAccounts: false }));
    this.register(toDisposable(() => clearTimeout(this.renewTimer)));
  }

  /** A random id per installation, as the device flow asks for; not a secret. */
  private clientId(): string {
    let id = this.globalState.get<string>(CLIENT_ID_KEY);
    if (!id) {
      id = randomUUID();
      void this.globalState.update(CLIENT_ID_KEY, id);
    }
    return id;
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const stored = await this.secrets.getSession();
    return stored ? [toSession(stored)] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    return toSession(await this.signIn());
  }

  async removeSession(): Promise<void> {
    await this.signOut();
  }

  /** Runs the device sign-in with a progress notification that can be cancelled. */
  async signIn(): Promise<StoredSession> {
    const settings = this.settings.value;
    const credentials = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to Qwen Cloud'), cancellable: true },
      async (progress, cancellation) => {
        const abort = new AbortController();
        const subscription = cancellation.onCancellationRequested(() => abort.abort());
        try {
          const device = this.network.get().deviceAuth(settings.endpoints.auth, this.clientId());
          progress.report({ message: vscode.l10n.t('Asking for a sign-in code…') });
          const start = await device.start(abort.signal, () => this.clock.now());
          progress.report({ message: vscode.l10n.t('Approve the sign-in in your browser. Waiting…') });
          const opened = await vscode.env.openExternal(vscode.Uri.parse(start.verificationUrl));
          if (!opened) {
            const copy = vscode.l10n.t('Copy Link');
            void vscode.window.showInformationMessage(vscode.l10n.t('Open this link to approve the sign-in: {0}', start.verificationUrl), copy).then((choice) => {
              if (choice === copy) {
                void vscode.env.clipboard.writeText(start.verificationUrl);
              }
            });
          }
          return await device.waitForApproval(start, { signal: abort.signal, now: () => this.clock.now() });
        } finally {
          subscription.dispose();
        }
      },
    );
    const session = await this.store(credentials, randomUUID());
    this.log.info(`Signed in to Qwen Cloud as ${session.account.label}.`);
    this.changed.fire({ added: [toSession(session)], removed: [], changed: [] });
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Qwen Cloud as {0}.', session.account.label));
    return session;
  }

  private async store(credentials: Credentials, sessionId: string): Promise<StoredSession> {
    const label = credentials.user.email ?? credentials.user.aliyunId ?? vscode.l10n.t('Qwen Cloud account');
    const session: StoredSession = {
      accessToken: credentials.accessToken,
      ...(credentials.refreshToken ? { refreshToken: credentials.refreshToken } : {}),
      expiresAt: credentials.expiresAt,
      account: { id: credentials.user.id ?? label, label },
      sessionId,
    };
    await this.secrets.setSession(session);
    this.expiryWarned = false;
    this.scheduleRenewal(session);
    return session;
  }

  /** Ends the session here, and on the server when it answers. */
  async signOut(): Promise<void> {
    const stored = await this.secrets.getSession();
    if (!stored) {
      return;
    }
    clearTimeout(this.renewTimer);
    try {
      const source = this.network.get().qwenCloudSource(this.settings.value.endpoints.gateway, async () => stored.accessToken, { label: stored.account.label });
      await Promise.race([source.logout(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    } catch (error) {
      this.log.debug(`Sign-out on the server did not complete: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.secrets.deleteSession();
    this.log.info('Signed out of Qwen Cloud.');
    this.changed.fire({ added: [], removed: [toSession(stored)], changed: [] });
  }

  /** Starts the renewal timer for a session read at start-up. */
  async resume(): Promise<StoredSession | undefined> {
    const stored = await this.secrets.getSession();
    if (stored) {
      this.scheduleRenewal(stored);
    }
    return stored;
  }

  private scheduleRenewal(session: StoredSession): void {
    clearTimeout(this.renewTimer);
    if (!session.refreshToken) {
      return;
    }
    // Timers cannot wait longer than ~24.8 days; a later wake-up simply checks again.
    const wait = Math.min(2 ** 31 - 1, Math.max(0, session.expiresAt - RENEW_BEFORE_MS - this.clock.now()));
    this.renewTimer = setTimeout(() => {
      void this.accessToken().catch((error: unknown) => this.log.warn(`Renewing the session failed: ${error instanceof Error ? error.message : String(error)}`));
    }, wait);
  }

  /** Renews the token with the refresh token, once at a time. */
  private renew(stored: StoredSession): Promise<StoredSession> {
    this.renewal ??= (async () => {
      try {
        if (!stored.refreshToken) {
          throw new AuthError('The session cannot be renewed.');
        }
        const credentials = await this.network.get().deviceAuth(this.settings.value.endpoints.auth, this.clientId()).refresh(stored.refreshToken);
        const session = await this.store(credentials, stored.sessionId);
        this.log.info('Renewed the Qwen Cloud session.');
        this.changed.fire({ added: [], removed: [], changed: [toSession(session)] });
        return session;
      } finally {
        this.renewal = undefined;
      }
    })();
    return this.renewal;
  }

  /**
   * The gateway refused `refused` although it had not reached its expiry time (the server ended it): a
   * renewed token, or the newer one already stored; undefined when the session cannot be renewed.
   */
  async renewAfterRefusal(refused: string): Promise<string | undefined> {
    const stored = await this.secrets.getSession();
    if (!stored) {
      return undefined;
    }
    if (stored.accessToken !== refused) {
      return stored.accessToken;
    }
    if (!stored.refreshToken) {
      return undefined;
    }
    try {
      // Calls refused together share one renewal, and one line in the log.
      if (!this.renewal) {
        this.log.info('The gateway refused the session before its expiry; renewing it.');
      }
      return (await this.renew(stored)).accessToken;
    } catch (error) {
      this.log.warn(`Renewing the refused session failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * The access token for API calls. Within five minutes of expiry it is renewed first; when renewal is
   * refused, the current token is used until it expires, then the user is asked to sign in again.
   */
  async accessToken(): Promise<string> {
    const stored = await this.secrets.getSession();
    if (!stored) {
      throw new AuthError('Not signed in to Qwen Cloud.');
    }
    const now = this.clock.now();
    if (stored.expiresAt - now > RENEW_BEFORE_MS) {
      return stored.accessToken;
    }
    try {
      return (await this.renew(stored)).accessToken;
    } catch (error) {
      if (hasKind(error, 'cancelled')) {
        throw error;
      }
      if (stored.expiresAt > now) {
        this.warnExpiry();
        return stored.accessToken;
      }
      throw new AuthError('The Qwen Cloud session has expired. Sign in again.');
    }
  }

  private warnExpiry(): void {
    if (this.expiryWarned) {
      return;
    }
    this.expiryWarned = true;
    const signIn = vscode.l10n.t('Sign In');
    void vscode.window.showWarningMessage(vscode.l10n.t('Your Qwen Cloud session ends in a few minutes and could not be renewed.'), signIn).then((choice) => {
      if (choice === signIn) {
        void this.signIn().catch((e: unknown) => this.log.warn(`Sign-in failed: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }
}
