// Hard-coded DashScope keys: `sk-` + 32 hex characters (pay-as-you-go) or `sk-sp-` + 32 or more letters and
// digits (Coding Plan). Placeholders are not keys: `sk-xxxx…`, `sk-your-key`, `sk-12ab****`, and hex that is
// obviously made up (runs such as 0123456789abcdef, repeats, too few distinct characters).
import type { KeyFingerprint } from './finding';

const KEY = /(?<![A-Za-z0-9_-])sk-(?:sp-[A-Za-z0-9]{32,64}|[0-9a-fA-F]{32})(?![A-Za-z0-9*])/g;

export interface KeyMatch {
  readonly start: number;
  readonly end: number;
  readonly fingerprint: KeyFingerprint;
}

function hasRun(body: string, length: number): boolean {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const lower = body.toLowerCase();
  for (let k = 0; k + length <= lower.length; k++) {
    const first = alphabet.indexOf(lower[k]!);
    if (first < 0) {
      continue;
    }
    let run = 1;
    while (run < length && alphabet.indexOf(lower[k + run]!) === first + run) {
      run++;
    }
    if (run >= length) {
      return true;
    }
  }
  return false;
}

function isPeriodic(body: string): boolean {
  for (let period = 1; period <= body.length / 2; period++) {
    if (body.length % period === 0 && body.slice(period) === body.slice(0, body.length - period)) {
      return true;
    }
  }
  return false;
}

export function isPlaceholderKey(body: string): boolean {
  return new Set(body.toLowerCase()).size < 8 || hasRun(body, 6) || isPeriodic(body);
}

export function findKeys(text: string): KeyMatch[] {
  const out: KeyMatch[] = [];
  if (text.indexOf('sk-') < 0) {
    return out;
  }
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m; m = KEY.exec(text)) {
    const key = m[0];
    const kind = key.startsWith('sk-sp-') ? 'sk-sp-' : 'sk-';
    const body = key.slice(kind.length);
    if (isPlaceholderKey(body)) {
      continue;
    }
    out.push({ start: m.index, end: m.index + key.length, fingerprint: { kind, visiblePrefix: kind + body.slice(0, 4), last4: body.slice(-4) } });
  }
  return out;
}

export function maskedKey(fingerprint: KeyFingerprint): string {
  return `${fingerprint.visiblePrefix}…${fingerprint.last4}`;
}
