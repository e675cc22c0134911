// An append-only JSON Lines file that loses no line: every line is one write to a file opened for appending
// (O_APPEND), which the OS appends whole for small writes, across processes too, so two windows and any
// number of concurrent records cannot overwrite each other, and a crash can at most lose the line being
// written. Past a size the file is moved aside to `<name>.1.<ext>` (one old file is kept).
// Plain Node: the extension hands in the storage folder's file-system path.
import { appendFile, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** A rotation lock older than this was left by a window that stopped mid-rotation. */
const STALE_LOCK_MS = 10_000;

/** Where the file goes when it is rotated: `api-key-audit.jsonl` → `api-key-audit.1.jsonl`. */
export function rotatedPath(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.1${ext}`);
}

/** Appends `line` (a newline is added) to `path`, creating its folder, rotating first when the file has reached `maxBytes`. */
export async function appendLine(path: string, line: string, maxBytes: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rotateIfFull(path, maxBytes);
  await appendFile(path, `${line.replace(/\r?\n/g, ' ')}\n`, { encoding: 'utf8', flag: 'a' });
}

/** The lines of the rotated file, then of the current one, without empty lines. */
export async function readLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  for (const file of [rotatedPath(path), path]) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (line.trim().length > 0) {
        lines.push(line);
      }
    }
  }
  return lines;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/**
 * Only the writer holding the lock file rotates, and it looks at the size again once it holds it: without
 * that, two writers that both saw a full file would rotate twice, and the second move would put the fresh
 * file over the old one. A writer that finds the lock taken just appends; the file runs a line over.
 */
async function rotateIfFull(path: string, maxBytes: number): Promise<void> {
  if (((await sizeOf(path)) ?? 0) < maxBytes) {
    return;
  }
  const lockPath = `${path}.lock`;
  const lock = await takeLock(lockPath);
  if (!lock) {
    return;
  }
  try {
    if (((await sizeOf(path)) ?? 0) >= maxBytes) {
      await rename(path, rotatedPath(path));
    }
  } finally {
    await lock.close();
    await unlink(lockPath).catch(() => undefined);
  }
}

async function takeLock(lockPath: string): Promise<{ close(): Promise<void> } | undefined> {
  try {
    return await open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const lockedAt = await stat(lockPath).then((s) => s.mtimeMs, () => undefined);
  if (lockedAt !== undefined && Date.now() - lockedAt > STALE_LOCK_MS) {
    await unlink(lockPath).catch(() => undefined);
    return open(lockPath, 'wx').catch(() => undefined);
  }
  return undefined;
}
