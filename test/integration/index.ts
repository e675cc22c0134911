// Loaded by the extension host as `extensionTestsPath`: runs every *.test.js next to it with mocha, and
// fails the run if any promise was rejected without a handler while the tests ran (the extension host
// only logs those, so they would otherwise pass unseen).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { unhandledRejections, watchUnhandledRejections } from './rejections';

export function run(): Promise<void> {
  const stopWatching = watchUnhandledRejections();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.QCM_TEST_GREP) {
    mocha.grep(process.env.QCM_TEST_GREP);
  }
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      // A rejection noticed late (Node reports them after a turn) still counts.
      setTimeout(() => {
        stopWatching();
        const rejected = unhandledRejections();
        console.log(`  unhandled promise rejections during the run: ${rejected.length}`);
        for (const r of rejected) {
          console.error(`    unhandled rejection: ${r}`);
        }
        if (failures > 0) {
          reject(new Error(`${failures} integration test(s) failed.`));
        } else if (rejected.length > 0) {
          reject(new Error(`${rejected.length} promise(s) were rejected without a handler.`));
        } else {
          resolve();
        }
      }, 1_000);
    });
  });
}
