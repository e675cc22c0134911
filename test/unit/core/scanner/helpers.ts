import type { Finding } from '../../../../src/core/scanner/finding';
import { scan, type ScanOptions } from '../../../../src/core/scanner/scan';

/** "rule state line" for each finding, lines 1-based: compact enough to read in an assertion. */
export function found(text: string, file: string, options?: ScanOptions): string[] {
  return summarize(text, scan(text, file, options));
}

export function summarize(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${f.state} ${text.slice(0, f.start).split('\n').length}`);
}

/** Applies a fix's edits (non-overlapping) to the text. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

export const FAKE_KEY = 'sk-4f9a2c7e1b8d3f6a0c5e9b2d7a4f1c8e';
export const FAKE_SP_KEY = 'sk-sp-7Hq2Lm9Xv4Rt8Wz1Kc6Np3Bj5Yd0Fs2G';
