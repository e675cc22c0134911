// When to tell the user that their Qwen Cloud session is about to end, or has ended. A session cannot be
// renewed (the service has no refresh endpoint), so the only fix is signing in again: each notice is said
// once per session, never once per failing call or poll. A new sign-in is a new session and starts over.
import { clampDelay } from '../common/timers';

/** Warn this long before the session's expiry. */
export const WARN_BEFORE_END_MS = 30 * 60_000;

export type SessionNotice = 'endsSoon' | 'ended';

export interface SessionTimes {
  readonly sessionId: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export class SessionNotices {
  private sessionId: string | undefined;
  private readonly said = new Set<SessionNotice>();

  constructor(private readonly warnBeforeMs: number = WARN_BEFORE_END_MS) {}

  /** The notice the clock calls for at `now`, when it was not said yet for this session (it counts as said). */
  due(session: SessionTimes, now: number): SessionNotice | undefined {
    const notice = now >= session.expiresAt ? 'ended' : now >= session.expiresAt - this.warnBeforeMs ? 'endsSoon' : undefined;
    return notice && this.take(session.sessionId, notice) ? notice : undefined;
  }

  /** The server refused the session's token: true the first time, when 'ended' is to be said. */
  refused(sessionId: string): boolean {
    // Said once per session: calls refused together, or a refusal right after a moment the token worked
    // (requests in flight finish late), must not say it again and again. A new sign-in starts over.
    return this.take(sessionId, 'ended');
  }

  /** How long until the clock calls for the next notice (at most MAX_TIMER_MS: a later one is checked again then); undefined when none is left. */
  nextCheckIn(session: SessionTimes, now: number): number | undefined {
    this.follow(session.sessionId);
    if (this.said.has('ended')) {
      return undefined;
    }
    const warnAt = session.expiresAt - this.warnBeforeMs;
    const at = this.said.has('endsSoon') || now >= warnAt ? session.expiresAt : warnAt;
    return clampDelay(at - now);
  }

  private take(sessionId: string, notice: SessionNotice): boolean {
    this.follow(sessionId);
    // Once it has ended, "ends soon" has nothing to add.
    if (this.said.has(notice) || (notice === 'endsSoon' && this.said.has('ended'))) {
      return false;
    }
    this.said.add(notice);
    return true;
  }

  /** Another session (a new sign-in, here or in another window): nothing said about it yet. */
  private follow(sessionId: string): void {
    if (sessionId !== this.sessionId) {
      this.sessionId = sessionId;
      this.said.clear();
    }
  }
}
