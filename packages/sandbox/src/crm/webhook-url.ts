/**
 * A webhook's `url` (webhooks.yaml `WebhookCreateInput.url`): it "must begin with http://, https://, www., or a
 * merge-field token (${...}). URLs resolving to internal or private host addresses are rejected by SSRF
 * protection." Length: the input schema allows 2000 characters, the response schema 255; the stricter (255) holds.
 * Loopback hosts stay allowed (sandbox choice): a test's receiver listens there.
 */
import { invalid, missing, tooLong, wrongType } from './automation-errors.js';
import type { CrmError } from './errors.js';

export const MAX_URL = 255;

const PRIVATE_V4 = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2[0-9]|3[01])\./, /^169\.254\./, /^0\./];

function privateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (PRIVATE_V4.some((r) => r.test(host))) return true;
  return /^(fc|fd)[0-9a-f]{2}:/.test(host) || host.startsWith('fe80:') || host.endsWith('.internal');
}

/** The URL as given, or the documented error for it. */
export function webhookUrl(raw: unknown, path: string): string | CrmError {
  if (raw === undefined || raw === null) return missing('url', path);
  if (typeof raw !== 'string') return wrongType('url', path, 'website');
  if (raw.trim() === '') return invalid('url', path, 'Empty value is not allowed');
  if (raw.length > MAX_URL) return tooLong('url', path, MAX_URL);
  if (raw.startsWith('${')) return raw;
  const absolute = raw.startsWith('www.') ? `http://${raw}` : raw;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return invalid('url', path, 'please enter a valid URL');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^(https?:\/\/|www\.)/i.test(raw))
    return invalid('url', path, 'please enter a valid URL');
  if (privateHost(url.hostname)) return invalid('url', path, "Url you've configured is not secure");
  return raw;
}
