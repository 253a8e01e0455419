import type { AxiosInstance } from 'axios';
import type { Clock } from '../budget/clock.js';
import type { ZohoConfig } from '../config/load-config.js';
import { toZohoError } from '../errors/to-zoho-error.js';
import { ZohoRateLimitedError, ZohoUnavailableError } from '../errors/zoho-error.js';
import type { OnZohoEvent } from '../events.js';
import { isRecord, numberField, stringField } from '../parse.js';

export interface TokenLimits {
  /** Zoho allows 10 access tokens per refresh token per 10 minutes (OAuth "access token expiry" page). */
  maxRefreshes: number;
  windowMs: number;
  /** Refresh this long before `expires_in` runs out, so a call never leaves with a dying token. */
  expirySkewMs: number;
  /** Wait at most this long for a refresh slot in the window; beyond that, fail with a rate-limited error. */
  maxWaitMs: number;
}

export const DEFAULT_TOKEN_LIMITS: TokenLimits = {
  maxRefreshes: 10,
  windowMs: 10 * 60_000,
  expirySkewMs: 60_000,
  maxWaitMs: 30_000,
};

interface HeldToken {
  value: string;
  /** When to stop using it: `expirySkewMs` before expiry, or half-way for tokens shorter than twice that. */
  refreshAt: number;
}

/**
 * Holds the access token in memory (never on disk), refreshes it on demand and after a 401, with one refresh
 * in flight however many calls wait for it, and at most `maxRefreshes` refreshes per window.
 */
export class TokenManager {
  private token: HeldToken | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly refreshedAt: number[] = [];
  private requests = 0;

  constructor(
    private readonly http: AxiosInstance,
    private readonly config: ZohoConfig,
    private readonly clock: Clock,
    private readonly onEvent: OnZohoEvent,
    private readonly limits: TokenLimits = DEFAULT_TOKEN_LIMITS,
  ) {}

  /** A token good for at least `expirySkewMs`; refreshes when there is none. */
  async get(): Promise<string> {
    const held = this.token;
    if (held !== undefined && held.refreshAt > this.clock.now()) return held.value;
    return this.refresh();
  }

  /**
   * Called after Zoho refused `rejected` with 401. If a newer token exists already, returns it; otherwise
   * refreshes (joining a refresh in flight).
   */
  async afterRejection(rejected: string): Promise<string> {
    if (this.token !== undefined && this.token.value !== rejected) return this.token.value;
    this.token = undefined;
    return this.refresh();
  }

  /** Number of token requests sent so far in this run. */
  get refreshCount(): number {
    return this.requests;
  }

  private refresh(): Promise<string> {
    if (this.inFlight === undefined) {
      this.inFlight = this.requestToken().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async requestToken(): Promise<string> {
    await this.waitForWindow();
    const started = this.clock.now();
    this.refreshedAt.push(started);
    this.requests += 1;
    const form = new URLSearchParams({
      refresh_token: this.config.refreshToken,
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      grant_type: 'refresh_token',
    });
    let status: number | undefined;
    try {
      const response = await this.http.request<unknown>({
        method: 'POST',
        url: `${this.config.accountsUrl}/oauth/v2/token`,
        data: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      status = response.status;
      const body = response.data;
      // Zoho answers bad credentials with HTTP 200 and `{error}`.
      const accessToken = isRecord(body) ? stringField(body, 'access_token') : undefined;
      if (!isRecord(body) || accessToken === undefined) {
        throw toZohoError(
          { status: response.status === 200 ? 400 : response.status, data: body, headers: {} },
          'accounts',
          'POST /oauth/v2/token',
        );
      }
      const expiresIn = numberField(body, 'expires_in') ?? 3600;
      const lifetimeMs = expiresIn * 1000;
      const skew = Math.min(this.limits.expirySkewMs, lifetimeMs / 2);
      this.token = { value: accessToken, refreshAt: this.clock.now() + lifetimeMs - skew };
      this.onEvent({ type: 'token_refreshed', expiresInSeconds: expiresIn, refreshesInWindow: this.inWindow() });
      return accessToken;
    } catch (error) {
      const zohoError = toZohoError(error, 'accounts', 'POST /oauth/v2/token');
      if (zohoError instanceof ZohoUnavailableError && zohoError.delivery === 'not_sent') {
        // Nothing reached Zoho, so this attempt does not count against the window.
        this.refreshedAt.pop();
        this.requests -= 1;
      }
      throw zohoError;
    } finally {
      this.onEvent({
        type: 'request',
        product: 'accounts',
        method: 'POST',
        path: '/oauth/v2/token',
        status,
        durationMs: this.clock.now() - started,
        attempt: 1,
      });
    }
  }

  private inWindow(): number {
    const since = this.clock.now() - this.limits.windowMs;
    while (this.refreshedAt.length > 0 && (this.refreshedAt[0] ?? 0) <= since) this.refreshedAt.shift();
    return this.refreshedAt.length;
  }

  private async waitForWindow(): Promise<void> {
    while (this.inWindow() >= this.limits.maxRefreshes) {
      const oldest = this.refreshedAt[0] ?? this.clock.now();
      const wait = oldest + this.limits.windowMs - this.clock.now() + 1;
      if (wait > this.limits.maxWaitMs) {
        throw new ZohoRateLimitedError({
          product: 'accounts',
          status: undefined,
          zohoCode: 'TOKEN_REFRESH_LIMIT',
          details: [],
          source: 'internal',
          retryable: true,
          delivery: 'not_sent',
          request: 'POST /oauth/v2/token',
          message: `zlc already refreshed the access token ${this.limits.maxRefreshes} times in ${Math.round(this.limits.windowMs / 60_000)} minutes, Zoho's limit; try again in ${Math.ceil(wait / 1000)} s.`,
          retryAfterMs: wait,
        });
      }
      this.onEvent({ type: 'token_refresh_waiting', waitMs: wait });
      await this.clock.sleep(wait);
    }
  }
}
