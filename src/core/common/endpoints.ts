// Where a token or signed request may be sent: https only, except to the local machine (the simulator).

export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: 'invalid' | 'insecure' };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

export function checkEndpoint(value: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol === 'https:') {
    return { ok: true, url };
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return { ok: true, url };
  }
  return { ok: false, reason: url.protocol === 'http:' ? 'insecure' : 'invalid' };
}

/** A page to open in the browser: https only. */
export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
