// Mocha root hooks for the UI tests: one workbench for the whole run.
import { closeWorkbench, openWorkbench } from './workbench';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(300_000);
    await openWorkbench();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await closeWorkbench();
  },
};
