// The code's strings against the committed translation bundles, through the real l10n export (slow: it
// parses every source file). A string missing from the bundles is one a Chinese-speaking user sees in English.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;
const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();

describe('translations of the code', () => {
  it('has a bundle entry for every vscode.l10n / l10n.t string in the code, and a Chinese one for each', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'qcm-l10n-'));
    try {
      // Webviews localise through @vscode/l10n with the bundle the host hands them, so their strings count too.
      execFileSync(join(ROOT, 'node_modules', '.bin', 'vscode-l10n-dev'), ['export', '--outDir', out, join(ROOT, 'src'), join(ROOT, 'webview')], { stdio: 'pipe' });
      const exported = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      const committed = readJson<Record<string, string>>('l10n/bundle.l10n.json');
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(exported).sort(), 'run `npm run l10n:export` after changing strings');
      const zh = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');
      assert.deepEqual(Object.keys(exported).filter((k) => !(k in zh)), [], 'strings without a Chinese translation');
      assert.deepEqual(Object.keys(zh).filter((k) => !(k in exported)), [], 'Chinese strings no longer used');
      for (const key of Object.keys(exported)) {
        assert.deepEqual(placeholders(zh[key]!), placeholders(key), `placeholders of ${JSON.stringify(key)}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
