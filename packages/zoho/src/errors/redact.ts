/**
 * For callers that keep request details (debug logs in the CLI): query parameters and headers whose values must
 * never be kept. The clients themselves only ever keep `METHOD /path`.
 */
const SECRET_PARAMS = ['refresh_token', 'client_secret', 'client_id', 'access_token', 'code', 'token'];
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'x-zdesk-jwt']);

/** A URL or path with secret query values replaced by `***`. Returns only the path and query (no origin). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://placeholder.invalid');
  } catch {
    return '[unparseable url]';
  }
  for (const name of SECRET_PARAMS) {
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
  }
  const query = parsed.searchParams.toString();
  return query === '' ? parsed.pathname : `${parsed.pathname}?${query}`;
}

/** A copy of headers with secret values replaced by `***`. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '***' : value;
  }
  return out;
}

/** A database URL (PostgreSQL's) without its password, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'a PostgreSQL URL that does not parse';
  }
}
