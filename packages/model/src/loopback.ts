/**
 * Whether a URL stays on this machine: its host is `localhost`, an IPv4 address in 127.0.0.0/8, or `::1` (also as
 * an IPv4-mapped address). Hosts are compared as the WHATWG URL parser canonicalises them (`127.1` and
 * `2130706433` are `127.0.0.1`), never resolved: a name that resolves to a loopback address today may not tomorrow.
 */

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(.+)$/.exec(host)?.[1];
  if (mapped === undefined) return false;
  if (/^127\./.test(mapped)) return true;
  // The parser writes a mapped address in hex: ::ffff:7f00:1 is 127.0.0.1.
  return /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped);
}

/** `isLoopbackHost` of a URL text; false when it does not parse. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The host of `url` when it is `http://` to another machine (secrets and data would cross a network unencrypted);
 * undefined for https, loopback, or text that is not a URL (other checks name those).
 */
export function insecureHost(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' || isLoopbackHost(parsed.hostname)) return undefined;
  return parsed.host;
}
