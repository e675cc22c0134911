// Log and error text must never carry a secret. Everything the extension logs passes through here, and
// error messages that quote what a server sent back are redacted when made.
// Every pattern is linear: one quantifier per run of characters, none nested, quoted values capped.

/** The masked forms this file writes itself, left as they are when a field holds one. */
const MASKED_SHAPE = /^(?:sk-(?:sp-)?|LTAI)?\*{4}[A-Za-z0-9]{0,4}$/;

/** A field whose name contains one of these holds a secret (`access_token`, `AccessKeySecret`, `x-api-key`…). */
const SECRET_NAME = String.raw`(?:token|secret|password|passwd|code_verifier|device_?code|api[_-]?key|access_?key_?id)`;

/**
 * `name` + its closing quote (plain, escaped inside a JSON string, or URL-encoded) + `:` or `=` (or their
 * URL encodings), then the value: inside double quotes (escaped or not) or single quotes up to the closing
 * quote, spaces included; otherwise up to the next separator. URL-encoded quotes, ampersands and commas
 * end an unquoted value too.
 */
const SECRET_FIELD = new RegExp(
  String.raw`(${SECRET_NAME}(?:\\?["']|%2[27])?\s*(?:[:=]|%3[AD])\s*)` +
    String.raw`(?:\\"((?:[^"\\\r\n]|\\[^"\r\n]){1,512})` +
    String.raw`|"((?:[^"\\\r\n]|\\.){1,512})` +
    String.raw`|'([^'\r\n]{1,512})` +
    String.raw`|(%2[27])?((?:(?!%2[267C])[^"'&\s,;()<>\]}\\]){4,}))`,
  'gi',
);

function maskValue(value: string): string {
  return MASKED_SHAPE.test(value) ? value : '****';
}

const PATTERNS: readonly [RegExp, (match: string, ...groups: (string | undefined)[]) => string][] = [
  // DashScope keys: keep the prefix and the last four characters, as the console does. At a word start
  // any `sk-` + 8 letters or digits; glued to a word or an escape (`key_sk-…`, `%22sk-…`, `x%3Dsk-sp-…`)
  // only the real shapes, so words such as `risk-assessment` stay as they are.
  [
    /\bsk-(?:sp-)?[A-Za-z0-9]{8,}|sk-(?:sp-[A-Za-z0-9]{16,}|[0-9a-fA-F]{16,})/g,
    (m) => `${m.startsWith('sk-sp-') ? 'sk-sp-' : 'sk-'}****${m.slice(-4)}`,
  ],
  // AccessKey IDs, wherever they stand.
  [/LTAI[A-Za-z0-9]{12,}/g, (m) => `LTAI****${m.slice(-4)}`],
  // Authorization header values: bearer tokens, basic credentials (only in the header: "Basic" is also a
  // word), and the ACS3 signature's credential (`Credential=<AccessKey ID>[/<scope>]`) and signature.
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi, (_m, scheme = '') => `${scheme}****`],
  [/\b((?:Proxy-)?Authorization["']?\s*[:=]\s*["']?Basic\s+)[A-Za-z0-9+/=]{4,}/gi, (_m, header = '') => `${header}****`],
  [/(Credential=)[^\s,&"']+/gi, (_m, name = '') => `${name}****`],
  [/(Signature=)[0-9a-f]{8,}/gi, (_m, name = '') => `${name}****`],
  // A password in a URL (`http://user:pass@proxy`): the user name stays, the password goes.
  [/(:\/\/[^\s:@/?#]*:)[^\s@/?#]+@/g, (_m, userPart = '') => `${userPart}****@`],
  // JSON, query or header fields that name a secret.
  [
    SECRET_FIELD,
    (_m, lead = '', escapedQuoted, quoted, singleQuoted, encodedQuote, bare) =>
      escapedQuoted !== undefined
        ? `${lead}\\"${maskValue(escapedQuoted)}`
        : quoted !== undefined
          ? `${lead}"${maskValue(quoted)}`
          : singleQuoted !== undefined
            ? `${lead}'${maskValue(singleQuoted)}`
            : `${lead}${encodedQuote ?? ''}${maskValue(bare ?? '')}`,
  ],
];

/** `text` with every secret-shaped value masked. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, mask] of PATTERNS) {
    out = out.replace(pattern, mask);
  }
  return out;
}

/** Masks the given secret values wherever they appear, whatever their shape, then the known shapes. */
export function redactKnown(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join('****');
    }
  }
  return redact(out);
}
