import * as assert from 'node:assert/strict';
import { acceptFocusedRow, screenshot, statusBar, workbench } from './workbench';

describe('the cost scanner in the workbench', () => {
  it('shows what web search costs in a CodeLens above the Python call, and the warning in the Problems panel', async () => {
    const { page } = workbench();
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('chatbot.py');
    await acceptFocusedRow(page, 'chatbot.py');
    const lens = page.locator('.codelens-decoration', { hasText: 'Web search is billed per call' });
    await lens.first().waitFor({ timeout: 60_000 });
    const text = await page.locator('.codelens-decoration').allInnerTexts();
    assert.ok(text.some((t) => t.includes('Forced search searches on every call')), text.join(' | '));
    // The status bar's problem counter includes the scanner's warnings.
    const problems = statusBar(page).locator('[id="status.problems"]');
    await problems.waitFor();
    assert.match(await problems.innerText(), /[1-9]/);
    const file = await screenshot(page, 'scanner-codelens');
    console.log(`      screenshot: ${file}`);
  });
});
