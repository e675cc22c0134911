// The figures only a real extension host gives: activate() time and the time to the first quota text over
// several fresh starts (demo account, then signed in to the simulator), memory around a full workspace
// scan of a large tree, and requests per hour in steady state with the window focused and unfocused,
// counted at the simulator. Each start is a fresh extension host: the workbench page is loaded again,
// which starts a new host process; the probe (hostProbe.ts) runs inside it as the tests module.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, startCodeServer } from '../../test/host/codeServer';
import { REPO_ROOT } from '../../test/host/stageExtension';
import { ensureTestHost } from '../../test/host/testHost';
import { SimulatorClient } from '../../test/simulator/client';
import { startSimulator } from '../../test/simulator/simulator';
import { type ProbeReport, type ProbeStep, REPORT_MARK, type ScanReport, type StartReport } from './hostProtocol';
import { type BenchRow, median, RG_PATTERN, RIPGREP, rgArgs, rgCommand, timed } from './measure';
import { countRequests, describeRoutes, perHour } from './requestCount';

export interface HostBenchOptions {
  /** Fresh starts per account (after one warm-up start that is not counted). */
  readonly starts: number;
  /** Minutes counted in each steady state (focused, then unfocused); 0 skips it. */
  readonly steadyMinutes: number;
  /** Runs of ripgrep and of the in-host rescan. */
  readonly runs: number;
}

const COMMAND = 'npm run bench -- --only host';
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** The refresh interval the steady state runs at (the setting's minimum), and the default it is scaled to. */
const MEASURED_INTERVAL_MIN = 1;
const DEFAULT_INTERVAL_MIN = 5;
/** Start-up fetches are done by then; counting starts after it. */
const STEADY_SETTLE_MS = 30_000;
const LOAD_TIMEOUT_MS = 10 * MINUTE_MS;

function log(message: string): void {
  process.stderr.write(`[host bench] ${message}\n`);
}

function mib(bytes: number): number {
  return Number((bytes / (1024 * 1024)).toFixed(1));
}

function round1(ms: number): number {
  return Number(ms.toFixed(1));
}

class Workbench {
  private readonly reports: ProbeReport[] = [];
  private onExit: ((code: number) => void) | undefined;
  private onReport: (() => void) | undefined;

  constructor(
    readonly page: Page,
    private readonly url: (folder: string) => string,
    private readonly stepFile: string,
  ) {}

  async init(): Promise<void> {
    await this.page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (line.startsWith(REPORT_MARK)) {
        this.reports.push(JSON.parse(line.slice(REPORT_MARK.length)) as ProbeReport);
        this.onReport?.();
      } else if (process.env.VERBOSE) {
        log(`host: ${line}`);
      }
    });
    await this.page.exposeFunction('codeAutomationExit', (code: number) => this.onExit?.(code));
  }

  /** Waits for a report that satisfies `wanted`, among those that arrive from now on or since `from`. */
  async waitForReport<T extends ProbeReport>(wanted: (r: ProbeReport) => r is T, from: number, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.reports.slice(from).find(wanted);
      if (found) {
        return found;
      }
      const failed = this.reports.slice(from).find((r) => r.kind === 'error');
      if (failed && failed.kind === 'error') {
        throw new Error(`the probe failed: ${failed.message}`);
      }
      if (Date.now() > deadline) {
        throw new Error('timed out waiting for the probe');
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 500);
        this.onReport = () => {
          clearTimeout(timer);
          r();
        };
      });
    }
  }

  /** Loads the workbench on `folder` with a fresh extension host that runs `step`; returns what the probe reported. */
  async load(folder: string, step: ProbeStep, during?: (from: number) => Promise<void>): Promise<ProbeReport[]> {
    writeFileSync(this.stepFile, JSON.stringify(step));
    const from = this.reports.length;
    const exited = new Promise<number>((r) => (this.onExit = r));
    await this.page.goto(this.url(folder));
    await during?.(from);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<number>((r) => (timer = setTimeout(() => r(124), LOAD_TIMEOUT_MS)))]);
    clearTimeout(timer);
    const got = this.reports.slice(from);
    const failed = got.find((r) => r.kind === 'error');
    if (code !== 0 || failed) {
      throw new Error(`step ${step.kind} failed (exit ${code})${failed && failed.kind === 'error' ? `: ${failed.message}` : ''}`);
    }
    return got;
  }
}

function isStart(r: ProbeReport): r is StartReport {
  return r.kind === 'start';
}

function isScan(r: ProbeReport): r is ScanReport {
  return r.kind === 'scan';
}

function isFocus(focused: boolean) {
  return (r: ProbeReport): r is Extract<ProbeReport, { kind: 'focus' }> => r.kind === 'focus' && r.focused === focused;
}

async function starts(bench: Workbench, folder: string, count: number, source: string): Promise<StartReport[]> {
  const results: StartReport[] = [];
  for (let i = 0; i < count; i++) {
    const got = (await bench.load(folder, { kind: 'start' })).filter(isStart);
    const r = got[0];
    if (!r) {
      throw new Error('a start reported nothing');
    }
    if (r.source !== source) {
      throw new Error(`a start showed the ${r.source} quota, expected ${source}`);
    }
    log(`  start ${i + 1}/${count}: activate() ${r.activationMs.toFixed(1)} ms, first quota after ${r.firstQuotaMs.toFixed(0)} ms`);
    results.push(r);
  }
  return results;
}

function startRows(label: string, reports: readonly StartReport[]): BenchRow[] {
  return [
    {
      metric: `activate(), ${label}, median of ${reports.length} fresh starts`,
      value: round1(median(reports.map((r) => r.activationMs))),
      unit: 'ms',
      command: `${COMMAND} (QwenCloudMeterApi.activationMs)`,
    },
    {
      metric: `activation to first quota text in the status bar, ${label}, median of ${reports.length}`,
      value: Math.round(median(reports.map((r) => r.firstQuotaMs))),
      unit: 'ms',
      command: `${COMMAND} (statusBar.firstQuotaShown − activationStartedAt)`,
    },
  ];
}

/** A copy of the project's node_modules (hard links where the file system allows), as a large workspace. */
function largeTree(work: string): string {
  const tree = join(work, 'large-workspace');
  mkdirSync(tree, { recursive: true });
  const target = join(tree, 'node_modules');
  const linked = spawnSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), target]);
  if (linked.status !== 0) {
    cpSync(join(REPO_ROOT, 'node_modules'), target, { recursive: true });
  }
  return tree;
}

/**
 * Makes the page lose focus as switching to another window would: Playwright makes every page believe it
 * has focus, so that emulation is turned off, then another page of the same browser comes to the front
 * (the workbench gets a real `blur`, and document.hasFocus() turns false).
 */
async function unfocus(page: Page): Promise<Page> {
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const other = await page.context().newPage();
  await other.bringToFront();
  return other;
}

export async function hostBench(options: HostBenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const host = ensureTestHost({ browser: true });
  const simulator = await startSimulator();
  const client = new SimulatorClient(simulator.url);
  await client.set({ deviceIntervalSec: 1, tokenLifetimeMs: 48 * HOUR_MS });
  const work = mkdtempSync(join(tmpdir(), 'qcm-bench-'));
  const workspace = join(work, 'workspace');
  cpSync(join(REPO_ROOT, 'samples', 'workspace'), workspace, { recursive: true });
  const stepFile = join(work, 'step.json');
  const settings: Record<string, unknown> = {
    'qwenCloud.endpoints.auth': simulator.url,
    'qwenCloud.endpoints.gateway': simulator.url,
    'qwenCloud.endpoints.modelStudio': simulator.url,
    'qwenCloud.endpoints.bss': simulator.url,
    'qwenCloud.refreshIntervalMinutes': MEASURED_INTERVAL_MIN,
  };
  const server = await startCodeServer(host, { smokeDriver: true, settings, env: { QCM_BENCH_STEP_FILE: stepFile, QCM_SIMULATOR_URL: simulator.url } });
  const settingsFile = join(server.runDir, 'data', 'User', 'settings.json');
  const changeSettings = (change: Record<string, unknown>): void => {
    const current = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) {
        delete current[key];
      } else {
        current[key] = value;
      }
    }
    writeFileSync(settingsFile, JSON.stringify(current, null, 1));
  };
  const browser = await launchBrowser();
  try {
    // A context of its own, so that another page can come in front of the workbench (the unfocused count).
    const page = await (await browser.newContext()).newPage();
    const probe = join(REPO_ROOT, 'out', 'scripts', 'bench', 'hostProbe.js');
    const bench = new Workbench(page, (folder) => server.url({ folder, devPaths: [REPO_ROOT], testsPath: probe }), stepFile);
    await bench.init();

    log('warm-up start (not counted)');
    await starts(bench, workspace, 1, 'demo');
    log(`${options.starts} fresh starts on the demo account`);
    rows.push(...startRows('demo account', await starts(bench, workspace, options.starts, 'demo')));
    log('signing in to the simulator');
    await bench.load(workspace, { kind: 'signIn' });
    log(`${options.starts} fresh starts signed in to the simulator`);
    rows.push(...startRows('signed in (simulator)', await starts(bench, workspace, options.starts, 'qwenCloud')));

    log('full workspace scan of a large tree');
    const tree = largeTree(work);
    // Off at start, so "before" is the host before any scan; the probe turns it on. node_modules is searched here.
    changeSettings({ 'qwenCloud.scanner.enabled': false, 'search.exclude': { '**/node_modules': false } });
    const scan = (await bench.load(tree, { kind: 'scan', rescans: options.runs })).find(isScan);
    changeSettings({ 'qwenCloud.scanner.enabled': undefined, 'search.exclude': undefined });
    if (!scan) {
      throw new Error('the scan step reported nothing');
    }
    const heap = scan.before.collected ? 'heap used after a full GC' : 'heap used';
    const memoryCommand = `${COMMAND} (process.memoryUsage()${scan.before.collected ? ' after gc()' : ''})`;
    const figures = (m: ScanReport['before']): string => `${mib(m.rss)} / ${mib(m.heapUsed)}`;
    rows.push(
      { metric: `extension host memory before a full workspace scan (rss / ${heap})`, value: figures(scan.before), unit: 'MiB', command: memoryCommand },
      { metric: `same, after the first scan of ${scan.filesScanned} files (a copy of node_modules)`, value: figures(scan.afterFirstScan), unit: 'MiB', command: memoryCommand },
      { metric: `same, after ${scan.rescanMs.length} more full scans`, value: figures(scan.afterRescans), unit: 'MiB', command: memoryCommand },
      { metric: 'first workspace scan in the host (setting turned on → scan done)', value: Math.round(scan.firstScanMs), unit: 'ms', command: `${COMMAND} (scanner.enabled → whenIdle())` },
    );
    rows.push({ metric: 'of which the first scan itself (listing, reading, scanning; the rest is the setting reaching the host and a 300 ms debounce)', value: Math.round(scan.firstScanOwnMs), unit: 'ms', command: `${COMMAND} (WorkspaceScanSummary.durationMs)` });
    const rescan = median(scan.rescanMs);
    rows.push({ metric: `workspace rescan in the host, median of ${scan.rescanMs.length}`, value: Math.round(rescan), unit: 'ms', command: `${COMMAND} (scanner.rescanWorkspace())` });
    rows.push({ metric: `workspace.findFiles('**/*') alone (the listing before ripgrep), median of ${scan.listingMs.length}`, value: Math.round(median(scan.listingMs)), unit: 'ms', command: `${COMMAND} (workspace.findFiles('**/*'))` });
    if (existsSync(RIPGREP)) {
      const args = rgArgs(join(tree, 'node_modules'));
      const rg = median(Array.from({ length: options.runs }, () => timed(RIPGREP, args).ms));
      rows.push({ metric: `ripgrep on the same tree, median of ${options.runs}`, value: Math.round(rg), unit: 'ms', command: rgCommand(args).replace(RG_PATTERN, '…').replace(tree, '<tree>') });
      rows.push({ metric: 'in-host rescan / ripgrep', value: Number((rescan / rg).toFixed(2)), unit: '×', command: 'goal: comparable to ripgrep' });
      rows.push({ metric: 'first in-host scan itself / ripgrep', value: Number((scan.firstScanOwnMs / rg).toFixed(2)), unit: '×', command: 'goal: within 2×' });
      rows.push({ metric: 'setting turned on → first scan done / ripgrep', value: Number((scan.firstScanMs / rg).toFixed(2)), unit: '×', command: 'the same, with the setting change and the debounce' });
    }
    for (const listing of scan.listings) {
      rows.push({ metric: `listing the tree (${listing.files} files): ${listing.method}, median of ${listing.ms.length}`, value: Math.round(median(listing.ms)), unit: 'ms', command: `${COMMAND} (folderFiles / walkFiles in the host)` });
    }
    rows.push(
      { metric: 'longest stretch on the extension host thread during the first scan', value: round1(scan.longestBlockMs.firstScan), unit: 'ms', command: `${COMMAND} (1 ms timer-lag probe; goal ≤ 50 ms)` },
      { metric: `same, during ${scan.rescanMs.length} rescans`, value: round1(scan.longestBlockMs.rescans), unit: 'ms', command: `${COMMAND} (1 ms timer-lag probe; goal ≤ 50 ms)` },
      { metric: 'the scan\'s own longest synchronous stretch, first scan', value: round1(scan.longestStretchMs.firstScan), unit: 'ms', command: `${COMMAND} (WorkspaceScanSummary.longestStretchMs)` },
      { metric: 'same, longest over the rescans', value: round1(scan.longestStretchMs.rescans), unit: 'ms', command: `${COMMAND} (WorkspaceScanSummary.longestStretchMs)` },
    );

    if (options.steadyMinutes > 0) {
      log(`steady state: ${options.steadyMinutes} min focused, then ${options.steadyMinutes} min unfocused, at a ${MEASURED_INTERVAL_MIN}-minute interval`);
      const windowMs = options.steadyMinutes * MINUTE_MS;
      const doneFile = join(work, 'steady.done');
      const counts: { focused: boolean; total: number; byRoute: Map<string, number>; reached: boolean }[] = [];
      await bench.load(workspace, { kind: 'steady', doneFile }, async (from) => {
        await bench.waitForReport(isFocus(true), from, 2 * MINUTE_MS);
        await new Promise((r) => setTimeout(r, STEADY_SETTLE_MS));
        let t0 = Date.now();
        await new Promise((r) => setTimeout(r, windowMs));
        counts.push({ focused: true, ...countRequests(await client.requests(), t0, t0 + windowMs), reached: true });
        const mark = Date.now();
        let other: Page | undefined;
        let reached = true;
        try {
          other = await unfocus(page);
          await bench.waitForReport(isFocus(false), from, 30_000);
        } catch {
          reached = false;
          log('the window did not report losing focus; the unfocused count is not valid');
        }
        // A poll that had started before the window lost focus may still be answered: count from after it.
        t0 = Math.max(mark, Date.now()) + 5_000;
        await new Promise((r) => setTimeout(r, windowMs + 5_000));
        counts.push({ focused: false, ...countRequests(await client.requests(), t0, t0 + windowMs), reached });
        await other?.close();
        writeFileSync(doneFile, 'done');
      });
      for (const c of counts) {
        const label = c.focused ? 'focused window' : 'unfocused window';
        rows.push({
          metric: `requests per hour, ${label}, at ${MEASURED_INTERVAL_MIN}-minute refresh (${c.total} in ${options.steadyMinutes} min: ${describeRoutes(c.byRoute)})${c.reached ? '' : ' — focus not lost, not valid'}`,
          value: perHour(c.total, options.steadyMinutes, MEASURED_INTERVAL_MIN, MEASURED_INTERVAL_MIN),
          unit: '/h',
          command: `${COMMAND} (GET /__control/requests)`,
        });
        rows.push({
          metric: `requests per hour, ${label}, at the default ${DEFAULT_INTERVAL_MIN}-minute refresh (scaled: × ${MEASURED_INTERVAL_MIN}/${DEFAULT_INTERVAL_MIN})`,
          value: perHour(c.total, options.steadyMinutes, MEASURED_INTERVAL_MIN, DEFAULT_INTERVAL_MIN),
          unit: '/h',
          command: 'every max age is a multiple of the interval (maxAgesFor)',
        });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await simulator.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
