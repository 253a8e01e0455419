/**
 * Calls to a running sandbox the way a Zoho client makes them: an access token from its token endpoint (reused
 * while valid, as Zoho throttles new ones), and API calls with that token. Typed by the parts of a sandbox they
 * use, so the test kit needs no import of the sandbox itself.
 */

/** What these helpers read of a running sandbox (`startSandbox()` returns more). */
export interface SandboxHandle {
  url: string;
  urls: { accounts: string };
  credentials: { clientId: string; clientSecret: string; refreshToken: string };
  clock: { now(): number };
}

const cached = new WeakMap<SandboxHandle, { token: string; expiresAt: number }>();

/**
 * An access token for the sandbox, reused while it is valid on the sandbox clock (Zoho allows only 10 tokens
 * per refresh token in 10 minutes, and the sandbox enforces that too).
 */
export async function accessToken(sandbox: SandboxHandle): Promise<string> {
  const hit = cached.get(sandbox);
  if (hit !== undefined && hit.expiresAt > sandbox.clock.now() + 1000) return hit.token;
  const { token, expiresIn } = await freshAccessToken(sandbox);
  cached.set(sandbox, { token, expiresAt: sandbox.clock.now() + expiresIn * 1000 });
  return token;
}

/** A new access token from the token endpoint, the way a Zoho client gets one (counts against the throttle). */
export async function freshAccessToken(sandbox: SandboxHandle): Promise<{ token: string; expiresIn: number }> {
  const params = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: sandbox.credentials.clientId,
    client_secret: sandbox.credentials.clientSecret,
    refresh_token: sandbox.credentials.refreshToken,
  });
  const response = await fetch(`${sandbox.urls.accounts}/oauth/v2/token?${params}`, { method: 'POST' });
  const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== 'string') throw new Error(`no access token: ${JSON.stringify(body)}`);
  return { token: body.access_token, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

/** Calls the sandbox with `Authorization: Zoho-oauthtoken <token>` (and a JSON body when given). */
export async function callApi(
  sandbox: Pick<SandboxHandle, 'url'>,
  token: string | undefined,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (token !== undefined) (init.headers as Record<string, string>).authorization = `Zoho-oauthtoken ${token}`;
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${sandbox.url}${pathAndQuery}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** What `callAdmin` reads of a running sandbox. */
export interface AdminHandle {
  url: string;
  /** The run's key to the `/__sandbox/` knobs (`startSandbox()` gives it; `sandbox.env` has it as ZLC_SANDBOX_ADMIN_KEY). */
  adminKey: string;
}

/** Turns a `/__sandbox/` knob over HTTP, with the run's admin key in `X-Zlc-Sandbox-Key` (and a JSON body when given). */
export function callAdmin(
  sandbox: AdminHandle,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  return callApi(sandbox, undefined, method, pathAndQuery, body, { 'x-zlc-sandbox-key': sandbox.adminKey, ...headers });
}
