/// <reference lib="dom" />
// Code inside evaluate() callbacks runs in the browser.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { activeWebview, chooseOption, paintedPixels } from './webview';
import { screenshot, statusBar, workbench } from './workbench';

/** Runs the command whose title is exactly `title` (runCommand takes the first row that contains it). */
async function runExactCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) })
    .first()
    .click();
}

/** Switches the colour theme as a user does, with "Preferences: Color Theme". */
async function setTheme(page: Page, theme: string): Promise<void> {
  // Themes come from built-in extensions: wait until the extension host is up.
  await statusBar(page).locator('[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]').waitFor({ timeout: 60_000 });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>Preferences: Color Theme');
  // Click the command itself: the marketplace browser ranks close by.
  await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
  const dark = theme.includes('Dark');
  await page.waitForFunction((wantDark) => document.querySelector('.monaco-workbench')?.classList.contains(wantDark ? 'vs-dark' : 'vs') === true, dark, {
    timeout: 30_000,
  });
}

describe('the spending and limit panels in the workbench', () => {
  it('renders the spending chart and switches its grouping', async () => {
    const { page } = workbench();
    // The extension is active once its status bar item shows.
    await statusBar(page).locator('[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]').waitFor({ timeout: 60_000 });
    await runExactCommand(page, 'Qwen Cloud: Show Spending');
    const frame = activeWebview(page);
    await frame.locator('canvas[data-testid="chart"]').waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid="source-label"]', { hasText: 'Demo' }).waitFor();
    await frame.locator('[data-testid="month-spend"]').filter({ hasText: /\$\d/ }).waitFor({ timeout: 30_000 });
    // The Invoices view's running month includes tax; this figure does not, and says so.
    assert.equal((await frame.locator('[data-testid="month-spend-label"]').innerText()).trim(), 'Billed this month, before tax');
    const painted = await paintedPixels(frame);
    assert.ok(painted > 2_000, `the chart has ${painted} painted pixels`);
    // The spend-against-limit bar is filled to its share, from the first render on.
    const bar = await frame.locator('.meter[role="progressbar"]').first().evaluate((m) => ({
      percent: Number(m.getAttribute('aria-valuenow')),
      share: (m.querySelector('.meter-fill')?.getBoundingClientRect().width ?? 0) / m.getBoundingClientRect().width,
    }));
    assert.ok(bar.percent > 0 && bar.percent < 100, `the demo month is ${bar.percent} % of its limit`);
    assert.ok(Math.abs(bar.share - Math.min(100, bar.percent) / 100) < 0.02, `a bar for ${bar.percent} % is filled to ${(bar.share * 100).toFixed(1)} %`);

    await chooseOption(page, frame, 'group-by', 'API key');
    await frame.locator('caption', { hasText: 'Spending by API key' }).waitFor({ timeout: 30_000 });
    const headers = await frame.locator('.data-table thead th').allInnerTexts();
    assert.ok(headers.some((h) => /…/.test(h)), `API key names in the table: ${headers.join(' | ')}`);
    assert.ok((await paintedPixels(frame)) > 2_000);
    await page.mouse.move(10, 10);
    console.log(`      screenshot: ${await screenshot(page, 'spending-panel-dark')}`);
  });

  it('puts the chart above the free quota and inside a 1600×1000 window, and its empty filters read "All"', async () => {
    const { page } = workbench();
    const before = page.viewportSize();
    await page.setViewportSize({ width: 1600, height: 1000 });
    try {
      const frame = activeWebview(page);
      const chart = frame.locator('.chart-box');
      await frame.locator('canvas[data-testid="chart"]').waitFor({ timeout: 30_000 });
      const freeQuota = frame.locator('details.free-quota');
      await freeQuota.waitFor({ timeout: 30_000 });
      // The chart settles its size after the resize.
      await page.waitForTimeout(500);
      const chartBox = await chart.boundingBox();
      const quotaBox = await freeQuota.boundingBox();
      assert.ok(chartBox && quotaBox, 'both are laid out');
      assert.ok(chartBox.y + chartBox.height <= quotaBox.y, `the chart (${chartBox.y}–${chartBox.y + chartBox.height}) comes before the free quota (from ${quotaBox.y})`);
      assert.ok(chartBox.y >= 0 && chartBox.y + chartBox.height <= 1000, `the whole chart (${chartBox.y}–${chartBox.y + chartBox.height}) is in the 1000 px window`);
      assert.ok(chartBox.height > 200, `a chart of ${chartBox.height} px`);
      for (const dimension of ['productionStep', 'apiKey', 'model']) {
        const face = frame.locator(`[data-testid="filter-${dimension}"] [data-testid="filter-face"]`);
        assert.equal((await face.innerText()).trim(), 'All', `the ${dimension} filter with nothing chosen`);
      }
      assert.equal(await frame.getByText('0 Selected').count(), 0);
      await page.mouse.move(10, 10);
      console.log(`      screenshot: ${await screenshot(page, 'spending-panel-1600x1000')}`);
    } finally {
      if (before) {
        await page.setViewportSize(before);
      }
    }
  });

  it('shows the itemised list, sorted and paged', async () => {
    const { page } = workbench();
    const frame = activeWebview(page);
    await frame.locator('vscode-radio[value="list"]').click();
    await frame.locator('[data-testid="page-status"]').waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('[data-testid="page-status"]').innerText(), /^Rows 1–100 of [\d,]+ · page 1 of \d+$/);
    await frame.getByRole('button', { name: 'Amount' }).click();
    await frame.locator('th[aria-sort="descending"]', { hasText: 'Amount' }).waitFor();
    const amounts = (await frame.locator('table.items tbody tr td:nth-child(7)').allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, '')));
    assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a), 'largest amounts first');
    console.log(`      screenshot: ${await screenshot(page, 'spending-list-dark')}`);
    await frame.locator('vscode-radio[value="chart"]').click();
    await frame.locator('canvas[data-testid="chart"]').waitFor();
  });

  it('refuses an invalid limit next to its field, then saves a valid one', async () => {
    const { page } = workbench();
    await runExactCommand(page, 'Qwen Cloud: Show Spending Limit');
    const frame = activeWebview(page);
    await frame.locator('[data-testid="current-limit"]').waitFor({ timeout: 60_000 });
    const amount = frame.locator('[data-testid="amount"] input');
    await amount.fill('-5');
    await frame.locator('[data-testid="amount-error"]', { hasText: 'The limit must be positive: leave out the minus sign.' }).waitFor();
    await amount.fill('12.345');
    await frame.locator('[data-testid="amount-error"]', { hasText: 'USD amounts have at most 2 decimal places; this one has 3.' }).waitFor();
    await frame.locator('[data-testid="save"]').click();
    // Nothing was sent: no confirmation opens.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
    console.log(`      screenshot: ${await screenshot(page, 'limit-panel-invalid-dark')}`);

    await amount.fill('250');
    await frame.locator('[data-testid="amount-error"]', { hasText: 'A positive amount in USD' }).waitFor();
    await frame.locator('[data-testid="save"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), /Monthly limit: \$\d[\d,.]* → \$250\.00/);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await frame.locator('[data-testid="save-result"][data-outcome="saved"]').waitFor({ timeout: 15_000 });
    await frame.locator('[data-testid="current-limit"]', { hasText: '$250.00' }).waitFor({ timeout: 15_000 });
    console.log(`      screenshot: ${await screenshot(page, 'limit-panel-dark')}`);

    // Typed and not saved: kept while the panel is hidden (VS Code tears its webview down) and shown again.
    await amount.fill('321');
    // The webview hands its state to the workbench in a message: give it a moment before hiding.
    await page.waitForTimeout(300);
    await page.getByRole('tab', { name: 'Qwen Cloud Spending', exact: true }).click();
    await activeWebview(page).locator('canvas[data-testid="chart"]').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Qwen Cloud Spending Limit', exact: true }).click();
    const shownAgain = activeWebview(page);
    await shownAgain.locator('[data-testid="current-limit"]', { hasText: '$250.00' }).waitFor({ timeout: 30_000 });
    const restored = shownAgain.locator('[data-testid="amount"] input');
    const deadline = Date.now() + 10_000;
    while ((await restored.inputValue()) !== '321' && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    assert.equal(await restored.inputValue(), '321', 'the typed amount is still there');
  });

  it('is legible in a light theme', async () => {
    const { page } = workbench();
    await setTheme(page, 'Light Modern');
    try {
      const limit = activeWebview(page);
      await limit.locator('[data-testid="current-limit"]').waitFor();
      console.log(`      screenshot: ${await screenshot(page, 'limit-panel-light')}`);
      await runExactCommand(page, 'Qwen Cloud: Show Spending');
      const spending = activeWebview(page);
      await spending.locator('canvas[data-testid="chart"]').waitFor({ timeout: 30_000 });
      assert.ok((await paintedPixels(spending)) > 2_000);
      // The chart takes the light theme's text colour for its axes.
      const tick = await spending.locator('body').evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-foreground').trim());
      assert.ok(tick.length > 0, 'the theme defines chart colours');
      console.log(`      screenshot: ${await screenshot(page, 'spending-panel-light')}`);
    } finally {
      await setTheme(page, 'Dark Modern');
    }
  });

  it('comes back after a window reload, on the same view', async () => {
    const { page } = workbench();
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // The tab is restored by the panel's serializer, with the grouping the user chose before.
    await page.getByRole('tab', { name: 'Qwen Cloud Spending', exact: true }).click({ timeout: 60_000 });
    const frame = activeWebview(page);
    await frame.locator('canvas[data-testid="chart"]').waitFor({ timeout: 60_000 });
    await frame.locator('caption', { hasText: 'Spending by API key' }).waitFor({ timeout: 30_000 });
    assert.ok((await paintedPixels(frame)) > 2_000);
  });
});
