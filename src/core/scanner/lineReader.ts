// Readers for line-based configuration: YAML (indentation, block scalars, flow collections), .env and
// Java .properties / INI files.
import { readCode } from './codeReader';
import { addKey, type Extraction, type Group, newGroup } from './pairs';
import { parameterRule, snakeCase } from './rules';
import { classifyScalar } from './values';

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    out.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    if (nl < 0) {
      break;
    }
    start = nl + 1;
  }
  return out;
}

/** Where a trailing ` # comment` starts, outside quotes; or the line's length. */
function commentStart(line: string, from: number): number {
  let quote = '';
  for (let k = from; k < line.length; k++) {
    const c = line[k]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') k++;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (k === 0 || line[k - 1] === ' ' || line[k - 1] === '\t')) {
      return k;
    }
  }
  return line.length;
}

const YAML_KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s"'#:{}[\],&*!|>%@`][^:#]*?))\s*:(?=\s|$)/;

export function readYaml(text: string): Extraction {
  const groups: Group[] = [];
  const root = newGroup(groups, -1, 'root', 0);
  const extraction: Extraction = { pairs: [], groups, defs: new Map(), embedded: [], opaque: [] };
  const stack: { indent: number; group: Group; seq: boolean }[] = [{ indent: -1, group: root, seq: false }];
  let blockIndent = -1;
  let blockStart = -1;

  for (const line of lines(text)) {
    const body = line.text;
    const indentMatch = /^[ \t]*/.exec(body)!;
    let indent = indentMatch[0].length;
    if (blockIndent >= 0) {
      if (body.trim() === '' || indent > blockIndent) {
        continue;
      }
      extraction.opaque.push([blockStart, line.start]);
      blockIndent = -1;
    }
    let rest = body.slice(indent);
    if (rest === '' || rest.startsWith('#') || rest.startsWith('---') || rest.startsWith('...')) {
      continue;
    }
    // Sequence items: "- key: value", "- - x"
    while (rest === '-' || rest.startsWith('- ')) {
      const dash = indent;
      while (stack.length > 1 && (stack[stack.length - 1]!.indent > dash || (stack[stack.length - 1]!.indent === dash && stack[stack.length - 1]!.seq))) {
        stack.pop();
      }
      const parent = stack[stack.length - 1]!.group;
      const item = newGroup(groups, parent.id, 'mapping', line.start + indent, undefined);
      stack.push({ indent: dash, group: item, seq: true });
      const spaces = /^-\s*/.exec(rest)![0].length;
      indent += spaces;
      rest = rest.slice(spaces);
    }
    if (rest === '' || rest.startsWith('#')) {
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent && !(stack[stack.length - 1]!.seq && stack[stack.length - 1]!.indent < indent)) {
      stack.pop();
    }
    const group = stack[stack.length - 1]!.group;
    if (rest.startsWith('{') || rest.startsWith('[')) {
      const from = line.start + indent;
      mergeFlow(extraction, text, from, line.start + commentStart(body, indent), group);
      continue;
    }
    const m = YAML_KEY.exec(rest);
    if (!m) {
      continue;
    }
    const key = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    const keyStart = line.start + indent + (m[3] !== undefined ? 0 : 1);
    const afterColon = indent + m[0].length;
    const valueEndInLine = commentStart(body, afterColon);
    const rawValue = body.slice(afterColon, valueEndInLine);
    const trimmed = rawValue.trim();
    addKey(group, snakeCase(key));
    if (trimmed === '' ) {
      // A nested mapping or sequence follows (or the key is declared without a value).
      const child = newGroup(groups, group.id, 'mapping', line.start + indent, key);
      stack.push({ indent, group: child, seq: false });
      continue;
    }
    if (/^[|>][-+0-9]*$/.test(trimmed)) {
      blockIndent = indent;
      blockStart = line.end;
      continue;
    }
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      const from = line.start + afterColon;
      const child = newGroup(groups, group.id, 'mapping', from, key);
      mergeFlow(extraction, text, from, line.start + valueEndInLine, child);
      continue;
    }
    const value = classifyScalar(rawValue, line.start + afterColon);
    if (snakeCase(key) === 'model' && value.str) {
      group.model = value.str;
    }
    if (key === 'type' || parameterRule(key)) {
      extraction.pairs.push({
        key,
        keyStart,
        keyEnd: keyStart + key.length,
        how: 'key',
        form: 'property',
        value,
        group: group.id,
        removeStart: line.start,
        removeEnd: line.end,
      });
    }
  }
  return extraction;
}

/** Reads a YAML flow collection (`{type: web_search}`) with the JSON reader and adds what it found. */
function mergeFlow(into: Extraction, text: string, from: number, to: number, parent: Group): void {
  const sub = readCode(text.slice(0, to), 'json', from);
  const shift = into.groups.length - 1;
  for (const g of sub.groups) {
    if (g.id === 0) {
      continue;
    }
    into.groups.push({ ...g, id: g.id + shift, parent: g.parent === 0 ? parent.id : g.parent + shift });
  }
  for (const p of sub.pairs) {
    into.pairs.push({ ...p, group: p.group === 0 ? parent.id : p.group + shift });
  }
}

/** .env, .properties and INI files: `KEY=value`, `a.b.enable-search: true`, `[section]`. */
export function readKeyValueLines(text: string, dotenv: boolean): Extraction {
  const groups: Group[] = [];
  let group = newGroup(groups, -1, 'root', 0);
  const extraction: Extraction = { pairs: [], groups, defs: new Map(), embedded: [], opaque: [] };
  for (const line of lines(text)) {
    const body = line.text;
    const lead = /^\s*/.exec(body)![0].length;
    const rest = body.slice(lead);
    if (rest === '' || rest.startsWith('#') || rest.startsWith('!') || rest.startsWith(';')) {
      continue;
    }
    const section = /^\[([^\]]+)\]/.exec(rest);
    if (section) {
      group = newGroup(groups, 0, 'mapping', line.start, section[1]!.split('.').pop());
      continue;
    }
    const m = (dotenv ? /^(export\s+)?([A-Za-z0-9_.-]+)\s*=/ : /^(export\s+)?([A-Za-z0-9_.-]+)\s*[=:]/).exec(rest);
    if (!m) {
      continue;
    }
    const fullKey = m[2]!;
    const segments = fullKey.split('.');
    const key = segments[segments.length - 1]!;
    const keyStart = line.start + lead + (m[1]?.length ?? 0) + fullKey.length - key.length;
    let valueStart = lead + m[0].length;
    let valueEnd = body.length;
    const afterEq = body.slice(valueStart);
    const quoted = /^\s*(["']).*?\1/.exec(afterEq);
    if (quoted) {
      valueEnd = valueStart + quoted[0].length;
    } else if (dotenv) {
      valueEnd = commentStart(body, valueStart);
    }
    valueStart = Math.min(valueStart, valueEnd);
    const how = /^[A-Z0-9_]+$/.test(key) ? 'env' : 'key';
    const rule = parameterRule(key, how);
    const target = segments.length > 1 ? newGroupFor(segments) : group;
    addKey(target, snakeCase(key));
    if (!rule) {
      continue;
    }
    extraction.pairs.push({
      key,
      keyStart,
      keyEnd: keyStart + key.length,
      how,
      form: how === 'env' ? 'env' : 'assign',
      value: classifyScalar(body.slice(valueStart, valueEnd), line.start + valueStart),
      group: target.id,
      removeStart: line.start,
      removeEnd: line.end,
    });
  }
  return extraction;

  function newGroupFor(segments: readonly string[]): Group {
    const parentKey = segments[segments.length - 2];
    const existing = groups.find((g) => g.kind === 'mapping' && g.key === parentKey && g.parent === group.id);
    return existing ?? newGroup(groups, group.id, 'mapping', 0, parentKey);
  }
}
