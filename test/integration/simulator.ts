// Inside the extension host: reach the simulator the runner started, and point the extension at it.
import * as assert from 'node:assert/strict';
import { SimulatorClient } from '../simulator/client';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import { waitFor, withSetting } from './helpers';

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

/** Signs in to the simulator through the real device flow, approving in the simulator's place of the browser. */
export async function signInToSimulator(api: QwenCloudMeterApi): Promise<void> {
  if (api.store.router.sourceFor('codingPlan')?.info.kind === 'qwenCloud') {
    return;
  }
  const signing = vscode.commands.executeCommand('qwenCloud.signIn');
  await waitFor(async () => ((await simulator().set({})).pendingDevices === 1 ? true : undefined), 'a pending sign-in');
  await simulator().set({ approveDevice: true });
  await signing;
  await waitFor(() => (api.store.router.sourceFor('codingPlan')?.info.kind === 'qwenCloud' ? true : undefined), 'the signed-in account');
}
