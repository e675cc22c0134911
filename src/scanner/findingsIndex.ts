// What the scanner found, file by file, and the events that say what changed. The providers read it
// (through ScannerService); the document tracker and the workspace scan fill it.
import * as vscode from 'vscode';
import { DisposableOwner } from '../common/lifecycle';
import type { Finding } from '../core/scanner/finding';

/** A finding with its place in the file it was found in. */
export interface ScannerHit {
  readonly finding: Finding;
  readonly range: vscode.Range;
}

export interface FileFindings {
  readonly uri: vscode.Uri;
  /** The document version the findings belong to, for open documents. */
  readonly version?: number;
  readonly hits: readonly ScannerHit[];
}

/**
 * A hard-coded key found in the workspace, for the key-management features: where it is and how to
 * recognise it, never the key itself (that stays in the document).
 */
export interface HardcodedKeyOccurrence {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly kind: 'sk-' | 'sk-sp-';
  /** `sk-` or `sk-sp-` and the next four characters, as the console shows them. */
  readonly visiblePrefix: string;
  readonly last4: string;
}

export class FindingsIndex extends DisposableOwner {
  private readonly files = new Map<string, FileFindings>();
  private readonly changed = this.register(new vscode.EventEmitter<readonly vscode.Uri[]>());
  /** Fires with the files whose findings changed (all of them after a workspace scan). */
  readonly onDidChange = this.changed.event;
  private readonly keysChanged = this.register(new vscode.EventEmitter<readonly HardcodedKeyOccurrence[]>());
  /** Fires when the set of hard-coded keys in the workspace changes. */
  readonly onDidChangeHardcodedKeys = this.keysChanged.event;
  private keySignature = '';

  /** Everything found, file by file. */
  all(): readonly FileFindings[] {
    return [...this.files.values()].filter((f) => f.hits.length > 0);
  }

  get(uri: vscode.Uri): FileFindings | undefined {
    return this.files.get(uri.toString());
  }

  /** The hard-coded keys found in the workspace and in open editors. */
  hardcodedKeys(): readonly HardcodedKeyOccurrence[] {
    const keys: HardcodedKeyOccurrence[] = [];
    for (const entry of this.files.values()) {
      for (const hit of entry.hits) {
        const key = hit.finding.key;
        if (hit.finding.rule === 'api_key' && key && key.kind !== 'LTAI') {
          keys.push({ uri: entry.uri, range: hit.range, kind: key.kind, visiblePrefix: key.visiblePrefix, last4: key.last4 });
        }
      }
    }
    return keys;
  }

  /** Replaces what was found in one file, and says so when it had or has findings. */
  store(entry: FileFindings): void {
    const key = entry.uri.toString();
    const before = this.files.get(key);
    // An open document is remembered even without findings: its version says it was scanned.
    if (entry.hits.length === 0 && entry.version === undefined) {
      this.files.delete(key);
    } else {
      this.files.set(key, entry);
    }
    if ((before?.hits.length ?? 0) > 0 || entry.hits.length > 0) {
      this.changed.fire([entry.uri]);
      this.checkKeys();
    }
  }

  forget(uris: readonly vscode.Uri[]): void {
    this.announce(uris.filter((u) => this.files.delete(u.toString())));
  }

  forgetAll(): void {
    this.forget([...this.files.values()].map((f) => f.uri));
  }

  /** Drops a file's findings without a word: its new findings are stored right after. */
  drop(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
  }

  /**
   * Replaces, quietly, what was found in a file read from disk (the workspace scan announces its changes
   * together); returns whether anything changed.
   */
  putFromDisk(uri: vscode.Uri, hits: readonly ScannerHit[]): boolean {
    const key = uri.toString();
    if (hits.length > 0) {
      this.files.set(key, { uri, hits });
      return true;
    }
    return this.files.delete(key);
  }

  /** Drops, quietly, the files read from disk that are not in `seen` (gone, or now excluded); returns them. */
  dropUnseen(seen: ReadonlySet<string>): vscode.Uri[] {
    const dropped: vscode.Uri[] = [];
    for (const entry of [...this.files.values()]) {
      const key = entry.uri.toString();
      if (entry.version === undefined && !seen.has(key)) {
        this.files.delete(key);
        dropped.push(entry.uri);
      }
    }
    return dropped;
  }

  /** Tells the providers which files' findings changed. */
  announce(uris: readonly vscode.Uri[]): void {
    if (uris.length > 0) {
      this.changed.fire(uris);
      this.checkKeys();
    }
  }

  /** Tells the providers to render again though no finding changed (a CodeLens or price setting did). */
  rerender(): void {
    this.changed.fire([]);
  }

  private checkKeys(): void {
    const keys = this.hardcodedKeys();
    const signature = keys.map((k) => `${k.uri.toString()}#${k.range.start.line}:${k.range.start.character}:${k.visiblePrefix}:${k.last4}`).join('|');
    if (signature !== this.keySignature) {
      this.keySignature = signature;
      this.keysChanged.fire(keys);
    }
  }
}
