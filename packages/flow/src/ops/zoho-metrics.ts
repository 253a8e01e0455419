/**
 * The Zoho clients' metrics: counters fed by their events (calls by product, method and status; retries; 429 pauses;
 * token refreshes) and gauges read from the clients when scraped (the rate budgets left, the access token's times).
 */
import type { ZohoClients, ZohoEvent, ZohoProduct } from '@zlc/zoho';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const PRODUCTS: readonly ZohoProduct[] = ['crm', 'books', 'desk'];
const CALL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function zohoCounters(registers: Registry[]): (event: ZohoEvent) => void {
  const requests = new Counter({
    name: 'zlc_zoho_requests_total',
    help: 'HTTP calls to Zoho by product (crm, books, desk, accounts), method and status ("none": no answer).',
    labelNames: ['product', 'method', 'status'],
    registers,
  });
  const seconds = new Histogram({
    name: 'zlc_zoho_request_duration_seconds',
    help: 'Time of one HTTP call to Zoho, by product.',
    labelNames: ['product'],
    buckets: CALL_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: 'zlc_zoho_retries_total',
    help: 'Calls sent again, by product and reason (rate_limited, unavailable, …).',
    labelNames: ['product', 'reason'],
    registers,
  });
  const limited = new Counter({
    name: 'zlc_zoho_rate_limited_total',
    help: 'Times Zoho answered 429 and the product paused.',
    labelNames: ['product'],
    registers,
  });
  const refreshes = new Counter({
    name: 'zlc_zoho_token_refreshes_total',
    help: 'Access tokens this runtime got from Zoho (a token from the shared cache is not counted).',
    registers,
  });
  return (event) => {
    switch (event.type) {
      case 'request':
        requests.inc({ product: event.product, method: event.method, status: String(event.status ?? 'none') });
        seconds.observe({ product: event.product }, event.durationMs / 1000);
        return;
      case 'retry':
        retries.inc({ product: event.product, reason: event.reason });
        return;
      case 'rate_limited':
        limited.inc({ product: event.product });
        return;
      case 'token_refreshed':
        refreshes.inc();
        return;
      default:
        return;
    }
  };
}

/** The rate budgets as they stand at scrape time: what each product may still send. */
export function budgetGauges(registers: Registry[], clients: () => ZohoClients | undefined): void {
  const perProduct = (name: string, help: string, read: (c: ZohoClients, p: ZohoProduct) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['product'],
      registers,
      collect() {
        this.reset();
        const c = clients();
        if (c === undefined) return;
        for (const product of PRODUCTS) {
          const value = read(c, product);
          if (value !== undefined) this.set({ product }, value);
        }
      },
    });
  perProduct(
    'zlc_zoho_rate_available',
    'Calls the per-minute rate budget lets leave now without waiting (products with a documented rate: Books).',
    (c, p) => c.budgets[p].rateAvailable,
  );
  perProduct(
    'zlc_zoho_daily_calls_remaining',
    "Calls left in the rolling 24 hours under the daily cap zlc keeps (Books: the plan's calls a day).",
    (c, p) => c.budgets[p].dailyRemaining,
  );
  perProduct(
    'zlc_zoho_credits_remaining',
    "API credits Zoho's latest answer said are left (Desk's X-Rate-Limit-Remaining-v3).",
    (c, p) => c.budgets[p].creditsRemaining,
  );
  perProduct(
    'zlc_zoho_concurrency',
    'Calls allowed in flight now (halved after bursts of 429s, grown back by successes).',
    (c, p) => c.budgets[p].currentConcurrency,
  );
}

export function tokenGauges(registers: Registry[], clients: () => ZohoClients | undefined, now: () => number): void {
  new Gauge({
    name: 'zlc_zoho_token_age_seconds',
    help: 'Age of the access token in use (absent before the first call, or when its issue time is unknown).',
    registers,
    collect() {
      this.reset();
      const issuedAt = clients()?.token.info()?.issuedAt;
      if (issuedAt !== undefined) this.set(Math.max(0, (now() - issuedAt) / 1000));
    },
  });
  new Gauge({
    name: 'zlc_zoho_token_expires_in_seconds',
    help: 'Seconds until the access token in use expires (absent before the first call).',
    registers,
    collect() {
      this.reset();
      const info = clients()?.token.info();
      if (info !== undefined) this.set((info.expiresAt - now()) / 1000);
    },
  });
}
