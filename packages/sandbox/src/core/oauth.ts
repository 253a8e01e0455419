/**
 * The Zoho accounts server, as far as zlc needs it: `POST /oauth/v2/token` (grant_type=refresh_token),
 * `POST /oauth/v2/token/revoke`, and the check of `Authorization: Zoho-oauthtoken …` on API calls.
 * Clients, refresh tokens and access tokens live in the store, so a served sandbox keeps them across restarts.
 * Facts and sources: packages/sandbox/SPEC.md, "OAuth accounts server".
 */
import { randomBytes } from 'node:crypto';
import type { Clock, SandboxResponse, Store } from './types.js';

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

const TOO_MANY_REQUESTS = {
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
  let lifetimeSeconds = options.tokenLifetimeSeconds;
  const clients = store.collection<{ clientId: string; clientSecret: string }>(CLIENTS);
  const refreshTokens = store.collection<RefreshTokenDoc>(REFRESH);
  const accessTokens = store.collection<AccessTokenDoc>(ACCESS);
  const meta = store.collection<unknown>(META);

  /** Expired tokens are kept a day, so that a late call still hears "expired" rather than "invalid". */
  function purgeExpired(now: number): void {
    for (const doc of [...accessTokens.values()]) {
      if (doc.expiresAt <= now - EXPIRED_KEPT_MS) accessTokens.delete(doc.token);
    }
  }

  return {
    ensureCredentials() {
      const stored = meta.get('credentials') as Credentials | undefined;
      if (stored !== undefined) return stored;
      const credentials: Credentials = {
        clientId: `1000.${hex(15).toUpperCase()}`,
        clientSecret: hex(21),
        refreshToken: `1000.${hex(16)}.${hex(16)}`,
      };
      store.transaction(() => {
        clients.put(credentials.clientId, { clientId: credentials.clientId, clientSecret: credentials.clientSecret });
        refreshTokens.put(credentials.refreshToken, {
          token: credentials.refreshToken,
          clientId: credentials.clientId,
          issued: [],
        });
        meta.put('credentials', credentials);
      });
      return credentials;
    },

    token(params) {
      const grantType = params.get('grant_type');
      const clientId = params.get('client_id');
      const client = clientId === null ? undefined : clients.get(clientId);
      if (client === undefined) return ok({ error: 'invalid_client' });
      if (params.get('client_secret') !== client.clientSecret) return ok({ error: 'invalid_client_secret' });
      if (grantType !== 'refresh_token') return ok({ error: 'unsupported_grant_type' });
      const refreshToken = params.get('refresh_token');
      const doc = refreshToken === null ? undefined : refreshTokens.get(refreshToken);
      if (doc === undefined || doc.clientId !== client.clientId) return ok({ error: 'invalid_code' });
      const now = clock.now();
      const recent = doc.issued.filter((t) => t > now - TOKEN_WINDOW_MS);
      if (recent.length >= (options.tokensPerWindow ?? TOKENS_PER_WINDOW))
        return { status: 400, body: TOO_MANY_REQUESTS };
      const token = `1000.${hex(16)}.${hex(16)}`;
      store.transaction(() => {
        purgeExpired(now);
        const active = [...accessTokens.values()].filter((a) => a.refreshToken === doc.token && a.expiresAt > now);
        for (const old of active.slice(0, Math.max(0, active.length - MAX_ACTIVE_ACCESS_TOKENS + 1))) {
          accessTokens.delete(old.token);
        }
        accessTokens.put(token, { token, refreshToken: doc.token, expiresAt: now + lifetimeSeconds * 1000 });
        refreshTokens.put(doc.token, { ...doc, issued: [...recent, now] });
      });
      return ok({
        access_token: token,
        api_domain: options.apiDomain(),
        token_type: 'Bearer',
        expires_in: lifetimeSeconds,
      });
    },

    /** Zoho's revoke page: `{"status":"success"}`, or 400 when "the token passed in the request is invalid". */
    revoke(params) {
      const token = params.get('token');
      if (token !== null && refreshTokens.has(token)) {
        store.transaction(() => {
          refreshTokens.delete(token);
          for (const a of [...accessTokens.values()]) if (a.refreshToken === token) accessTokens.delete(a.token);
        });
      } else if (token !== null && accessTokens.has(token)) {
        accessTokens.delete(token);
      } else {
        return { status: 400, body: { error: 'invalid_request' } };
      }
      return ok({ status: 'success' });
    },

    check(authorization) {
      if (authorization === undefined || authorization.trim() === '') return { ok: false, reason: 'missing' };
      const match = /^Zoho-oauthtoken\s+(\S+)\s*$/.exec(authorization);
      if (match === null) return { ok: false, reason: 'invalid' };
      const doc = accessTokens.get(match[1] as string);
      if (doc === undefined) return { ok: false, reason: 'invalid' };
      if (doc.expiresAt <= clock.now()) return { ok: false, reason: 'expired' };
      return { ok: true };
    },

    setTokenLifetime(seconds) {
      lifetimeSeconds = seconds;
    },
  };
}
