// The scanner's VS Code side: what it found in every file of the workspace and in every open editor. A
// background scan after activation (cancellable, with progress), then incremental updates: edits
// (debounced, superseded work dropped), saves, file events, setting changes. Providers (diagnostics,
// CodeLens, hover, code actions) read from here; nothing else scans.
import * as vscode from 'vscode';
import { CandidateReader } from '../core/scanner/candidateReader';
import { DisposableOwner, toDisposable } from '../common/lifecycle';
import { SCANNER_SECTION, type ScannerSettings } from '../config/scannerSettings';
import { readScannerSettings } from '../config/settings';
import { compilePatterns } from '../core/scanner/context';
import type { Finding } from '../core/scanner/finding';
import { LineIndex } from '../core/scanner/positions';
import { RULE_IDS, type RuleId } from '../core/scanner/rules';
import { scan, type ScanOptions } from '../core/scanner/scan';
import type { Logger } from '../core/common/logger';
import { fileInScope, folderFiles, type GitignoreRules } from './workspaceFiles';

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

export interface WorkspaceScanSummary {
  readonly filesScanned: number;
  readonly filesWithFindings: number;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

const EDIT_DEBOUNCE_MS = 150;
const BATCH = 64;
const NOTIFY_AFTER_MS = 1_500;

function scheme(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' || uri.scheme === 'untitled' || uri.scheme === 'vscode-notebook-cell';
}

export class ScannerService extends DisposableOwner {
  private readonly files = new Map<string, FileFindings>();
  private settings: ScannerSettings = readScannerSettings();
  private options: ScanOptions = {};
  private readonly changed = this.register(new vscode.EventEmitter<readonly vscode.Uri[]>());
  /** Fires with the files whose findings changed (all of them after a workspace scan). */
  readonly onDidChange = this.changed.event;
  private readonly keysChanged = this.register(new vscode.EventEmitter<readonly HardcodedKeyOccurrence[]>());
  /** Fires when the set of hard-coded keys in the workspace changes. */
  readonly onDidChangeHardcodedKeys = this.keysChanged.event;
  private keySignature = '';
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly gitignores = new Map<string, GitignoreRules>();
  /** Whether a workspace file is in scope (not excluded by settings or .gitignore), once known. */
  private readonly scope = new Map<string, boolean>();
  private scanSource: vscode.CancellationTokenSource | undefined;
  private running: Promise<WorkspaceScanSummary> | undefined;
  private lastSummary: WorkspaceScanSummary | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;

  constructor(private readonly log: Logger) {
    super();
    this.applySettings();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidOpenTextDocument((d) => void this.scanDocument(d)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => void this.onClosed(d)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidCreate((uri) => void this.onFileEvent(uri)));
    this.register(watcher.onDidChange((uri) => void this.onFileEvent(uri)));
    this.register(watcher.onDidDelete((uri) => this.forget([uri])));
    this.register(
      toDisposable(() => {
        this.scanSource?.cancel();
        for (const t of this.timers.values()) clearTimeout(t);
        if (this.rescanTimer) clearTimeout(this.rescanTimer);
      }),
    );
  }

  get current(): ScannerSettings {
    return this.settings;
  }

  get isScanning(): boolean {
    return this.running !== undefined;
  }

  get lastWorkspaceScan(): WorkspaceScanSummary | undefined {
    return this.lastSummary;
  }

  /** Everything found, file by file. */
  all(): readonly FileFindings[] {
    return [...this.files.values()].filter((f) => f.hits.length > 0);
  }

  /** Findings for an open document, scanned now if its version changed since. */
  forDocument(document: vscode.TextDocument): readonly ScannerHit[] {
    if (!this.settings.enabled || !scheme(document.uri)) {
      return [];
    }
    const key = document.uri.toString();
    const entry = this.files.get(key);
    if (entry && entry.version === document.version) {
      return entry.hits;
    }
    const inScope = this.scope.get(key);
    if (inScope === false || this.isExcluded(document.uri)) {
      return [];
    }
    if (inScope === undefined && document.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(document.uri)) {
      // Whether the file is excluded takes a moment to ask; until then, what is known.
      void this.scanDocument(document);
      return entry?.hits ?? [];
    }
    return this.scanDocumentNow(document).hits;
  }

  /** The hard-coded keys found in the workspace and in open editors. */
  hardcodedKeys(): readonly HardcodedKeyOccurrence[] {
    const keys: HardcodedKeyOccurrence[] = [];
    for (const entry of this.files.values()) {
      for (const hit of entry.hits) {
        const key = hit.finding.key;
        if (hit.finding.rule === 'api_key' && key) {
          keys.push({ uri: entry.uri, range: hit.range, kind: key.kind, visiblePrefix: key.visiblePrefix, last4: key.last4 });
        }
      }
    }
    return keys;
  }

  /** Scans the workspace (again), replacing a scan under way. Progress shows in the status bar, and in a cancellable notification when it takes a while. */
  rescanWorkspace(): Promise<WorkspaceScanSummary> {
    this.scanSource?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.scanSource = source;
    const run = this.runWorkspaceScan(source).finally(() => {
      if (this.running === run) {
        this.running = undefined;
      }
      source.dispose();
    });
    this.running = run;
    return run;
  }

  /** Resolves when no workspace scan is running and pending edits were scanned: for tests. */
  async whenIdle(): Promise<void> {
    while (this.running || this.timers.size > 0 || this.rescanTimer) {
      if (this.running) {
        await this.running;
      } else {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  cancelWorkspaceScan(): void {
    this.scanSource?.cancel();
  }

  private applySettings(): void {
    this.settings = readScannerSettings();
    const { invalid } = compilePatterns(this.settings.qwenPatterns);
    if (invalid.length > 0) {
      const message = vscode.l10n.t('These qwenCloud.scanner.qwenPatterns are not valid regular expressions and are ignored: {0}', invalid.join(', '));
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
    }
    const severity: Partial<Record<RuleId, ScanOptions['dynamicSeverity']>> = {};
    for (const rule of RULE_IDS) {
      const s = this.settings.severity[rule];
      if (s) severity[rule] = s;
    }
    this.options = { severity, dynamicSeverity: this.settings.dynamicSeverity, qwenPatterns: this.settings.qwenPatterns };
  }

  private onConfiguration(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration(SCANNER_SECTION)) {
      const wasEnabled = this.settings.enabled;
      this.applySettings();
      if (!this.settings.enabled) {
        this.scanSource?.cancel();
        this.forget([...this.files.values()].map((f) => f.uri));
        return;
      }
      if (!wasEnabled || e.affectsConfiguration(`${SCANNER_SECTION}.maxFileSize`) || e.affectsConfiguration(`${SCANNER_SECTION}.qwenPatterns`) || e.affectsConfiguration(`${SCANNER_SECTION}.severity`) || e.affectsConfiguration(`${SCANNER_SECTION}.dynamicSeverity`)) {
        this.scheduleRescan();
      } else {
        // CodeLens or prices: nothing to rescan, the providers re-render.
        this.changed.fire([]);
      }
      return;
    }
    if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) {
      this.scheduleRescan();
    }
  }

  private scheduleRescan(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      void this.rescanWorkspace();
    }, 300);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!scheme(document.uri) || document.uri.scheme === 'output') {
      return;
    }
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) {
      // A newer edit supersedes the scan that was waiting.
      clearTimeout(pending);
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.scanDocument(document);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private isExcluded(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rules = folder ? this.gitignores.get(folder.uri.toString()) : undefined;
    return rules?.ignores(uri.fsPath) ?? false;
  }

  private async scanDocument(document: vscode.TextDocument): Promise<void> {
    if (!this.settings.enabled || !scheme(document.uri) || document.isClosed) {
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (document.uri.scheme === 'file' && folder) {
      const inScope = this.scope.get(document.uri.toString()) ?? (await fileInScope(document.uri, this.gitignores.get(folder.uri.toString())));
      this.scope.set(document.uri.toString(), inScope);
      if (!inScope) {
        this.forget([document.uri]);
        return;
      }
    }
    if (!document.isClosed) {
      this.scanDocumentNow(document);
    }
  }

  private scanDocumentNow(document: vscode.TextDocument): FileFindings {
    const text = document.getText();
    const started = performance.now();
    const findings = text.length > this.settings.maxFileSize * 4 ? [] : this.safeScan(text, document.fileName || document.languageId, document.languageId);
    const elapsed = performance.now() - started;
    if (elapsed > 50) {
      this.log.debug(`Scanned ${document.uri.toString(true)} in ${elapsed.toFixed(1)} ms.`);
    }
    const entry: FileFindings = { uri: document.uri, version: document.version, hits: findings.map((f) => ({ finding: f, range: new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)) })) };
    this.store(entry);
    return entry;
  }

  private safeScan(text: string, name: string, languageId?: string): Finding[] {
    try {
      // The language id decides where the file name says nothing (untitled documents).
      const target = /\.[A-Za-z0-9]+$|^\.env/.test(name.split(/[\\/]/).pop() ?? '') ? name : (languageId ?? name);
      return scan(text, target, this.options);
    } catch (error) {
      this.log.error(`The cost scanner failed on ${name}`, error);
      return [];
    }
  }

  private store(entry: FileFindings): void {
    const key = entry.uri.toString();
    const before = this.files.get(key);
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

  private forget(uris: readonly vscode.Uri[]): void {
    const gone = uris.filter((u) => this.files.delete(u.toString()));
    if (gone.length > 0) {
      this.changed.fire(gone);
      this.checkKeys();
    }
  }

  private checkKeys(): void {
    const keys = this.hardcodedKeys();
    const signature = keys.map((k) => `${k.uri.toString()}#${k.range.start.line}:${k.range.start.character}:${k.visiblePrefix}:${k.last4}`).join('|');
    if (signature !== this.keySignature) {
      this.keySignature = signature;
      this.keysChanged.fire(keys);
    }
  }

  private async onClosed(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(key);
    }
    if (document.uri.scheme !== 'file') {
      this.forget([document.uri]);
      return;
    }
    // Unsaved edits are gone: what counts now is the file on disk.
    this.files.delete(key);
    await this.scanFromDisk(document.uri);
  }

  private async onFileEvent(uri: vscode.Uri): Promise<void> {
    if (!this.settings.enabled || uri.scheme !== 'file') {
      return;
    }
    if (uri.path.endsWith('/.gitignore')) {
      this.scheduleRescan();
      return;
    }
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      return; // the open document is the truth
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const inScope = await fileInScope(uri, folder ? this.gitignores.get(folder.uri.toString()) : undefined);
    this.scope.set(uri.toString(), inScope);
    if (!inScope) {
      return;
    }
    await this.scanFromDisk(uri);
  }

  private async scanFromDisk(uri: vscode.Uri, reader = new CandidateReader(this.settings.maxFileSize, compilePatterns(this.settings.qwenPatterns).regexes)): Promise<void> {
    const result = reader.read(uri.fsPath);
    if (result.kind !== 'text') {
      this.forget([uri]);
      return;
    }
    const findings = this.safeScan(result.text, uri.fsPath);
    const index = new LineIndex(result.text);
    const toPosition = (offset: number): vscode.Position => {
      const p = index.at(offset);
      return new vscode.Position(p.line - 1, p.column - 1);
    };
    this.store({ uri, hits: findings.map((f) => ({ finding: f, range: new vscode.Range(toPosition(f.start), toPosition(f.end)) })) });
    await Promise.resolve();
  }

  private async runWorkspaceScan(source: vscode.CancellationTokenSource): Promise<WorkspaceScanSummary> {
    const token = source.token;
    const started = performance.now();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    let done = 0;
    let total = 0;
    let report: ((message: string, increment: number) => void) | undefined;
    const work = async (): Promise<WorkspaceScanSummary> => {
      if (!this.settings.enabled || folders.length === 0) {
        return { filesScanned: 0, filesWithFindings: 0, cancelled: false, durationMs: 0 };
      }
      const targets: vscode.Uri[] = [];
      for (const folder of folders) {
        const { files, gitignore } = await folderFiles(folder, token);
        this.gitignores.set(folder.uri.toString(), gitignore);
        targets.push(...files);
      }
      total = targets.length;
      // Exclusions may have changed: what is in scope is what this scan reads.
      this.scope.clear();
      for (const uri of targets) {
        this.scope.set(uri.toString(), true);
      }
      const openDocs = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const reader = new CandidateReader(this.settings.maxFileSize, compilePatterns(this.settings.qwenPatterns).regexes);
      const seen = new Set<string>();
      const changedUris: vscode.Uri[] = [];
      for (let i = 0; i < targets.length; i += BATCH) {
        if (token.isCancellationRequested) {
          break;
        }
        for (const uri of targets.slice(i, i + BATCH)) {
          const key = uri.toString();
          seen.add(key);
          const open = openDocs.get(key);
          if (open) {
            this.scanDocumentNow(open);
            continue;
          }
          const before = this.files.get(key);
          const result = reader.read(uri.fsPath);
          const findings = result.kind === 'text' ? this.safeScan(result.text, uri.fsPath) : [];
          if (findings.length > 0 && result.kind === 'text') {
            const index = new LineIndex(result.text);
            const at = (o: number): vscode.Position => {
              const p = index.at(o);
              return new vscode.Position(p.line - 1, p.column - 1);
            };
            this.files.set(key, { uri, hits: findings.map((f) => ({ finding: f, range: new vscode.Range(at(f.start), at(f.end)) })) });
            changedUris.push(uri);
          } else if (before) {
            this.files.delete(key);
            changedUris.push(uri);
          }
        }
        done = Math.min(total, i + BATCH);
        report?.(vscode.l10n.t('{0} of {1} files', done, total), (BATCH / Math.max(1, total)) * 100);
        // Let the extension host breathe between batches.
        await new Promise((r) => setImmediate(r));
      }
      const cancelled = token.isCancellationRequested;
      if (!cancelled) {
        // Files that are gone or now excluded.
        for (const entry of [...this.files.values()]) {
          const key = entry.uri.toString();
          if (entry.version === undefined && !seen.has(key)) {
            this.files.delete(key);
            changedUris.push(entry.uri);
          }
        }
      }
      if (changedUris.length > 0) {
        this.changed.fire(changedUris);
        this.checkKeys();
      }
      const summary = { filesScanned: done, filesWithFindings: this.all().length, cancelled, durationMs: Math.round(performance.now() - started) };
      this.log.info(`Cost scan: ${summary.filesScanned} files in ${summary.durationMs} ms, ${summary.filesWithFindings} with findings${cancelled ? ' (cancelled)' : ''}.`);
      return summary;
    };

    const title = vscode.l10n.t('Scanning for costly Qwen parameters');
    let finished = false;
    const scanning = vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, async (progress) => {
      report = (message) => progress.report({ message });
      return work();
    });
    // A long scan also gets a notification with a Cancel button.
    const timer = setTimeout(() => {
      if (finished || token.isCancellationRequested) return;
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancel) => {
        cancel.onCancellationRequested(() => source.cancel());
        const windowReport = report;
        let shown = 0;
        report = (message, increment) => {
          windowReport?.(message, increment);
          const percent = total > 0 ? (done / total) * 100 : 0;
          progress.report({ message, increment: percent - shown });
          shown = percent;
        };
        await Promise.resolve(scanning).catch(() => undefined);
      });
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
}
