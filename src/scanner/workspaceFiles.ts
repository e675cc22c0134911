// Which workspace files the scanner reads: what VS Code's own search would (files.exclude and
// search.exclude), minus what .gitignore files exclude.
//
// How they are listed: with the ripgrep that ships inside VS Code (`rg --files` with the same excludes as
// globs; it reads the .gitignore files itself), which lists a 20,000-file tree in tens of milliseconds,
// where workspace.findFiles took 2.4 s of a 3.8 s rescan (the search process sends every URI over IPC).
// Where that ripgrep is not found or fails, and for folders not on the local disk, findFiles as before.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';

/** files.exclude or search.exclude patterns that are switched on (conditional `{ when }` entries count as on). */
function excludes(section: 'files' | 'search', folder: vscode.WorkspaceFolder): string[] {
  const value = vscode.workspace.getConfiguration(section, folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(value)
    .filter(([, on]) => on === true || (typeof on === 'object' && on !== null))
    .map(([glob]) => glob);
}

/**
 * One glob for findFiles' exclude argument: search.exclude and files.exclude both (findFiles applies
 * files.exclude itself when given no exclude; naming it too keeps that true whatever it does with one).
 */
export function excludeGlob(folder: vscode.WorkspaceFolder): string | undefined {
  const globs = [...new Set([...excludes('search', folder), ...excludes('files', folder)])].filter((g) => !g.includes('{'));
  return globs.length === 0 ? undefined : globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}

/** The .gitignore files of a folder, as rules keyed by the directory each applies to. */
export class GitignoreRules {
  private constructor(private readonly layers: readonly { dir: string; rules: Ignore }[]) {}

  /** From .gitignore files on the local disk (those the listing found). */
  static fromFiles(paths: readonly string[]): GitignoreRules {
    const layers: { dir: string; rules: Ignore }[] = [];
    for (const path of paths) {
      try {
        layers.push({ dir: dirname(path), rules: ignore().add(readFileSync(path, 'utf8')) });
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    return new GitignoreRules(layers);
  }

  static async load(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<GitignoreRules> {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), excludeGlob(folder), 2_000, token);
    const layers: { dir: string; rules: Ignore }[] = [];
    for (const file of files) {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        layers.push({ dir: vscode.Uri.joinPath(file, '..').fsPath, rules: ignore().add(text) });
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    return new GitignoreRules(layers);
  }

  ignores(fsPath: string): boolean {
    for (const layer of this.layers) {
      const rel = relative(layer.dir, fsPath);
      if (rel && !rel.startsWith('..') && layer.rules.ignores(sep === '/' ? rel : rel.split(sep).join('/'))) {
        return true;
      }
    }
    return false;
  }
}

/** Where a VS Code build keeps its ripgrep: the package's older and newer names, packed in an asar or not. */
export function ripgrepCandidates(appRoot: string, platform: string = process.platform, arch: string = process.arch): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  return ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe),
    join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
  ]);
}

let ripgrepPath: string | null | undefined;

/** The ripgrep inside this VS Code, or undefined (looked up once). */
export function bundledRipgrep(): string | undefined {
  if (ripgrepPath === undefined) {
    ripgrepPath = ripgrepCandidates(vscode.env.appRoot).find((p) => existsSync(p)) ?? null;
  }
  return ripgrepPath ?? undefined;
}

/**
 * A VS Code glob (relative to the folder) as a ripgrep exclude glob. ripgrep reads globs as .gitignore
 * lines, where a pattern without a slash matches at any depth: one that does not start with `**` is
 * anchored to the folder with a leading slash, as VS Code's own search does.
 */
export function ripgrepExclude(glob: string): string {
  return `!${glob.startsWith('**') || glob.startsWith('/') ? glob : `/${glob}`}`;
}

/** rg's arguments to list a folder's files as the scanner sees them. */
export function ripgrepArgs(globs: readonly string[], followSymlinks: boolean): string[] {
  return [
    '--files',
    '--null',
    '--hidden',
    '--no-config',
    // Only the .gitignore files inside the folder count, git repository or not, as with findFiles.
    '--no-require-git',
    '--no-ignore-parent',
    '--no-ignore-global',
    '--no-ignore-exclude',
    '--no-ignore-dot',
    ...(followSymlinks ? ['--follow'] : []),
    ...globs.flatMap((g) => ['-g', ripgrepExclude(g)]),
  ];
}

/** Lists the folder with ripgrep; undefined when it cannot (then findFiles is asked). */
async function listWithRipgrep(rg: string, folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<string[] | undefined> {
  const globs = [...new Set([...excludes('search', folder), ...excludes('files', folder)])];
  const follow = vscode.workspace.getConfiguration('search', folder.uri).get<boolean>('followSymlinks') ?? true;
  const root = folder.uri.fsPath;
  return new Promise((resolve) => {
    const child = spawn(rg, ripgrepArgs(globs, follow), { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    const cancel = token.onCancellationRequested(() => child.kill());
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', () => {
      cancel.dispose();
      resolve(undefined);
    });
    child.once('close', (code) => {
      cancel.dispose();
      // 0: files listed; 1: none; 2: some could not be read (the rest is listed). Anything else: not usable.
      if (token.isCancellationRequested || (code !== 0 && code !== 1 && code !== 2)) {
        resolve(token.isCancellationRequested ? [] : undefined);
        return;
      }
      const out = Buffer.concat(chunks).toString('utf8');
      const prefix = root.endsWith(sep) ? root : root + sep;
      resolve(out.split('\0').filter((p) => p !== '').map((p) => prefix + (sep === '/' ? p : p.split('/').join(sep))));
    });
  });
}

/** How the last listing was made, for the benchmark and the log. */
export type ListingMethod = 'ripgrep' | 'findFiles';

/**
 * The files to scan in one folder, as paths on disk: the scan makes each URI as it reads the file, so
 * that a large tree is not turned into URIs in one go on the extension host thread.
 */
export async function folderFiles(
  folder: vscode.WorkspaceFolder,
  token: vscode.CancellationToken,
  method: ListingMethod | undefined = undefined,
): Promise<{ paths: string[]; gitignore: GitignoreRules; method: ListingMethod }> {
  const rg = folder.uri.scheme === 'file' && method !== 'findFiles' ? bundledRipgrep() : undefined;
  if (rg) {
    const listed = await listWithRipgrep(rg, folder, token);
    if (listed) {
      const gitignores = listed.filter((p) => p.endsWith(`${sep}.gitignore`));
      return { paths: listed, gitignore: GitignoreRules.fromFiles(gitignores), method: 'ripgrep' };
    }
  }
  const [all, gitignore] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(folder), undefined, token),
    GitignoreRules.load(folder, token),
  ]);
  return { paths: all.filter((uri) => !gitignore.ignores(uri.fsPath)).map((uri) => uri.fsPath), gitignore, method: 'findFiles' };
}

/** Whether one file is in scope: not excluded by the settings (asked of findFiles) nor by .gitignore. */
export async function fileInScope(uri: vscode.Uri, gitignore: GitignoreRules | undefined, token?: vscode.CancellationToken): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) {
    return true;
  }
  if (gitignore?.ignores(uri.fsPath)) {
    return false;
  }
  const rel = relative(folder.uri.fsPath, uri.fsPath).split(sep).join('/');
  const glob = rel.replace(/[[\]{}*?]/g, (c) => `[${c}]`);
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), excludeGlob(folder), 1, token);
  return found.length > 0;
}
