// The simulated account and the simulator's own clock. The data comes from the same generator as the
// demo account; what tests change (time, usage, keys, limit, faults) lives here.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DemoAccount, type DemoSpec, DEFAULT_DEMO_SPEC } from '../../src/api/demo/demoAccount';
import { DemoSource, emptyDemoState } from '../../src/api/demo/demoSource';
import { type Clock, systemClock } from '../../src/core/common/clock';
import type { FullCodingPlan, QuotaWindowKind, TokenPlan, TokenPlanEdition } from '../../src/core/account/model';
import { FaultSet } from './faults';

/** The AccessKey pair the simulator accepts out of the box. Fake, for tests only. */
export const SIMULATOR_ACCESS_KEY = { id: 'LTAI5tSimulatorFakeKey01', secret: 'SimulatorFakeSecret0123456789abcd' } as const;

export const SIMULATOR_USER = { Id: 5550123, Email: 'developer@example.com', AliyunId: 'developer@example.com' } as const;

export interface DeviceSession {
  readonly token: string;
  readonly clientId: string;
  readonly challenge?: string;
  readonly code: string;
  readonly expiresAt: number;
  intervalSec: number;
  status: 'pending' | 'approved' | 'denied';
  lastPollAt?: number;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly refreshToken: string;
  expiresAt: number;
}

export interface RequestRecord {
  readonly at: number;
  readonly route: string;
  readonly status: number;
  /** What the client sent: a gateway call's params (with an envelope's reqDTO), an OpenAPI query. */
  readonly sent?: Readonly<Record<string, unknown>>;
}

export class SimulatorState implements Clock {
  /** Added to the base clock: tests move time (and skew it) with it. */
  clockOffsetMs = 0;
  usageOverride: Partial<Record<QuotaWindowKind, number>> = {};
  hasCodingPlan = true;
  /** The Token Plan the account holds, of which edition; none by default (the README's account). */
  tokenPlanEdition: TokenPlanEdition | undefined = undefined;
  /** The credits' used share (0-1), when a test sets it. */
  creditsOverride: number | undefined = undefined;
  /** Whether the (unverified) spending-limit write action is known to the backend. */
  limitWritable = false;
  tokenLifetimeMs = 2 * 60 * 60_000;
  deviceExpiresInSec = 600;
  deviceIntervalSec = 1;
  /** Sent as the sign-in's VerificationUrl instead of the approval page (to test links the client must refuse). */
  verificationUrlOverride: string | undefined = undefined;
  readonly faults = new FaultSet();
  readonly devices = new Map<string, DeviceSession>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly accessKeys = new Map<string, string>([[SIMULATOR_ACCESS_KEY.id, SIMULATOR_ACCESS_KEY.secret]]);
  readonly requests: RequestRecord[] = [];
  /** Signature nonces seen in the last 15 minutes: a replayed request is refused. */
  readonly nonces = new Map<string, number>();
  account: DemoAccount;
  source: DemoSource;

  /** `base`: the time before any test moves it; the same clock the extension under test reads. */
  constructor(
    spec: DemoSpec = DEFAULT_DEMO_SPEC,
    readonly base: Clock = systemClock,
  ) {
    this.account = new DemoAccount(spec);
    this.source = new DemoSource(this.account, this, emptyDemoState());
  }

  now(): number {
    return this.base.now() + this.clockOffsetMs;
  }

  /** A bigger or different account (load tests); keeps time and faults. */
  setSpec(spec: DemoSpec): void {
    this.account = new DemoAccount(spec);
    this.source = new DemoSource(this.account, this, emptyDemoState());
  }

  codingPlan(): FullCodingPlan | null {
    return this.hasCodingPlan ? this.account.codingPlan(this.now(), this.usageOverride) : null;
  }

  tokenPlan(): TokenPlan | null {
    return this.tokenPlanEdition ? this.account.tokenPlan(this.tokenPlanEdition, this.now(), this.creditsOverride) : null;
  }

  record(route: string, status: number, sent?: Readonly<Record<string, unknown>>): void {
    this.requests.push({ at: Date.now(), route, status, ...(sent ? { sent } : {}) });
    if (this.requests.length > 20_000) {
      this.requests.splice(0, this.requests.length - 20_000);
    }
  }

  startDevice(clientId: string, challenge: string | undefined): DeviceSession {
    const session: DeviceSession = {
      token: randomBytes(24).toString('base64url'),
      clientId,
      ...(challenge ? { challenge } : {}),
      code: randomUUID().slice(0, 8).toUpperCase(),
      expiresAt: this.now() + this.deviceExpiresInSec * 1000,
      intervalSec: this.deviceIntervalSec,
      status: 'pending',
    };
    this.devices.set(session.token, session);
    return session;
  }

  /** The newest pending sign-in, or the one with this code. */
  pendingDevice(code?: string): DeviceSession | undefined {
    return [...this.devices.values()].reverse().find((d) => d.status === 'pending' && (code === undefined || d.code === code));
  }

  issueToken(): IssuedToken {
    const token: IssuedToken = {
      accessToken: `qc-at-${randomBytes(24).toString('base64url')}`,
      refreshToken: `qc-rt-${randomBytes(24).toString('base64url')}`,
      expiresAt: this.now() + this.tokenLifetimeMs,
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** The token behind a bearer value, when it is known and not expired. */
  validToken(bearer: string | undefined): IssuedToken | undefined {
    const token = bearer ? this.tokens.get(bearer) : undefined;
    return token && token.expiresAt > this.now() ? token : undefined;
  }

  expireAllTokens(): void {
    for (const token of this.tokens.values()) {
      token.expiresAt = this.now() - 1;
    }
  }
}

export function verifierMatches(challenge: string, verifier: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
