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
  /** Heavy calls (routes marked `heavy`) in flight at once, within `concurrency` (CRM: 10). */
  heavyConcurrency: number;
}

export type Edition = 'free' | 'standard' | 'professional' | 'enterprise' | 'ultimate';

export const EDITIONS: readonly Edition[] = ['free', 'standard', 'professional', 'enterprise', 'ultimate'];

/** Users assumed when credits grow per user license. */
export const DEFAULT_USERS = 10;

export const UNLIMITED: ProductLimits = {
  concurrency: Infinity,
  perMinute: Infinity,
  dailyCredits: Infinity,
  heavyConcurrency: Infinity,
};

/**
 * The Books plan each sandbox edition stands for, and its calls a day (Zoho Books KB "What is the per day API calls
 * limit?": Free 1,000, Standard 2,000, Professional 5,000, Premium/Elite/Ultimate 10,000). Books has no Enterprise
 * plan; the sandbox's enterprise edition is Premium.
 */
export const BOOKS_PLAN_OF: Record<Edition, string> = {
  free: 'free',
  standard: 'standard',
  professional: 'professional',
  enterprise: 'premium',
  ultimate: 'ultimate',
};
const BOOKS_CALLS_PER_DAY: Record<Edition, number> = {
  free: 1_000,
  standard: 2_000,
  professional: 5_000,
  enterprise: 10_000,
  ultimate: 10_000,
};

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
      return { concurrency, perMinute: Infinity, dailyCredits: credits, heavyConcurrency: Math.min(10, concurrency) };
    }
    case 'books':
      return {
        concurrency: edition === 'free' ? 5 : 10,
        perMinute: 100,
        dailyCredits: BOOKS_CALLS_PER_DAY[edition],
        heavyConcurrency: Infinity,
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
      return { concurrency, perMinute: Infinity, dailyCredits: credits, heavyConcurrency: Infinity };
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
   * Admits one call of `cost` credits, given how many calls of the product are in flight counting this one
   * (and, for a heavy call, how many heavy calls).
   * An admitted call is charged at once; a refused one costs nothing.
   */
  admit(product: Product, cost: number, inFlight: number, heavyInFlight?: number): LimitDecision;
  /** Forgets the windows (reset). */
  clearUsage(): void;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Calls (time, cost) inside a sliding window, oldest first; a moving head keeps pruning O(1) per call. */
class SlidingWindow {
  private times: number[] = [];
  private costs: number[] = [];
  private head = 0;
  sum = 0;

  constructor(private readonly spanMs: number) {}

  get count(): number {
    return this.times.length - this.head;
  }

  add(time: number, cost: number): void {
    this.times.push(time);
    this.costs.push(cost);
    this.sum += cost;
  }

  prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - this.spanMs) {
      this.sum -= this.costs[this.head] as number;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.costs = this.costs.slice(this.head);
      this.head = 0;
    }
  }

  /** The i-th call still in the window (0 = oldest). */
  at(i: number): [number, number] | undefined {
    const k = this.head + i;
    return k < this.times.length ? [this.times[k] as number, this.costs[k] as number] : undefined;
  }
}

interface Usage {
  minute: SlidingWindow;
  day: SlidingWindow;
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
      u = { minute: new SlidingWindow(MINUTE), day: new SlidingWindow(DAY) };
      usage.set(product, u);
    }
    return u;
  }

  return {
    get: (product) => ({ ...limits[product] }),
    set(product, change) {
      limits[product] = { ...limits[product], ...change };
    },
    admit(product, cost, inFlight, heavyInFlight = 0) {
      const limit = limits[product];
      const now = clock.now();
      const u = usageOf(product);
      u.minute.prune(now);
      u.day.prune(now);
      if (inFlight > limit.concurrency || heavyInFlight > limit.heavyConcurrency) {
        return { ok: false, kind: 'concurrency', retryAfterSeconds: undefined };
      }
      if (u.minute.count >= limit.perMinute) {
        const oldest = u.minute.at(u.minute.count - limit.perMinute)?.[0] ?? now;
        return { ok: false, kind: 'rate', retryAfterSeconds: Math.max(1, Math.ceil((oldest + MINUTE - now) / 1000)) };
      }
      if (u.day.sum + cost > limit.dailyCredits) {
        // Credits come back as the oldest calls leave the 24-hour window.
        let freed = limit.dailyCredits - u.day.sum;
        let until = now + DAY;
        for (let i = 0; i < u.day.count; i++) {
          const [time, spent] = u.day.at(i) as [number, number];
          freed += spent;
          if (freed >= cost) {
            until = time + DAY;
            break;
          }
        }
        return { ok: false, kind: 'credits', retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
      }
      if (Number.isFinite(limit.perMinute)) u.minute.add(now, 1);
      if (Number.isFinite(limit.dailyCredits)) u.day.add(now, cost);
      return { ok: true, remainingCredits: limit.dailyCredits - u.day.sum };
    },
    clearUsage() {
      usage.clear();
    },
  };
}
