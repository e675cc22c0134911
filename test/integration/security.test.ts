// Where requests go is the user's decision only: endpoints from a workspace's settings, or not https,
// are refused, said so, and never used. Nor may a workspace silence the user's alerts.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { activateExtension, waitFor, withSetting, seams } from './helpers';
import { signInToSimulator, simulator, useSimulatorEndpoints } from './simulator';

type Api = Awaited<ReturnType<typeof activateExtension>>;

/**
 * Runs `check` while the workspace's .vscode/settings.json holds `values` (and a window-scoped sentinel,
 * the status bar on the left, that shows when VS Code has read the file), then removes the file again.
 */
async function withWorkspaceSettings(api: Api, values: Record<string, unknown>, check: () => void): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'a workspace is open');
  const dir = join(folder, '.vscode');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ 'qwenCloud.statusBar.alignment': 'left', ...values }));
  try {
    await waitFor(() => (api.settings.value.statusBar.alignment === 'left' ? true : undefined), 'the workspace settings to be read', 30_000);
    check();
  } finally {
    rmSync(join(dir, 'settings.json'), { force: true });
  }
  await waitFor(() => (api.settings.value.statusBar.alignment === 'right' ? true : undefined), 'the workspace settings to go', 30_000);
}

describe('endpoint settings', () => {
  it('ignores endpoints a workspace sets', async () => {
    const api = await activateExtension();
    await withWorkspaceSettings(api, { 'qwenCloud.endpoints.gateway': 'https://gateway.evil.example', 'qwenCloud.endpoints.auth': 'https://auth.evil.example' }, () => {
      // VS Code itself keeps application-scoped values out of the workspace configuration; the extension reads user values only.
      assert.equal(vscode.workspace.getConfiguration('qwenCloud').inspect('endpoints.gateway')?.workspaceValue, undefined);
      assert.equal(api.settings.value.endpoints.gateway, 'https://cli.qwencloud.com');
      assert.equal(api.settings.value.endpoints.auth, 'https://t.qwencloud.com');
    });
  });

  it('keeps the user\'s alerts when a workspace turns them off, and says when a workspace turns off scanner findings', async () => {
    const api = await activateExtension();
    const values = {
      'qwenCloud.spendAlerts.enabled': false,
      'qwenCloud.quota.notifications': false,
      'qwenCloud.quota.warningThreshold': 10,
      'qwenCloud.scanner.severity': { api_key: 'none' },
    };
    await withWorkspaceSettings(api, values, () => {
      assert.equal(api.settings.value.spendAlerts.enabled, true, 'spend alerts stay on');
      assert.equal(api.settings.value.quota.notifications, true, 'quota notifications stay on');
      assert.equal(api.settings.value.quota.warningThreshold, 80, 'the warning threshold stays the user\'s');
      if (vscode.workspace.isTrusted) {
        // A trusted project may quieten the scanner, but the user is told it did.
        assert.deepEqual(api.settings.silencedByWorkspace, ['qwenCloud.scanner.severity.api_key']);
      }
    });
    assert.deepEqual(api.settings.silencedByWorkspace, []);
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

describe('webview panels', () => {
  let restore: () => Promise<void>;

  before(async () => {
    const api = await activateExtension();
    await api.ready;
    restore = await useSimulatorEndpoints();
    await simulator().reset();
    await simulator().set({ deviceIntervalSec: 1 });
    await signInToSimulator(api);
    await seams(api).secrets.setAccessKey({ accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    await waitFor(() => (api.store.router.sourceFor('apiKeys')?.info.kind === 'accessKey' ? true : undefined), 'both accounts');
  });

  after(async () => {
    const api = await activateExtension();
    api.spendingPanel.current?.panel.dispose();
    api.limitPanel.current?.panel.dispose();
    await seams(api).secrets.deleteAccessKey();
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await restore();
  });

  it('load only local scripts by nonce and may not connect anywhere (CSP)', async () => {
    const api = await activateExtension();
    for (const open of [() => api.spendingPanel.createOrShow(), async () => api.limitPanel.createOrShow()]) {
      const panel = await open();
      const html = panel.panel.webview.html;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values] as const));
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.deepEqual(directives.get('connect-src'), ["'none'"]);
      const scripts = directives.get('script-src') ?? [];
      assert.equal(scripts.length, 1);
      assert.match(scripts[0] ?? '', /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
      // Only the webview's own resource origin (VS Code's cspSource) may appear besides 'none', nonces and data: images.
      const own = new Set(panel.panel.webview.cspSource.split(/\s+/));
      const others = [...directives.values()].flat().filter((v) => !own.has(v) && v !== "'none'" && v !== 'data:' && !v.startsWith("'nonce-"));
      assert.deepEqual(others, [], 'no other sources');
      assert.doesNotMatch(csp, /unsafe-/);
      const nonce = /'nonce-([^']+)'/.exec(scripts[0] ?? '')?.[1];
      const tags = html.match(/<script[^>]*>/g) ?? [];
      assert.ok(tags.length > 0 && tags.every((t) => t.includes(`nonce="${nonce ?? ''}"`)), 'every script carries the nonce');
      assert.ok(panel.panel.webview.options.localResourceRoots?.every((root) => /\/(dist\/webview|media)$/.test(root.path)), 'resources from dist/webview and media only');
      // Let the webview finish loading before closing it, as a person would.
      await waitFor(() => (panel.ready ? true : undefined), 'the webview to load', 30_000);
      panel.panel.dispose();
    }
  });

  it('never receive a token, an AccessKey secret or a whole API key in a message', async () => {
    const api = await activateExtension();
    const posted: string[] = [];
    const subscriptions: vscode.Disposable[] = [];
    try {
      // One at a time: a panel hidden behind another does not run its webview.
      const spending = await api.spendingPanel.createOrShow();
      subscriptions.push(spending.onDidPost((m) => posted.push(JSON.stringify(m))));
      await waitFor(() => (spending.ready ? true : undefined), 'the spending webview to say ready', 30_000);
      await spending.receive({ type: 'setView', view: { ...spending.view, groupBy: 'apiKey' } });
      await waitFor(() => (spending.content?.kind === 'chart' ? true : undefined), 'the chart by API key');
      await spending.receive({ type: 'setView', view: { ...spending.view, mode: 'list' } });
      await waitFor(() => (spending.content?.kind === 'list' ? true : undefined), 'the itemised list');
      spending.panel.dispose();
      const limit = api.limitPanel.createOrShow();
      subscriptions.push(limit.onDidPost((m) => posted.push(JSON.stringify(m))));
      await waitFor(() => (limit.ready ? true : undefined), 'the limit webview to say ready', 30_000);
      await limit.receive({ type: 'refresh' });
      await waitFor(() => (posted.some((m) => m.includes('"state"')) ? true : undefined), 'the limit panel\'s state');
      const session = await seams(api).secrets.getSession();
      const secrets = [SIMULATOR_ACCESS_KEY.secret, session?.accessToken, session?.refreshToken].filter((x): x is string => typeof x === 'string');
      assert.ok(secrets.length >= 2);
      const all = posted.join('\n');
      for (const secret of secrets) {
        assert.ok(!all.includes(secret), 'a secret reached a webview');
      }
      assert.doesNotMatch(all, /sk-(?:sp-)?[A-Za-z0-9]{20,}/, 'only masked keys');
    } finally {
      for (const subscription of subscriptions) {
        subscription.dispose();
      }
    }
  });
});
