// The shape of a JSON answer: every path it holds (array items as `[]`) with the JSON type found there.
// The simulator is held to the references this way: each path it sends must be one a reference answer
// has, with the same type, so it cannot invent a field or send a number where the service sends text.

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

function typeOf(value: unknown): JsonType {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);
}

/** Path → the types seen there ("Data[].OrderId" → {"string"}). */
export function shapeOf(value: unknown, path = '', into = new Map<string, Set<JsonType>>()): Map<string, Set<JsonType>> {
  const add = (p: string, t: JsonType): void => {
    const seen = into.get(p) ?? new Set<JsonType>();
    seen.add(t);
    into.set(p, seen);
  };
  add(path || '$', typeOf(value));
  if (Array.isArray(value)) {
    for (const item of value) {
      shapeOf(item, `${path}[]`, into);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      shapeOf(child, path ? `${path}.${key}` : key, into);
    }
  }
  return into;
}

/**
 * What `actual` sends that no reference answer has: unknown paths, and known paths with another type.
 * `ignore` names paths the references leave open (a request id, an object keyed by data).
 */
export function shapeMismatches(actual: unknown, references: readonly unknown[], ignore: readonly RegExp[] = []): string[] {
  const known = new Map<string, Set<JsonType>>();
  for (const reference of references) {
    shapeOf(reference, '', known);
  }
  const problems: string[] = [];
  for (const [path, types] of shapeOf(actual)) {
    if (ignore.some((r) => r.test(path))) {
      continue;
    }
    const allowed = known.get(path);
    if (!allowed) {
      problems.push(`${path}: not in any reference answer`);
      continue;
    }
    for (const t of types) {
      if (!allowed.has(t)) {
        problems.push(`${path}: ${t}, where the references have ${[...allowed].join(' or ')}`);
      }
    }
  }
  return problems;
}
