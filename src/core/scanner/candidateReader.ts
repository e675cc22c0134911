// Reads candidate files fast: one reused buffer, a size cap, binary detection (a NUL byte in the first
// 8 KB, as git does), and a byte-level first look so most files are never decoded at all. Binary and
// too-large files cost only the first 8 KB read.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
      // The probe first: a binary file is known from it, and a file larger than the cap from fstat, so
      // neither costs more than the probe's read (a 700 MB video is not loaded to be skipped).
      let length = this.fill(fd, 0, BINARY_PROBE);
      if (this.buffer.subarray(0, length).indexOf(0) >= 0) {
        return { kind: 'binary' };
      }
      if (length === BINARY_PROBE) {
        const size = fstatSync(fd).size;
        if (size > this.maxFileSize) {
          return { kind: 'tooLarge' };
        }
        // A regular file is read to the size fstat gave; where fstat does not know (a special file says
        // 0), up to one byte past the cap, and a file that fills it is too large.
        length = this.fill(fd, length, size >= length ? size : this.maxFileSize + 1);
      }
      if (length > this.maxFileSize) {
        return { kind: 'tooLarge' };
      }
      const bytes = this.buffer.subarray(0, length);
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

  /** Reads on from `length` until `limit` bytes or the end of the file, growing the buffer; the new length. */
  private fill(fd: number, length: number, limit: number): number {
    for (;;) {
      if (length >= limit) return length;
      if (length === this.buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(limit, this.buffer.length * 2));
        this.buffer.copy(bigger, 0, 0, length);
        this.buffer = bigger;
      }
      const n = readSync(fd, this.buffer, length, Math.min(limit, this.buffer.length) - length, null);
      if (n <= 0) return length;
      length += n;
    }
  }
}
