import * as assert from 'node:assert/strict';
import { activeWebview, chooseOption, paintedPixels } from './webview';
import { screenshot, statusBar, workbench } from './workbench';

const SPEND_ITEM = '[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.spend"]';

// The workbench runs with qwenCloud.statusBar.spend set to "always" (see hooks.ts): the demo account has a
// Coding Plan, so on "auto" the item would stay hidden.
describe('the pay-as-you-go item and model usage in the workbench', () => {
  it('shows this month\'s spend against the limit beside the quota meter, with its tooltip on hover', async () => {
    const { page } = workbench();
    const item = statusBar(page).locator(SPEND_ITEM);
    // The limit is the demo's $300 unless the limit panel's test saved another.
    await item.getByText(/\$[\d,.]+ \/ \$[\d,.]+ · Demo/).waitFor({ timeout: 60_000 });
    assert.match((await item.innerText()).trim(), /^\$[\d,]+\.\d\d \/ \$[\d,]+(\.\d\d)? · Demo$/);
    const label = (await item.locator('[aria-label]').first().getAttribute('aria-label')) ?? (await item.getAttribute('aria-label')) ?? '';
    assert.match(label, /^Qwen Cloud pay-as-you-go spend this month: \$[\d,.]+\. \d+ percent of the monthly limit of \$[\d,]+\.\d\d\./);
    assert.equal(await item.locator('.codicon-credit-card, .codicon-warning, .codicon-error').count(), 1, 'a codicon, not "$(credit-card)" text');
    assert.equal(await statusBar(page).locator('[id="qwen-cloud-meter.qwen-cloud-meter.qwenCloud.quota"]').isVisible(), true, 'the quota meter stays');

    await item.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Pay-as-you-go' }).first();
    await hover.waitFor({ timeout: 15_000 });
    // The top models and keys arrive with the month's cost analysis, just after the spend.
    await hover.filter({ hasText: 'Top models' }).waitFor({ timeout: 15_000 });
    const tooltip = await hover.innerText();
    for (const expected of [
      /Month to date/,
      /Projected for the month/,
      /Monthly limit\s+\$[\d,]+\.\d\d · \d+% used/,
      /Alert threshold\s+\d+% · \$[\d,]+\.\d\d/,
      /Top models/,
      /Top API keys/,
      /Free quota: usage inside it produces no bill\./,
      /qwen3-omni-flash: [\d.]+K? of 1M tokens left/,
      /Usage reaches the bill a few hours late/,
      /Source: Demo · updated/,
    ]) {
      assert.match(tooltip, expected);
    }
    assert.ok(!tooltip.includes('$('), 'no raw theme-icon syntax');
    assert.ok((await hover.locator('a[data-href^="command:qwenCloud.showSpending"], a[href^="command:qwenCloud.showSpending"]').count()) >= 1, 'a Spending link');
    assert.ok((await hover.locator('a[data-href^="command:qwenCloud.showSpendingLimit"], a[href^="command:qwenCloud.showSpendingLimit"]').count()) >= 1, 'a Spending limit link');
    console.log(`      screenshot: ${await screenshot(page, 'spend-item-tooltip')}`);
    await page.mouse.move(700, 300);
  });

  it('opens the spending panel on a click, with the model usage statistics and the free quota', async () => {
    const { page } = workbench();
    await statusBar(page).locator(SPEND_ITEM).click();
    const frame = activeWebview(page);
    await frame.locator('[data-testid="source-label"]', { hasText: 'Demo' }).waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid="free-quota"]').waitFor({ timeout: 30_000 });
    const quotaRows = await frame.locator('[data-testid="free-quota"] tbody tr').allInnerTexts();
    assert.ok(quotaRows.some((r) => /qwen3-omni-flash\s+[\d.]+K? of 1M tokens/.test(r) && /Available/.test(r)), quotaRows.join('\n'));
    assert.ok(quotaRows.some((r) => /qwen3-max/.test(r) && /Expired/.test(r)));

    await frame.locator('vscode-radio[value="usage"]').click();
    await frame.locator('[data-testid="usage-table"]').waitFor({ timeout: 60_000 });
    await frame.locator('canvas[data-testid="chart"]').waitFor();
    assert.ok((await paintedPixels(frame)) > 2_000, 'the usage chart is drawn');
    assert.match(await frame.locator('[data-testid="usage-summary"]').innerText(), /^[\d,]+ calls · [\d,]+ input tokens · [\d,]+ output tokens · \$[\d,.]+ billed\s+across \d+ models/);
    const headers = await frame.locator('[data-testid="usage-table"] thead th').allInnerTexts();
    assert.deepEqual(headers.map((h) => h.trim()), ['Model', 'Calls', 'Input tokens', 'Output tokens', 'Tokens per call', 'Billed']);
    const rows = await frame.locator('[data-testid="usage-table"] tbody tr').allInnerTexts();
    assert.ok(rows.length >= 4, rows.join('\n'));
    const calls = rows.map((r) => Number((r.split('\t')[1] ?? '').replace(/,/g, '')));
    assert.deepEqual(calls, [...calls].sort((a, b) => b - a), 'most calls first');
    await page.mouse.move(10, 10);
    await frame.locator('canvas[data-testid="chart"]').scrollIntoViewIfNeeded();
    console.log(`      screenshot: ${await screenshot(page, 'model-usage-dark')}`);

    await frame.locator('[data-testid="usage-table"] tfoot').scrollIntoViewIfNeeded();
    console.log(`      screenshot: ${await screenshot(page, 'model-usage-table-dark')}`);

    // Which plan fits: what each offer would have cost over the same range, and whether its quota would have held.
    const fit = frame.locator('[data-testid="plan-fit"]');
    await fit.waitFor({ timeout: 30_000 });
    const bars = await fit.locator('.plan-bar-row').allInnerTexts();
    assert.match(bars[0] ?? '', /^Pay-as-you-go\s+\$[\d,]+\.\d\d\s+What this use was billed$/, bars.join('\n'));
    for (const plan of ['Coding Plan Lite', 'Coding Plan Pro']) {
      const row = bars.find((b) => b.startsWith(plan)) ?? '';
      assert.match(row, /\$[\d,]+\.\d\d\s+Quota (would have held|would have run out|: cannot tell)/, `${plan}: ${row}`);
    }
    // The dated table gives no Token Plan price it could not source: the panel says so instead of a figure.
    assert.ok(bars.some((b) => b.startsWith('Token Plan') && /Price unknown/.test(b)), bars.join('\n'));
    // Each bar's length is its cost against the longest (the panel's CSP refuses style attributes, so a
    // width that never reached the element would draw every bar full length).
    const drawn = await fit.locator('.plan-bar-row').evaluateAll((rows) =>
      rows.map((r) => ({ width: r.querySelector('.plan-bar')?.getBoundingClientRect().width, track: r.querySelector('.plan-bar-track')?.getBoundingClientRect().width, cost: Number((r.querySelector('.plan-bar-value')?.textContent ?? '').replace(/[^\d.]/g, '')) })),
    );
    const priced = drawn.filter((d): d is { width: number; track: number; cost: number } => d.width !== undefined && d.track !== undefined && d.cost > 0);
    assert.ok(priced.length >= 3, JSON.stringify(drawn));
    const longest = Math.max(...priced.map((d) => d.cost));
    for (const d of priced) {
      assert.ok(Math.abs(d.width / d.track - Math.max(0.01, d.cost / longest)) < 0.02, `a bar for ${d.cost} of ${longest} is ${d.width} of ${d.track} px`);
    }
    const tableRows = await fit.locator('[data-testid="plan-fit-table"] tbody tr').count();
    assert.equal(tableRows, bars.length, 'a table row for each bar');
    await fit.scrollIntoViewIfNeeded();
    console.log(`      screenshot: ${await screenshot(page, 'plan-fit-dark')}`);

    // Another metric redraws the chart and its data table from the same data.
    await chooseOption(page, frame, 'usage-metric', 'Output tokens');
    await frame.locator('caption', { hasText: 'Output tokens by model per period' }).waitFor({ timeout: 15_000 });
    assert.ok((await paintedPixels(frame)) > 2_000);

    // Leave the panel on its chart, as the other UI tests expect it.
    await frame.locator('vscode-radio[value="chart"]').click();
    await frame.locator('canvas[data-testid="chart"]').waitFor();
  });
});
