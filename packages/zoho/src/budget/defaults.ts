import type { ZohoProduct } from '../errors/zoho-error.js';

/** Zoho editions whose API limits differ. */
export type CrmEdition = 'free' | 'standard' | 'professional' | 'enterprise' | 'ultimate';
/** Books plans as Zoho names them; `paid` is a paid plan zlc was not told the name of. */
export type BooksPlan = 'free' | 'standard' | 'professional' | 'premium' | 'elite' | 'ultimate' | 'paid';
export type DeskEdition = 'free' | 'express' | 'standard' | 'professional' | 'enterprise';

/** The rate budget of one product for one org. */
export interface ProductBudget {
  /** Calls in flight at once. */
  concurrency: number;
  /** Sustained request rate; `undefined` means Zoho documents none (CRM, Desk count daily credits instead). */
  ratePerMinute: number | undefined;
  /** Calls allowed back to back before the rate applies. */
  burst: number;
  /**
   * Heavy calls (CRM COQL and search) in flight at once, within `concurrency`; `undefined`: no sub-limit. CRM
   * allows 10 of them, whatever the edition's cap.
   */
  heavyConcurrency?: number;
  /**
   * Calls allowed per rolling 24 hours; `undefined` or `Infinity`: no daily cap kept by zlc (CRM and Desk watch
   * their credits instead).
   */
  perDay?: number;
}

/**
 * CRM: concurrency per org per app by edition — Free 5, Standard 10, Professional 15, Enterprise 20,
 * Ultimate 25 (CRM v8 "API limits" page, via ../shared/reference/zoho-api.md §4). No per-minute rate; credits per 24 h.
 */
export const CRM_CONCURRENCY: Readonly<Record<CrmEdition, number>> = {
  free: 5,
  standard: 10,
  professional: 15,
  enterprise: 20,
  ultimate: 25,
};

/** CRM's sub-limit on heavy calls (COQL, search…) in flight at once (CRM v8 "API limits", via the reference §4). */
export const CRM_HEAVY_CONCURRENCY = 10;

/**
 * Books: 100 requests per minute per organization; Free 5 / paid 10 concurrent calls (Books API introduction,
 * "API call limit", via the reference §2). The bucket (`booksRateBudget`) is 20 deep and refills at 80/min, so no
 * 60-second window sees more than 100 calls however the calls are timed.
 */
export const BOOKS_CONCURRENCY: Readonly<Record<BooksPlan, number>> = {
  free: 5,
  standard: 10,
  professional: 10,
  premium: 10,
  elite: 10,
  ultimate: 10,
  paid: 10,
};
export const BOOKS_REQUESTS_PER_MINUTE = 100;

/**
 * Books calls a day per organization by plan — Free 1,000, Standard 2,000, Professional 5,000, Premium, Elite and
 * Ultimate 10,000 (Zoho Books KB "What is the per day API calls limit?",
 * https://www.zoho.com/ke/books/kb/automation/per-day-api-limit.md); Zoho support can raise it
 * (https://www.zoho.com/en-fr/books/kb/automation/increase-daily-limit-api.md). An unnamed paid plan gets the most
 * any plan allows, so that zlc never stops an org Zoho would still serve; name the plan to be held to its own cap.
 */
export const BOOKS_REQUESTS_PER_DAY: Readonly<Record<BooksPlan, number>> = {
  free: 1_000,
  standard: 2_000,
  professional: 5_000,
  premium: 10_000,
  elite: 10_000,
  ultimate: 10_000,
  paid: 10_000,
};

/**
 * A Books budget for an org allowed `perMinute` calls a minute: a bucket of a fifth of it, refilled at the rest, so
 * that no 60-second window sees more than `perMinute` calls (Zoho's 100 → 20 deep, 80 a minute).
 */
export function booksRateBudget(perMinute: number): Pick<ProductBudget, 'ratePerMinute' | 'burst'> {
  const burst = Math.max(1, Math.floor(perMinute / 5));
  return { ratePerMinute: perMinute - burst, burst };
}

/**
 * Desk: concurrency per portal by edition — Free 5, Express 10, Standard 10, Professional 15, Enterprise 25 (Desk API
 * doc "Concurrency Limits", via the reference §3). Credits are daily; `X-Rate-Limit-Remaining-v3` is watched instead.
 */
export const DESK_CONCURRENCY: Readonly<Record<DeskEdition, number>> = {
  free: 5,
  express: 10,
  standard: 10,
  professional: 15,
  enterprise: 25,
};

/** Below this many remaining Desk credits, the Desk bucket slows to a trickle. */
export const DESK_LOW_CREDITS = 500;

export interface Editions {
  crm: CrmEdition;
  books: BooksPlan;
  desk: DeskEdition;
}

/** Enterprise-grade defaults; override per run when the org is on a smaller edition. */
export const DEFAULT_EDITIONS: Editions = { crm: 'enterprise', books: 'paid', desk: 'enterprise' };

export function defaultBudget(product: ZohoProduct, editions: Editions = DEFAULT_EDITIONS): ProductBudget {
  switch (product) {
    case 'crm': {
      const concurrency = CRM_CONCURRENCY[editions.crm];
      return {
        concurrency,
        ratePerMinute: undefined,
        burst: 1,
        heavyConcurrency: Math.min(CRM_HEAVY_CONCURRENCY, concurrency),
      };
    }
    case 'books':
      return {
        concurrency: BOOKS_CONCURRENCY[editions.books],
        ...booksRateBudget(BOOKS_REQUESTS_PER_MINUTE),
        perDay: BOOKS_REQUESTS_PER_DAY[editions.books],
      };
    case 'desk':
      return { concurrency: DESK_CONCURRENCY[editions.desk], ratePerMinute: undefined, burst: 1 };
  }
}
