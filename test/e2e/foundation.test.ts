import * as assert from 'node:assert/strict';
import { runCommand, screenshot, statusBar, workbench } from './workbench';

describe('the workbench with the extension installed', () => {
  it('shows the demo quota in the status bar', async () => {
    const { page } = workbench();
    const item = statusBar(page).locator('[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]');
    await item.waitFor({ timeout: 60_000 });
    await item.getByText(/(5h|wk|mo) \d+% · Demo/).waitFor({ timeout: 30_000 });
    const text = (await item.innerText()).trim();
    assert.match(text, /(5h|wk|mo) \d{1,3}% · Demo/);
  });

  it('shows the three windows in the plan view', async () => {
    const { page } = workbench();
    await runCommand(page, 'Qwen Cloud: Show Plan');
    const rows = page.locator('.monaco-list-row');
    for (const name of ['5-hour window', 'Weekly window', 'Monthly window']) {
      await rows.filter({ hasText: name }).first().waitFor({ timeout: 30_000 });
    }
    await rows.filter({ hasText: 'Coding Plan Pro' }).first().waitFor();
    const file = await screenshot(page, 'coding-plan-view');
    console.log(`      screenshot: ${file}`);
  });
});
