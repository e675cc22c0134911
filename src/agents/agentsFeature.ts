// Quota and spending for coding agents: language model tools that chat extensions (Copilot's agent mode and
// others) call, read-only, and the MCP server VS Code starts for them, which reads the same answers over the
// local channel. The answers themselves are core code (src/core/agents/), shared with the MCP server.
import * as vscode from 'vscode';
import { registerCommand } from '../commands/runCommand';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { Commands } from '../constants';
import { AgentToolNames, type AgentToolName, answerTool, type TaskSize } from '../core/agents/agentAnswers';
import { CHANNEL_ENV } from '../core/agents/channelInfo';
import type { Clock } from '../core/common/clock';
import type { Logger } from '../core/common/logger';
import { AgentChannel } from './agentChannel';
import type { AgentDataService } from './agentDataService';

/** The id of the MCP server definition provider, as `contributes.mcpServerDefinitionProviders` declares it. */
export const MCP_PROVIDER_ID = 'qwenCloud.mcpServer';

/** The MCP server definition API (VS Code 1.101 and later): not in the types of the oldest VS Code supported. */
interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: { provideMcpServerDefinitions(): unknown[] }): vscode.Disposable;
}
type McpStdioServerDefinitionClass = new (label: string, command: string, args?: string[], env?: Record<string, string>, version?: string) => unknown;

function mcpApi(): { lm: McpApi; Definition: McpStdioServerDefinitionClass } | undefined {
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinitionClass }).McpStdioServerDefinition;
  return typeof lm.registerMcpServerDefinitionProvider === 'function' && typeof Definition === 'function' ? { lm: lm as McpApi, Definition } : undefined;
}

/** The task-fit tool's input, as the model sent it: only finite, positive sizes count. */
function taskSize(input: unknown): TaskSize {
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const size = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined);
  const requests = size(value.requests);
  const credits = size(value.credits);
  return { ...(requests !== undefined ? { requests } : {}), ...(credits !== undefined ? { credits } : {}) };
}

function invocationMessage(name: AgentToolName): string {
  switch (name) {
    case AgentToolNames.quota:
      return vscode.l10n.t('Reading the Qwen Cloud plan quota');
    case AgentToolNames.spend:
      return vscode.l10n.t('Reading this month\'s Qwen Cloud spend');
    case AgentToolNames.taskFit:
      return vscode.l10n.t('Checking whether the task fits in the Qwen Cloud quota');
    case AgentToolNames.topSpenders:
      return vscode.l10n.t('Reading this month\'s top Qwen Cloud models and keys');
  }
}

export class AgentsFeature extends DisposableOwner {
  readonly channel: AgentChannel;
  /** Whether this VS Code has the MCP server definition API, so the server was registered. */
  readonly mcpRegistered: boolean;

  constructor(
    private readonly data: AgentDataService,
    private readonly clock: Clock,
    private readonly log: Logger,
    globalStorage: vscode.Uri,
    /** dist/mcp.js in the installed extension. */
    private readonly serverScript: string,
    private readonly version: string,
  ) {
    super();
    for (const name of Object.values(AgentToolNames)) {
      this.register(
        vscode.lm.registerTool<unknown>(name, {
          prepareInvocation: () => ({ invocationMessage: invocationMessage(name) }),
          invoke: async (options) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(await this.answer(name, options.input))]),
        }),
      );
    }
    this.channel = new AgentChannel(globalStorage.fsPath, () => this.data.current(), log);
    this.register(toDisposable(() => this.channel.dispose()));
    // The focused window serves the MCP server started next: point the channel file at it.
    this.register(vscode.window.onDidChangeWindowState((state) => state.focused && void this.channel.writeFile().catch(() => undefined)));
    this.mcpRegistered = this.registerMcpServer();
    this.register(registerCommand(Commands.showAgentAnswers, log, () => this.showAnswers()));
  }

  /**
   * What an agent reads: each tool invoked through vscode.lm.invokeTool, as a chat extension calls it, and
   * the answers in one Markdown document. Returns the document's text.
   */
  async showAnswers(): Promise<string> {
    const sections = [`# ${vscode.l10n.t('What the Qwen Cloud Meter tools answer an agent')}`];
    const calls: [AgentToolName, object][] = [
      [AgentToolNames.quota, {}],
      [AgentToolNames.taskFit, { requests: 30 }],
      [AgentToolNames.spend, {}],
      [AgentToolNames.topSpenders, {}],
    ];
    for (const [name, input] of calls) {
      const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
      const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
      sections.push(`## \`${name}\` ${JSON.stringify(input)}`, '```text', text, '```');
    }
    const content = sections.join('\n\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document, { preview: false });
    return content;
  }

  /** Opens the local channel (after activation: activation itself opens nothing). Never rejects: a failure is logged. */
  async start(): Promise<void> {
    await this.channel.start().catch((error: unknown) => this.log.error('The agents\' local channel could not start', error));
  }

  /** The answer a tool gives now, as text. */
  async answer(name: AgentToolName, input: unknown): Promise<string> {
    const data = await this.data.current();
    return answerTool(name, taskSize(input), data, this.clock.now(), { locale: vscode.env.language }) ?? '';
  }

  private registerMcpServer(): boolean {
    const api = mcpApi();
    if (!api) {
      this.log.info('This VS Code has no MCP server definition API: the MCP server is not registered (the language model tools are).');
      return false;
    }
    const { lm, Definition } = api;
    this.register(
      lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
        provideMcpServerDefinitions: () => [
          // The extension host's own runtime runs the server: Electron's as Node, or code-server's Node.
          new Definition(vscode.l10n.t('Qwen Cloud Meter'), process.execPath, [this.serverScript], { [CHANNEL_ENV]: this.channel.file, ELECTRON_RUN_AS_NODE: '1' }, this.version),
        ],
      }),
    );
    return true;
  }
}
