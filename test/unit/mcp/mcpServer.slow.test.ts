// The MCP server as an MCP client starts it (the built dist/mcp.js over stdio, driven by the SDK's own
// client) when no extension is running: it says so, and answers from the demo account, with the figures
// the same core code gives for that account.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { agentQuotaAnalysis } from '../../../src/core/agents/agentAnswers';
import { systemClock } from '../../../src/core/common/clock';
import { windowName } from '../../../src/core/common/format';
import { demoAgentData } from '../../../src/mcp/demoData';

const SERVER = join(__dirname, '..', '..', '..', '..', 'dist', 'mcp.js');

async function connect(args: string[], env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'qwen-cloud-meter-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [SERVER, ...args], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' }));
  return client;
}

async function text(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const result = await client.callTool({ name, arguments: args });
  return (result.content as { text?: string }[]).map((c) => c.text ?? '').join('');
}

describe('the MCP server over stdio', () => {
  it('lists the four read-only tools', async () => {
    const client = await connect(['--demo'], {});
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ['qwen_cloud_quota', 'qwen_cloud_spend', 'qwen_cloud_task_fit', 'qwen_cloud_top_spenders']);
      for (const tool of tools) {
        assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
        assert.ok((tool.description ?? '').length > 40, tool.name);
      }
      const fit = tools.find((t) => t.name === 'qwen_cloud_task_fit');
      assert.deepEqual(Object.keys(fit?.inputSchema.properties ?? {}).sort(), ['credits', 'requests']);
    } finally {
      await client.close();
    }
  });

  it('answers from the demo account when no extension answers, and says why', async () => {
    const client = await connect([], { QCM_AGENT_CHANNEL: join(__dirname, 'no-such-channel.json') });
    try {
      const quota = await text(client, 'qwen_cloud_quota');
      assert.match(quota, /^No running Qwen Cloud Meter extension answered \(no channel file at .*no-such-channel\.json.*\), so these are the demo account's figures\./);
      assert.match(quota, /Source: the demo account\./);
      // The same figures the core gives for the demo account now (asked again if a minute turned in between).
      const figures = async () => {
        const data = await demoAgentData(systemClock);
        const analysis = agentQuotaAnalysis(data, systemClock.now())!;
        return analysis.kinds.map((k) => `${windowName(k)}: ${analysis.windows[k]!.percentUsed}% used`);
      };
      let answer = quota;
      let same = (await figures()).every((f) => answer.includes(f));
      for (let i = 0; i < 2 && !same; i++) {
        answer = await text(client, 'qwen_cloud_quota');
        same = (await figures()).every((f) => answer.includes(f));
      }
      assert.ok(same, `${(await figures()).join(', ')} are not all in:\n${answer}`);
      assert.match(await text(client, 'qwen_cloud_task_fit', { requests: 1_000_000 }), /NO: a task of about 1,000,000 requests is larger than/);
      assert.match(await text(client, 'qwen_cloud_spend'), /Qwen Cloud pay-as-you-go spend for/);
    } finally {
      await client.close();
    }
  });

  it('refuses a size that is not a positive number', async () => {
    const client = await connect(['--demo'], {});
    try {
      const result = await client.callTool({ name: 'qwen_cloud_task_fit', arguments: { requests: -3 } });
      assert.equal(result.isError, true);
    } finally {
      await client.close();
    }
  });
});
