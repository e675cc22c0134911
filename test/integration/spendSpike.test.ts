// The spend spike alert in a real extension host, on the demo account with a runaway agent: the warning
// goes out when the month's spend is refreshed, names the key, "Disable this key" runs the API keys' own
// command (the key ends up disabled on the account), and the same spike does not warn twice.
import * as assert from 'node:assert/strict';
import { DemoAccount } from '../../src/api/demo/demoAccount';
import { DemoSource, emptyDemoState, RUNAWAY_KEY } from '../../src/api/demo/demoSource';
import { AccountRouter } from '../../src/core/account/source';
import type { QwenCloudMeterApi } from '../../src/extension';
import { accountSettled, activateExtension, now, seams, waitFor, withSetting } from './helpers';

const MINUTE_MS = 60_000;

describe('the spend spike alert', () => {
  let api: QwenCloudMeterApi;
  let original: AccountRouter;
  const warned: { message: string; actions: readonly string[] }[] = [];
  let answer: string | undefined;
  let restorePrompts: () => void;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    await accountSettled(api);
    original = api.store.router;
    restorePrompts = seams(api).usePrompts({
      warn: async (message, ...actions) => {
        if (message.includes('Spend spike')) {
          warned.push({ message, actions });
          return answer;
        }
        return undefined;
      },
    });
  });

  after(async () => {
    restorePrompts();
    api.store.setRouter(original);
    await api.store.refresh(undefined, { force: true });
  });

  /** A demo account whose "Local development" key has been running away since `minutesAgo`, if given. */
  function useDemo(minutesAgo?: number): ReturnType<typeof emptyDemoState> {
    const state = emptyDemoState();
    const since = minutesAgo === undefined ? undefined : now() - minutesAgo * MINUTE_MS;
    api.store.setRouter(new AccountRouter([new DemoSource(new DemoAccount(), api.clock, state, () => undefined, undefined, () => since)], undefined));
    return state;
  }

  it('stays quiet at the account\'s usual pace, and when the sensitivity is off', async () => {
    useDemo();
    assert.equal(await api.spendSpikes.check(), undefined);
    const off = await withSetting('qwenCloud.spendAlerts.spikeSensitivity', 'off');
    try {
      await waitFor(() => (api.settings.value.spendAlerts.spikeSensitivity === 'off' ? true : undefined), 'the setting read');
      useDemo(30);
      assert.equal(await api.spendSpikes.check(), undefined);
    } finally {
      // Back to the usual pace first, so the default sensitivity does not see the runaway meanwhile.
      useDemo();
      await off();
    }
    await waitFor(() => (api.settings.value.spendAlerts.spikeSensitivity === 'medium' ? true : undefined), 'the default back');
    assert.equal(warned.length, 0);
  });

  it('warns once the spend is refreshed, names the key, and "Disable this key" disables it on the account', async () => {
    const state = useDemo(30);
    answer = 'Disable this key';
    const alerted = new Promise<{ choice: string | undefined }>((resolve) => {
      const sub = api.spendSpikes.onDidAlert((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    // The ordinary path: the month's spend is refreshed (as polling does), which takes a reading.
    await api.store.refresh(['monthSpend'], { force: true });
    const event = await alerted;
    assert.equal(event.choice, 'Disable this key');
    assert.equal(warned.length, 1);
    const [warning] = warned;
    assert.match(warning?.message ?? '', new RegExp(`Spend spike: API key ${RUNAWAY_KEY} \\(sk-`));
    assert.match(warning?.message ?? '', /\(Demo\)$/);
    assert.deepEqual(warning?.actions, ['Disable this key', 'Lower the limit']);

    const key = await waitFor(() => api.store.get('apiKeys').value?.find((k) => k.description === RUNAWAY_KEY && k.disabled), 'the key disabled');
    assert.equal(state.disabledKeys[key.id], true, 'disabled on the account, not only in the view');
    const audit = await api.keyAudit.entries();
    assert.ok(audit.some((e) => e.action === 'disable' && e.result === 'succeeded' && e.keyId === key.id), 'the flow wrote its audit line');
  });

  it('warns once per spike: later readings of the same spike stay quiet', async () => {
    await api.store.refresh(['monthSpend'], { force: true });
    assert.equal(await api.spendSpikes.check(), undefined);
    assert.equal(warned.length, 1);
  });
});
