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
  | { type: 'token_refresh_waiting'; waitMs: number }
  | { type: 'create_recovered'; product: ZohoProduct; what: string; attempt: number }
  | { type: 'create_retried'; product: ZohoProduct; what: string; attempt: number; reason: ZohoErrorKind };

export type ZohoEventType = ZohoEvent['type'];
export type OnZohoEvent = (event: ZohoEvent) => void;
