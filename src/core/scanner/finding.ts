// What the scanner reports: one occurrence of a rule, where it is, what state it is in, and how to fix it.
import type { RuleId } from './rules';

/**
 * `on`: literally enabled. `off`: literally disabled. `dynamic`: decided at run time (a variable, an
 * argument, the environment, a config value). `hardcoded`: an API key written in the file.
 */
export type FindingState = 'on' | 'off' | 'dynamic' | 'hardcoded';

export type Severity = 'error' | 'warning' | 'info' | 'none';

/** Where a dynamic value comes from, as far as the file says. */
export type ValueSource =
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'argument'; readonly name: string; readonly defaultText?: string }
  | { readonly kind: 'variable'; readonly name: string; readonly line?: number; readonly valueText?: string }
  | { readonly kind: 'config'; readonly text: string }
  | { readonly kind: 'expression'; readonly text: string };

/** A replacement of [start, end) by `text`, in UTF-16 offsets of the scanned text. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type FixKind = 'turnOff' | 'remove' | 'ignoreLine' | 'ignoreFile' | 'moveToEnv' | 'useEndpoint';

export interface Fix {
  readonly kind: FixKind;
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** For `moveToEnv`: the environment variable the code now reads. */
  readonly envVar?: string;
  /** For `moveToEnv` of a credential in several parts (an AccessKey pair): every variable, envVar first. */
  readonly envVars?: readonly string[];
}

/** What may be said of a hard-coded key: never the key itself. */
export interface KeyFingerprint {
  /** `sk-` or `sk-sp-` (DashScope API keys), `LTAI` (an Alibaba Cloud AccessKey ID, for `access_key`). */
  readonly kind: 'sk-' | 'sk-sp-' | 'LTAI';
  /** The prefix and the first four characters after it, e.g. `sk-4968` or `sk-sp-1a2b`. */
  readonly visiblePrefix: string;
  readonly last4: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly state: FindingState;
  readonly severity: Severity;
  /** [start, end) in UTF-16 offsets of the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Where the value comes from, for `dynamic` findings. */
  readonly source?: ValueSource;
  /** The literal value as written (never for keys). */
  readonly valueText?: string;
  /** The model named in the same request, when the file says (`qwen-plus`). */
  readonly model?: string;
  readonly key?: KeyFingerprint;
  readonly fixes: readonly Fix[];
}
