// The agents' tools in the workbench: without a chat model (no Copilot in the test host) the command that
// invokes them through vscode.lm.invokeTool shows what an agent reads; the picture goes in the README.
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, workbench } from './workbench';

describe('the agents\' tools in the workbench', () => {
  it('show what they answer an agent, invoked as a chat extension invokes them', async () => {
    const { page } = workbench();
    await runCommand(page, 'Qwen Cloud: Show What the Agent Tools Answer');
    const lines = page.locator('.editor-instance .view-lines').first();
    await lines.getByText(/Source:.the.demo.account/).first().waitFor({ timeout: 60_000 });
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /# What the Qwen Cloud Meter tools answer an agent/);
    assert.match(text, /## `qwen_cloud_quota` \{\}/);
    assert.match(text, /Qwen Cloud quota: Coding Plan Pro \(Active\)\./);
    assert.match(text, /5-hour window: \d+% used \([\d,]+ of 6,000 requests\)/);
    const file = await screenshot(page, 'agent-tools');
    console.log(`      screenshot: ${file}`);
    await runCommand(page, 'View: Revert and Close Editor');
  });
});
