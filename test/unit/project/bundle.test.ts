// Activation must not pay for the network stack: undici belongs to the lazily loaded network bundle,
// never to the extension bundle; and the network bundle is the transport alone, so nothing of the
// extension (its typed errors above all) is bundled twice. (Runs against the development build that
// `npm test` makes.)
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

  it('keep the network bundle to the transport: no typed errors, sources or clients of the extension in it', () => {
    const network = readFileSync(join(DIST, 'network.js'), 'utf8');
    assert.ok(network.includes('src/api/http/undiciTransport.ts'), 'the transport is the network bundle (is the check still looking at the right thing?)');
    for (const own of ['src/core/', 'class QwenCloudError', 'src/api/http/httpClient.ts', 'src/api/gateway/', 'src/api/openapi/']) {
      assert.ok(!network.includes(own), `${own} is bundled into dist/network.js`);
    }
  });
});
