// Builds the .vsix a user installs, with the README's own command (`npm run package`, which runs the
// production build through vsce's prepublish step), into a file of the caller's choosing.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './stageExtension';

export function packageExtension(outFile: string): string {
  const result = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', outFile], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  // vsce lists every packed file; keep that beside the package rather than in the test output.
  writeFileSync(join(dirname(outFile), 'package.log'), `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0 || !existsSync(outFile)) {
    const last = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-3).join(' / ');
    throw new Error(`npm run package failed (exit ${result.status ?? result.signal}): ${last}`);
  }
  return outFile;
}
