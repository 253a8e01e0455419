/**
 * Zoho's API limits per product: concurrent calls, calls per rolling minute (Books) and credits per rolling
 * 24 hours (CRM, Desk; Books' daily call quota). Defaults per edition come from the reference (SPEC.md, "Limits").
 * The windows run on the sandbox clock, so tests can move past them.
 */
import type { Clock, Product } from './types.js';

export interface ProductLimits {
  /** Calls in flight at once; the next one is answered 429 (`concurrency`). `Infinity` turns it off. */
  concurrency: number;
  /** Calls per rolling minute (Books: 100 per organization). `Infinity` turns it off. */
  perMinute: number;
  /** Credits per rolling 24 hours (Books: calls per day). `Infinity` turns it off. */
  dailyCredits: number;
}

export type Edition = 'free' | 'standard' | 'professional' | 'enterprise' | 'ultimate';

export const EDITIONS: readonly Edition[] = ['free', 'standard', 'professional', 'enterprise', 'ultimate'];

/** Users assumed when credits grow per user license. */
export const DEFAULT_USERS = 10;

export const UNLIMITED: ProductLimits = { concurrency: Infinity, perMinute: Infinity, dailyCredits: Infinity };

export function editionLimits(product: Product, edition: Edition, users = DEFAULT_USERS): ProductLimits {
  switch (product) {
    case 'crm': {
      const concurrency = { free: 5, standard: 10, professional: 15, enterprise: 20, ultimate: 25 }[edition];
      const credits = {
        free: 5_000,
        standard: Math.min(100_000, 50_000 + 250 * users),
        professional: Math.min(3_000_000, 50_000 + 500 * users),
        enterprise: Math.min(5_000_000, 50_000 + 1_000 * users),
        ultimate: 50_000 + 2_000 * users,
      }[edition];
      return { concurrency, perMinute: Infinity, dailyCredits: credits };
    }
    case 'books':
      return {
        concurrency: edition === 'free' ? 5 : 10,
        perMinute: 100,
        dailyCredits: edition === 'free' ? 1_000 : 10_000,
      };
    case 'desk': {
      // Desk has no Ultimate edition; it maps to Enterprise.
      const concurrency = { free: 5, standard: 10, professional: 15, enterprise: 25, ultimate: 25 }[edition];
      const credits = {
        free: 5_000,
        standard: 50_000 + 250 * users,
        professional: 75_000 + 500 * users,
        enterprise: 100_000 + 1_000 * users,
        ultimate: 100_000 + 1_000 * users,
      }[edition];
      return { concurrency, perMinute: Infinity, dailyCredits: credits };
    }
  }
}

export type LimitDecision =
  | { ok: true; remainingCredits: number }
  | { ok: false; kind: 'concurrency' | 'rate' | 'credits'; retryAfterSeconds: number | undefined };

export interface LimitTracker {
  get(product: Product): ProductLimits;
  set(product: Product, limits: Partial<ProductLimits>): void;
  /**
   * Admits one call of `cost` credits, given how many calls of the product are in flight counting this one.
   * An admitted call is charged at once; a refused one costs nothing.
   */
  admit(product: Product, cost: number, inFlight: number): LimitDecision;
  /** Forgets the windows (reset). */
  clearUsage(): void;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Usage {
  /** Timestamps of admitted calls in the last minute, oldest first. */
  calls: number[];
  /** [timestamp, cost] of admitted calls in the last 24 h, oldest first. */
  credits: Array<[number, number]>;
  creditSum: number;
}

export function createLimitTracker(clock: Clock, initial: Record<Product, ProductLimits>): LimitTracker {
  const limits: Record<Product, ProductLimits> = {
    crm: { ...initial.crm },
    books: { ...initial.books },
    desk: { ...initial.desk },
  };
  const usage = new Map<Product, Usage>();

  function usageOf(product: Product): Usage {
    let u = usage.get(product);
    if (u === undefined) {
      u = { calls: [], credits: [], creditSum: 0 };
      usage.set(product, u);
    }
    return u;
  }

  function prune(u: Usage, now: number): void {
    while (u.calls.length > 0 && (u.calls[0] as number) <= now - MINUTE) u.calls.shift();
    while (u.credits.length > 0 && (u.credits[0] as [number, number])[0] <= now - DAY) {
      u.creditSum -= (u.credits.shift() as [number, number])[1];
    }
  }

  return {
    get: (product) => ({ ...limits[product] }),
    set(product, change) {
      limits[product] = { ...limits[product], ...change };
    },
    admit(product, cost, inFlight) {
      const limit = limits[product];
      const now = clock.now();
      const u = usageOf(product);
      prune(u, now);
      if (inFlight > limit.concurrency) return { ok: false, kind: 'concurrency', retryAfterSeconds: undefined };
      if (u.calls.length >= limit.perMinute) {
        const oldest = u.calls[u.calls.length - limit.perMinute] ?? now;
        return { ok: false, kind: 'rate', retryAfterSeconds: Math.max(1, Math.ceil((oldest + MINUTE - now) / 1000)) };
      }
      if (u.creditSum + cost > limit.dailyCredits) {
        // Credits come back as the oldest calls leave the 24-hour window.
        let freed = limit.dailyCredits - u.creditSum;
        let until = now + DAY;
        for (const [time, spent] of u.credits) {
          freed += spent;
          if (freed >= cost) {
            until = time + DAY;
            break;
          }
        }
        return { ok: false, kind: 'credits', retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
      }
      if (Number.isFinite(limit.perMinute)) u.calls.push(now);
      if (Number.isFinite(limit.dailyCredits)) {
        u.credits.push([now, cost]);
        u.creditSum += cost;
      }
      return { ok: true, remainingCredits: limit.dailyCredits - u.creditSum };
    },
    clearUsage() {
      usage.clear();
    },
  };
}
