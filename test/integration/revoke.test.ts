// The key flows against the simulator, with a scripted person answering: disable, enable, delete,
// cancelling at every step, a failure part-way, and Stop Billing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { ApiKey } from '../../src/core/account/model';
import type { FoundKeyArgs } from '../../src/keys/revokeFlow';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { activateExtension, diagnosticCode, waitFor, seams } from './helpers';
import { choose, escape, pickItem, pickItems, ScriptedPrompts, type } from './scriptedPrompts';
import { simulator, useSimulatorEndpoints } from './simulator';

describe('revoking keys against the simulator', () => {
  let restore: () => Promise<void>;
  let api: QwenCloudMeterApi;

  const keys = async (): Promise<readonly ApiKey[]> => {
    await api.store.refresh(['apiKeys'], { force: true });
    return api.store.get('apiKeys').value ?? [];
  };
  const byName = async (description: string): Promise<ApiKey | undefined> => (await keys()).find((k) => k.description === description);

  before(async () => {
    api = await activateExtension();
    await api.ready;
    restore = await useSimulatorEndpoints();
    await simulator().reset();
    await simulator().set({ spec: { seed: 'revoke-tests', historyMonths: 12, extraApiKeys: 2, extraOrders: 0 } });
    await seams(api).secrets.setAccessKey({ accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    await waitFor(() => (api.store.router.sourceFor('apiKeys')?.info.kind === 'accessKey' ? true : undefined), 'the AccessKey source');
  });

  after(async () => {
    await api.myKey.set(undefined);
    await seams(api).secrets.deleteAccessKey();
    await simulator().set({ spec: { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 } });
    await simulator().reset();
    await restore();
  });

  it('disables a key (the default), then enables it, with an audit line each', async () => {
    const prompts = new ScriptedPrompts([pickItem('CI pipeline'), pickItem('Disable')]);
    assert.equal(await seams(api).revokeFlowWith(prompts).run(), 'disabled');
    const keyPick = prompts.shown[0]!;
    assert.ok(keyPick.items?.some((i) => i.label === 'Default Workspace'), 'grouped by workspace');
    assert.match(keyPick.items?.find((i) => i.label.includes('CI pipeline'))?.description ?? '', /^sk-[0-9a-f]{4}\*+[0-9a-f]{4}$/);
    assert.equal((await byName('CI pipeline'))?.disabled, true, 'the server has it disabled');
    assert.equal((await api.keyAudit.entries()).at(-1)?.action, 'disable');

    const again = new ScriptedPrompts([pickItem('CI pipeline'), pickItem('Enable')]);
    assert.equal(await seams(api).revokeFlowWith(again).run(), 'enabled');
    assert.equal((await byName('CI pipeline'))?.disabled, false);
  });

  it('changes nothing when cancelled at any step', async () => {
    const before = JSON.stringify(await keys());
    const scripts = [
      [escape],
      [pickItem('Image experiments'), escape],
      [pickItem('Image experiments'), pickItem('Delete'), escape],
      [pickItem('Image experiments'), pickItem('Delete'), choose('Delete'), escape],
    ];
    for (const script of scripts) {
      assert.equal(await seams(api).revokeFlowWith(new ScriptedPrompts(script)).run(), 'cancelled');
    }
    assert.equal(JSON.stringify(await keys()), before);
  });

  it('deletes only after the modal names the key and its last four are typed, calling out the key you use', async () => {
    const key = (await byName('Image experiments'))!;
    await api.myKey.set(key.id);
    const last4 = key.maskedValue.slice(-4);
    const prompts = new ScriptedPrompts([pickItem('Image experiments'), pickItem('Delete'), choose('Delete'), type(last4)]);
    assert.equal(await seams(api).revokeFlowWith(prompts).run(), 'deleted');
    const modal = prompts.shown.find((s) => s.kind === 'confirm')!;
    assert.match(modal.message ?? '', /Image experiments/);
    assert.match(modal.detail ?? '', /marked as the one you use/);
    assert.match(prompts.shown.find((s) => s.kind === 'input')?.message ?? '', new RegExp(last4));
    assert.equal(await byName('Image experiments'), undefined, 'gone from the server');
    assert.equal((await api.keyAudit.entries()).at(-1)?.action, 'delete');
  });

  it('refuses a wrong confirmation', async () => {
    const prompts = new ScriptedPrompts([pickItem('Service 1'), pickItem('Delete'), choose('Delete'), type('nope')]);
    await assert.rejects(seams(api).revokeFlowWith(prompts).run(), /would not accept/);
    assert.ok(await byName('Service 1'), 'still there');
  });

  it('reports a failure part-way and shows the list as the server has it', async () => {
    await simulator().set({ faults: [{ kind: 'status', status: 500, match: 'openapi:DeleteApiKey' }] });
    const key = (await byName('Service 2'))!;
    const prompts = new ScriptedPrompts([pickItem('Service 2'), pickItem('Delete'), choose('Delete'), type(key.maskedValue.slice(-4))]);
    assert.equal(await seams(api).revokeFlowWith(prompts).run(), 'failed');
    await simulator().set({ faults: [] });
    assert.ok(api.store.get('apiKeys').value?.some((k) => k.id === key.id), 'refreshed after the failure: the key is still there');
    const last = (await api.keyAudit.entries()).at(-1);
    assert.equal(last?.result, 'failed');
    assert.equal(last?.keyId, key.id);
  });

  it('shows what the server did when the answer to a change is lost mid-body', async () => {
    await simulator().set({ faults: [{ kind: 'reset', match: 'openapi:DisableApiKey', count: 1 }] });
    const prompts = new ScriptedPrompts([pickItem('Service 1'), pickItem('Disable')]);
    assert.equal(await seams(api).revokeFlowWith(prompts).run(), 'failed', 'the answer never came');
    const key = api.store.get('apiKeys').value?.find((k) => k.description === 'Service 1');
    assert.equal(key?.disabled, true, 'the refresh after the failure shows the key as the server has it: disabled');
    assert.equal(await seams(api).revokeFlowWith(new ScriptedPrompts([pickItem('Service 1'), pickItem('Enable')])).run(), 'enabled');
  });

  it('Stop Billing: stops the chosen keys, going on past a failure, and says what keeps costing', async () => {
    await simulator().set({ faults: [{ kind: 'status', status: 500, match: 'openapi:DisableApiKey', count: 1 }] });
    // Step 3 lists the costly settings the scanner found in the sample workspace; the person presses Escape.
    const prompts = new ScriptedPrompts([pickItems('Local development', 'Production chatbot'), choose('Disable'), escape]);
    const report = await seams(api).stopBillingWith(prompts).run();
    await simulator().set({ faults: [] });
    const keyStep = prompts.shown[0]!;
    assert.match(keyStep.items?.[0]?.description ?? '', /in the last 30 days/, 'each key with its recent spend');
    assert.equal(report.cancelled, false);
    assert.equal(report.stopped.length + report.failed.length, 2);
    assert.equal(report.failed.length, 1, 'the first one failed, the second went on');
    assert.match(prompts.shown.at(-1)?.message ?? '', /keep costing/);
    const costly = prompts.shown.find((p) => /costly settings are on/.test(p.title ?? ''));
    assert.ok(costly?.items?.some((i) => /chatbot\.py:17/.test(String((i as { description?: unknown }).description))), 'the scanner\'s findings in step 3');
    const after = await keys();
    assert.equal(after.filter((k) => ['Local development', 'Production chatbot'].includes(k.description) && k.disabled).length, 1);
  });
});

describe('revoking a key the scanner found in code', () => {
  it('matches the literal to the account\'s key, disables it, and replaces the literal with an environment read', async () => {
    const api = await activateExtension();
    await api.ready;
    await waitFor(() => (api.store.router.isDemo ? true : undefined), 'the demo account');
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(folder, 'chatbot.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const original = document.getText();
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === 'api_key'),
      'the hard-coded key diagnostic',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const revoke = actions.find((a) => a.title === 'Revoke this key…');
    assert.ok(revoke?.command, 'the quick fixes offer to revoke the key');
    assert.ok(actions.some((a) => /environment variable/i.test(a.title)), 'and to move it to an environment variable');
    const args = revoke.command.arguments?.[0] as FoundKeyArgs;
    assert.equal(args.prefix, 'sk-4968');
    assert.equal(args.suffix, 'e583');
    assert.doesNotMatch(JSON.stringify(revoke.command.arguments), /2f1c7a3b5d9e0f4c6a8b1d3e/, 'the key itself is not passed around');

    const prompts = new ScriptedPrompts([pickItem('Disable'), choose('Replace with')]);
    try {
      assert.equal(await seams(api).revokeFlowWith(prompts).fromCode(args), 'disabled');
      assert.match(prompts.shown[0]?.title ?? '', /Local development/, 'matched to the demo key with the same visible parts');
      assert.equal(api.store.get('apiKeys').value?.find((k) => k.description === 'Local development')?.disabled, true);
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      assert.doesNotMatch(text, /sk-49682f1c/, 'the literal is gone');
      assert.match(text, /DASHSCOPE_API_KEY/, 'the code reads the key from the environment');
    } finally {
      const key = api.store.get('apiKeys').value?.find((k) => k.description === 'Local development');
      if (key?.disabled) {
        await seams(api).revokeFlowWith(new ScriptedPrompts([pickItem('Enable')])).run(key);
      }
      const edit = new vscode.WorkspaceEdit();
      const current = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(current.positionAt(0), current.positionAt(current.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
      await current.save();
    }
  });

  it('says so when no key of the account matches, and rejects malformed arguments', async () => {
    const api = await activateExtension();
    const prompts = new ScriptedPrompts([]);
    const outcome = await seams(api).revokeFlowWith(prompts).fromCode({ uri: 'file:///nowhere.py', range: [0, 0, 0, 1], prefix: 'sk-0000', suffix: 'ffff' });
    assert.equal(outcome, 'noMatch');
    assert.match(prompts.shown[0]?.message ?? '', /No API key of the demo account matches sk-0000…ffff/);
    // The command checks what it is given before acting on it.
    assert.equal(await vscode.commands.executeCommand('qwenCloud.revokeKeyFromCode', { uri: 42 }), undefined);
  });
});
