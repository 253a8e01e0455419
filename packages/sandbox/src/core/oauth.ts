/**
 * The Zoho accounts server, as far as zlc needs it: `POST /oauth/v2/token` (grant_type=refresh_token),
 * `POST /oauth/v2/token/revoke`, and the check of `Authorization: Zoho-oauthtoken …` on API calls.
 * Clients, refresh tokens and access tokens live in the store, so a served sandbox keeps them across restarts.
 * Facts and sources: packages/sandbox/SPEC.md, "OAuth accounts server".
 */
import { randomBytes } from 'node:crypto';
import type { Clock, Collection, SandboxResponse, Store } from './types.js';

export interface Credentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

interface RefreshTokenDoc {
  token: string;
  clientId: string;
  /** When each access token was issued from it (for the 10-per-10-minutes throttle), oldest first. */
  issued: number[];
}

interface AccessTokenDoc {
  token: string;
  refreshToken: string;
  expiresAt: number;
}

export type AuthCheck = { ok: true } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface OAuthOptions {
  /** Access-token lifetime in seconds (Zoho: 3600). */
  tokenLifetimeSeconds: number;
  /** Access tokens one refresh token may get per 10 minutes (Zoho: 10). */
  tokensPerWindow?: number;
  /** What the token answer gives as `api_domain` (the sandbox URL). */
  apiDomain: () => string;
}

export interface OAuthServer {
  /** Creates the client and refresh token of a new org, or returns the stored ones. */
  ensureCredentials(): Credentials;
  token(params: URLSearchParams): SandboxResponse;
  revoke(params: URLSearchParams): SandboxResponse;
  check(authorization: string | undefined): AuthCheck;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
}

const CLIENTS = 'oauth:clients';
const REFRESH = 'oauth:refresh_tokens';
const ACCESS = 'oauth:access_tokens';
const META = 'sandbox:meta';

/** At most 10 access tokens per refresh token in 10 minutes (Zoho token-validity page). */
export const TOKENS_PER_WINDOW = 10;
export const TOKEN_WINDOW_MS = 10 * 60 * 1000;
/**
 * At most 30 active access tokens per refresh token; the 31st invalidates the oldest (Zoho accounts' refresh-token
 * pages; CRM's own token-validity page says 15: SPEC.md, "OAuth accounts server").
 */
export const MAX_ACTIVE_ACCESS_TOKENS = 30;
const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * The accounts server's answer to a client that asks too often, with HTTP 200 like its other refusals ("The status
 * code for the requests that are made after exceeding the allowed limit remains 200": Zoho's Kaizen #43).
 */
export const TOO_MANY_REQUESTS = {
  error_description: 'You have made too many requests continuously. Please try again after some time.',
  error: 'Access Denied',
  status: 'failure',
};

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function ok(body: unknown): SandboxResponse {
  return { status: 200, body };
}

export function createOAuthServer(store: Store, clock: Clock, options: OAuthOptions): OAuthServer {
  return new AccountsServer(store, clock, options);
}

class AccountsServer implements OAuthServer {
  private lifetimeSeconds: number;
  private readonly clients: Collection<{ clientId: string; clientSecret: string }>;
  private readonly refreshTokens: Collection<RefreshTokenDoc>;
  private readonly accessTokens: Collection<AccessTokenDoc>;
  private readonly meta: Collection<unknown>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: OAuthOptions,
  ) {
    this.lifetimeSeconds = options.tokenLifetimeSeconds;
    this.clients = store.collection(CLIENTS);
    this.refreshTokens = store.collection(REFRESH);
    this.accessTokens = store.collection(ACCESS);
    this.meta = store.collection(META);
  }

  ensureCredentials(): Credentials {
    const stored = this.meta.get('credentials') as Credentials | undefined;
    if (stored !== undefined) return stored;
    const credentials: Credentials = {
      clientId: `1000.${hex(15).toUpperCase()}`,
      clientSecret: hex(21),
      refreshToken: `1000.${hex(16)}.${hex(16)}`,
    };
    this.store.transaction(() => {
      this.clients.put(credentials.clientId, {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      });
      this.refreshTokens.put(credentials.refreshToken, {
        token: credentials.refreshToken,
        clientId: credentials.clientId,
        issued: [],
      });
      this.meta.put('credentials', credentials);
    });
    return credentials;
  }

  token(params: URLSearchParams): SandboxResponse {
    const grantType = params.get('grant_type');
    const clientId = params.get('client_id');
    const client = clientId === null ? undefined : this.clients.get(clientId);
    if (client === undefined) return ok({ error: 'invalid_client' });
    if (params.get('client_secret') !== client.clientSecret) return ok({ error: 'invalid_client_secret' });
    if (grantType !== 'refresh_token') return ok({ error: 'unsupported_grant_type' });
    const refreshToken = params.get('refresh_token');
    const doc = refreshToken === null ? undefined : this.refreshTokens.get(refreshToken);
    if (doc === undefined || doc.clientId !== client.clientId) return ok({ error: 'invalid_code' });
    const now = this.clock.now();
    const recent = doc.issued.filter((t) => t > now - TOKEN_WINDOW_MS);
    if (recent.length >= (this.options.tokensPerWindow ?? TOKENS_PER_WINDOW)) return ok(TOO_MANY_REQUESTS);
    const token = `1000.${hex(16)}.${hex(16)}`;
    this.store.transaction(() => this.issue(token, { ...doc, issued: [...recent, now] }, now));
    return ok({
      access_token: token,
      api_domain: this.options.apiDomain(),
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
    });
  }

  /** Zoho's revoke page: `{"status":"success"}`, or 400 when "the token passed in the request is invalid". */
  revoke(params: URLSearchParams): SandboxResponse {
    const token = params.get('token');
    if (token !== null && this.refreshTokens.has(token)) {
      this.store.transaction(() => {
        this.refreshTokens.delete(token);
        for (const a of [...this.accessTokens.values()])
          if (a.refreshToken === token) this.accessTokens.delete(a.token);
      });
    } else if (token !== null && this.accessTokens.has(token)) {
      this.accessTokens.delete(token);
    } else {
      return { status: 400, body: { error: 'invalid_request' } };
    }
    return ok({ status: 'success' });
  }

  check(authorization: string | undefined): AuthCheck {
    if (authorization === undefined || authorization.trim() === '') return { ok: false, reason: 'missing' };
    const match = /^Zoho-oauthtoken\s+(\S+)\s*$/.exec(authorization);
    if (match === null) return { ok: false, reason: 'invalid' };
    const doc = this.accessTokens.get(match[1] as string);
    if (doc === undefined) return { ok: false, reason: 'invalid' };
    if (doc.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true };
  }

  setTokenLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  /** Stores access token `token` of `refresh` (its issue times already updated), retiring the oldest over the cap. */
  private issue(token: string, refresh: RefreshTokenDoc, now: number): void {
    this.purgeExpired(now);
    const active = [...this.accessTokens.values()].filter((a) => a.refreshToken === refresh.token && a.expiresAt > now);
    for (const old of active.slice(0, Math.max(0, active.length - MAX_ACTIVE_ACCESS_TOKENS + 1))) {
      this.accessTokens.delete(old.token);
    }
    this.accessTokens.put(token, { token, refreshToken: refresh.token, expiresAt: now + this.lifetimeSeconds * 1000 });
    this.refreshTokens.put(refresh.token, refresh);
  }

  /** Expired tokens are kept a day, so that a late call still hears "expired" rather than "invalid". */
  private purgeExpired(now: number): void {
    for (const doc of [...this.accessTokens.values()]) {
      if (doc.expiresAt <= now - EXPIRED_KEPT_MS) this.accessTokens.delete(doc.token);
    }
  }
}
