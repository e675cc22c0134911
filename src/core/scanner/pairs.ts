// What every reader extracts from a file: key/value settings ("pairs") inside nested groups, plus the
// variables and arguments a dynamic value may come from. Rules are matched on pairs, not on text.
import type { ValueSource } from './finding';

export type PairForm = 'kwarg' | 'property' | 'assign' | 'member' | 'subscript' | 'builder' | 'call' | 'env';

export type ValueKind = 'bool' | 'number' | 'string' | 'null' | 'ident' | 'expr' | 'object' | 'array' | 'empty';

export interface ValueInfo {
  readonly kind: ValueKind;
  readonly start: number;
  readonly end: number;
  /** The value as written, cut to a readable length. */
  readonly text: string;
  readonly bool?: boolean;
  readonly num?: number;
  readonly str?: string;
  /** The literal to replace when turning a setting off (inside wrappers such as `openai.Bool(true)`). */
  readonly literal?: { readonly start: number; readonly end: number; readonly text: string };
  readonly source?: ValueSource;
}

export interface Pair {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** How to read the key: a plain key, an environment name, or a builder method name. */
  readonly how: 'key' | 'env' | 'builder';
  readonly form: PairForm;
  readonly value: ValueInfo;
  readonly group: number;
  /** [start, end) of what "remove it" deletes: the element with its separator. */
  readonly removeStart: number;
  readonly removeEnd: number;
  /** For builder and setter calls, what they are called on: `getSearchOptions` in `q.getSearchOptions().setEnableSearch(true)`. */
  readonly receiver?: string;
}

export type GroupKind = 'root' | 'object' | 'array' | 'call' | 'paren' | 'subscript' | 'block' | 'mapping';

export interface Group {
  readonly id: number;
  readonly parent: number;
  readonly kind: GroupKind;
  /** The key the group is the value of (`extra_body`, `tools`, `search_options`). */
  readonly key?: string;
  /** For calls, the name called (`create`, `apply_chat_template`). */
  readonly callee?: string;
  readonly start: number;
  end: number;
  /** Every key set directly in this group, normalised to snake_case (created on first use: most groups have none). */
  keys?: Set<string>;
  /** The model named in this group, when literal. */
  model?: string;
  /** Parameters or a destructuring pattern: its "pairs" are defaults, not settings. */
  isPattern: boolean;
}

export interface VariableDef {
  readonly kind: 'argument' | 'variable';
  readonly name: string;
  readonly valueText?: string;
  readonly offset: number;
  /** Declared `const`, `final` or `val` with a literal: its value is known wherever the name is used. */
  readonly constant?: boolean;
}

/** A string whose content is itself scanned (JSON in a curl body or a Python string). */
export interface EmbeddedText {
  readonly value: string;
  readonly map: readonly number[];
  /** How to read it: JSON (the default) or one property line. */
  readonly language?: 'json' | 'properties';
}

export interface Extraction {
  readonly pairs: Pair[];
  readonly groups: Group[];
  readonly defs: Map<string, VariableDef>;
  readonly embedded: EmbeddedText[];
  /** Sorted [start, end) ranges of strings and comments, to know where a comment line may be inserted. */
  readonly opaque: [number, number][];
}

export function newGroup(groups: Group[], parent: number, kind: GroupKind, start: number, key?: string, callee?: string): Group {
  const g: Group = { id: groups.length, parent, kind, key, callee, start, end: start, isPattern: false };
  groups.push(g);
  return g;
}

export function addKey(group: Group, key: string): void {
  (group.keys ??= new Set()).add(key);
}
