// The scanner's entry point: scan(text, language or file name) → findings. Pure, synchronous, bounded:
// every reader is a linear pass, and text with nothing that could match is rejected before any parsing.
import * as l10n from '@vscode/l10n';
import { readCode, type CodeFlavor } from './codeReader';
import { compilePatterns, mayPointAtQwen, QWEN_HINT, vendorContext, type VendorContext } from './context';
import { endpointFindings } from './endpointMismatch';
import { envReadEdits } from './envFix';
import { findAccessKeys, moveAccessKeyFix } from './accessKeys';
import { evaluate, ignoreLineEdit, type SeverityOptions, severityFor } from './evaluate';
import type { Finding, Fix, Severity, TextEdit } from './finding';
import { findKeys, maskedKey, type KeyMatch } from './keys';
import { languageOf, lineCommentOf, type LanguageKind } from './languages';
import { readKeyValueLines, readYaml } from './lineReader';
import type { Extraction } from './pairs';
import { markdownRegions, notebookRegions, type Region } from './regions';
import { CANDIDATE_PATTERN, type RuleId } from './rules';
import { LEX_SPECS, topLevelStarts } from './tokenizer';
import { lineStartNear } from './text';

export interface ScanOptions {
  /** Severity of `on` and `hardcoded` findings per rule (default warning). */
  readonly severity?: Readonly<Partial<Record<RuleId, Severity>>>;
  /** Severity of `dynamic` findings (default info), never above the rule's own. */
  readonly dynamicSeverity?: Severity;
  /** Extra regular expressions that mark a file as talking to Qwen (an internal gateway URL, say). */
  readonly qwenPatterns?: readonly (string | RegExp)[];
  /** Honour `qwen-cost-ignore` comments (default true). */
  readonly inlineIgnores?: boolean;
}

export const ENV_VAR = 'DASHSCOPE_API_KEY';
const MAX_EMBED_DEPTH = 2;

const FLAVOR: Partial<Record<LanguageKind, CodeFlavor>> = {
  python: 'python',
  javascript: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  go: 'go',
  json: 'json',
  toml: 'toml',
  shell: 'shell',
  generic: 'generic',
};

function patternsOf(options: ScanOptions): RegExp[] {
  const list = options.qwenPatterns ?? [];
  const regexes = list.filter((p): p is RegExp => p instanceof RegExp);
  const strings = list.filter((p): p is string => typeof p === 'string');
  return [...regexes, ...compilePatterns(strings).regexes];
}

/**
 * Everything scan() could react to, in one pattern: a rule's name, a key, or a sign of Qwen (the `n` rule
 * needs only that). One pass over the text instead of several: this is what keeps big trees fast.
 */
const ANYTHING = new RegExp(`${CANDIDATE_PATTERN.source}|${QWEN_HINT.source}`, 'i');

/** Would scan() find anything at all in this text? A cheap test for callers that read many files. */
export function mayHaveFindings(text: string, extra: readonly RegExp[] = []): boolean {
  return ANYTHING.test(text) || (extra.length > 0 && mayPointAtQwen(text, extra));
}

export function scan(text: string, languageOrFileName: string, options: ScanOptions = {}): Finding[] {
  const extra = patternsOf(options);
  if (!mayHaveFindings(text, extra)) {
    return [];
  }
  const language = languageOf(languageOrFileName);
  const vendor = vendorContext(text, extra);
  if (vendor === 'other') {
    return [];
  }
  const severity: SeverityOptions = { severity: options.severity ?? {}, dynamicSeverity: options.dynamicSeverity ?? 'info' };
  let findings: Finding[];
  if (language === 'markdown' || language === 'notebook') {
    const regions = language === 'markdown' ? markdownRegions(text) : notebookRegions(text);
    findings = regions.flatMap((r) => scanRegion(r, vendor, severity, 0));
  } else {
    findings = scanText(text, language, vendor, severity, 0);
  }
  const keys = findKeys(text);
  appendAll(findings, keyFindings(text, keys, language, severity));
  appendAll(findings, accessKeyFindings(text, language, severity));
  appendAll(findings, endpointFindings(text, keys, severityFor('endpoint_mismatch', 'hardcoded', severity)));
  findings = dedupe(findings);
  if (options.inlineIgnores !== false) {
    findings = applyIgnores(text, findings);
  }
  const fileFix = ignoreFileFix(text, language);
  if (fileFix) {
    findings = findings.map((f) => (f.state === 'off' ? f : { ...f, fixes: [...f.fixes, fileFix] }));
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** push(...items) passes every item as an argument, which overflows the call stack past about 120,000. */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) {
    target.push(item);
  }
}

function scanRegion(region: Region, vendor: VendorContext, severity: SeverityOptions, depth: number): Finding[] {
  const inner = region.language === 'markdown' ? markdownRegions(region.text).flatMap((r) => scanRegion(r, vendor, severity, depth + 1)) : scanText(region.text, region.language, vendor, severity, depth);
  const map = region.map;
  if (!map) {
    return region.offset === 0 ? inner : inner.map((f) => shift(f, (o) => o + region.offset, true));
  }
  // Decoded text (a notebook cell, a JSON string): comment insertions cannot be mapped back safely.
  return inner.map((f) => shift(f, (o) => map[Math.min(o, map.length - 1)]!, false));
}

function shift(f: Finding, at: (offset: number) => number, keepInserts: boolean): Finding {
  const fixes: Fix[] = [];
  for (const fix of f.fixes) {
    if (!keepInserts && fix.edits.some((e) => e.start === e.end)) {
      continue;
    }
    fixes.push({ ...fix, edits: fix.edits.map((e): TextEdit => ({ start: at(e.start), end: at(e.end), text: e.text })) });
  }
  return { ...f, start: at(f.start), end: at(f.end), fixes };
}

function extract(text: string, language: LanguageKind): Extraction | undefined {
  switch (language) {
    case 'yaml':
      return readYaml(text);
    case 'dotenv':
      return readKeyValueLines(text, true);
    case 'properties':
      return readKeyValueLines(text, false);
    case 'markdown':
    case 'notebook':
      return undefined;
    default:
      return readCode(text, FLAVOR[language] ?? 'generic');
  }
}

/**
 * The forms in which the readers can see an `n` being set: `n=2`, `n: 2`, `"n": 2`, `"n" to 2`, a builder
 * call (`.n(2)`, `setN(2)`, `withN(2)`, Kotlin's `apply { n(2) }`). A file or statement without one is not
 * read for the n rule: the word alone is everywhere (`\n` in a string is one), and reading every file that
 * mentions Qwen in full was most of a whole-tree scan's time.
 */
const N_SETTING = /\bn\s*(?:=(?!=)|:(?!:))|["']n["']\s*(?:[:,]|=>|\bto\b)|\b(?:set|with)?n\s*\(/i;

/** Above this size, code is read statement by statement, and only the statements that could match. */
const CHUNKED_FROM = 16 * 1024;
const CHUNKABLE: Partial<Record<LanguageKind, keyof typeof LEX_SPECS>> = {
  python: 'python',
  javascript: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  go: 'go',
  shell: 'shell',
  generic: 'generic',
};

function scanText(text: string, language: LanguageKind, vendor: VendorContext, severity: SeverityOptions, depth: number): Finding[] {
  const nRule = vendor === 'qwen' && N_SETTING.test(text);
  if (!CANDIDATE_PATTERN.test(text) && !nRule) {
    return [];
  }
  const findings: Finding[] = [];
  for (const extraction of extractions(text, language, nRule)) {
    appendAll(findings, evaluate({ text, language, vendor, extraction, severity }));
    if (depth < MAX_EMBED_DEPTH) {
      for (const embedded of extraction.embedded) {
        appendAll(findings, scanRegion({ language: embedded.language ?? 'json', text: embedded.value, map: embedded.map, offset: 0 }, vendor, severity, depth + 1));
      }
    }
  }
  return findings;
}

/**
 * What the readers extract. A big code file is split at its top-level statements (a skim that builds no
 * tokens), and only the statements that name a rule, a key shape or, where `n` applies, an `n`, are read:
 * an edited 5,000-line module costs a few statements, not the whole file. Variables set in statements that
 * are not read are then not followed: a dynamic value says less about where it comes from.
 */
function extractions(text: string, language: LanguageKind, nRule: boolean): Extraction[] {
  const spec = CHUNKABLE[language];
  if (!spec || text.length < CHUNKED_FROM) {
    const whole = extract(text, language);
    return whole ? [whole] : [];
  }
  const flavor = FLAVOR[language] ?? 'generic';
  const starts = topLevelStarts(text, LEX_SPECS[spec]);
  const out: Extraction[] = [];
  let from = -1;
  let to = -1;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    const e = starts[k + 1] ?? text.length;
    const chunk = text.slice(s, e);
    const wanted = CANDIDATE_PATTERN.test(chunk) || (nRule && N_SETTING.test(chunk));
    if (wanted && from >= 0 && to === s) {
      to = e;
    } else if (wanted) {
      if (from >= 0) out.push(readCode(text, flavor, from, to));
      from = s;
      to = e;
    }
  }
  if (from >= 0) out.push(readCode(text, flavor, from, to));
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.rule}:${f.start}:${f.end}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// ---- Hard-coded keys ----

function regionLanguageAt(language: LanguageKind, fences: readonly Region[], offset: number): LanguageKind | undefined {
  if (language === 'notebook') return undefined;
  if (language !== 'markdown') return language;
  const r = fences.find((x) => offset >= x.offset && offset < x.offset + x.text.length);
  return r?.language;
}

function keyFindings(text: string, keys: readonly KeyMatch[], language: LanguageKind, severity: SeverityOptions): Finding[] {
  const fences = language === 'markdown' && keys.length > 0 ? markdownRegions(text) : [];
  return keys.map((k) => {
    const fixes: Fix[] = [];
    const lang = regionLanguageAt(language, fences, k.start);
    const move = lang ? moveToEnvFix(text, lang, k) : undefined;
    if (move) fixes.push(move);
    const comment = lang ? lineCommentOf(lang) : undefined;
    if (comment) {
      const edit = ignoreLineEdit(text, k.start, comment, undefined);
      if (edit) fixes.push({ kind: 'ignoreLine', title: l10n.t('Ignore this key on this line (qwen-cost-ignore)'), edits: [edit] });
    }
    return {
      rule: 'api_key' as const,
      state: 'hardcoded' as const,
      severity: severityFor('api_key', 'hardcoded', severity),
      start: k.start,
      end: k.end,
      message: l10n.t('A DashScope API key ({0}) is written in this file: anyone who can read it can spend on your account. Read it from an environment variable and revoke this one.', maskedKey(k.fingerprint)),
      key: k.fingerprint,
      fixes,
    };
  });
}

function accessKeyFindings(text: string, language: LanguageKind, severity: SeverityOptions): Finding[] {
  const pairs = findAccessKeys(text);
  const fences = language === 'markdown' && pairs.length > 0 ? markdownRegions(text) : [];
  return pairs.map((pair) => {
    const fixes: Fix[] = [];
    const lang = regionLanguageAt(language, fences, pair.start);
    const move = lang ? moveAccessKeyFix(text, lang, pair) : undefined;
    if (move) fixes.push(move);
    const comment = lang ? lineCommentOf(lang) : undefined;
    if (comment) {
      const edit = ignoreLineEdit(text, pair.start, comment, undefined);
      if (edit) fixes.push({ kind: 'ignoreLine', title: l10n.t('Ignore this key on this line (qwen-cost-ignore)'), edits: [edit] });
    }
    return {
      rule: 'access_key' as const,
      state: 'hardcoded' as const,
      severity: severityFor('access_key', 'hardcoded', severity),
      start: pair.start,
      end: pair.end,
      message: l10n.t(
        'An Alibaba Cloud AccessKey pair ({0}) is written in this file: anyone who can read it can act on your account with its permissions, spending included. Read both parts from environment variables and disable this pair in the RAM console.',
        maskedKey(pair.fingerprint),
      ),
      key: pair.fingerprint,
      fixes,
    };
  });
}

function moveToEnvFix(text: string, language: LanguageKind, key: KeyMatch): Fix | undefined {
  const edits = envReadEdits(text, language, key.start, key.end, ENV_VAR);
  return edits ? { kind: 'moveToEnv', title: l10n.t('Move the key to the environment variable {0}', ENV_VAR), edits, envVar: ENV_VAR } : undefined;
}

// ---- qwen-cost-ignore ----

function applyIgnores(text: string, findings: Finding[]): Finding[] {
  if (findings.length === 0 || text.indexOf('qwen-cost-ignore') < 0) {
    return findings;
  }
  if (/qwen-cost-ignore-file\b/.test(text)) {
    return [];
  }
  const ignored: [number, number][] = [];
  const marker = /qwen-cost-ignore\b(?!-)/g;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const lineStart = lineStartNear(text, m.index);
    if (lineStart < 0) {
      continue;
    }
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    const code = text.slice(lineStart, m.index).replace(/(?:#|\/\/|\/\*|<!--|--|;|%)+\s*$/, '').trim();
    if (code !== '' && !/^(?:#|\/\/|\/\*|<!--)/.test(code)) {
      ignored.push([lineStart, lineEnd]);
      continue;
    }
    // The next line with something on it.
    let next = lineEnd + 1;
    while (next < text.length) {
      let end = text.indexOf('\n', next);
      if (end < 0) end = text.length;
      if (text.slice(next, end).trim() !== '') {
        ignored.push([next, end]);
        break;
      }
      next = end + 1;
    }
  }
  return findings.filter((f) => !ignored.some(([s, e]) => f.start >= s && f.start <= e));
}

function ignoreFileFix(text: string, language: LanguageKind): Fix | undefined {
  let line: string;
  if (language === 'markdown') {
    line = '<!-- qwen-cost-ignore-file -->\n';
  } else {
    const comment = lineCommentOf(language);
    if (!comment) return undefined;
    line = `${comment} qwen-cost-ignore-file\n`;
  }
  const shebang = /^#!.*\n/.exec(text);
  const at = shebang ? shebang[0].length : 0;
  return { kind: 'ignoreFile', title: l10n.t('Ignore costly parameters in this file (qwen-cost-ignore-file)'), edits: [{ start: at, end: at, text: line }] };
}
