// Qwen Cloud sign-in as a VS Code AuthenticationProvider (it shows in the Accounts menu): device sign-in
// in the browser with progress and a cancel button, the token in SecretStorage until its expiry, and
// sign-out. As with the public CLI there is no renewal: the user is told once before the session ends
// and once when it has ended (expired, or refused by the gateway), with a button to sign in again.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { AUTH_PROVIDER_ID, Commands, StateKeys } from '../constants';
import type { Clock } from '../core/common/clock';
import { AuthError } from '../core/account/errors';
import { formatTime } from '../core/common/format';
import type { Logger } from '../core/common/logger';
import { type SessionNotice, SessionNotices } from '../core/account/sessionNotices';
import type { SettingsService } from '../config/settings';
import type { NetworkService } from '../connections/networkService';
import type { Credentials } from '../api/gateway/deviceAuth';
import type { Secrets, StoredSession } from './secrets';


function toSession(stored: StoredSession): vscode.AuthenticationSession {
  return { id: stored.sessionId, accessToken: stored.accessToken, account: stored.account, scopes: [] };
}

export class QwenCloudAuth extends DisposableOwner implements vscode.AuthenticationProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changed.event;
  private readonly notices = new SessionNotices();
  private noticeTimer: NodeJS.Timeout | undefined;

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
    this.register(toDisposable(() => clearTimeout(this.noticeTimer)));
  }

  /** A random id per installation, as the device flow asks for; not a secret. */
  private clientId(): string {
    let id = this.globalState.get<string>(StateKeys.clientId);
    if (!id) {
      id = randomUUID();
      void this.globalState.update(StateKeys.clientId, id);
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
    const session = await this.store(credentials);
    this.log.info(`Signed in to Qwen Cloud as ${session.account.label}.`);
    this.changed.fire({ added: [toSession(session)], removed: [], changed: [] });
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Qwen Cloud as {0}.', session.account.label));
    return session;
  }

  /** A new session id each time, so nothing said about an earlier session carries over. */
  private async store(credentials: Credentials): Promise<StoredSession> {
    const label = credentials.user.email ?? credentials.user.aliyunId ?? vscode.l10n.t('Qwen Cloud account');
    const session: StoredSession = {
      accessToken: credentials.accessToken,
      expiresAt: credentials.expiresAt,
      account: { id: credentials.user.id ?? label, label },
      sessionId: randomUUID(),
    };
    await this.secrets.setSession(session);
    this.watch(session);
    return session;
  }

  /** Ends the session here, and on the server when it answers. */
  async signOut(): Promise<void> {
    const stored = await this.secrets.getSession();
    if (!stored) {
      return;
    }
    clearTimeout(this.noticeTimer);
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

  /** Reads the stored session and watches its expiry (at start-up, and whenever the credentials change). */
  async resume(): Promise<StoredSession | undefined> {
    const stored = await this.secrets.getSession();
    if (stored) {
      this.watch(stored);
    } else {
      clearTimeout(this.noticeTimer);
    }
    return stored;
  }

  /** Says what the clock calls for now, and sets a timer for the next notice ("ends soon", then "ended"). */
  private watch(session: StoredSession): void {
    clearTimeout(this.noticeTimer);
    this.noticeTimer = undefined;
    const now = this.clock.now();
    const due = this.notices.due(session, now);
    if (due) {
      this.say(due, session);
    }
    const wait = this.notices.nextCheckIn(session, now);
    if (wait !== undefined) {
      // Read again when it fires: the session may have been replaced or removed meanwhile.
      this.noticeTimer = setTimeout(() => {
        void this.resume().catch((error: unknown) => this.log.warn(`Checking the session's expiry failed: ${error instanceof Error ? error.message : String(error)}`));
      }, wait);
    }
  }

  /**
   * The gateway refused the session's token (it ended before its expiry time, or was signed out
   * elsewhere): says so once. The token is kept: if the server takes it again, the data comes back.
   */
  async sessionRefused(): Promise<void> {
    const stored = await this.secrets.getSession();
    if (stored && this.notices.refused(stored.sessionId)) {
      this.log.info('Qwen Cloud refused the session\'s token; asking to sign in again.');
      this.say('ended', stored);
    }
  }

  /** The access token for API calls, until its expiry; after it, an AuthError without any request. */
  async accessToken(): Promise<string> {
    const stored = await this.secrets.getSession();
    if (!stored) {
      throw new AuthError('Not signed in to Qwen Cloud.');
    }
    const now = this.clock.now();
    if (now >= stored.expiresAt) {
      if (this.notices.due(stored, now)) {
        this.say('ended', stored);
      }
      throw new AuthError('The Qwen Cloud session has expired. Sign in again.');
    }
    return stored.accessToken;
  }

  private say(notice: SessionNotice, session: StoredSession): void {
    const message =
      notice === 'ended'
        ? vscode.l10n.t('Your Qwen Cloud session has ended. Sign in again to keep seeing your account.')
        : vscode.l10n.t('Your Qwen Cloud session ends at {0}. Sign in again to keep seeing your account.', formatTime(session.expiresAt, this.clock.now(), vscode.env.language));
    this.log.info(notice === 'ended' ? 'The Qwen Cloud session has ended.' : `The Qwen Cloud session ends at ${new Date(session.expiresAt).toISOString()}.`);
    const signIn = vscode.l10n.t('Sign In');
    void vscode.window.showWarningMessage(message, signIn).then((choice) => {
      if (choice === signIn) {
        void vscode.commands.executeCommand(Commands.signIn);
      }
    });
  }
}
