// Device sign-in end to end against the simulator: approve, deny, cancel, expiry, slow down, refresh.
import * as assert from 'node:assert/strict';
import { parseExpiry } from '../../../src/api/gateway/deviceAuth';
import { useSimulator } from './simulatorFixture';

describe('device sign-in against the simulator', () => {
  const fx = useSimulator();
  const client = () => fx.network.deviceAuth(fx.sim.url, 'c0ffee00-0000-4000-8000-000000000001');
  const fast = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20))) };

  beforeEach(() => {
    fx.sim.state.deviceIntervalSec = 0;
    fx.sim.state.deviceExpiresInSec = 600;
  });

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
    assert.ok(credentials.refreshToken);
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

  it('refreshes the token and retires the old one', async () => {
    const auth = client();
    const start = await auth.start();
    fx.sim.state.pendingDevice()!.status = 'approved';
    const first = await auth.waitForApproval(start, { sleep: async () => undefined });
    const second = await auth.refresh(first.refreshToken!);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.ok(fx.sim.state.validToken(second.accessToken));
    assert.equal(fx.sim.state.validToken(first.accessToken), undefined);
    await assert.rejects(auth.refresh('not-a-refresh-token'), { kind: 'auth' });
  });

  it('reads expiry as ISO text, seconds or milliseconds', () => {
    assert.equal(parseExpiry('2026-12-31T23:59:59Z'), Date.UTC(2026, 11, 31, 23, 59, 59));
    assert.equal(parseExpiry(1_800_000_000), 1_800_000_000_000);
    assert.equal(parseExpiry(1_800_000_000_000), 1_800_000_000_000);
    assert.throws(() => parseExpiry('soon'), { kind: 'shape' });
  });
});
