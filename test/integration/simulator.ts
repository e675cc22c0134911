// Inside the extension host: reach the simulator the runner started, and point the extension at it.
import * as assert from 'node:assert/strict';
import { SimulatorClient } from '../simulator/client';
import { withSetting } from './helpers';

export function simulatorUrl(): string {
  const url = process.env.QCM_SIMULATOR_URL;
  assert.ok(url, 'QCM_SIMULATOR_URL is not set: run integration tests with the runner');
  return url;
}

export function simulator(): SimulatorClient {
  return new SimulatorClient(simulatorUrl());
}

/** Points every endpoint at the simulator; returns a function that restores the settings. */
export async function useSimulatorEndpoints(): Promise<() => Promise<void>> {
  const url = simulatorUrl();
  const restores = [
    await withSetting('qwenCloud.endpoints.auth', url),
    await withSetting('qwenCloud.endpoints.gateway', url),
    await withSetting('qwenCloud.endpoints.modelStudio', url),
    await withSetting('qwenCloud.endpoints.bss', url),
  ];
  return async () => {
    for (const restore of restores.reverse()) {
      await restore();
    }
  };
}
