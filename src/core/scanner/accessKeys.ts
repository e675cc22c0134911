// Hard-coded Alibaba Cloud AccessKey pairs: an AccessKey ID (`LTAI` and 12 to 28 letters and digits) with its
// secret (30 letters and digits) written near it. Either alone is not reported: an ID is an account's name
// for the key, not a credential, and 30 random characters alone could be anything. Placeholders
// (`LTAIxxxxxxxxxxxxxxxx`, runs, repeats) are not keys.
import * as l10n from '@vscode/l10n';
import { envReadEdits, mergeEdits } from './envFix';
import type { Fix, KeyFingerprint } from './finding';
import { isPlaceholderKey } from './keys';
import type { LanguageKind } from './languages';

/** The variables the official Alibaba Cloud SDKs and CLI read the pair from. */
export const ACCESS_KEY_ID_ENV = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ACCESS_KEY_SECRET_ENV = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';

const ID = /(?<![A-Za-z0-9_])LTAI[A-Za-z0-9]{12,28}(?![A-Za-z0-9_])/g;
const SECRET = /(?<![A-Za-z0-9_/+=-])[A-Za-z0-9]{30}(?![A-Za-z0-9_/+=-])/g;
/** How far from the ID its secret may be written: a few lines, as in a config block or a client's constructor. */
const NEAR = 600;

export interface AccessKeyMatch {
  /** The ID: what the finding points at. */
  readonly start: number;
  readonly end: number;
  readonly secretStart: number;
  readonly secretEnd: number;
  readonly fingerprint: KeyFingerprint;
}

/** A secret is random-looking: upper and lower case and digits, and no placeholder pattern. */
function looksLikeSecret(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && !isPlaceholderKey(s);
}

export function findAccessKeys(text: string): AccessKeyMatch[] {
  const out: AccessKeyMatch[] = [];
  if (text.indexOf('LTAI') < 0) {
    return out;
  }
  ID.lastIndex = 0;
  for (let m = ID.exec(text); m; m = ID.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const body = m[0].slice(4);
    if (isPlaceholderKey(body)) {
      continue;
    }
    const from = Math.max(0, start - NEAR);
    const to = Math.min(text.length, end + NEAR);
    const window = text.slice(from, to);
    let best: [number, number] | undefined;
    SECRET.lastIndex = 0;
    for (let s = SECRET.exec(window); s; s = SECRET.exec(window)) {
      const sStart = from + s.index;
      const sEnd = sStart + s[0].length;
      if ((sStart < end && sEnd > start) || !looksLikeSecret(s[0])) {
        continue;
      }
      const distance = sStart >= end ? sStart - end : start - sEnd;
      if (!best || distance < (best[0] >= end ? best[0] - end : start - best[1])) {
        best = [sStart, sEnd];
      }
    }
    if (best) {
      out.push({ start, end, secretStart: best[0], secretEnd: best[1], fingerprint: { kind: 'LTAI', visiblePrefix: `LTAI${body.slice(0, 4)}`, last4: body.slice(-4) } });
    }
  }
  return out;
}

/** Both literals become reads of the two variables, in one fix; none where either cannot move safely. */
export function moveAccessKeyFix(text: string, language: LanguageKind, pair: AccessKeyMatch): Fix | undefined {
  const id = envReadEdits(text, language, pair.start, pair.end, ACCESS_KEY_ID_ENV);
  const secret = envReadEdits(text, language, pair.secretStart, pair.secretEnd, ACCESS_KEY_SECRET_ENV);
  if (!id || !secret) {
    return undefined;
  }
  return {
    kind: 'moveToEnv',
    title: l10n.t('Move the AccessKey pair to the environment variables {0} and {1}', ACCESS_KEY_ID_ENV, ACCESS_KEY_SECRET_ENV),
    edits: mergeEdits([id, secret]),
    envVar: ACCESS_KEY_ID_ENV,
    envVars: [ACCESS_KEY_ID_ENV, ACCESS_KEY_SECRET_ENV],
  };
}
