/** Request counters the tests assert on: calls per product and route, and the most calls in flight at once. */
import type { Product } from './types.js';

export type StatsProduct = Product | 'accounts';

export interface SandboxStats {
  /** Requests received per product (all of them, refused ones included). */
  requests: Record<StatsProduct, number>;
  /** Requests per `METHOD /route/template` (`METHOD (no route)` when nothing matched). */
  routes: Record<string, number>;
  /** Requests in flight right now, per product. */
  inFlight: Record<StatsProduct, number>;
  /** The most requests of a product in flight at once since the start or the last reset. */
  maxInFlight: Record<StatsProduct, number>;
  /** 429 answers per product from the limits (not from injected faults). */
  rateLimited: Record<StatsProduct, number>;
}

export interface StatsTracker {
  begin(product: StatsProduct): () => void;
  route(key: string): void;
  rateLimited(product: StatsProduct): void;
  snapshot(): SandboxStats;
  reset(): void;
}

function zero(): Record<StatsProduct, number> {
  return { crm: 0, books: 0, desk: 0, accounts: 0 };
}

export function createStats(): StatsTracker {
  let stats: SandboxStats = {
    requests: zero(),
    routes: {},
    inFlight: zero(),
    maxInFlight: zero(),
    rateLimited: zero(),
  };
  return {
    begin(product) {
      stats.requests[product]++;
      const current = ++stats.inFlight[product];
      if (current > stats.maxInFlight[product]) stats.maxInFlight[product] = current;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        stats.inFlight[product]--;
      };
    },
    route(key) {
      stats.routes[key] = (stats.routes[key] ?? 0) + 1;
    },
    rateLimited(product) {
      stats.rateLimited[product]++;
    },
    snapshot: () => structuredClone(stats),
    reset() {
      // Calls in flight stay in flight across a reset.
      stats = {
        requests: zero(),
        routes: {},
        inFlight: { ...stats.inFlight },
        maxInFlight: { ...stats.inFlight },
        rateLimited: zero(),
      };
    },
  };
}
