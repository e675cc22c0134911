// Which files the CLI reads: directories recursively, skipping version-control folders, what --exclude
// and a root's .qwen-cost-ignore leave out, and (unless --no-ignore) node_modules and whatever .gitignore
// files exclude. A file named on the command line is read unless --exclude or the current folder's
// .qwen-cost-ignore leave it out (a pre-commit hook names files one by one). Symbolic links are
// not followed, so a link loop cannot trap the walk. A folder that cannot be listed is reported, never
// passed over in silence: in CI an unread folder must not look like a clean one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);
const SKIPPED_UNLESS_NO_IGNORE = new Set(['node_modules']);

/** The CLI's own ignore file, in gitignore syntax, read at each scanned root. */
export const IGNORE_FILE = '.qwen-cost-ignore';

export interface WalkOptions {
  readonly noIgnore: boolean;
  /** --exclude globs, gitignore syntax, relative to each root (to the current folder for a named file). */
  readonly exclude?: readonly string[];
  /** Where named files' paths are taken from, and whose .qwen-cost-ignore applies to them. */
  readonly cwd?: string;
  /** Told of each path that could not be read (a folder that cannot be listed, a root that is no file or folder). */
  readonly onUnreadable?: (path: string, reason: string) => void;
}

/** A file-system error as the user needs it: `EACCES: permission denied`, without the call and path Node adds. */
export function describeFsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '');
}

interface IgnoreLayer {
  readonly base: string;
  readonly rules: Ignore;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function loadGitignore(dir: string): Ignore | undefined {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return undefined;
  }
}

/**
 * --exclude and the folder's .qwen-cost-ignore as one set of rules for paths under `base`; undefined
 * when there are none. An ignore file that exists but cannot be read is reported: what it would have
 * left out is not known.
 */
function excludeRules(base: string, options: WalkOptions): Ignore | undefined {
  const rules = ignore();
  let any = false;
  if (options.exclude && options.exclude.length > 0) {
    rules.add([...options.exclude]);
    any = true;
  }
  const file = join(base, IGNORE_FILE);
  try {
    rules.add(readFileSync(file, 'utf8'));
    any = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      options.onUnreadable?.(file, describeFsError(error));
    }
  }
  return any ? rules : undefined;
}

function ignored(layers: readonly IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = toPosix(relative(layer.base, path));
    if (rel && !rel.startsWith('..') && layer.rules.ignores(isDir ? `${rel}/` : rel)) {
      return true;
    }
  }
  return false;
}

/** Yields the files under `root` (or `root` itself when it is a file), in a stable order. */
export function* walkFiles(root: string, options: WalkOptions): Generator<string> {
  let stat;
  try {
    stat = statSync(root);
  } catch (error) {
    options.onUnreadable?.(root, describeFsError(error));
    return;
  }
  if (stat.isFile()) {
    const base = options.cwd;
    const rules = base === undefined ? undefined : excludeRules(base, options);
    if (!rules || base === undefined || !ignored([{ base, rules }], root, false)) {
      yield root;
    }
    return;
  }
  if (!stat.isDirectory()) {
    options.onUnreadable?.(root, 'not a regular file or folder');
    return;
  }
  const rules = excludeRules(root, options);
  yield* walkDir(root, [], rules ? [{ base: root, rules }] : [], options);
}

function* walkDir(dir: string, parentLayers: readonly IgnoreLayer[], excluded: readonly IgnoreLayer[], options: WalkOptions): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.onUnreadable?.(dir, describeFsError(error));
    return;
  }
  let layers = parentLayers;
  if (!options.noIgnore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    const rules = loadGitignore(dir);
    if (rules) {
      layers = [...parentLayers, { base: dir, rules }];
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // `dir` is already normalised, so a plain concatenation is the joined path (join() normalises again).
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const entry of entries) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) {
      if (
        ALWAYS_SKIPPED.has(entry.name) ||
        (!options.noIgnore && (SKIPPED_UNLESS_NO_IGNORE.has(entry.name) || ignored(layers, path, true))) ||
        (excluded.length > 0 && ignored(excluded, path, true))
      ) {
        continue;
      }
      yield* walkDir(path, layers, excluded, options);
    } else if (entry.isFile()) {
      if ((!options.noIgnore && layers.length > 0 && ignored(layers, path, false)) || (excluded.length > 0 && ignored(excluded, path, false))) {
        continue;
      }
      yield path;
    }
  }
}
