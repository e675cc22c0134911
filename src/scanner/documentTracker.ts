// Open documents: scanned when opened and again after edits (debounced; a newer edit supersedes the scan
// that was waiting), asked for by the providers, and handed back to the file on disk when closed. An
// open document's findings belong to its version.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { FileScanner } from './fileScanner';
import type { FindingsIndex, ScannerHit } from './findingsIndex';
import type { WorkspaceScope } from './workspaceScope';

const EDIT_DEBOUNCE_MS = 150;

/** The documents the scanner reads: files, untitled editors and notebook cells (not output or git views). */
function isScannable(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' || uri.scheme === 'untitled' || uri.scheme === 'vscode-notebook-cell';
}

export class DocumentTracker extends DisposableOwner {
  /** Edits waiting for their scan, by document. */
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly files: FileScanner,
    private readonly index: FindingsIndex,
    private readonly scope: WorkspaceScope,
  ) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidOpenTextDocument((d) => void this.scan(d)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.onClosed(d)));
    this.register(
      toDisposable(() => {
        for (const t of this.pending.values()) clearTimeout(t);
      }),
    );
  }

  get hasPendingEdits(): boolean {
    return this.pending.size > 0;
  }

  /** Findings for an open document, scanned now if its version changed since. */
  findingsFor(document: vscode.TextDocument): readonly ScannerHit[] {
    if (!this.files.settings.enabled || !isScannable(document.uri)) {
      return [];
    }
    const entry = this.index.get(document.uri);
    if (entry && entry.version === document.version) {
      return entry.hits;
    }
    const inScope = this.scope.known(document.uri);
    if (inScope === false || this.scope.isIgnored(document.uri)) {
      return [];
    }
    if (inScope === undefined && document.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(document.uri)) {
      // Whether the file is excluded takes a moment to ask; until then, what is known.
      void this.scan(document);
      return entry?.hits ?? [];
    }
    return this.files.scanDocument(document).hits;
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isScannable(document.uri)) {
      return;
    }
    const key = document.uri.toString();
    const pending = this.pending.get(key);
    if (pending) {
      // A newer edit supersedes the scan that was waiting.
      clearTimeout(pending);
    }
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.scan(document);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  /** Scans a document if it is in scope; a workspace file's scope is asked first, which takes a moment. */
  private async scan(document: vscode.TextDocument): Promise<void> {
    if (!this.files.settings.enabled || !isScannable(document.uri) || document.isClosed) {
      return;
    }
    if (document.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(document.uri)) {
      if (!(await this.scope.check(document.uri))) {
        this.index.forget([document.uri]);
        return;
      }
    }
    // It may have closed while its scope was asked.
    if (!document.isClosed) {
      this.files.scanDocument(document);
    }
  }

  private onClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.pending.get(key);
    if (pending) {
      clearTimeout(pending);
      this.pending.delete(key);
    }
    if (document.uri.scheme !== 'file') {
      this.index.forget([document.uri]);
      return;
    }
    // Unsaved edits are gone: what counts now is the file on disk.
    this.index.drop(document.uri);
    this.files.scanFromDisk(document.uri);
  }
}
