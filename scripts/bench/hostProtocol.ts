// What the host benchmark's runner (hostBench.ts) and its probe inside the extension host (hostProbe.ts)
// say to each other: the step the runner asks for, and the lines the probe prints back.
export const REPORT_MARK = 'QCM_BENCH ';

/** What the runner asks of one start of the extension host. */
export type ProbeStep =
  | { readonly kind: 'start' }
  | { readonly kind: 'signIn' }
  | { readonly kind: 'scan'; readonly rescans: number }
  | { readonly kind: 'steady'; readonly doneFile: string };

export interface StartReport {
  readonly kind: 'start';
  readonly activationMs: number;
  readonly firstQuotaMs: number;
  readonly source: string;
  readonly focused: boolean;
}

export interface MemoryFigures {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  /** Whether a full garbage collection ran just before. */
  readonly collected: boolean;
}

export interface ScanReport {
  readonly kind: 'scan';
  readonly before: MemoryFigures;
  readonly afterFirstScan: MemoryFigures;
  readonly afterRescans: MemoryFigures;
  readonly firstScanMs: number;
  readonly rescanMs: readonly number[];
  /** findFiles alone, as the scan called it before it listed with ripgrep. */
  readonly listingMs: readonly number[];
  /** The ways to list the files, each timed alone in the host: files found and times. */
  readonly listings: readonly ListingTimes[];
  /**
   * The longest the extension host thread did not answer a 1 ms timer (minus the timer), during the first
   * scan and during the rescans: an upper bound on the scan's longest stretch, since the host's other work counts too.
   */
  readonly longestBlockMs: { readonly firstScan: number; readonly rescans: number };
  /** The scan's own longest synchronous stretch (WorkspaceScanSummary.longestStretchMs), first scan and the rescans' longest. */
  readonly longestStretchMs: { readonly firstScan: number; readonly rescans: number };
  readonly filesScanned: number;
  /** The first scan's own duration (WorkspaceScanSummary.durationMs: listing, reading, scanning). */
  readonly firstScanOwnMs: number;
}

export interface ListingTimes {
  readonly method: string;
  readonly files: number;
  readonly ms: readonly number[];
}

export type ProbeReport =
  | StartReport
  | ScanReport
  | { readonly kind: 'signedIn' }
  | { readonly kind: 'focus'; readonly focused: boolean; readonly ready: boolean }
  | { readonly kind: 'error'; readonly message: string };
