// Activation must not pay for the MCP server: the MCP SDK (and zod) belong to dist/mcp.js only. (Runs
// against the development build, whose module comments name each bundled file.)
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', '..', '..', 'dist');

describe('the MCP server\'s bundle', () => {
  before(function () {
    if (!existsSync(join(DIST, 'extension.js')) || !existsSync(join(DIST, 'mcp.js'))) {
      throw new Error('dist/ is missing: build first (node esbuild.mjs)');
    }
  });

  it('holds the MCP SDK, which the extension bundle does not', () => {
    const extension = readFileSync(join(DIST, 'extension.js'), 'utf8');
    const mcp = readFileSync(join(DIST, 'mcp.js'), 'utf8');
    for (const heavy of ['node_modules/@modelcontextprotocol/sdk/', 'node_modules/zod/']) {
      assert.ok(!extension.includes(heavy), `${heavy} is bundled into dist/extension.js`);
      assert.ok(mcp.includes(heavy), `${heavy} should be in dist/mcp.js (is the check still looking at the right thing?)`);
    }
    assert.ok(mcp.startsWith('#!/usr/bin/env node'), 'dist/mcp.js runs as the qwen-cloud-mcp command');
  });
});
