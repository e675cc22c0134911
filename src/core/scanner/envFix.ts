// The "move to an environment variable" quick fix: a literal written in the code becomes a read of an
// environment variable, in the language's own way, with the import it needs. For DashScope keys and for
// Alibaba Cloud AccessKey pairs (two literals, two variables, one fix).
import type { TextEdit } from './finding';
import type { LanguageKind } from './languages';
import { lineStartNear } from './text';

/**
 * The edits that make the literal at [start, end) read the environment variable `name` instead, or
 * undefined where the language has no safe way (a Java single-quoted char, a shell single-quoted string,
 * a language without a reader). Imports the code needs are added once, even when several literals move.
 */
export function envReadEdits(text: string, language: LanguageKind, start: number, end: number, name: string): TextEdit[] | undefined {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  const quoted = (before === '"' || before === "'" || before === '`') && after === before;
  const whole: TextEdit | undefined = quoted ? { start: start - 1, end: end + 1, text: '' } : undefined;
  const edits: TextEdit[] = [];
  switch (language) {
    case 'python':
      if (!whole) return undefined;
      edits.push({ ...whole, text: `os.environ["${name}"]` });
      if (!/^\s*import\s+os\b|^\s*import\s+[\w.]+\s*,\s*os\b/m.test(text)) {
        edits.push(importEdit(text, /^(?:import|from)\s/m, 'import os\n'));
      }
      break;
    case 'javascript':
      if (!whole) return undefined;
      edits.push({ ...whole, text: `process.env.${name}` });
      break;
    case 'java':
    case 'kotlin':
      if (!whole || before !== '"') return undefined;
      edits.push({ ...whole, text: `System.getenv("${name}")` });
      break;
    case 'go': {
      if (!whole) return undefined;
      edits.push({ ...whole, text: `os.Getenv("${name}")` });
      if (!/^\s*"os"\s*$|^import\s+"os"/m.test(text)) {
        const block = /^import\s*\(\s*\n/m.exec(text);
        if (block) edits.push({ start: block.index + block[0].length, end: block.index + block[0].length, text: '\t"os"\n' });
        else {
          const single = /^import\s+"[^"]+"\s*\n/m.exec(text);
          if (!single) return undefined;
          edits.push({ start: single.index + single[0].length, end: single.index + single[0].length, text: 'import "os"\n' });
        }
      }
      break;
    }
    case 'shell': {
      if (before === "'") return undefined;
      edits.push(quoted || isInDoubleQuotes(text, start) ? { start, end, text: `\${${name}}` } : { start, end, text: `"$${name}"` });
      break;
    }
    case 'yaml':
    case 'properties':
      edits.push(whole ? { ...whole, text: `\${${name}}` } : { start, end, text: `\${${name}}` });
      break;
    default:
      return undefined;
  }
  return edits;
}

/** The edits of several moves in one fix: the same import is added once. */
export function mergeEdits(lists: readonly (readonly TextEdit[])[]): TextEdit[] {
  const out: TextEdit[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const e of list) {
      const id = `${e.start}:${e.end}:${e.text}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push(e);
      }
    }
  }
  return out;
}

function isInDoubleQuotes(text: string, offset: number): boolean {
  const lineStart = Math.max(0, lineStartNear(text, offset));
  return (text.slice(lineStart, offset).split('"').length - 1) % 2 === 1;
}

/** Inserts before the first import (or after a shebang/encoding line when there is none). */
function importEdit(text: string, firstImport: RegExp, line: string): TextEdit {
  const m = firstImport.exec(text);
  if (m) {
    return { start: m.index, end: m.index, text: line };
  }
  let at = 0;
  for (const header of [/^#!.*\n/, /^#.*coding[:=].*\n/]) {
    const h = header.exec(text.slice(at));
    if (h) at += h[0].length;
  }
  return { start: at, end: at, text: line };
}
