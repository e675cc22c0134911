// Where requests go is the user's decision only: endpoints from a workspace's settings, or not https,
// are refused, said so, and never used.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor, withSetting } from './helpers';

describe('endpoint settings', () => {
  it('ignores endpoints a workspace sets', async () => {
    const api = await activateExtension();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a workspace is open');
    const dir = join(folder, '.vscode');
    mkdirSync(dir, { recursive: true });
    // A window-scoped setting in the same file shows when VS Code has read it.
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ 'qwenCloud.statusBar.alignment': 'left', 'qwenCloud.endpoints.gateway': 'https://gateway.evil.example', 'qwenCloud.endpoints.auth': 'https://auth.evil.example' }),
    );
    try {
      await waitFor(() => (api.settings.value.statusBar.alignment === 'left' ? true : undefined), 'the workspace settings to be read', 30_000);
      // VS Code itself keeps application-scoped values out of the workspace configuration; the extension reads user values only.
      assert.equal(vscode.workspace.getConfiguration('qwenCloud').inspect('endpoints.gateway')?.workspaceValue, undefined);
      assert.equal(api.settings.value.endpoints.gateway, 'https://cli.qwencloud.com');
      assert.equal(api.settings.value.endpoints.auth, 'https://t.qwencloud.com');
    } finally {
      rmSync(join(dir, 'settings.json'), { force: true });
    }
    await waitFor(() => (api.settings.value.statusBar.alignment === 'right' ? true : undefined), 'the workspace settings to go', 30_000);
  });

  it('refuses a non-https endpoint in user settings, but takes loopback for the simulator', async () => {
    const api = await activateExtension();
    let restore = await withSetting('qwenCloud.endpoints.gateway', 'http://gateway.example.com');
    try {
      await waitFor(() => (api.settings.refused.some((r) => r.key === 'qwenCloud.endpoints.gateway' && r.reason === 'insecure') ? true : undefined), 'the refusal');
      assert.equal(api.settings.value.endpoints.gateway, 'https://cli.qwencloud.com');
    } finally {
      await restore();
    }
    restore = await withSetting('qwenCloud.endpoints.gateway', 'http://127.0.0.1:9');
    try {
      await waitFor(() => (api.settings.value.endpoints.gateway === 'http://127.0.0.1:9' ? true : undefined), 'loopback accepted');
      assert.deepEqual(api.settings.refused, []);
    } finally {
      await restore();
    }
  });
});
