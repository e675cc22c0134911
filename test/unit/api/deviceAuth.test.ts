// Device sign-in end to end against the simulator: approve, deny, cancel, expiry, slow down, polling on
// through failures with widening waits, which verification links may be opened, and no refresh token.
import * as assert from 'node:assert/strict';
import { isSafeVerificationUrl, jitterWindowMs, parseExpiry, type WaitOptions } from '../../../src/api/gateway/deviceAuth';
import type { FaultRule } from '../../simulator/faults';
import { useSimulator } from './simulatorFixture';

describe('device sign-in against the simulator', () => {
  const fx = useSimulator();
  const client = () => fx.network.deviceAuth(fx.sim.url, 'c0ffee00-0000-4000-8000-000000000001');
  const fast = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20))) };

  beforeEach(() => {
    fx.sim.state.deviceIntervalSec = 0;
    fx.sim.state.deviceExpiresInSec = 600;
    fx.sim.state.verificationUrlOverride = undefined;
  });

  /**
   * Waits that take no real time: the simulator's clock moves on by each wait instead (so it sees polls
   * at the pace asked), with the jitter fixed at its middle. `beforePoll(n)` runs after the n-th wait.
   */
  function simulatedWaits(beforePoll: (n: number) => void = () => undefined): { sleeps: number[]; options: WaitOptions } {
    const sleeps: number[] = [];
    return {
      sleeps,
      options: {
        now: () => fx.sim.state.now(),
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
          fx.sim.state.clockOffsetMs += ms;
          beforePoll(sleeps.length);
        },
      },
    };
  }
  const startSimulated = () => client().start(undefined, () => fx.sim.state.now());
  const tokenPolls = (from: number) => fx.sim.state.requests.slice(from).filter((r) => r.route === 'device:token').map((r) => r.status);
  const approve = () => {
    fx.sim.state.pendingDevice()!.status = 'approved';
  };

  it('signs in once the user approves in the browser, with PKCE', async () => {
    const auth = client();
    const start = await auth.start();
    assert.match(start.verificationUrl, /\/device\?code=[A-Z0-9]{8}$/);
    assert.equal(start.intervalMs, 5_000, 'an interval of 0 means the default 5 s');
    setTimeout(() => {
      fx.sim.state.pendingDevice()!.status = 'approved';
    }, 60);
    const credentials = await auth.waitForApproval(start, fast);
    assert.match(credentials.accessToken, /^qc-at-/);
    const sentRefreshToken = fx.sim.state.tokens.get(credentials.accessToken)?.refreshToken;
    assert.ok(sentRefreshToken, 'the server sent a refresh token');
    assert.deepEqual(Object.keys(credentials).sort(), ['accessToken', 'expiresAt', 'user'], 'and it was not kept');
    assert.ok(!JSON.stringify(credentials).includes(sentRefreshToken));
    assert.ok(credentials.expiresAt > Date.now());
    assert.equal(credentials.user.email, 'developer@example.com');
    assert.ok(fx.sim.state.validToken(credentials.accessToken), 'the server knows the token');
  });

  it('rejects a poll whose code verifier does not match the challenge', async () => {
    const auth = client();
    const start = await auth.start();
    fx.sim.state.pendingDevice()!.status = 'approved';
    await assert.rejects(auth.poll({ ...start, codeVerifier: 'wrong' }), { kind: 'auth' });
  });

  it('stops when the user denies', async () => {
    const auth = client();
    const start = await auth.start();
    fx.sim.state.pendingDevice()!.status = 'denied';
    await assert.rejects(auth.waitForApproval(start, fast), { kind: 'auth', message: /denied/ });
  });

  it('stops at the code\'s expiry', async () => {
    fx.sim.state.deviceExpiresInSec = 1;
    const auth = client();
    const start = await auth.start();
    await assert.rejects(auth.waitForApproval(start, { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 300))) }), { kind: 'auth', message: /expired/ });
  });

  it('can be cancelled while waiting', async () => {
    const auth = client();
    const start = await auth.start();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    await assert.rejects(auth.waitForApproval(start, { signal: abort.signal }), { kind: 'cancelled' });
  });

  it('slows down when the server asks', async () => {
    fx.sim.state.deviceIntervalSec = 1;
    const auth = client();
    const start = await auth.start();
    await auth.poll(start);
    assert.deepEqual(await auth.poll(start), { status: 'slowDown' }, 'a second poll too soon');
  });

  it('keeps polling through a 5xx, a 429, a dropped connection and a non-JSON answer, then completes once approved', async () => {
    const start = await startSimulated();
    const from = fx.sim.state.requests.length;
    const failures: FaultRule[] = [{ kind: 'status', status: 503 }, { kind: 'rateLimit', retryAfterSec: 1 }, { kind: 'reset' }, { kind: 'malformed' }];
    const waits = simulatedWaits((n) => {
      const fault = failures[n - 1];
      if (fault) {
        fx.sim.state.faults.add({ ...fault, match: 'device:token', count: 1 });
      } else if (n === failures.length + 1) {
        approve();
      }
    });
    const credentials = await client().waitForApproval(start, waits.options);
    assert.ok(fx.sim.state.validToken(credentials.accessToken));
    assert.deepEqual(tokenPolls(from), [503, 429, 200, 200, 200], 'four failed polls, then the one that completed');
  });

  it('widens the wait with each failure in a row (to interval + 30 s at most), and narrows it after an answer', async () => {
    const start = await startSimulated();
    assert.equal(start.intervalMs, 5_000);
    fx.sim.state.faults.add({ kind: 'status', status: 503, match: 'device:token', count: 4 });
    const waits = simulatedWaits((n) => {
      if (n === 6) {
        fx.sim.state.faults.add({ kind: 'status', status: 502, match: 'device:token', count: 1 });
      } else if (n === 7) {
        approve();
      }
    });
    await client().waitForApproval(start, waits.options);
    // interval + half the window: 1 s normally, then interval x2, x4, x8 capped at 30 s; an answer resets it.
    assert.deepEqual(waits.sleeps, [5_500, 10_000, 15_000, 20_000, 20_000, 5_500, 10_000]);
    assert.deepEqual([0, 1, 2, 3, 4, 9].map((n) => jitterWindowMs(1_000, n)), [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('waits at least as long as a 429 asks, but not past the code\'s expiry', async () => {
    fx.sim.state.deviceIntervalSec = 1;
    fx.sim.state.faults.add({ kind: 'rateLimit', retryAfterSec: 20, match: 'device:token', count: 1 });
    const waits = simulatedWaits((n) => {
      if (n === 2) {
        approve();
      }
    });
    await client().waitForApproval(await startSimulated(), waits.options);
    assert.deepEqual(waits.sleeps, [1_500, 20_000]);

    fx.sim.state.deviceExpiresInSec = 10;
    fx.sim.state.faults.add({ kind: 'rateLimit', retryAfterSec: 60, match: 'device:token', count: 1 });
    const bounded = simulatedWaits();
    await assert.rejects(client().waitForApproval(await startSimulated(), bounded.options), { kind: 'auth', message: /expired/ });
    assert.equal(bounded.sleeps.length, 2);
    assert.ok(Math.abs(bounded.sleeps[1]! - 8_500) < 200, `waited until the expiry, not 60 s: ${bounded.sleeps[1]}`);
  });

  it('still stops when the server refuses a poll while waiting (a wrong code verifier)', async () => {
    const start = await startSimulated();
    approve();
    const waits = simulatedWaits();
    await assert.rejects(client().waitForApproval({ ...start, codeVerifier: 'wrong' }, waits.options), { kind: 'auth', message: /invalid_grant/ });
    assert.equal(waits.sleeps.length, 1);
  });

  it('raises an interval below a second to one second', async () => {
    fx.sim.state.deviceIntervalSec = 0.2;
    assert.equal((await client().start()).intervalMs, 1_000);
  });

  it('accepts only an https verification link, or http to this machine', async () => {
    for (const url of ['javascript:alert(1)', 'http://auth.example.com/device?code=ABC', 'file:///etc/passwd']) {
      fx.sim.state.verificationUrlOverride = url;
      await assert.rejects(client().start(), { kind: 'shape', message: /not https/ }, url);
    }
    fx.sim.state.verificationUrlOverride = 'https://auth.example.com/device?code=ABC';
    assert.equal((await client().start()).verificationUrl, 'https://auth.example.com/device?code=ABC');
    for (const url of ['http://localhost:8080/device', 'http://127.0.0.1:9/d', 'http://127.1.2.3/d', 'http://[::1]:9/d']) {
      assert.equal(isSafeVerificationUrl(url), true, url);
    }
    for (const url of ['http://127.0.0.1.example.com/d', 'http://localhost.example.com/d', 'http://[::2]/d', 'ftp://127.0.0.1/d', 'not a url']) {
      assert.equal(isSafeVerificationUrl(url), false, url);
    }
  });

  it('reads expiry as ISO text, seconds or milliseconds', () => {
    assert.equal(parseExpiry('2026-12-31T23:59:59Z'), Date.UTC(2026, 11, 31, 23, 59, 59));
    assert.equal(parseExpiry(1_800_000_000), 1_800_000_000_000);
    assert.equal(parseExpiry(1_800_000_000_000), 1_800_000_000_000);
    assert.throws(() => parseExpiry('soon'), { kind: 'shape' });
  });
});
