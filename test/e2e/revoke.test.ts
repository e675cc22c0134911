// The Revoke API Key flow from the command palette, on the demo account, up to the confirmation dialog.
import * as assert from 'node:assert/strict';
import { acceptFocusedRow, runCommand, screenshot, workbench } from './workbench';

describe('revoking a key from the command palette', () => {
  it('picks a key, chooses Delete and stops at the modal that names the key', async () => {
    const { page } = workbench();
    // The panels an earlier test left open can take the focus when they redraw, which closes a quick pick.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
    await runCommand(page, 'Qwen Cloud: Revoke API Key…');
    const input = page.locator('.quick-input-widget input');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Local development' }).first().waitFor({ timeout: 30_000 });
    assert.ok((await rows.filter({ hasText: /sk-[0-9a-f]{4}\*+/ }).count()) >= 4, 'keys show their masked values');
    await input.fill('Old prototype');
    await acceptFocusedRow(page, 'Old prototype');
    await rows.filter({ hasText: 'Delete…' }).first().waitFor({ timeout: 10_000 });
    assert.ok((await rows.filter({ hasText: 'Enable' }).count()) === 1, 'a disabled key offers Enable, not Disable');
    await input.fill('Delete');
    await acceptFocusedRow(page, 'Delete…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /Delete the API key Old prototype \(sk-[0-9a-f]{4}\*+[0-9a-f]{4}\)\?/);
    assert.match(await dialog.innerText(), /cannot be undone/);
    console.log(`      screenshot: ${await screenshot(page, 'revoke-confirmation')}`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
