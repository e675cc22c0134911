// Real accounts in the host: sign in to the simulator, see its numbers, sign out and see the demo again;
// the AccessKey source; a failure that keeps the last good data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { activateExtension, waitFor, seams } from './helpers';
import { simulator, useSimulatorEndpoints } from './simulator';

describe('real accounts against the simulator', () => {
  let restore: () => Promise<void>;

  before(async () => {
    const api = await activateExtension();
    await api.ready;
    restore = await useSimulatorEndpoints();
    await simulator().reset();
    await simulator().set({ deviceIntervalSec: 1 });
  });

  after(async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await seams(api).secrets.deleteAccessKey();
    await restore();
    await simulator().reset();
  });

  it('signs in through the device flow and shows the account\'s Coding Plan', async () => {
    const api = await activateExtension();
    await simulator().set({ usage: { fiveHour: 0.42, weekly: 0.1, monthly: 0.2 } });
    const signingIn = vscode.commands.executeCommand('qwenCloud.signIn');
    // The person approving in the browser: the simulator's control API plays that part.
    await waitFor(async () => ((await simulator().set({})).pendingDevices === 1 ? true : undefined), 'a pending sign-in');
    await simulator().set({ approveDevice: true });
    await signingIn;
    await waitFor(() => (api.store.router.isDemo ? undefined : true), 'the store to leave the demo account');
    assert.equal(api.store.router.sourceFor('codingPlan')?.info.label, 'developer@example.com');
    await vscode.commands.executeCommand('qwenCloud.showCodingPlan');
    const nodes = await waitFor(() => {
      const children = api.planView.getChildren();
      return children.some((n) => n.id === 'window:fiveHour' && (n.description ?? '').startsWith('2,520 / 6,000')) ? children : undefined;
    }, 'the simulator\'s 5-hour window in the view');
    assert.match(nodes[0]!.description ?? '', /developer@example\.com/);
    assert.equal(api.store.get('codingPlan').source?.kind, 'qwenCloud');
    assert.doesNotMatch(api.statusBar.view()?.text ?? '', /Demo/);
  });

  it('keeps the last good plan, marked, when a refresh fails, and recovers', async () => {
    const api = await activateExtension();
    // A refresh asked for while one is under way shares it: let the current one finish first.
    await waitFor(() => (api.store.get('codingPlan').loading ? undefined : true), 'no refresh under way');
    await simulator().set({ faults: [{ kind: 'status', status: 500, match: 'codingPlan' }] });
    await vscode.commands.executeCommand('qwenCloud.refresh');
    const snapshot = api.store.get('codingPlan');
    assert.equal(snapshot.error?.kind, 'server');
    assert.ok(snapshot.value, 'the last good plan stays');
    assert.match(api.planView.treeView.message ?? '', /the last refresh failed/);
    await simulator().set({ faults: [] });
    await vscode.commands.executeCommand('qwenCloud.refresh');
    assert.equal(api.store.get('codingPlan').error, undefined);
  });

  it('uses the AccessKey for API keys while the sign-in serves the plan', async () => {
    const api = await activateExtension();
    await seams(api).secrets.setAccessKey({ accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    await waitFor(() => (api.store.router.sourceFor('apiKeys')?.info.kind === 'accessKey' ? true : undefined), 'the AccessKey source');
    assert.equal(api.store.router.sourceFor('codingPlan')?.info.kind, 'qwenCloud');
    const keys = await api.store.query('apiKeys', 'all', (s, o) => s.listApiKeys!(o));
    assert.ok(keys.value.length >= 5);
    assert.equal(keys.source.kind, 'accessKey');
  });

  it('signs out and shows the demo account again', async () => {
    const api = await activateExtension();
    await seams(api).secrets.deleteAccessKey();
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await waitFor(() => (api.store.router.isDemo ? true : undefined), 'the demo account');
    await waitFor(() => (api.store.get('codingPlan').source?.kind === 'demo' ? true : undefined), 'demo data');
    assert.match(api.statusBar.view()?.text ?? '', /Demo/);
    assert.equal(await seams(api).secrets.getSession(), undefined, 'the token is gone from secret storage');
  });
});
