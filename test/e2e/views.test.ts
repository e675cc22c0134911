// The four Qwen Cloud views, all expanded, on the demo account.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { runCommand, screenshot, workbench } from './workbench';

async function expand(page: Page, title: string): Promise<Locator> {
  const header = page.locator('.pane-header', { hasText: title }).first();
  await header.waitFor({ timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') {
    await header.click();
  }
  return page.locator('.pane', { has: header });
}

describe('the Qwen Cloud views', () => {
  it('expands every view and shows the demo account in each', async () => {
    const { page } = workbench();
    await runCommand(page, 'Qwen Cloud: Show Plan');
    const plan = await expand(page, 'Plan');
    await plan.locator('.monaco-list-row', { hasText: 'Coding Plan Pro' }).waitFor({ timeout: 30_000 });
    await plan.locator('.monaco-list-row', { hasText: 'Period' }).waitFor();
    const subscriptions = await expand(page, 'Subscriptions');
    // The newest year's orders (early in January that is still last year's).
    await subscriptions.locator('.monaco-list-row', { hasText: /\b20\d\d\s*\d+ orders?/ }).first().waitFor({ timeout: 30_000 });
    assert.ok((await subscriptions.locator('.monaco-list-row', { hasText: 'Renewal' }).count()) > 0, 'the newest year\'s renewals are listed');
    const invoices = await expand(page, 'Invoices');
    await invoices.locator('.monaco-list-row', { hasText: 'Running, not final' }).waitFor({ timeout: 30_000 });
    const keys = await expand(page, 'API Keys');
    await keys.locator('.monaco-list-row', { hasText: 'Default Workspace' }).waitFor({ timeout: 30_000 });
    await keys.locator('.monaco-list-row', { hasText: 'Local development' }).waitFor();
    // Open a quota window too, so the picture shows a window's details.
    await plan.locator('.monaco-list-row', { hasText: 'Weekly window' }).click();
    await page.keyboard.press('ArrowRight');
    await plan.locator('.monaco-list-row', { hasText: 'Remaining' }).first().waitFor();
    console.log(`      screenshot: ${await screenshot(page, 'views')}`);
  });
});
