// Activation must not pay for the network stack: undici belongs to the lazily loaded network bundle,
// never to the extension bundle. (Runs against the development build that `npm test` makes.)
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', '..', '..', 'dist');

describe('the bundles', () => {
  before(function () {
    if (!existsSync(join(DIST, 'extension.js')) || !existsSync(join(DIST, 'network.js'))) {
      throw new Error('dist/ is missing: build first (node esbuild.mjs)');
    }
  });

  it('keep undici out of the extension bundle, in the network bundle', () => {
    const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
    const network = readFileSync(join(DIST, 'network.js'), 'utf8');
    for (const heavy of ['node_modules/undici/']) {
      assert.ok(!extension.includes(heavy), `${heavy} is bundled into dist/extension.js`);
      assert.ok(network.includes(heavy), `${heavy} should be in dist/network.js (is the check still looking at the right thing?)`);
    }
  });
});
