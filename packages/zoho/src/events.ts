import type { ZohoEndpoint, ZohoErrorKind, ZohoProduct } from './errors/zoho-error.js';

/**
 * What the Zoho clients report while they work, through the injected `onEvent`. Tagged by `type`;
 * paths carry no query string, and no event ever holds a token, secret or record body.
 */
export type ZohoEvent =
  | {
      type: 'request';
      product: ZohoEndpoint;
      method: string;
      path: string;
      status: number | undefined;
      durationMs: number;
      attempt: number;
    }
  | {
      type: 'retry';
      product: ZohoProduct;
      method: string;
      path: string;
      attempt: number;
      delayMs: number;
      reason: ZohoErrorKind;
      zohoCode: string | undefined;
    }
  | {
      type: 'rate_limited';
      product: ZohoProduct;
      pauseMs: number;
      retryAfterMs: number | undefined;
      /** The concurrency cap after this burst (halved per burst, regrown by successes). */
      concurrency: number;
    }
  | { type: 'rate_slowed'; product: ZohoProduct; remaining: number }
  | { type: 'token_refreshed'; expiresInSeconds: number; refreshesInWindow: number }
  /** A token another run (or process) got, taken from the shared token cache. */
  | { type: 'token_reused'; expiresInSeconds: number }
  /** No token request may go out yet: waiting `waitMs` (at most `deadlineMs` more in all) before asking again. */
  | { type: 'token_refresh_waiting'; reason: TokenWaitReason; waitMs: number; deadlineMs: number }
  /** The shared token cache cannot be used; this run keeps its own token. `location` is a path, never a secret. */
  | { type: 'token_cache_unavailable'; location: string; reason: string }
  | { type: 'create_recovered'; product: ZohoProduct; what: string; attempt: number }
  | { type: 'create_retried'; product: ZohoProduct; what: string; attempt: number; reason: ZohoErrorKind };

/**
 * Why a token request waits: `window` (this grant already had Zoho's 10 tokens in 10 minutes), `throttled` (Zoho
 * answered "too many requests"), `backoff` (the last request failed on Zoho's side or on the way).
 */
export type TokenWaitReason = 'window' | 'throttled' | 'backoff';

export type ZohoEventType = ZohoEvent['type'];
export type OnZohoEvent = (event: ZohoEvent) => void;
