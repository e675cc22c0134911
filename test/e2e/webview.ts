/// <reference lib="dom" />
// Reaching into webview panels from the UI tests. Code inside evaluate() callbacks runs in the browser.
import type { FrameLocator, Page } from 'playwright-core';

/** The content frame of the webview panel whose tab is active (VS Code nests it in two iframes). */
export function activeWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').locator('visible=true').first().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Pixels on the chart canvas that are not transparent: zero means nothing was drawn. */
export async function paintedPixels(frame: FrameLocator): Promise<number> {
  return frame.locator('canvas[data-testid="chart"]').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      return 0;
    }
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) {
      if ((data[i] ?? 0) > 0) {
        painted++;
      }
    }
    return painted;
  });
}

export async function chooseOption(page: Page, frame: FrameLocator, testId: string, label: string): Promise<void> {
  await frame.locator(`[data-testid="${testId}"]`).click();
  await frame.locator(`[data-testid="${testId}"]`).getByRole('option', { name: label, exact: true }).click();
  void page;
}
