// The device sign-in held to the CLI's answers: each is read the way the CLI reads it, over real sockets
// (the simulator serves the reference answer), and the simulator's own answers have the same shapes.
import * as assert from 'node:assert/strict';
import { useSimulator } from '../unit/api/simulatorFixture';
import { DEVICE_CODE, DEVICE_POLL } from './device';
import { shapeMismatches } from './shape';

describe('contract: device sign-in (Qwen Cloud CLI)', () => {
  const fx = useSimulator();
  const client = () => fx.network.deviceAuth(fx.sim.url, 'c0ffee00-0000-4000-8000-0000000000c1');

  for (const fixture of DEVICE_CODE) {
    it(`reads the device code: ${fixture.case}`, async () => {
      fx.sim.state.faults.add({ kind: 'answer', match: 'device:code', body: fixture.body, count: 1 });
      const start = await client().start();
      const data = (fixture.body as { Data: { Token: string; VerificationUrl: string; Interval: number } }).Data;
      assert.equal(start.token, data.Token);
      assert.equal(start.verificationUrl, data.VerificationUrl);
      assert.equal(start.intervalMs, (data.Interval > 0 ? data.Interval : 5) * 1000);
      assert.equal(start.codeVerifier.length, 43, 'a 32-byte PKCE verifier, base64url');
      const sent = fx.sim.state.requests.at(-1)?.sent ?? {};
      assert.equal(sent.code_challenge_method, 'S256');
      assert.match(String(sent.client_id), /^[0-9a-f-]{36}$/);
    });
  }

  const expected: Readonly<Record<string, string>> = {
    'not approved yet': 'pending',
    'polling too fast': 'slowDown',
    'denied in the browser': 'denied',
    'the code expired': 'expired',
  };
  for (const fixture of DEVICE_POLL) {
    it(`reads a poll: ${fixture.case}`, async () => {
      const auth = client();
      const start = await auth.start();
      fx.sim.state.faults.add({ kind: 'answer', match: 'device:token', body: fixture.body, count: 1 });
      const outcome = await auth.poll(start);
      const sent = fx.sim.state.requests.at(-1)?.sent ?? {};
      assert.equal(sent.token, start.token);
      assert.equal(sent.code_verifier, start.codeVerifier, 'the verifier goes with every poll');
      if (outcome.status !== 'complete') {
        assert.equal(outcome.status, expected[fixture.case]);
        return;
      }
      const credentials = (fixture.body as { Data: { Credentials: { AccessToken: string; ExpireTime: string } } }).Data.Credentials;
      assert.equal(outcome.credentials.accessToken, credentials.AccessToken);
      assert.equal(outcome.credentials.expiresAt, Date.parse(credentials.ExpireTime));
      assert.equal(outcome.credentials.user.email, 'someone@example.test');
      assert.equal('refreshToken' in outcome.credentials, false, 'a refresh token is never kept: nothing takes it');
    });
  }

  it('the simulator answers a device code, each poll state and a completed sign-in in the CLI\'s shapes', async () => {
    const sent: unknown[] = [];
    const post = async (path: string, query: Record<string, string>): Promise<unknown> => {
      const response = await fetch(`${fx.sim.url}${path}?${new URLSearchParams(query).toString()}`, { method: 'POST' });
      const body: unknown = await response.json();
      sent.push(body);
      return body;
    };
    fx.sim.state.deviceIntervalSec = 0;
    const clientId = 'c0ffee00-0000-4000-8000-0000000000c2';
    const code = (await post('/cli/device/code', { client_id: clientId })) as { Data: { Token: string } };
    assert.deepEqual(shapeMismatches(code, DEVICE_CODE.map((f) => f.body)), []);
    const pending = await post('/cli/device/token', { client_id: clientId, token: code.Data.Token });
    fx.sim.state.pendingDevice()!.status = 'approved';
    const complete = await post('/cli/device/token', { client_id: clientId, token: code.Data.Token });
    const denied = (await post('/cli/device/code', { client_id: clientId })) as { Data: { Token: string } };
    fx.sim.state.pendingDevice()!.status = 'denied';
    const refused = await post('/cli/device/token', { client_id: clientId, token: denied.Data.Token });
    fx.sim.state.deviceExpiresInSec = 0;
    const stale = (await post('/cli/device/code', { client_id: clientId })) as { Data: { Token: string } };
    const expired = await post('/cli/device/token', { client_id: clientId, token: stale.Data.Token });
    for (const answer of [pending, complete, refused, expired]) {
      assert.deepEqual(shapeMismatches(answer, DEVICE_POLL.map((f) => f.body)), [], JSON.stringify(answer));
    }
    assert.deepEqual(
      [pending, refused, expired].map((a) => (a as { Data: { Status: string } }).Data.Status),
      ['authorization_pending', 'access_denied', 'expired_token'],
    );
  });
});
