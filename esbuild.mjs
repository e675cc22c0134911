// One build script: the extension bundle (Node, CommonJS, `vscode` external), the lazily loaded network
// bundle, the CLI, and one browser bundle per webview. `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  external: ['vscode'],
  logLevel: 'warning',
  legalComments: production ? 'none' : 'eof',
};

/** Node bundles: entry file → output file under dist/. Entries that do not exist yet are skipped. */
const nodeEntries = [
  ['src/extension.ts', 'dist/extension.js'],
  // The transport (undici), loaded on the first real request.
  ['src/api/http/undiciTransport.ts', 'dist/network.js'],
  ['src/cli/main.ts', 'dist/cli.js'],
  // The MCP server (qwen-cloud-mcp): the MCP SDK lives here only, never in the extension bundle.
  ['src/mcp/main.ts', 'dist/mcp.js'],
].filter(([entry]) => existsSync(entry));

/** Every folder under webview/ with a main.ts is one panel's browser bundle. */
const webviewEntries = existsSync('webview')
  ? readdirSync('webview', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
      .map((d) => [join('webview', d.name, 'main.ts'), `dist/webview/${d.name}.js`])
  : [];

const configs = [
  ...nodeEntries.map(([entry, outfile]) => ({
    ...node,
    entryPoints: [entry],
    outfile,
    ...(outfile === 'dist/cli.js' || outfile === 'dist/mcp.js' ? { banner: { js: '#!/usr/bin/env node' } } : {}),
    ...(outfile === 'dist/mcp.js' ? { define: { QCM_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) } } : {}),
  })),
  ...webviewEntries.map(([entry, outfile]) => ({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    entryPoints: [entry],
    outfile,
    logLevel: 'warning',
    legalComments: production ? 'none' : 'eof',
    tsconfig: 'webview/tsconfig.json',
  })),
];

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`esbuild: watching ${configs.length} bundles`);
} else {
  const started = Date.now();
  await Promise.all(configs.map((c) => esbuild.build(c)));
  console.log(`esbuild: ${configs.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
