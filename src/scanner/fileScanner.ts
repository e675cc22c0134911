// Scanning one file into the findings index: the scan options the settings give, the engine run so that
// a failure is logged and never thrown, and the findings placed in the file's text.
import * as vscode from 'vscode';
import type { ScannerSettings } from '../config/scannerSettings';
import type { Logger } from '../core/common/logger';
import { CandidateReader } from '../core/scanner/candidateReader';
import { compilePatterns } from '../core/scanner/context';
import type { Finding } from '../core/scanner/finding';
import { MAX_PATTERN_COUNT, MAX_PATTERN_LENGTH } from '../core/scanner/safePattern';
import { RULE_IDS, type RuleId } from '../core/scanner/rules';
import { scan, type ScanOptions } from '../core/scanner/scan';
import { hitsIn } from './findingPositions';
import type { FileFindings, FindingsIndex, ScannerHit } from './findingsIndex';

/** How much longer than maxFileSize (which counts bytes on disk) an open document's text may be. */
const DOCUMENT_SIZE_FACTOR = 4;
/** Scans slower than this are logged. */
const SLOW_SCAN_MS = 50;

export class FileScanner {
  private current: ScannerSettings;
  private options: ScanOptions = {};

  constructor(
    private readonly index: FindingsIndex,
    settings: ScannerSettings,
    private readonly log: Logger,
  ) {
    this.current = settings;
    this.applySettings(settings);
  }

  get settings(): ScannerSettings {
    return this.current;
  }

  /** Takes the scanner's settings; patterns that are invalid or could run too long are said once and ignored. */
  applySettings(settings: ScannerSettings): void {
    this.current = settings;
    const { invalid, unsafe } = compilePatterns(this.current.qwenPatterns);
    if (invalid.length > 0) {
      this.warn(vscode.l10n.t('These qwenCloud.scanner.qwenPatterns are not valid regular expressions and are ignored: {0}', invalid.join(', ')));
    }
    if (unsafe.length > 0) {
      this.warn(
        vscode.l10n.t(
          'These qwenCloud.scanner.qwenPatterns could take too long to run on a file and are ignored: {0}. Repeats need a count such as {3} instead of * or +, and may not be nested; back-references and lookarounds are refused, and so are patterns over {1} characters or past the first {2}.',
          unsafe.join(', '),
          MAX_PATTERN_LENGTH,
          MAX_PATTERN_COUNT,
          '{1,64}',
        ),
      );
    }
    const severity: Partial<Record<RuleId, ScanOptions['dynamicSeverity']>> = {};
    for (const rule of RULE_IDS) {
      const s = this.current.severity[rule];
      if (s) severity[rule] = s;
    }
    this.options = { severity, dynamicSeverity: this.current.dynamicSeverity, qwenPatterns: this.current.qwenPatterns };
  }

  /** A reader for files on disk, with the current size cap and extra patterns. */
  candidateReader(): CandidateReader {
    return new CandidateReader(this.current.maxFileSize, compilePatterns(this.current.qwenPatterns).regexes);
  }

  /** Scans an open document now and stores its findings, for its current version. */
  scanDocument(document: vscode.TextDocument): FileFindings {
    const text = document.getText();
    const started = performance.now();
    const findings = text.length > this.current.maxFileSize * DOCUMENT_SIZE_FACTOR ? [] : this.safeScan(text, document.fileName || document.languageId, document.languageId);
    const elapsed = performance.now() - started;
    if (elapsed > SLOW_SCAN_MS) {
      this.log.debug(`Scanned ${document.uri.toString(true)} in ${elapsed.toFixed(1)} ms.`);
    }
    const entry: FileFindings = { uri: document.uri, version: document.version, hits: hitsIn(text, findings) };
    this.index.store(entry);
    return entry;
  }

  /** Scans a file as it is on disk and stores its findings; a file that cannot have any is forgotten. */
  scanFromDisk(uri: vscode.Uri, reader = this.candidateReader()): void {
    const hits = this.readFile(uri, reader);
    if (hits === undefined) {
      this.index.forget([uri]);
      return;
    }
    this.index.store({ uri, hits });
  }

  /** The findings of a file on disk, without storing them; undefined when the reader passes it over. */
  readFile(uri: vscode.Uri, reader: CandidateReader): ScannerHit[] | undefined {
    const result = reader.read(uri.fsPath);
    if (result.kind !== 'text') {
      return undefined;
    }
    return hitsIn(result.text, this.safeScan(result.text, uri.fsPath));
  }

  private warn(message: string): void {
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
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
}
