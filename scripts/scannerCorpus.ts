// Precision, recall and state accuracy of the scanner on the labelled corpus in test/fixtures/scanner-corpus,
// next to a plain grep for the same names, overall, per language, per rule, and on the held-out files apart.
// `node out/scripts/scannerCorpus.js` prints the tables and the misses of the files tuned on
// (`--held-out-misses` prints those of the held-out files too).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { scan } from '../src/core/scanner/scan';

export const CORPUS_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'scanner-corpus');

interface Label {
  readonly line: number;
  readonly rule: string;
  readonly state: string;
}

interface LabelledFile {
  /** Where the file comes from, in words (repository and path, or "hand-written"). */
  readonly source: string;
  readonly findings: readonly Label[];
  /** For whole files from public repositories: where exactly, and under which licence. */
  readonly repository?: string;
  readonly path?: string;
  readonly commit?: string;
  readonly licence?: string;
  readonly whole?: boolean;
  /** Measured but never tuned on: the honest figure. */
  readonly heldOut?: boolean;
}

interface Labels {
  readonly files: Record<string, LabelledFile>;
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
  /** The scanner on the files tuned on, and on the held-out files alone. */
  readonly tuned: Scores;
  readonly heldOut: Scores;
  readonly heldOutFiles: number;
  /** The scanner on whole real files only (`whole: true`), all of them. */
  readonly whole: Scores;
  /** The scanner per language (from the file name) and per rule, over every file. */
  readonly byLanguage: Readonly<Record<string, Scores>>;
  readonly byRule: Readonly<Record<string, Scores>>;
  /** Misses in the held-out files, kept apart so that tuning does not look at them. */
  readonly heldOutMisses: readonly string[];
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
  [/LTAI[A-Za-z0-9]{8,}/, 'access_key'],
];

const LANGUAGES: Readonly<Record<string, string>> = {
  '.py': 'Python', '.ipynb': 'notebook', '.ts': 'TS/JS', '.tsx': 'TS/JS', '.js': 'TS/JS', '.mjs': 'TS/JS',
  '.java': 'Java', '.kt': 'Kotlin', '.cs': 'C#', '.go': 'Go', '.md': 'Markdown', '.json': 'JSON',
  '.yml': 'YAML/properties', '.yaml': 'YAML/properties', '.properties': 'YAML/properties', '.env': 'YAML/properties',
  '.toml': 'YAML/properties', '.sh': 'shell',
};

export function languageOf(name: string): string {
  const base = name.split('/').pop() ?? name;
  return LANGUAGES[extname(base).toLowerCase()] ?? LANGUAGES[`.${base.split('.').pop() ?? ''}`] ?? 'other';
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  stateRight = 0;

  scores(withState = true): Scores {
    const { tp, fp, fn } = this;
    return {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      ...(withState ? { stateAccuracy: tp === 0 ? 1 : this.stateRight / tp } : {}),
    };
  }
}

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = new Tally();
    map.set(key, t);
  }
  return t;
}

function sorted(map: Map<string, Tally>): Record<string, Scores> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t.scores()]));
}

export function evaluateCorpus(dir = CORPUS_DIR): CorpusReport {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
  const misses: string[] = [];
  const heldOutMisses: string[] = [];
  const all = new Tally();
  const grep = new Tally();
  const tuned = new Tally();
  const held = new Tally();
  const whole = new Tally();
  const byLanguage = new Map<string, Tally>();
  const byRule = new Map<string, Tally>();
  let labelled = 0;
  let heldOutFiles = 0;
  const paths = files(dir).filter((p) => !p.endsWith('labels.json'));
  for (const path of paths) {
    const name = relative(dir, path).split('\\').join('/');
    const entry = labels.files[name];
    const expected = entry?.findings ?? [];
    const isHeldOut = entry?.heldOut === true;
    if (isHeldOut) heldOutFiles++;
    labelled += expected.length;
    const text = readFileSync(path, 'utf8');
    const key = (line: number, rule: string): string => `${line}:${rule}`;
    const want = new Map(expected.map((l) => [key(l.line, l.rule), l]));
    const tallies = (rule: string): Tally[] => [
      all, isHeldOut ? held : tuned, tallyOf(byLanguage, languageOf(name)), tallyOf(byRule, rule),
      ...(entry?.whole === true ? [whole] : []),
    ];
    const missList = isHeldOut ? heldOutMisses : misses;
    // The scanner, every occurrence (off ones included), by start line.
    const got = new Map<string, { rule: string; state: string }>();
    for (const f of scan(text, name)) {
      got.set(key(text.slice(0, f.start).split('\n').length, f.rule), { rule: f.rule, state: f.state });
    }
    for (const [k, { rule, state }] of got) {
      const label = want.get(k);
      for (const t of tallies(rule)) {
        if (label) {
          t.tp++;
          if (label.state === state) t.stateRight++;
        } else {
          t.fp++;
        }
      }
      if (!label) missList.push(`false positive ${name}:${k} ${state}`);
      else if (label.state !== state) missList.push(`wrong state ${name}:${k} ${state}, labelled ${label.state}`);
    }
    for (const [k, label] of want) {
      if (!got.has(k)) {
        for (const t of tallies(label.rule)) t.fn++;
        missList.push(`false negative ${name}:${k} ${label.state}`);
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
      if (want.has(k)) grep.tp++;
      else grep.fp++;
    }
    for (const k of want.keys()) {
      if (!grepped.has(k)) grep.fn++;
    }
  }
  return {
    files: paths.length,
    labelled,
    scanner: all.scores(),
    grep: grep.scores(false),
    misses,
    tuned: tuned.scores(),
    heldOut: held.scores(),
    heldOutFiles,
    whole: whole.scores(),
    byLanguage: sorted(byLanguage),
    byRule: sorted(byRule),
    heldOutMisses,
  };
}

function pct(n: number | undefined): string {
  return n === undefined ? '—' : `${(n * 100).toFixed(1)}%`;
}

export function formatScores(rows: readonly (readonly [string, Scores])[], width = 24): string[] {
  const lines = [`${''.padEnd(width)} precision  recall  state   TP  FP  FN`];
  for (const [name, s] of rows) {
    lines.push(`${name.padEnd(width)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(7)} ${pct(s.stateAccuracy).padStart(6)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}`);
  }
  return lines;
}

if (require.main === module) {
  const r = evaluateCorpus();
  console.log(`Scanner corpus: ${r.files} files (${r.heldOutFiles} held out), ${r.labelled} labelled findings`);
  for (const line of formatScores([
    ['scanner, all files', r.scanner], ['  tuned on', r.tuned], ['  held out', r.heldOut],
    ['  whole real files', r.whole], ['plain grep', r.grep],
  ])) console.log(line);
  console.log('\nPer language');
  for (const line of formatScores(Object.entries(r.byLanguage))) console.log(line);
  console.log('\nPer rule');
  for (const line of formatScores(Object.entries(r.byRule))) console.log(line);
  console.log('\nMisses (files tuned on)');
  for (const m of r.misses) console.log(`  ${m}`);
  if (process.argv.includes('--held-out-misses')) {
    console.log('\nMisses (held-out files)');
    for (const m of r.heldOutMisses) console.log(`  ${m}`);
  } else {
    console.log(`\n${r.heldOutMisses.length} misses in held-out files (--held-out-misses prints them)`);
  }
}
