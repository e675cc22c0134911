// The manifest, the ids in code and the translations must agree: a mismatch is a broken command, a
// setting that does nothing, or a string a Chinese-speaking user sees in English.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, EXTENSION_ID, Panels, StatusBarIds, Views } from '../../../src/constants';

const ROOT = join(__dirname, '..', '..', '..', '..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

interface Manifest {
  name: string;
  publisher: string;
  engines: { vscode: string };
  activationEvents: string[];
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    configuration: { properties: Record<string, { scope?: string; default?: unknown }> };
  };
}

const manifest = readJson<Manifest>('package.json');

describe('the manifest', () => {
  it('matches the extension id in code', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  });

  it('activates only on startup and to restore its panels, never on *', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', ...Object.values(Panels).map((p) => `onWebviewPanel:${p}`)]);
  });

  it('pins @types/vscode to the engine minimum', () => {
    assert.equal(manifest.engines.vscode, `^${manifest.devDependencies['@types/vscode']}`);
  });

  it('contributes exactly the commands the code knows, all in the Qwen Cloud category', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(Commands).sort());
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, '%category%', c.command);
    }
  });

  it('contributes the views the code knows', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [Views.container]);
    assert.deepEqual(
      (manifest.contributes.views[Views.container] ?? []).map((v) => v.id),
      [Views.codingPlan, Views.subscriptions, Views.invoices, Views.apiKeys],
    );
    for (const id of Object.values(StatusBarIds)) {
      assert.ok(id.startsWith('qwenCloud.'), id);
    }
    assert.equal(new Set(Object.values(StatusBarIds)).size, Object.values(StatusBarIds).length, 'status bar ids are unique');
  });

  it('keeps endpoint settings and the user\'s alerts out of workspace scope', () => {
    const props = manifest.contributes.configuration.properties;
    const userOnly = ['qwenCloud.spendAlerts.enabled', 'qwenCloud.quota.notifications', 'qwenCloud.quota.warningThreshold', 'qwenCloud.quota.criticalThreshold'];
    for (const key of Object.keys(props).filter((k) => k.startsWith('qwenCloud.endpoints.') || k === 'qwenCloud.consoleUrl' || k === 'qwenCloud.site' || userOnly.includes(k))) {
      assert.equal(props[key]?.scope, 'application', key);
    }
    assert.equal(userOnly.filter((k) => props[k]).length, userOnly.length, 'every alert setting is in the manifest');
  });
});

describe('translations', () => {
  it('has a Simplified Chinese string for every manifest string, with the same placeholders', () => {
    const en = readJson<Record<string, string>>('package.nls.json');
    const zh = readJson<Record<string, string>>('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const referenced = [...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(referenced.filter((k) => !(k in en)), [], 'every %key% in package.json is defined');
  });
});
