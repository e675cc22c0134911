// The shipped bundles' sizes, raw and gzipped (gzip's default level): what a user downloads and what the
// extension host parses when the extension activates (only dist/extension.js; the network bundle loads on
// the first real request, each webview bundle in its own panel).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BenchRow, ROOT } from './measure';

const BUNDLES: readonly [file: string, what: string][] = [
  ['dist/extension.js', 'loaded at activation'],
  ['dist/network.js', 'loaded on the first real request'],
  ['dist/webview/spending.js', 'the spending panel'],
  ['dist/webview/limit.js', 'the spending limit panel'],
  ['dist/cli.js', 'qwen-cost-scan'],
];

function kib(bytes: number): number {
  return Number((bytes / 1024).toFixed(1));
}

export function bundleBench(): BenchRow[] {
  const command = 'node esbuild.mjs --production';
  return BUNDLES.map(([file, what]): BenchRow => {
    const path = join(ROOT, file);
    if (!existsSync(path)) {
      return { metric: `${file} (${what})`, value: 'missing: build first', unit: '', command };
    }
    const bytes = readFileSync(path);
    return { metric: `${file} (${what}), raw / gzipped`, value: `${kib(bytes.length)} / ${kib(gzipSync(bytes).length)}`, unit: 'KiB', command };
  });
}
