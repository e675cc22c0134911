// A key sent to the wrong door. A Coding Plan or Token Plan key (`sk-sp-`) works only on the plans'
// endpoints; an ordinary pay-as-you-go key (`sk-` + hex) only on DashScope's. Either one at the other's
// base URL is refused (a Coding Plan key on the pay-as-you-go endpoint is not a pay-as-you-go key), so a
// tool configured that way fails until someone notices why. The finding sits on the URL, names the key by
// fingerprint only, and offers the endpoint that matches the key, for the same region and API style.
import * as l10n from '@vscode/l10n';
import type { Finding, Fix, Severity } from './finding';
import { maskedKey, type KeyMatch } from './keys';

/** Which product a base URL belongs to, where it is, and which API style it speaks. */
export interface Endpoint {
  readonly start: number;
  readonly end: number;
  readonly url: string;
  readonly product: 'payg' | 'coding' | 'token';
  readonly region: 'cn' | 'intl' | 'us';
  readonly api: 'openai' | 'anthropic' | 'native';
}

// Hosts as Qwen Cloud documents them: DashScope's pay-as-you-go hosts per region, the Coding Plan's two,
// and the Token Plan's per region (`token-plan.<region>.maas.aliyuncs.com`).
const URL_PATTERN =
  /https?:\/\/(dashscope(?:-intl|-us)?\.aliyuncs\.com|coding(?:-intl)?\.dashscope\.aliyuncs\.com|token-plan\.[a-z0-9-]+\.maas\.aliyuncs\.com)(\/[^\s"'`<>()[\]{},;\\]*)?/gi;

/** How far apart (in lines) a key and a URL may be and still be taken as one configuration. */
const PAIRING_LINES = 40;

function classify(host: string, path: string): Pick<Endpoint, 'product' | 'region' | 'api'> {
  const h = host.toLowerCase();
  const api: Endpoint['api'] = /\/apps\/anthropic/i.test(path) ? 'anthropic' : /\/api\/v1/i.test(path) ? 'native' : 'openai';
  if (h.startsWith('coding')) {
    return { product: 'coding', region: h.startsWith('coding-intl') ? 'intl' : 'cn', api };
  }
  if (h.startsWith('token-plan.')) {
    return { product: 'token', region: /cn-|china/.test(h) ? 'cn' : 'intl', api };
  }
  return { product: 'payg', region: h.startsWith('dashscope-intl') ? 'intl' : h.startsWith('dashscope-us') ? 'us' : 'cn', api };
}

export function findEndpoints(text: string): Endpoint[] {
  if (text.indexOf('aliyuncs.com') < 0) {
    return [];
  }
  const out: Endpoint[] = [];
  URL_PATTERN.lastIndex = 0;
  for (let m = URL_PATTERN.exec(text); m; m = URL_PATTERN.exec(text)) {
    const url = m[0].replace(/[.:]+$/, '');
    out.push({ start: m.index, end: m.index + url.length, url, ...classify(m[1] ?? '', m[2] ?? '') });
  }
  return out;
}

/** The base URL a key of the other kind should use instead, for the same region and API style. */
export function matchingEndpoint(endpoint: Endpoint, keyKind: KeyMatch['fingerprint']['kind']): string | undefined {
  const scheme = 'https://';
  if (keyKind === 'sk-sp-') {
    // A plan key: the Coding Plan's endpoint (Token Plan keys are issued with their own base URL, which the
    // console shows; the Coding Plan's is the one a coding agent is documented with).
    if (endpoint.product !== 'payg') return undefined;
    const host = endpoint.region === 'cn' ? 'coding.dashscope.aliyuncs.com' : 'coding-intl.dashscope.aliyuncs.com';
    return endpoint.api === 'anthropic' ? `${scheme}${host}/apps/anthropic` : `${scheme}${host}/v1`;
  }
  if (endpoint.product === 'payg') return undefined;
  const host = endpoint.region === 'cn' ? 'dashscope.aliyuncs.com' : 'dashscope-intl.aliyuncs.com';
  return endpoint.api === 'anthropic' ? `${scheme}${host}/apps/anthropic` : `${scheme}${host}/compatible-mode/v1`;
}

function lineOf(offset: number, lineStarts: number[]): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The key that configures this URL: the nearest one, within a few dozen lines (a settings block, a .env). */
function pairedKey(endpoint: Endpoint, keys: readonly KeyMatch[], lineStarts: number[]): KeyMatch | undefined {
  const line = lineOf(endpoint.start, lineStarts);
  let best: KeyMatch | undefined;
  let bestDistance = Infinity;
  for (const key of keys) {
    const distance = Math.abs(lineOf(key.start, lineStarts) - line);
    if (distance <= PAIRING_LINES && distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return best;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

function message(endpoint: Endpoint, key: KeyMatch): string {
  const masked = maskedKey(key.fingerprint);
  if (key.fingerprint.kind === 'sk-sp-') {
    return l10n.t(
      'This base URL is the pay-as-you-go endpoint, but the key configured with it ({0}) is a Coding Plan or Token Plan key: the endpoint refuses it. Use the plan\'s endpoint.',
      masked,
    );
  }
  return endpoint.product === 'coding'
    ? l10n.t('This base URL is the Coding Plan\'s endpoint, but the key configured with it ({0}) is a pay-as-you-go key: the endpoint refuses it. Use a Coding Plan key (sk-sp-…) here, or the pay-as-you-go endpoint.', masked)
    : l10n.t('This base URL is the Token Plan\'s endpoint, but the key configured with it ({0}) is a pay-as-you-go key: the endpoint refuses it. Use a Token Plan key here, or the pay-as-you-go endpoint.', masked);
}

/** Findings for every base URL whose paired key is of the other kind. */
export function endpointFindings(text: string, keys: readonly KeyMatch[], severity: Severity): Finding[] {
  if (keys.length === 0) {
    return [];
  }
  const endpoints = findEndpoints(text);
  if (endpoints.length === 0) {
    return [];
  }
  const lineStarts = lineStartsOf(text);
  const out: Finding[] = [];
  for (const endpoint of endpoints) {
    const key = pairedKey(endpoint, keys, lineStarts);
    if (!key) continue;
    const planKey = key.fingerprint.kind === 'sk-sp-';
    const wrong = planKey ? endpoint.product === 'payg' : endpoint.product !== 'payg';
    if (!wrong) continue;
    const target = matchingEndpoint(endpoint, key.fingerprint.kind);
    const fixes: Fix[] = target
      ? [{ kind: 'useEndpoint', title: l10n.t('Use the matching endpoint ({0})', target), edits: [{ start: endpoint.start, end: endpoint.end, text: target }] }]
      : [];
    out.push({
      rule: 'endpoint_mismatch',
      state: 'hardcoded',
      severity,
      start: endpoint.start,
      end: endpoint.end,
      message: message(endpoint, key),
      valueText: endpoint.url,
      key: key.fingerprint,
      fixes,
    });
  }
  return out;
}
