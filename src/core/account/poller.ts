// Runs a refresh on an interval while the extension is "active" (a VS Code window is focused and data is
// shown), backs off exponentially on failure and honours the server's Retry-After (up to an hour). A
// window regaining focus during a back-off resumes the wait rather than asking again. Timers and the
// clock are injected.
import { type Clock, systemClock } from '../common/clock';
import { clampDelay } from '../common/timers';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TickOutcome {
  readonly ok: boolean;
  readonly retryAfterMs?: number;
}

export interface PollerOptions {
  intervalMs: number;
  /** Backoff never waits longer than this (unless the server asks for longer). */
  maxBackoffMs: number;
  /** The first wait after a failure is at least this long (default 30 s); the integration tests shorten it. */
  minBackoffMs?: number;
}

export const DEFAULT_MIN_BACKOFF_MS = 30_000;

/** The longest Retry-After the poller waits for: a server asking for more is asked again after this, not sooner. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export class Poller {
  private handle: unknown;
  private active = false;
  private running = false;
  private failures = 0;
  private disposed = false;
  /** When the wait after the last failure ends; undefined after a success. */
  private backoffUntil: number | undefined;

  constructor(
    private readonly tick: () => Promise<TickOutcome>,
    private options: PollerOptions,
    private readonly timers: Timers = systemTimers,
    /** Must run at the timers' pace: it measures how much of a back-off is left. */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The delay before the next tick after `failures` failures in a row: the interval when all is well;
   * after a failure, a quarter of it (at least `minBackoffMs`, 30 s by default), doubling per failure up to
   * `maxBackoffMs`. A server's Retry-After wins when it asks for longer, up to `MAX_RETRY_AFTER_MS`.
   */
  static delayAfter(failures: number, options: PollerOptions, retryAfterMs?: number): number {
    const base =
      failures === 0
        ? options.intervalMs
        : Math.min(options.maxBackoffMs, Math.max(options.minBackoffMs ?? DEFAULT_MIN_BACKOFF_MS, options.intervalMs / 4) * 2 ** (failures - 1));
    return clampDelay(Math.max(base, Math.min(MAX_RETRY_AFTER_MS, clampDelay(retryAfterMs ?? 0))));
  }

  setOptions(options: PollerOptions): void {
    this.options = options;
    if (this.active && !this.running) {
      this.schedule(Poller.delayAfter(this.failures, this.options));
    }
  }

  /**
   * Starts polling (with a tick now when `tickNow`) or stops it. While the wait after a failure is still
   * running, starting again resumes what is left of it: refocusing a window must not skip the back-off.
   */
  setActive(active: boolean, tickNow = active): void {
    if (this.disposed) {
      return;
    }
    this.active = active;
    if (!active) {
      this.cancel();
      return;
    }
    const backoffLeft = this.backoffUntil === undefined ? 0 : this.backoffUntil - this.clock.now();
    if (backoffLeft > 0) {
      if (!this.running) {
        this.schedule(backoffLeft);
      }
    } else if (tickNow) {
      void this.run();
    } else if (this.handle === undefined && !this.running) {
      this.schedule(Poller.delayAfter(this.failures, this.options));
    }
  }

  /**
   * Something the ticks do not cover failed (a view's own read): back off from now as after a failed tick,
   * so the next tick, which retries it, comes after the back-off rather than a whole interval later.
   */
  reportFailure(retryAfterMs?: number): void {
    if (this.disposed) {
      return;
    }
    this.failures++;
    const delay = Poller.delayAfter(this.failures, this.options, retryAfterMs);
    this.backoffUntil = this.clock.now() + delay;
    if (this.active && !this.running) {
      this.schedule(delay);
    }
  }

  /** Runs a tick now (for example after the user asks to refresh) and restarts the interval. */
  async runNow(): Promise<void> {
    await this.run();
  }

  private async run(): Promise<void> {
    if (this.running || this.disposed) {
      return;
    }
    this.cancel();
    this.running = true;
    let outcome: TickOutcome;
    try {
      outcome = await this.tick();
    } catch {
      outcome = { ok: false };
    } finally {
      this.running = false;
    }
    this.failures = outcome.ok ? 0 : this.failures + 1;
    const delay = Poller.delayAfter(this.failures, this.options, outcome.retryAfterMs);
    this.backoffUntil = outcome.ok ? undefined : this.clock.now() + delay;
    if (this.active && !this.disposed) {
      this.schedule(delay);
    }
  }

  private schedule(ms: number): void {
    this.cancel();
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      void this.run();
    }, clampDelay(ms));
  }

  private cancel(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
      this.handle = undefined;
    }
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}
