// The scanner's settings and bin in package.json must match the code that reads them.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../../../src/cli/main';
import { MAX_SCANNER_FILE_SIZE, parseScannerSettings, SCANNER_DEFAULTS, SCANNER_SECTION } from '../../../src/config/scannerSettings';
import { RULE_IDS } from '../../../src/core/scanner/rules';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface Property {
  default?: unknown;
  maximum?: number;
  properties?: Record<string, unknown>;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  capabilities: { untrustedWorkspaces: { supported: boolean | string; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, Property> } };
};

describe('the scanner in the manifest', () => {
  const props = manifest.contributes.configuration.properties;
  const scannerKeys = Object.keys(props).filter((k) => k.startsWith(`${SCANNER_SECTION}.`));

  it('declares exactly the settings the code reads, with the same defaults', () => {
    assert.deepEqual(scannerKeys.map((k) => k.slice(SCANNER_SECTION.length + 1)).sort(), Object.keys(SCANNER_DEFAULTS).sort());
    for (const [key, value] of Object.entries(SCANNER_DEFAULTS)) {
      assert.deepEqual(props[`${SCANNER_SECTION}.${key}`]?.default, value, key);
    }
    assert.equal(SCANNER_DEFAULTS.maxFileSize, DEFAULT_MAX_FILE_SIZE, 'the editor and the CLI skip the same files');
  });

  it('offers a severity for every rule id', () => {
    assert.deepEqual(Object.keys(props[`${SCANNER_SECTION}.severity`]?.properties ?? {}).sort(), [...RULE_IDS].sort());
  });

  it('reads bad values as the defaults, and good ones as given', () => {
    const bad: Record<string, unknown> = { enabled: 'yes', severity: { enable_search: 'loud', n: 'error' }, dynamicSeverity: 7, qwenPatterns: 'x', maxFileSize: 12, prices: [1] };
    const parsed = parseScannerSettings((k) => bad[k]);
    assert.deepEqual(parsed, { enabled: true, codeLens: true, severity: { n: 'error' }, dynamicSeverity: 'info', qwenPatterns: [], maxFileSize: 1_048_576, prices: {} });
    assert.equal(parseScannerSettings((k) => ({ enabled: false, maxFileSize: 4096.7 })[k as string]).maxFileSize, 4096);
  });

  it('takes neither the patterns, the size cap, nor what turns findings off from a workspace in Restricted Mode', () => {
    // A cloned repository could otherwise run its own regular expressions, or read files of any size,
    // on the extension host as soon as it is opened, or hide the keys hard-coded in it.
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description ?? '', /^%.+%$/, 'a localised description');
    for (const key of ['qwenPatterns', 'maxFileSize', 'enabled', 'severity']) {
      assert.ok(untrusted.restrictedConfigurations?.includes(`${SCANNER_SECTION}.${key}`), key);
    }
  });

  it("caps maxFileSize at the manifest's maximum", () => {
    assert.equal(props[`${SCANNER_SECTION}.maxFileSize`]?.maximum, MAX_SCANNER_FILE_SIZE);
    const read = (maxFileSize: unknown) => parseScannerSettings((k) => ({ maxFileSize })[k as string]).maxFileSize;
    assert.equal(read(700 * 1024 * 1024), MAX_SCANNER_FILE_SIZE);
    assert.equal(read(Infinity), MAX_SCANNER_FILE_SIZE);
    assert.equal(read(MAX_SCANNER_FILE_SIZE), MAX_SCANNER_FILE_SIZE);
    assert.equal(read(NaN), SCANNER_DEFAULTS.maxFileSize);
  });

  it('ships the CLI as the qwen-cost-scan bin', () => {
    assert.equal(manifest.bin['qwen-cost-scan'], './dist/cli.js');
  });
});
