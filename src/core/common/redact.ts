// Log and error text must never carry a secret. Everything the extension logs passes through here.

const PATTERNS: readonly [RegExp, string | ((match: string) => string)][] = [
  // DashScope keys: keep the prefix and the last four characters, as the console does.
  [/\bsk-(?:sp-)?[A-Za-z0-9]{8,}/g, (m) => `${m.startsWith('sk-sp-') ? 'sk-sp-' : 'sk-'}****${m.slice(-4)}`],
  // Authorization header values.
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi, '$1****'],
  [/(Signature=)[0-9a-f]{8,}/gi, '$1****'],
  // JSON, query or header fields that name a secret.
  [
    /("?(?:access_?token|refresh_?token|access_?key_?secret|secret|password|token|code_verifier|x-acs-security-token)"?\s*[:=]\s*"?)[^"&\s,}]{4,}/gi,
    '$1****',
  ],
];

/** `text` with every secret-shaped value masked. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, mask] of PATTERNS) {
    out = typeof mask === 'string' ? out.replace(pattern, mask) : out.replace(pattern, mask);
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
