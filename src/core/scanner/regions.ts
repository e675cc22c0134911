// Files that hold code inside something else: Markdown code fences and Jupyter notebook cells.
import { fenceLanguage, type LanguageKind } from './languages';
import { LEX_SPECS, decodeString, tokenize, type Token } from './tokenizer';

export interface Region {
  readonly language: LanguageKind;
  /** The region's own text. */
  readonly text: string;
  /** map[i] = offset in the file of text[i]; map[text.length] = the offset just after it. Undefined: text starts at `offset` verbatim. */
  readonly map?: readonly number[];
  readonly offset: number;
}

/** Fenced code blocks (``` or ~~~) with the language their info string names, or a guess. */
export function markdownRegions(text: string): Region[] {
  const regions: Region[] = [];
  const fence = /^([ \t]{0,3})(`{3,}|~{3,})([^\n`]*)$/gm;
  for (let open = fence.exec(text); open; open = fence.exec(text)) {
    const marker = open[2]!;
    const contentStart = open.index + open[0].length + 1;
    const close = new RegExp(`^[ \\t]{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    close.lastIndex = contentStart;
    const m = close.exec(text);
    const contentEnd = m ? m.index : text.length;
    const body = contentStart <= contentEnd ? text.slice(contentStart, contentEnd) : '';
    const language = fenceLanguage(open[3] ?? '') ?? guess(body);
    if (language !== 'markdown') {
      regions.push({ language, text: body, offset: contentStart });
    }
    fence.lastIndex = m ? m.index + m[0].length : text.length;
  }
  return regions;
}

function guess(body: string): LanguageKind {
  const t = body.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return 'json';
  if (/^\s*(?:\$\s*)?curl\b/m.test(body)) return 'shell';
  if (/^\s*(?:import|from)\s+\w+/m.test(body) || /^\s*def\s+\w+\(/m.test(body)) return 'python';
  return 'generic';
}

/** Notebook cells: each cell's `source`, decoded, with a map back to the file. */
export function notebookRegions(text: string): Region[] {
  const tokens = tokenize(text, LEX_SPECS.json);
  const lang = /"(?:language|name)"\s*:\s*"(python|javascript|typescript|java|kotlin|go)"/.exec(text)?.[1];
  const codeLanguage: LanguageKind = lang === 'typescript' || lang === 'javascript' ? 'javascript' : lang === 'java' ? 'java' : lang === 'kotlin' ? 'kotlin' : lang === 'go' ? 'go' : 'python';
  const regions: Region[] = [];
  // Walk the tokens: a "cell_type" then a "source" in the same object; cells are objects in "cells".
  let cellType: string | undefined;
  let depth = 0;
  let cellDepth = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'p') {
      if (t.text === '{' || t.text === '[') depth++;
      else if (t.text === '}' || t.text === ']') {
        depth--;
        if (depth < cellDepth) {
          cellDepth = -1;
          cellType = undefined;
        }
      }
      continue;
    }
    if (t.kind !== 'str' || tokens[i + 1]?.text !== ':') {
      continue;
    }
    if (t.text === 'cell_type' && tokens[i + 2]?.kind === 'str') {
      cellType = tokens[i + 2]!.text;
      cellDepth = depth;
    } else if (t.text === 'source') {
      const parts: Token[] = [];
      let k = i + 2;
      if (tokens[k]?.kind === 'str') {
        parts.push(tokens[k]!);
      } else if (tokens[k]?.text === '[') {
        for (k++; k < tokens.length && tokens[k]!.text !== ']'; k++) {
          if (tokens[k]!.kind === 'str') parts.push(tokens[k]!);
        }
      }
      let value = '';
      const map: number[] = [];
      for (const p of parts) {
        const d = decodeString(text, p);
        value += d.value;
        // One by one: a spread of a long cell's offsets into push() overflows the call stack.
        const mapped = Math.min(d.value.length, d.map.length);
        for (let c = 0; c < mapped; c++) map.push(d.map[c]!);
      }
      map.push(parts.length > 0 ? decodeString(text, parts[parts.length - 1]!).map.at(-1)! : t.end);
      const language: LanguageKind = cellType === 'markdown' ? 'markdown' : codeLanguage;
      if (cellType === 'code' || cellType === 'markdown' || cellType === undefined) {
        regions.push({ language, text: value, map, offset: 0 });
      }
    }
  }
  return regions;
}
