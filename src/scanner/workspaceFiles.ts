// Which workspace files the scanner reads: what VS Code's own search would (files.exclude and
// search.exclude, through findFiles), minus what .gitignore files exclude.
import { relative, sep } from 'node:path';
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

/** The files to scan in one folder. */
export async function folderFiles(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<{ files: vscode.Uri[]; gitignore: GitignoreRules }> {
  const [all, gitignore] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(folder), undefined, token),
    GitignoreRules.load(folder, token),
  ]);
  return { files: all.filter((uri) => !gitignore.ignores(uri.fsPath)), gitignore };
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
