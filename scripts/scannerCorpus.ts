// Precision, recall and state accuracy of the scanner on the labelled corpus in test/fixtures/scanner-corpus,
// next to a plain grep for the same names. `node out/scripts/scannerCorpus.js` prints the table and the misses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scan } from '../src/core/scanner/scan';

export const CORPUS_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'scanner-corpus');

interface Label {
  readonly line: number;
  readonly rule: string;
  readonly state: string;
}

interface Labels {
  readonly files: Record<string, { readonly source: string; readonly findings: readonly Label[] }>;
}

export interface Scores {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  /** Of the true positives, the share whose state is right (grep has no states). */
  readonly stateAccuracy?: number;
}

export interface CorpusReport {
  readonly files: number;
  readonly labelled: number;
  readonly scanner: Scores;
  readonly grep: Scores;
  readonly misses: readonly string[];
}

/** The names a plain grep looks for (every spelling the scanner knows), and what rule each stands for. */
const GREP: readonly [RegExp, string][] = [
  [/enable[_-]?search/i, 'enable_search'],
  [/forced?[_-]?search/i, 'forced_search'],
  [/search[_-]?strategy/i, 'search_strategy'],
  [/enable[_-]?thinking/i, 'enable_thinking'],
  [/thinking[_-]?budget/i, 'thinking_budget'],
  [/enable[_-]?code[_-]?interpreter/i, 'enable_code_interpreter'],
  [/web[_-]?search/i, 'tools.web_search'],
  [/web[_-]?extractor/i, 'tools.web_extractor'],
  [/(?<!enable[_-]?)code[_-]?interpreter/i, 'tools.code_interpreter'],
  [/(?<![\w.-])n\s*[=:]/i, 'n'],
  [/sk-[A-Za-z0-9-]{8,}/, 'api_key'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function scores(tp: number, fp: number, fn: number, stateRight?: number): Scores {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    ...(stateRight === undefined ? {} : { stateAccuracy: tp === 0 ? 1 : stateRight / tp }),
  };
}

export function evaluateCorpus(dir = CORPUS_DIR): CorpusReport {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
  const misses: string[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let stateRight = 0;
  let gtp = 0;
  let gfp = 0;
  let gfn = 0;
  let labelled = 0;
  const paths = files(dir).filter((p) => !p.endsWith('labels.json'));
  for (const path of paths) {
    const name = relative(dir, path).split('\\').join('/');
    const expected = labels.files[name]?.findings ?? [];
    labelled += expected.length;
    const text = readFileSync(path, 'utf8');
    const key = (line: number, rule: string): string => `${line}:${rule}`;
    const want = new Map(expected.map((l) => [key(l.line, l.rule), l]));
    // The scanner, every occurrence (off ones included), by start line.
    const got = new Map<string, string>();
    for (const f of scan(text, name)) {
      got.set(key(text.slice(0, f.start).split('\n').length, f.rule), f.state);
    }
    for (const [k, state] of got) {
      const label = want.get(k);
      if (label) {
        tp++;
        if (label.state === state) stateRight++;
        else misses.push(`wrong state ${name}:${k} ${state}, labelled ${label.state}`);
      } else {
        fp++;
        misses.push(`false positive ${name}:${k} ${state}`);
      }
    }
    for (const [k, label] of want) {
      if (!got.has(k)) {
        fn++;
        misses.push(`false negative ${name}:${k} ${label.state}`);
      }
    }
    // The grep baseline: every line that names a rule counts as that rule's finding.
    const grepped = new Set<string>();
    text.split('\n').forEach((line, i) => {
      for (const [pattern, rule] of GREP) {
        if (pattern.test(line)) grepped.add(key(i + 1, rule));
      }
    });
    for (const k of grepped) {
      if (want.has(k)) gtp++;
      else gfp++;
    }
    for (const k of want.keys()) {
      if (!grepped.has(k)) gfn++;
    }
  }
  return { files: paths.length, labelled, scanner: scores(tp, fp, fn, stateRight), grep: scores(gtp, gfp, gfn), misses };
}

function pct(n: number | undefined): string {
  return n === undefined ? '—' : `${(n * 100).toFixed(1)}%`;
}

if (require.main === module) {
  const r = evaluateCorpus();
  console.log(`Scanner corpus: ${r.files} files, ${r.labelled} labelled findings`);
  console.log('             precision  recall  state   TP  FP  FN');
  for (const [name, s] of [['scanner', r.scanner], ['plain grep', r.grep]] as const) {
    console.log(`${name.padEnd(12)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(7)} ${pct(s.stateAccuracy).padStart(6)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}`);
  }
  for (const m of r.misses) console.log(`  ${m}`);
}
