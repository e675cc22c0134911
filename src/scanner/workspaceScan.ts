// The workspace scan: every file in scope read from disk in batches, with progress in the status bar and,
// when it takes a while, in a cancellable notification; a newer scan replaces one under way. Also what
// changes on disk while no editor has the file open.
import * as vscode from 'vscode';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import type { Logger } from '../core/common/logger';
import type { FileScanner } from './fileScanner';
import type { FindingsIndex } from './findingsIndex';
import { folderFiles } from './workspaceFiles';
import type { WorkspaceScope } from './workspaceScope';

export interface WorkspaceScanSummary {
  readonly filesScanned: number;
  readonly filesWithFindings: number;
  readonly cancelled: boolean;
  readonly durationMs: number;
  /** The longest the scan worked on the extension host thread without letting other work run. */
  readonly longestStretchMs: number;
}

/** The longest the scan works on the extension host thread before it lets other work run. */
const SLICE_MS = 12;
const NOTIFY_AFTER_MS = 1_500;
/** Setting and folder changes come in bursts: one rescan after the last. */
const RESCAN_DELAY_MS = 300;

/** How far a scan got, shared by the status bar progress and the notification that may join it. */
interface ScanProgress {
  done: number;
  total: number;
  report: ((message: string, increment: number) => void) | undefined;
}

export class WorkspaceScan extends DisposableOwner {
  private source: vscode.CancellationTokenSource | undefined;
  private runningScan: Promise<WorkspaceScanSummary> | undefined;
  private lastSummary: WorkspaceScanSummary | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;
  /** How long the last scan took to list the files, for the benchmark. */
  lastListingMs: number | undefined;

  constructor(
    private readonly files: FileScanner,
    private readonly index: FindingsIndex,
    private readonly scope: WorkspaceScope,
    private readonly log: Logger,
  ) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidCreate((uri) => void this.onFileEvent(uri)));
    this.register(watcher.onDidChange((uri) => void this.onFileEvent(uri)));
    this.register(watcher.onDidDelete((uri) => this.index.forget([uri])));
    this.register(
      toDisposable(() => {
        this.source?.cancel();
        if (this.rescanTimer) clearTimeout(this.rescanTimer);
      }),
    );
  }

  /** The scan under way, if any. */
  get running(): Promise<WorkspaceScanSummary> | undefined {
    return this.runningScan;
  }

  get rescanPending(): boolean {
    return this.rescanTimer !== undefined;
  }

  get lastScan(): WorkspaceScanSummary | undefined {
    return this.lastSummary;
  }

  /** Scans the workspace (again), replacing a scan under way. */
  rescan(): Promise<WorkspaceScanSummary> {
    this.source?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.source = source;
    const run = this.run(source).finally(() => {
      if (this.runningScan === run) {
        this.runningScan = undefined;
      }
      source.dispose();
    });
    this.runningScan = run;
    return run;
  }

  cancel(): void {
    this.source?.cancel();
  }

  scheduleRescan(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      void this.rescan();
    }, RESCAN_DELAY_MS);
  }

  private async onFileEvent(uri: vscode.Uri): Promise<void> {
    if (!this.files.settings.enabled || uri.scheme !== 'file') {
      return;
    }
    if (uri.path.endsWith('/.gitignore')) {
      this.scheduleRescan();
      return;
    }
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      return; // the open document is the truth
    }
    if (!(await this.scope.recheck(uri))) {
      return;
    }
    this.files.scanFromDisk(uri);
  }

  private async run(source: vscode.CancellationTokenSource): Promise<WorkspaceScanSummary> {
    const token = source.token;
    const started = performance.now();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const progress: ScanProgress = { done: 0, total: 0, report: undefined };
    const title = vscode.l10n.t('Scanning for costly Qwen parameters');
    let finished = false;
    const scanning = vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, async (statusBar) => {
      progress.report = (message) => statusBar.report({ message });
      return this.readFolders(folders, token, progress, started);
    });
    // A long scan also gets a notification with a Cancel button.
    const timer = setTimeout(() => {
      if (finished || token.isCancellationRequested) return;
      this.notify(title, source, progress, scanning);
    }, NOTIFY_AFTER_MS);
    try {
      const summary = await scanning;
      this.lastSummary = summary;
      return summary;
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }

  private notify(title: string, source: vscode.CancellationTokenSource, progress: ScanProgress, scanning: Thenable<WorkspaceScanSummary>): void {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (notification, cancel) => {
      cancel.onCancellationRequested(() => source.cancel());
      const windowReport = progress.report;
      let shown = 0;
      progress.report = (message, increment) => {
        windowReport?.(message, increment);
        const percent = progress.total > 0 ? (progress.done / progress.total) * 100 : 0;
        notification.report({ message, increment: percent - shown });
        shown = percent;
      };
      await Promise.resolve(scanning).catch(() => undefined);
    });
  }

  private async readFolders(folders: readonly vscode.WorkspaceFolder[], token: vscode.CancellationToken, progress: ScanProgress, started: number): Promise<WorkspaceScanSummary> {
    if (!this.files.settings.enabled || folders.length === 0) {
      return { filesScanned: 0, filesWithFindings: 0, cancelled: false, durationMs: 0, longestStretchMs: 0 };
    }
    // Each synchronous stretch is timed from its start (the scan's start or the end of an await) to the next await.
    let stretchStart = performance.now();
    let longestStretchMs = 0;
    const pause = async <T>(work: Thenable<T> | Promise<T>): Promise<T> => {
      longestStretchMs = Math.max(longestStretchMs, performance.now() - stretchStart);
      try {
        return await work;
      } finally {
        stretchStart = performance.now();
      }
    };
    const targets: string[] = [];
    const listingStarted = performance.now();
    const methods = new Set<string>();
    for (const folder of folders) {
      const { paths, gitignore, method } = await pause(folderFiles(folder, token));
      this.scope.setGitignore(folder, gitignore);
      methods.add(method);
      // One by one: a spread of 100,000 paths into push() would overflow the call stack.
      for (const path of paths) targets.push(path);
    }
    this.lastListingMs = performance.now() - listingStarted;
    this.log.debug(`Cost scan: listed ${targets.length} files in ${Math.round(this.lastListingMs)} ms (${[...methods].join(', ')}).`);
    const total = targets.length;
    progress.total = total;
    // Exclusions may have changed: what is in scope is what this scan reads.
    this.scope.restart();
    const openDocs = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const reader = this.files.candidateReader();
    const seen = new Set<string>();
    const changedUris: vscode.Uri[] = [];
    // Slices of at most SLICE_MS, then the extension host gets its turn: a fixed number of files per
    // slice took 100 ms and more where the files held findings.
    let i = 0;
    while (i < total && !token.isCancellationRequested) {
      const sliceStart = performance.now();
      const from = i;
      do {
        const uri = vscode.Uri.file(targets[i++]!);
        const key = uri.toString();
        seen.add(key);
        this.scope.inScopeNow(key);
        const open = openDocs.get(key);
        if (open) {
          // The open document is the truth, unsaved edits included.
          this.files.scanDocument(open);
          continue;
        }
        if (this.index.putFromDisk(uri, this.files.readFile(uri, reader) ?? [])) {
          changedUris.push(uri);
        }
      } while (i < total && performance.now() - sliceStart < SLICE_MS);
      progress.done = i;
      progress.report?.(vscode.l10n.t('{0} of {1} files', progress.done, total), ((i - from) / Math.max(1, total)) * 100);
      await pause(new Promise((r) => setImmediate(r)));
    }
    const cancelled = token.isCancellationRequested;
    if (!cancelled) {
      // Files that are gone or now excluded.
      changedUris.push(...this.index.dropUnseen(seen));
    }
    this.index.announce(changedUris);
    longestStretchMs = Math.max(longestStretchMs, performance.now() - stretchStart);
    const summary = { filesScanned: progress.done, filesWithFindings: this.index.all().length, cancelled, durationMs: Math.round(performance.now() - started), longestStretchMs };
    this.log.info(
      `Cost scan: ${summary.filesScanned} files in ${summary.durationMs} ms, ${summary.filesWithFindings} with findings${cancelled ? ' (cancelled)' : ''}; longest stretch on this thread ${Math.round(longestStretchMs)} ms.`,
    );
    return summary;
  }
}
