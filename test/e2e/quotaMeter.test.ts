import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { acceptFocusedRow, runCommand, screenshot, statusBar, workbench } from './workbench';

/** Runs Switch Demo Plan… and picks the choice that `filter` (typed once the pick is up) leaves focused. */
async function pickDemoPlans(page: Page, filter: string, row: string | RegExp): Promise<void> {
  await runCommand(page, 'Qwen Cloud: Switch Demo Plan…');
  await page.locator('.quick-input-widget', { hasText: 'The demo account\'s plans' }).waitFor({ timeout: 15_000 });
  // The filter narrows the list to the one choice, so Enter picks it.
  await page.locator('.quick-input-widget input').fill(filter);
  await acceptFocusedRow(page, row);
}

describe('the quota meter in the workbench', () => {
  it('shows the three windows, and its tooltip on hover', async () => {
    const { page } = workbench();
    const item = statusBar(page).locator('[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]');
    await item.getByText(/5h \d+% · wk \d+% · mo \d+% · Demo/).waitFor({ timeout: 60_000 });
    const text = (await item.innerText()).trim();
    assert.match(text, /^5h \d{1,3}% · wk \d{1,3}% · mo \d{1,3}% · Demo$/);
    const label = (await item.locator('[aria-label]').first().getAttribute('aria-label')) ?? (await item.getAttribute('aria-label')) ?? '';
    assert.match(label, /^Qwen Cloud Coding Plan quota\. 5-hour window: \d+ percent used/);
    // The item draws a codicon, not the "$(dashboard)" text.
    assert.equal(await item.locator('.codicon-dashboard, .codicon-warning').count(), 1);

    await item.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Coding Plan Pro' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const tooltip = await hover.innerText();
    for (const expected of [/5-hour window/, /Weekly window/, /Monthly window/, /in (\d+ [dh] )?\d+ (h|min), at/, /Pace: about [\d,]+ requests an hour/, /tasks left/, /Source: Demo · updated/, /Refresh/, /Console/]) {
      assert.match(tooltip, expected);
    }
    // Theme icons and command links render as such, not as source text.
    assert.ok(!tooltip.includes('$('), 'no raw theme-icon syntax');
    assert.ok((await hover.locator('a[data-href^="command:qwenCloud.refresh"], a[href^="command:qwenCloud.refresh"]').count()) >= 1, 'a Refresh link');
    const file = await screenshot(page, 'quota-tooltip');
    console.log(`      screenshot: ${file}`);
    await page.mouse.move(700, 300);
  });

  it('shows a Token Plan\'s credits beside the Coding Plan\'s windows once the demo is switched to both, and its tooltip', async () => {
    const { page } = workbench();
    const item = statusBar(page).locator('[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]');
    await pickDemoPlans(page, 'Coding Plan and Token Plan', 'Coding Plan and Token Plan');
    try {
      await item.getByText(/5h \d+% · wk \d+% · mo \d+% · cr \d+% · Demo/).waitFor({ timeout: 30_000 });
      await item.hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Token Plan Standard' }).first();
      await hover.waitFor({ timeout: 15_000 });
      const tooltip = await hover.innerText();
      for (const expected of [/Coding Plan Pro/, /Token Plan Standard/, /Credits/, /[\d,]+ \/ 45,000/, /Add-on packs: 3,180 of 5,000 credits left/, /5-hour window/]) {
        assert.match(tooltip, expected);
      }
      assert.ok(!tooltip.includes('$('), 'no raw theme-icon syntax');
      const file = await screenshot(page, 'token-plan-tooltip');
      console.log(`      screenshot: ${file}`);
      await page.mouse.move(700, 300);
    } finally {
      await pickDemoPlans(page, 'Requests per 5 hours', /^Coding Plan/);
      await item.getByText(/5h \d+% · wk \d+% · mo \d+% · Demo/).waitFor({ timeout: 30_000 });
    }
  });
});
