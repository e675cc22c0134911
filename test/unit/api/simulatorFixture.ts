// A simulator per test file, on a free port, reset between tests; clients built the way the extension
// builds them (undici over real sockets), with retries that do not wait.
import { createNetwork, type Network } from '../../../src/api/http/network';
import { createTransport } from '../../../src/api/http/undiciTransport';
import { silentLogger } from '../../../src/core/common/logger';
import { type RunningSimulator, startSimulator } from '../../simulator/simulator';

export interface Fixture {
  sim: RunningSimulator;
  network: Network;
}

export function useSimulator(): Fixture {
  const fixture = {} as Fixture;
  before(async () => {
    fixture.sim = await startSimulator();
    fixture.network = createNetwork({ createTransport, userAgent: 'qwen-cloud-meter-tests/0.0.0', proxy: {}, logger: silentLogger });
  });
  beforeEach(() => {
    fixture.sim.state.faults.clear();
    fixture.sim.state.clockOffsetMs = 0;
    fixture.sim.state.usageOverride = {};
    fixture.sim.state.hasCodingPlan = true;
    fixture.sim.state.tokenPlanEdition = undefined;
    fixture.sim.state.creditsOverride = undefined;
    fixture.sim.state.limitWritable = false;
  });
  after(async () => {
    await fixture.network.close();
    await fixture.sim.close();
  });
  return fixture;
}
