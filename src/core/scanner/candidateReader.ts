// Reads candidate files fast: one reused buffer, a size cap, binary detection (a NUL byte in the first
// 8 KB, as git does), and a byte-level first look so most files are never decoded at all.
import { closeSync, openSync, readSync } from 'node:fs';
import { firstLookInBytes } from './byteFirstLook';
import { mayHaveFindings } from './scan';

const BINARY_PROBE = 8000;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export type ReadResult =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'tooLarge' }
  | { readonly kind: 'binary' }
  | { readonly kind: 'unreadable'; readonly reason: string };

export class CandidateReader {
  private buffer = Buffer.allocUnsafe(1 << 20);

  constructor(
    private readonly maxFileSize: number,
    private readonly extraPatterns: readonly RegExp[] = [],
  ) {}

  /** The file's text when it may hold findings; otherwise why it was passed over. */
  read(path: string): ReadResult {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
    }
    try {
      // Read up to one byte past the cap: no fstat per file, and a file that fills it is too large.
      const cap = this.maxFileSize + 1;
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          if (length >= cap) break;
          const bigger = Buffer.allocUnsafe(Math.min(cap, this.buffer.length * 2));
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const n = readSync(fd, this.buffer, length, Math.min(cap, this.buffer.length) - length, null);
        if (n <= 0) break;
        length += n;
        if (length >= cap) break;
      }
      if (length > this.maxFileSize) {
        return { kind: 'tooLarge' };
      }
      const bytes = this.buffer.subarray(0, length);
      if (bytes.subarray(0, BINARY_PROBE).indexOf(0) >= 0) {
        return { kind: 'binary' };
      }
      // The first look runs on the bytes themselves (no string is built for most files); the user's own
      // patterns, when there are any, on a Latin-1 view (one character per byte).
      if (!firstLookInBytes(bytes) && !(this.extraPatterns.length > 0 && mayHaveFindings(bytes.toString('latin1'), this.extraPatterns))) {
        return { kind: 'nothing' };
      }
      const text = decoder.decode(bytes);
      return mayHaveFindings(text, this.extraPatterns) ? { kind: 'text', text } : { kind: 'nothing' };
    } catch (error) {
      return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      closeSync(fd);
    }
  }
}
