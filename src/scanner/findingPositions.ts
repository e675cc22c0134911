// The one place the scanner turns offsets into lines and characters, for open documents and files read
// from disk alike. It counts as an open document's positionAt does (lines end at LF; a position between
// CR and LF is the end of the line; offsets are clamped to the text), so a file's findings have the same
// ranges whether it was read from disk or from its editor.
import * as vscode from 'vscode';
import type { Finding } from '../core/scanner/finding';
import { LineIndex } from '../core/scanner/positions';
import type { ScannerHit } from './findingsIndex';

const CR = 13;
const LF = 10;

/** The 0-based position of an offset in text, whose lines are indexed by lines. */
export function positionAt(text: string, lines: LineIndex, offset: number): vscode.Position {
  let at = Math.min(text.length, Math.max(0, offset));
  if (at > 0 && text.charCodeAt(at - 1) === CR && text.charCodeAt(at) === LF) {
    at--;
  }
  const p = lines.at(at);
  return new vscode.Position(p.line - 1, p.column - 1);
}

/** The findings of text, each with its range in it. */
export function hitsIn(text: string, findings: readonly Finding[]): ScannerHit[] {
  if (findings.length === 0) {
    return [];
  }
  const lines = new LineIndex(text);
  return findings.map((finding) => ({ finding, range: new vscode.Range(positionAt(text, lines, finding.start), positionAt(text, lines, finding.end)) }));
}
