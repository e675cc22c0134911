// Where coding agents keep their base URL and key inside a project, so a pay-as-you-go key there can be
// told apart from one an application uses (applications must use pay-as-you-go keys: the plans serve
// coding agents only). Each entry follows the tool's own documentation:
// - Qwen Code: `.qwen/settings.json` (`security.auth.apiKey` / `baseUrl`, `modelProviders`) and `.qwen/.env`
//   (`OPENAI_API_KEY`, `OPENAI_BASE_URL`);
// - Claude Code: `.claude/settings.json` and `.claude/settings.local.json` (`env.ANTHROPIC_BASE_URL`,
//   `env.ANTHROPIC_AUTH_TOKEN` / `ANTHROPIC_API_KEY`);
// - Continue: `.continue/config.yaml` / `config.json` and `.continue/models/*.yaml` (`apiBase`, `apiKey`);
// - opencode: `opencode.json` / `opencode.jsonc` at the project root (`provider.<id>.options.baseURL`, `apiKey`).
// Cline keeps its base URL in VS Code's extension state and its key in VS Code's secret storage, not in a
// project file, so nothing of it can be read here. The same files under the home folder are outside the
// workspace and are not scanned.

export type AgentTool = 'Qwen Code' | 'Claude Code' | 'Continue' | 'opencode';

const LOCATIONS: readonly [RegExp, AgentTool][] = [
  [/(^|\/)\.qwen\/(settings\.json|\.env)$/, 'Qwen Code'],
  [/(^|\/)\.claude\/settings(\.local)?\.json$/, 'Claude Code'],
  [/(^|\/)\.continue\/(config\.(ya?ml|json)|models\/[^/]+\.ya?ml|assistants\/[^/]+\.ya?ml)$/, 'Continue'],
  [/(^|\/)opencode\.jsonc?$/, 'opencode'],
];

/** The coding agent whose configuration file this is (a path with `/` or `\` separators), if any. */
export function agentToolOf(path: string): AgentTool | undefined {
  const normal = path.replace(/\\/g, '/');
  return LOCATIONS.find(([pattern]) => pattern.test(normal))?.[1];
}
