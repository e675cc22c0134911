// The one home of what the extension keeps in SecretStorage, read back defensively: a value that does not
// parse is treated as absent (and reported), never half-used.
import type * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';

export const SecretKeys = {
  qwenCloudSession: 'qwenCloud.session',
  accessKey: 'qwenCloud.accessKey',
} as const;

export interface StoredSession {
  readonly accessToken: string;
  /**
   * Never kept: there is no renewal. Sessions stored by earlier versions may hold one; it is masked in
   * logs, never handed out, and dropped on the next write.
   */
  readonly refreshToken?: never;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly account: { readonly id: string; readonly label: string };
  readonly sessionId: string;
}

/** What a stored session may hold, including an earlier version's refresh token. */
type StoredSessionRecord = Omit<StoredSession, 'refreshToken'> & { readonly refreshToken?: string };

export interface StoredAccessKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

function isSession(value: unknown): value is StoredSessionRecord {
  const v = value as Partial<StoredSessionRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accessToken === 'string' &&
    v.accessToken.length > 0 &&
    typeof v.expiresAt === 'number' &&
    typeof v.sessionId === 'string' &&
    typeof v.account?.id === 'string' &&
    typeof v.account.label === 'string' &&
    (v.refreshToken === undefined || typeof v.refreshToken === 'string')
  );
}

function isAccessKey(value: unknown): value is StoredAccessKey {
  const v = value as Partial<StoredAccessKey> | null;
  return typeof v === 'object' && v !== null && typeof v.accessKeyId === 'string' && typeof v.accessKeySecret === 'string' && v.accessKeySecret.length > 0;
}

export class Secrets {
  /** Fires when one of our secrets changed, here or in another window. */
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly log: Logger,
    private readonly remember: (secret: string) => void,
  ) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      storage.onDidChange((e) => {
        if (e.key === SecretKeys.qwenCloudSession || e.key === SecretKeys.accessKey) {
          listener.call(thisArgs, e);
        }
      }, undefined, disposables);
  }

  private async read<T>(key: string, guard: (v: unknown) => v is T): Promise<T | undefined> {
    const raw = await this.storage.get(key);
    if (raw === undefined) {
      return undefined;
    }
    try {
      const value = JSON.parse(raw) as unknown;
      if (guard(value)) {
        return value;
      }
    } catch {
      // fall through
    }
    this.log.warn(`The stored ${key} could not be read; it is ignored.`);
    return undefined;
  }

  async getSession(): Promise<StoredSession | undefined> {
    const record = await this.read(SecretKeys.qwenCloudSession, isSession);
    if (!record) {
      return undefined;
    }
    const { refreshToken, ...session } = record;
    this.remember(session.accessToken);
    if (refreshToken) {
      this.remember(refreshToken);
    }
    return session;
  }

  /** Writes only the fields a session has now, so an old refresh token is gone after the next sign-in. */
  async setSession(session: StoredSession): Promise<void> {
    this.remember(session.accessToken);
    const { accessToken, expiresAt, account, sessionId } = session;
    await this.storage.store(SecretKeys.qwenCloudSession, JSON.stringify({ accessToken, expiresAt, account: { id: account.id, label: account.label }, sessionId }));
  }

  async deleteSession(): Promise<void> {
    await this.storage.delete(SecretKeys.qwenCloudSession);
  }

  async getAccessKey(): Promise<StoredAccessKey | undefined> {
    const key = await this.read(SecretKeys.accessKey, isAccessKey);
    if (key) {
      this.remember(key.accessKeySecret);
    }
    return key;
  }

  async setAccessKey(key: StoredAccessKey): Promise<void> {
    this.remember(key.accessKeySecret);
    await this.storage.store(SecretKeys.accessKey, JSON.stringify(key));
  }

  async deleteAccessKey(): Promise<void> {
    await this.storage.delete(SecretKeys.accessKey);
  }
}
