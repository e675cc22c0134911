// The reader for bracket-structured languages (Python, JavaScript/TypeScript, Java, Kotlin, Go, JSON,
// TOML, shell and a generic fallback): tokens → groups (calls, objects, arrays) → settings. One walk over
// the tokens, in stages (codeReader/): the groups the walk is inside, the keys it recognises in them,
// and what it collects for the rules.
import type { Extraction } from './pairs';
import { ExtractionCollector } from './codeReader/collector';
import { isCloser, isOpener, TokenCursor } from './codeReader/cursor';
import type { CodeFlavor } from './codeReader/flavor';
import { GroupTracker } from './codeReader/groups';
import { KeyValueReader } from './codeReader/keyValues';
import { LEX_SPECS, tokenize } from './tokenizer';

export type { CodeFlavor } from './codeReader/flavor';

export function readCode(text: string, flavor: CodeFlavor, start = 0, end = text.length): Extraction {
  const cursor = new TokenCursor(text, tokenize(text, LEX_SPECS[flavor], start, end));
  const groups = new GroupTracker(cursor, flavor);
  const out = new ExtractionCollector(cursor, flavor);
  const keys = new KeyValueReader(cursor, groups, out, flavor);
  const { tokens } = cursor;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'p') {
      if (isOpener(t)) {
        if (groups.startsTomlHeader(i)) {
          i = groups.readTomlHeader(i);
        } else {
          groups.open(i);
        }
      } else if (isCloser(t)) {
        groups.close(i);
      }
      continue;
    }
    if (t.kind === 'str') {
      out.noteString(i, groups.current);
    }
    if (t.kind === 'id' || t.kind === 'str') {
      keys.read(i);
    }
  }
  groups.finish(end);
  return out.finish(groups.groups);
}
