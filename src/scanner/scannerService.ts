// The scanner's VS Code side: what it found in every file of the workspace and in every open editor. A
// background scan after activation (cancellable, with progress), then incremental updates: edits
// (debounced, superseded work dropped), saves, file events, setting changes. Providers (diagnostics,
// CodeLens, hover, code actions) read from here; nothing else scans. This facade ties together the
// findings index, the document tracker and the workspace scan, and applies setting changes to them.
import * as vscode from 'vscode';
import { DisposableOwner } from '../common/lifecycle';
import type { ScannerSettings } from '../config/scannerSettings';
import type { SettingsService } from '../config/settings';
import type { Logger } from '../core/common/logger';
import { DocumentTracker } from './documentTracker';
import { FileScanner } from './fileScanner';
import { type FileFindings, FindingsIndex, type HardcodedKeyOccurrence, type ScannerHit } from './findingsIndex';
import { WorkspaceScan, type WorkspaceScanSummary } from './workspaceScan';
import { WorkspaceScope } from './workspaceScope';

export type { FileFindings, HardcodedKeyOccurrence, ScannerHit } from './findingsIndex';
export type { WorkspaceScanSummary } from './workspaceScan';

/** Settings whose change changes the findings (the others only change how they are shown). */
const RESCAN_SETTINGS = ['maxFileSize', 'qwenPatterns', 'severity', 'dynamicSeverity'] as const;

export class ScannerService extends DisposableOwner {
  private readonly findings = this.register(new FindingsIndex());
  /** Fires with the files whose findings changed (all of them after a workspace scan). */
  readonly onDidChange = this.findings.onDidChange;
  /** Fires when the set of hard-coded keys in the workspace changes. */
  readonly onDidChangeHardcodedKeys = this.findings.onDidChangeHardcodedKeys;
  private readonly files: FileScanner;
  private readonly documents: DocumentTracker;
  private readonly workspace: WorkspaceScan;

  constructor(settings: SettingsService, log: Logger) {
    super();
    this.files = new FileScanner(this.findings, settings.value.scanner, log);
    const scope = new WorkspaceScope();
    this.register(settings.onDidChange(({ value, changed }) => changed.has('scanner') && this.onSettings(value.scanner)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) {
          this.workspace.scheduleRescan();
        }
      }),
    );
    this.documents = this.register(new DocumentTracker(this.files, this.findings, scope));
    this.workspace = this.register(new WorkspaceScan(this.files, this.findings, scope, log));
  }

  get current(): ScannerSettings {
    return this.files.settings;
  }

  get isScanning(): boolean {
    return this.workspace.running !== undefined;
  }

  get lastWorkspaceScan(): WorkspaceScanSummary | undefined {
    return this.workspace.lastScan;
  }

  /** Everything found, file by file. */
  all(): readonly FileFindings[] {
    return this.findings.all();
  }

  /** Findings for an open document, scanned now if its version changed since. */
  forDocument(document: vscode.TextDocument): readonly ScannerHit[] {
    return this.documents.findingsFor(document);
  }

  /** The hard-coded keys found in the workspace and in open editors. */
  hardcodedKeys(): readonly HardcodedKeyOccurrence[] {
    return this.findings.hardcodedKeys();
  }

  /** Scans the workspace (again), replacing a scan under way. Progress shows in the status bar, and in a cancellable notification when it takes a while. */
  rescanWorkspace(): Promise<WorkspaceScanSummary> {
    return this.workspace.rescan();
  }

  /** Resolves when no workspace scan is running and pending edits were scanned: for tests. */
  async whenIdle(): Promise<void> {
    while (this.workspace.running || this.documents.hasPendingEdits || this.workspace.rescanPending) {
      const running = this.workspace.running;
      if (running) {
        await running;
      } else {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  cancelWorkspaceScan(): void {
    this.workspace.cancel();
  }

  private onSettings(next: ScannerSettings): void {
    const before = this.files.settings;
    this.files.applySettings(next);
    if (!next.enabled) {
      this.workspace.cancel();
      this.findings.forgetAll();
      return;
    }
    if (!before.enabled || RESCAN_SETTINGS.some((name) => JSON.stringify(before[name]) !== JSON.stringify(next[name]))) {
      this.workspace.scheduleRescan();
    } else {
      // CodeLens or prices: nothing to rescan, the providers re-render.
      this.findings.rerender();
    }
  }
}
