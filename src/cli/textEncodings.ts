// What the candidate reader does not read: it decodes UTF-8 only and takes a NUL byte for a binary file,
// so a UTF-16 file (Windows tools write them: PowerShell's Out-File, some .reg and .ps1 files) would
// pass as binary and never be scanned; and line numbers count LF only, so a file with CR-only line
// endings would report everything on line 1.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type Utf16Read = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'tooLarge' } | { readonly kind: 'notUtf16' };

/** A file that starts with a UTF-16 byte-order mark, decoded (the mark dropped); anything else is `notUtf16`. */
export function readUtf16(path: string, maxFileSize: number): Utf16Read {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    // The reader opened it a moment ago; gone since, it is left as the reader saw it.
    return { kind: 'notUtf16' };
  }
  try {
    const head = Buffer.alloc(2);
    if (readSync(fd, head, 0, 2, 0) < 2) return { kind: 'notUtf16' };
    const encoding = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
    if (!encoding) return { kind: 'notUtf16' };
    const size = fstatSync(fd).size;
    if (size > maxFileSize) return { kind: 'tooLarge' };
    const bytes = Buffer.alloc(size);
    let length = 0;
    for (let n = 1; length < size && n > 0; length += n) {
      n = readSync(fd, bytes, length, size - length, length);
    }
    const text = new TextDecoder(encoding).decode(bytes.subarray(0, length));
    // A NUL character even as UTF-16 means the mark was a coincidence: a binary file after all.
    return text.includes('\0') ? { kind: 'notUtf16' } : { kind: 'text', text };
  } finally {
    closeSync(fd);
  }
}

/**
 * CR-only line endings as LF, so that lines are counted as editors count them. Both are one character,
 * so every offset stays the same. A file that has any LF is left as it is.
 */
export function withLfLineEnds(text: string): string {
  return text.includes('\r') && !text.includes('\n') ? text.replace(/\r/g, '\n') : text;
}
