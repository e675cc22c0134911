// The code reader's token stream and the neighbour lookups every stage shares. Neighbours step over line
// breaks: a break only ends a value at statement level, which the stages decide for themselves.
import { stringValue, type Token } from '../tokenizer';

export function isOpener(t: Token | undefined): boolean {
  return t?.kind === 'p' && (t.text === '(' || t.text === '[' || t.text === '{');
}

export function isCloser(t: Token | undefined): boolean {
  return t?.kind === 'p' && (t.text === ')' || t.text === ']' || t.text === '}');
}

export class TokenCursor {
  readonly length: number;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
  ) {
    this.length = tokens.length;
  }

  /** The index of the first token after i that is not a line break (`length` when there is none). */
  nextSig(i: number): number {
    let k = i + 1;
    while (k < this.length && this.tokens[k]!.kind === 'nl') {
      k++;
    }
    return k;
  }

  /** The index of the last token before i that is not a line break (-1 when there is none). */
  prevSig(i: number): number {
    let k = i - 1;
    while (k >= 0 && this.tokens[k]!.kind === 'nl') {
      k--;
    }
    return k;
  }

  /** A key as the code names it: a string's value, or an identifier as written. */
  keyText(t: Token): string {
    return t.kind === 'str' ? stringValue(this.text, t) : t.text;
  }
}
