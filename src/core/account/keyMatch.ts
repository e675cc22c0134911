// Matching a key found in code to the account's keys. The backend shows a key only masked: its prefix
// with four characters ("sk-ab12", "sk-sp-ab12") and its last four. A literal matches a key when both
// visible parts agree; nothing more of the literal is ever needed or kept.

export interface VisibleParts {
  /** "sk-" or "sk-sp-" and the next four characters. */
  readonly prefix: string;
  /** The last four characters. */
  readonly suffix: string;
}

const KEY = /^(sk-(?:sp-)?)([A-Za-z0-9]{4})[A-Za-z0-9*]*([A-Za-z0-9]{4})$/;

/** The visible parts of a key, whether given whole ("sk-…") or masked ("sk-ab12****9f3c"). */
export function visibleParts(key: string): VisibleParts | undefined {
  const m = KEY.exec(key.trim());
  return m ? { prefix: `${m[1] ?? ''}${m[2] ?? ''}`, suffix: m[3] ?? '' } : undefined;
}

export function sameVisibleParts(a: VisibleParts, b: VisibleParts): boolean {
  return a.prefix === b.prefix && a.suffix === b.suffix;
}

/** "sk-ab12…9f3c": how a key is named to the user. */
export function describeVisible(parts: VisibleParts): string {
  return `${parts.prefix}…${parts.suffix}`;
}
