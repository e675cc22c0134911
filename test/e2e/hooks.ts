// Mocha root hooks for the UI tests: one workbench for the whole run.
import { closeWorkbench, openWorkbench, screenshot, workbench } from './workbench';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(300_000);
    // The demo account has a Coding Plan, so the pay-as-you-go item shows only when set to "always".
    await openWorkbench({ 'qwenCloud.statusBar.spend': 'always' });
  },
  /** A failing UI test leaves a picture of what the workbench showed. */
  async afterEach(this: Mocha.Context): Promise<void> {
    if (this.currentTest?.state === 'failed') {
      const name = `failure-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}`;
      console.log(`      failure screenshot: ${await screenshot(workbench().page, name).catch(() => 'none')}`);
    }
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await closeWorkbench();
  },
};
