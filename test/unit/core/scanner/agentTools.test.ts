import * as assert from 'node:assert/strict';
import { agentToolOf } from '../../../../src/core/scanner/agentTools';

describe("coding agents' configuration files", () => {
  it('names the tool for each documented location, at the root or in a subfolder, with either separator', () => {
    const cases: [string, string | undefined][] = [
      ['.qwen/settings.json', 'Qwen Code'],
      ['.qwen/.env', 'Qwen Code'],
      ['packages/web/.claude/settings.local.json', 'Claude Code'],
      ['.claude\\settings.json', 'Claude Code'],
      ['.continue/config.yaml', 'Continue'],
      ['.continue/models/qwen.yaml', 'Continue'],
      ['opencode.jsonc', 'opencode'],
    ];
    for (const [path, tool] of cases) {
      assert.equal(agentToolOf(path), tool, path);
    }
  });

  it("leaves applications' files alone", () => {
    for (const path of ['.env', 'src/settings.json', '.claude/commands/review.md', 'config.yaml', 'myopencode.json', '.qwen/QWEN.md']) {
      assert.equal(agentToolOf(path), undefined, path);
    }
  });
});
