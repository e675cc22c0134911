// What a user installs: the .vsix built by `npm run package`, installed by code-server. Its files, its
// packaged README, and its listing in the Extensions view. The other UI tests run against the same install.
/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../host/stageExtension';
import { activeWebview } from './webview';
import { screenshot, workbench } from './workbench';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

interface Manifest {
  readonly main: string;
  readonly icon: string;
  readonly bin: Record<string, string>;
  readonly repository: { readonly url: string };
  readonly homepage: string;
  readonly bugs: { readonly url: string };
  readonly galleryBanner: { readonly color: string; readonly theme: string };
  readonly categories: readonly string[];
  readonly keywords: readonly string[];
  readonly contributes: { readonly viewsContainers: { readonly activitybar: readonly { readonly icon: string }[] } };
}

describe('the installed .vsix', () => {
  it('holds what runs and nothing else', () => {
    const { extensionDir } = workbench();
    const files = listFiles(extensionDir).map((f) => relative(extensionDir, f).split('\\').join('/'));
    // What .vscodeignore lets through, plus what vsce and code-server add (the manifest, the license's .txt).
    const allowed = [
      /^package(\.nls(\.[\w-]+)?)?\.json$/,
      /^(readme|changelog)\.md$/i,
      /^LICENSE(\.txt)?$/,
      /^\.vsixmanifest$/,
      /^dist\/[\w-]+\.js$/,
      /^dist\/webview\/[\w-]+\.js$/,
      /^media\/[\w.-]+\.(png|svg|css)$/,
      /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
    ];
    const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], 'no sources, tests, source maps or dependencies in the package');

    const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as Manifest;
    const needed = [
      manifest.main.replace(/^\.\//, ''),
      manifest.icon,
      ...Object.values(manifest.bin).map((p) => p.replace(/^\.\//, '')),
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      // One browser bundle per panel the repository builds.
      ...readdirSync(join(REPO_ROOT, 'webview'), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(REPO_ROOT, 'webview', d.name, 'main.ts')))
        .map((d) => `dist/webview/${d.name}.js`),
      // A translation of the manifest and of the code for each language the repository has.
      ...readdirSync(join(REPO_ROOT, 'l10n')).map((f) => `l10n/${f}`),
      ...readdirSync(REPO_ROOT).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f)),
    ];
    assert.deepEqual(needed.filter((f) => !files.includes(f)), [], 'every file the manifest and the panels load is packed');
    // Minified and without source maps: the production build went in.
    assert.ok(!readFileSync(join(extensionDir, manifest.main), 'utf8').includes('sourceMappingURL'), 'no source map reference in the main bundle');
  });

  it('has the fields a marketplace listing needs', () => {
    const manifest = JSON.parse(readFileSync(join(workbench().extensionDir, 'package.json'), 'utf8')) as Manifest;
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    assert.match(manifest.homepage, /^https:\/\//);
    assert.match(manifest.bugs.url, /^https:\/\//);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.ok(manifest.categories.length > 0 && manifest.keywords.length > 0);
    assert.match(manifest.icon, /\.png$/, 'the marketplace refuses an SVG icon');
  });

  it('ships a README whose images are absolute links to files the repository holds', () => {
    const { extensionDir } = workbench();
    const readme = readFileSync(join(extensionDir, readdirSync(extensionDir).find((f) => /^readme\.md$/i.test(f)) ?? 'README.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as Manifest;
    const base = `${manifest.repository.url.replace(/\.git$/, '')}/raw/HEAD/`;
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    assert.ok(images.length >= 3, `the README shows its screenshots (found ${images.length})`);
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n'));
    for (const src of images) {
      assert.ok(src.startsWith(base), `${src} is an absolute https link into the repository`);
      const path = src.slice(base.length);
      assert.ok(tracked.has(path), `${path} is a file the repository tracks, so the link resolves once pushed`);
    }
    // No link is left relative: a relative link is broken in the marketplace and in the Extensions view.
    const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    assert.deepEqual(links.filter((l) => !/^(https?:|mailto:|#)/.test(l)), []);
  });

  it('is listed in the Extensions view with its README', async () => {
    const { page } = workbench();
    await page.keyboard.press('Control+Shift+X');
    try {
      // The search box is a small editor, not an input: click it and type as a user does.
      const search = page.locator('.extensions-viewlet .suggest-input-container').first();
      await search.waitFor({ timeout: 30_000 });
      await search.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('@installed Qwen Cloud Meter');
      const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Qwen Cloud Meter' }).first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      await page.locator('.extension-editor .name', { hasText: 'Qwen Cloud Meter' }).first().waitFor({ timeout: 30_000 });
      // The packaged README renders in the details page's webview, screenshots included (as https links,
      // which this offline machine cannot fetch, so the picture shows their alt text).
      const readme = activeWebview(page);
      await readme.getByRole('heading', { name: 'What it does' }).waitFor({ timeout: 30_000 });
      const sources = await readme.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
      assert.ok(sources.length >= 3 && sources.every((src) => src.startsWith('https://')), `the details page asks for the images over https: ${sources.join(', ')}`);
      console.log(`      screenshot: ${await screenshot(page, 'extension-listing')}`);
    } finally {
      // Leave the workbench as the other UI tests expect it: no extra editor, the explorer in front.
      await page.keyboard.press('Escape');
      await page.locator('.extension-editor').waitFor({ state: 'visible', timeout: 1_000 }).then(
        () => page.keyboard.press('Control+W'),
        () => undefined,
      );
      await page.keyboard.press('Control+Shift+E');
    }
  });
});
