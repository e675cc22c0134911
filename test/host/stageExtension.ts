// Lays out the extension exactly as a .vsix would install it: the files `vsce ls` lists (the manifest
// plus what .vscodeignore lets through), so UI tests and `npm start` run what users get.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export function stageExtension(target: string): string {
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  if (!files.includes('dist/extension.js')) {
    throw new Error('dist/extension.js is missing: build first (npm run build).');
  }
  rmSync(target, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(join(target, dirname(file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(target, file));
  }
  return target;
}
