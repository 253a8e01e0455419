/**
 * Whether a URL stays on this machine: host `localhost`, an IPv4 address in 127.0.0.0/8, or `::1` (also
 * IPv4-mapped), as the WHATWG URL parser writes hosts (`127.1` is `127.0.0.1`). Names are not resolved: a name that
 * points at a loopback address today may not tomorrow. The sandbox's own copy: it shares no code with zlc.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1') return true;
  if (/^127(\.\d{1,3}){3}$/.test(host)) return true;
  const mapped = /^::ffff:(.+)$/.exec(host)?.[1];
  return mapped !== undefined && (/^127\./.test(mapped) || /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped));
}

/** `isLoopbackHost` of a URL's host; false for text that is not a URL. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
