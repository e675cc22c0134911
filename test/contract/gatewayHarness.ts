// What the gateway and Token Plan contract tests share: a simulator, a signed-in source on its clock,
// a reference answer served for one route, what the source sent, a raw call to the simulator's gateway,
// and the check that an answer keeps to a set of reference shapes.
import * as assert from 'node:assert/strict';
import type { QwenCloudSource, QwenCloudSourceOptions } from '../../src/api/gateway/qwenCloudSource';
import { useSimulator } from '../unit/api/simulatorFixture';
import { exactly, type GatewaySet } from './gateway';
import { shapeMismatches } from './shape';

export function useGatewayHarness() {
  const fx = useSimulator();
  let token = '';
  beforeEach(() => {
    token = fx.sim.state.issueToken().accessToken;
  });
  return {
    fx,
    make: (options: Partial<QwenCloudSourceOptions> = {}): QwenCloudSource =>
      fx.network.qwenCloudSource(fx.sim.url, async () => token, { label: 'developer@example.com', now: () => fx.sim.state.now(), ...options }),
    answer: (route: string, body: unknown, count = 1): void => fx.sim.state.faults.add({ kind: 'answer', match: exactly(route), body, count }),
    /** What the source sent on `route` since `from` (an index into the request log). */
    sent: (route: string, from: number): Readonly<Record<string, unknown>>[] =>
      fx.sim.state.requests.slice(from).filter((r) => r.route === route).map((r) => r.sent ?? {}),
    /** The simulator's own answer to a gateway call, as a signed-in client gets it. */
    post: async <T = { data: Record<string, unknown> }>(product: string, action: string, params: Record<string, string> = {}): Promise<T> => {
      const response = await fetch(`${fx.sim.url}/data/v2/api.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ product, action, region: 'ap-southeast-1', params }),
      });
      assert.equal(response.status, 200);
      return (await response.json()) as T;
    },
    held: (answer: unknown, set: GatewaySet): void => assert.deepEqual(shapeMismatches(answer, set.documented.map((f) => f.body), [/^requestId$/]), []),
  };
}
