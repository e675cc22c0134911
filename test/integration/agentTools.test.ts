// Quota and spending for coding agents, in a real extension host: the language model tools invoked through
// vscode.lm.invokeTool on the demo account and on a signed-in account the simulator serves, and the MCP
// server (dist/mcp.js) driven by the SDK's own client over stdio, reading the running extension through
// the local channel; each answers the figures the status bar shows.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import { accountSettled, activateExtension, waitFor } from './helpers';
import { signInToSimulator, simulator, useSimulatorEndpoints } from './simulator';

const NAMES: Readonly<Record<string, string>> = { '5h': '5-hour window', wk: 'Weekly window', mo: 'Monthly window', cr: 'Credits', seat: 'Your seat' };

/** The windows the status bar shows now, as the agents' answers name them: "5-hour window: 42% used". */
function statusBarFigures(api: QwenCloudMeterApi): string[] {
  const text = api.statusBar.view()?.text ?? '';
  const figures = [...text.matchAll(/(5h|wk|mo|cr|seat) (\d+)%/g)].map((m) => `${NAMES[m[1]!]}: ${m[2]}% used`);
  assert.ok(figures.length > 0, `the status bar shows no window: ${text}`);
  return figures;
}

async function invoke(name: string, input: object = {}): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

/** Waits until `answer` (asked again each time: demo data moves with the clock) shows every figure of the status bar. */
async function answersAsStatusBar(api: QwenCloudMeterApi, answer: () => Promise<string>, what: string): Promise<string> {
  return waitFor(async () => {
    const text = await answer();
    return statusBarFigures(api).every((f) => text.includes(f)) ? text : undefined;
  }, what);
}

/** The MCP server as any MCP client starts it, told where the running extension's channel file is. */
async function mcpClient(api: QwenCloudMeterApi): Promise<Client> {
  const extension = vscode.extensions.getExtension('qwen-cloud-meter.qwen-cloud-meter')!;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(extension.extensionPath, 'dist', 'mcp.js')],
    env: { QCM_AGENT_CHANNEL: api.agents.channel.file, ELECTRON_RUN_AS_NODE: '1', PATH: process.env.PATH ?? '' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'qwen-cloud-meter-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('');
}

function get(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/agent-data', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the agents\' tools', () => {
  let api: QwenCloudMeterApi;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    await accountSettled(api);
  });

  describe('on the demo account', () => {
    before(async () => {
      await waitFor(() => (api.store.router.isDemo && api.statusBar.view()?.state === 'ready' ? true : undefined), 'the demo account\'s quota in the status bar');
    });

    it('are registered as language model tools', () => {
      const names = vscode.lm.tools.map((t) => t.name);
      for (const name of ['qwen_cloud_quota', 'qwen_cloud_spend', 'qwen_cloud_task_fit', 'qwen_cloud_top_spenders']) {
        assert.ok(names.includes(name), `${name} is not among ${names.join(', ')}`);
      }
    });

    it('register the MCP server with VS Code, which has the MCP server definition API', () => {
      const lm = vscode.lm as unknown as { registerMcpServerDefinitionProvider?: unknown };
      assert.equal(typeof lm.registerMcpServerDefinitionProvider, 'function', 'this VS Code has no MCP server definition API');
      assert.equal(api.agents.mcpRegistered, true);
    });

    it('answer the quota the status bar shows, saying it is the demo account and how old the data is', async () => {
      const text = await answersAsStatusBar(api, () => invoke('qwen_cloud_quota'), 'the quota tool to answer the status bar\'s figures');
      assert.match(text, /^Qwen Cloud quota: Coding Plan Pro/);
      assert.match(text, /Source: the demo account\. These are generated figures, not a real account/);
      assert.match(text, /Data fetched (just now|\d+ min ago), at \d{4}-\d\d-\d\dT/);
      assert.match(text, /resets in .*, at .*\(\d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    });

    it('say whether a task fits, and when a too-large one could start', async () => {
      assert.match(await invoke('qwen_cloud_task_fit', { requests: 5 }), /^YES: a task of about 5 requests fits in what is left now\./);
      assert.match(await invoke('qwen_cloud_task_fit', { requests: 1_000_000 }), /^NO: a task of about 1,000,000 requests is larger than the 5-hour window allows in one period/);
      assert.match(await invoke('qwen_cloud_task_fit', {}), /^No size was given: assuming a complex task of about 30 requests\./);
    });

    it('answer the month\'s spend against the limit, and its top models and keys', async () => {
      const spend = await invoke('qwen_cloud_spend');
      assert.match(spend, /^Qwen Cloud pay-as-you-go spend for \w+ \d{4}: .* so far \(\w{3}\)\./);
      assert.match(spend, /Source: the demo account\./);
      assert.match(spend, /At this month's daily pace/);
      const tops = await invoke('qwen_cloud_top_spenders');
      assert.match(tops, /Top models:\n1\. \S+/);
      assert.match(tops, /Top API keys:\n1\. /);
    });

    it('serve the MCP server over the local channel only with the token, from a file only the user may read', async () => {
      const file = api.agents.channel.file;
      const info = JSON.parse(await readFile(file, 'utf8')) as { port: number; token: string };
      if (process.platform !== 'win32') {
        assert.equal((await stat(file)).mode & 0o777, 0o600);
      }
      assert.equal(await get(info.port, {}), 401);
      assert.equal(await get(info.port, { authorization: `Bearer ${'0'.repeat(64)}` }), 401);
      assert.equal(await get(info.port, { authorization: `Bearer ${info.token}`, origin: 'http://evil.example' }), 401);
      assert.equal(await get(info.port, { authorization: `Bearer ${info.token}` }), 200);
    });

    it('answer through the MCP server, over stdio with the SDK\'s client, the figures the status bar shows', async function () {
      this.timeout(60_000);
      const client = await mcpClient(api);
      try {
        const tools = (await client.listTools()).tools.map((t) => t.name).sort();
        assert.deepEqual(tools, ['qwen_cloud_quota', 'qwen_cloud_spend', 'qwen_cloud_task_fit', 'qwen_cloud_top_spenders']);
        const text = await answersAsStatusBar(api, () => callTool(client, 'qwen_cloud_quota'), 'the MCP server to answer the status bar\'s figures');
        assert.doesNotMatch(text, /No running Qwen Cloud Meter extension answered/);
        assert.match(text, /Source: the demo account\./);
        assert.match(await callTool(client, 'qwen_cloud_task_fit', { requests: 5 }), /^YES/);
      } finally {
        await client.close();
      }
    });
  });

  describe('on the simulator', () => {
    let restore: () => Promise<void>;

    before(async () => {
      restore = await useSimulatorEndpoints();
      await simulator().reset();
      await simulator().set({ deviceIntervalSec: 1, usage: { fiveHour: 0.42, weekly: 0.1, monthly: 0.2 } });
      await signInToSimulator(api);
      await waitFor(() => (api.statusBar.view()?.text.includes('5h 42%') ? true : undefined), 'the simulator\'s quota in the status bar');
    });

    after(async () => {
      await vscode.commands.executeCommand('qwenCloud.signOut');
      await restore();
      await simulator().reset();
    });

    it('answer the signed-in account\'s quota as the status bar shows it, not the demo\'s', async () => {
      const text = await answersAsStatusBar(api, () => invoke('qwen_cloud_quota'), 'the quota tool on the simulator');
      assert.match(text, /- 5-hour window: 42% used \(2,520 of 6,000 requests\), 3,480 left; resets in /);
      assert.match(text, /Source: the Qwen Cloud account developer@example\.com\./);
      assert.doesNotMatch(text, /demo account/);
    });

    it('say that a task larger than what is left does not fit, and when it can start', async () => {
      // 3,480 of the 5-hour window's 6,000 are left (the usage stays below the alerts' thresholds, whose
      // notifications the quota meter's own tests count).
      const text = await invoke('qwen_cloud_task_fit', { requests: 4000 });
      assert.match(text, /^NO: a task of about 4,000 requests does not fit before the window resets\.\n- The 5-hour window has 3,480 requests left; it resets in /);
      assert.match(text, /It can start at .*, in .*, when the 5-hour window resets\./);
      assert.match(text, /Source: the Qwen Cloud account developer@example\.com\./);
    });

    it('answer through the MCP server the same figures the status bar shows', async function () {
      this.timeout(60_000);
      const client = await mcpClient(api);
      try {
        const text = await answersAsStatusBar(api, () => callTool(client, 'qwen_cloud_quota'), 'the MCP server on the simulator');
        assert.match(text, /Source: the Qwen Cloud account developer@example\.com\./);
        assert.match(text, /5-hour window: 42% used \(2,520 of 6,000 requests\)/);
      } finally {
        await client.close();
      }
    });
  });
});
