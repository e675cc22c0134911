// qwen-cloud-mcp: an MCP server on stdio that serves the Qwen Cloud Meter tools to any MCP client (Qwen
// Code, Claude Code, VS Code). It holds no credential: it asks the running extension for its figures over
// the local channel (see docs/agents.md) and, when no extension answers, answers from the demo account and
// says so. Usage: qwen-cloud-mcp [--channel <file>] [--demo]
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { AgentToolNames, type AgentToolName, answerTool, type TaskSize } from '../core/agents/agentAnswers';
import type { AgentData } from '../core/agents/agentData';
import { systemClock } from '../core/common/clock';
import { ChannelError, fetchAgentData, findChannelFile } from './channelClient';
import { demoAgentData } from './demoData';

declare const QCM_VERSION: string | undefined;
const VERSION = typeof QCM_VERSION === 'string' ? QCM_VERSION : '0.0.0';

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** What each tool tells the model (the language model tools' model descriptions say the same). */
const TOOLS: Record<AgentToolName, { title: string; description: string }> = {
  [AgentToolNames.quota]: {
    title: 'Qwen Cloud plan quota',
    description:
      'The Qwen Cloud Coding Plan request windows (5-hour, weekly, monthly) or Token Plan credits: used, left, when each resets, the pace and whether a window runs out before it resets, with a warning when one runs out within the hour. Use it before a long task, or to decide whether to run one (for example only if usage is under 40 %). Read-only.',
  },
  [AgentToolNames.spend]: {
    title: 'Qwen Cloud spend this month',
    description:
      "This month's Qwen Cloud pay-as-you-go spend against the monthly spending limit, with the daily pace and the projection for the month. Read-only.",
  },
  [AgentToolNames.taskFit]: {
    title: 'Will a task fit in the Qwen Cloud quota',
    description:
      'Whether a task of about N requests (Coding Plan) or N credits (Token Plan) fits in what is left of every window now, and if not, when it can start (when the windows in its way reset). A simple coding task takes about 5 requests, a complex one 30 or more. Read-only.',
  },
  [AgentToolNames.topSpenders]: {
    title: 'Top Qwen Cloud models and keys this month',
    description: "This month's largest Qwen Cloud models and API keys by pay-as-you-go spend, with their share of the month. Read-only.",
  },
};

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The extension's figures over the channel; the demo account's, and why, when it does not answer. */
async function currentData(channel: string | undefined, demoOnly: boolean): Promise<{ data: AgentData; now: number; note?: string }> {
  if (!demoOnly) {
    const file = await findChannelFile(channel);
    try {
      if (!file) {
        throw new ChannelError('no running VS Code with Qwen Cloud Meter was found');
      }
      const data = await fetchAgentData(file);
      // The extension's clock may differ from this one (a test's start time): answer at the moment it took the data.
      return { data, now: data.takenAt };
    } catch (error) {
      const reason = error instanceof ChannelError ? error.message : String(error);
      const now = systemClock.now();
      return { data: await demoAgentData(systemClock), now, note: `No running Qwen Cloud Meter extension answered (${reason}), so these are the demo account's figures.` };
    }
  }
  const now = systemClock.now();
  return { data: await demoAgentData(systemClock), now, note: 'Started with --demo: these are the demo account\'s figures.' };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('Usage: qwen-cloud-mcp [--channel <file>] [--demo]\nAn MCP server on stdio with the Qwen Cloud Meter tools. See docs/agents.md.\n');
    return;
  }
  const channel = option(args, '--channel');
  const demoOnly = args.includes('--demo');
  const server = new McpServer({ name: 'qwen-cloud-meter', version: VERSION });
  const size = { requests: z.number().positive().optional().describe('The task\'s size in Coding Plan requests'), credits: z.number().positive().optional().describe('The task\'s size in Token Plan credits') };
  const answer = async (name: AgentToolName, input: TaskSize) => {
    const { data, now, note } = await currentData(channel, demoOnly);
    const text = answerTool(name, input, data, now) ?? '';
    return { content: [{ type: 'text' as const, text: note ? `${note}\n${text}` : text }] };
  };
  for (const name of Object.values(AgentToolNames)) {
    const { title, description } = TOOLS[name];
    const config = { title, description, annotations: { title, ...READ_ONLY } };
    if (name === AgentToolNames.taskFit) {
      server.registerTool(name, { ...config, inputSchema: size }, (input) => answer(name, input));
    } else {
      server.registerTool(name, config, () => answer(name, {}));
    }
  }
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  process.stderr.write(`qwen-cloud-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
