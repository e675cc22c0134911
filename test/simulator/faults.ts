// Faults the simulator can inject, each matched against a request's route and applied a number of times
// (or until cleared). Tests switch them through the control API over real sockets.

export type FaultKind =
  /** Delay the answer by `ms`. */
  | 'latency'
  /** Answer with HTTP `status` (default 503) and a JSON error body. */
  | 'status'
  /** HTTP 429 with Retry-After `retryAfterSec` (default 2). */
  | 'rateLimit'
  /** A 200 whose body is not JSON. */
  | 'malformed'
  /** A 200 whose JSON body stops half-way (the declared length is honest about what is sent). */
  | 'truncated'
  /** Headers are sent, then the connection is destroyed mid-body. */
  | 'reset'
  /** The bearer token is refused as expired / not logged in. */
  | 'expiredToken'
  /** The action is answered as unknown. */
  | 'unknownAction'
  /**
   * Answered with exactly `body` (and `status`, default 200), after the token or signature is checked:
   * the contract tests serve a reference's documented answer through the real sockets this way.
   */
  | 'answer';

export interface FaultRule {
  readonly kind: FaultKind;
  /** Matches the route id ("gateway:BssOpenAPI-V3/QueryOrderList", "openapi:ListApiKeys", "device:token"); a substring or /regex/. Absent: every data route. */
  readonly match?: string;
  /** How many matching requests it applies to; absent: until cleared. */
  readonly count?: number;
  readonly ms?: number;
  readonly status?: number;
  readonly retryAfterSec?: number;
  /** For `answer`: the JSON body to send. */
  readonly body?: unknown;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

function matches(rule: FaultRule, route: string): boolean {
  if (rule.match === undefined) {
    return !route.startsWith('control:') && !route.startsWith('page:');
  }
  if (rule.match.startsWith('/') && rule.match.endsWith('/') && rule.match.length > 2) {
    return new RegExp(rule.match.slice(1, -1)).test(route);
  }
  return route.includes(rule.match);
}

export class FaultSet {
  private rules: ActiveRule[] = [];

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, remaining: rule.count ?? Number.POSITIVE_INFINITY }));
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.count ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The faults to apply to this request (at most one of each kind), counting them down. */
  take(route: string): FaultRule[] {
    const taken: FaultRule[] = [];
    for (const active of this.rules) {
      if (active.remaining > 0 && matches(active.rule, route) && !taken.some((t) => t.kind === active.rule.kind)) {
        active.remaining--;
        taken.push(active.rule);
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return taken;
  }

  list(): { rule: FaultRule; remaining: number | null }[] {
    return this.rules.map((r) => ({ rule: r.rule, remaining: Number.isFinite(r.remaining) ? r.remaining : null }));
  }
}
