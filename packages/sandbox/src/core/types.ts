/**
 * The contract between the sandbox core (HTTP server, auth, limits, faults, persistence, outbound webhooks)
 * and the product modules (CRM, Books, Desk). Each product is a flat route table of small resolvers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Edition } from './limits.js';

export type Product = 'crm' | 'books' | 'desk';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type SeedName = 'default' | 'large' | 'empty';

export interface SandboxRequest {
  method: HttpMethod;
  /** Path without the query string, e.g. `/crm/v8/settings/fields`. */
  path: string;
  /** Path parameters from the route template (`/crm/v8/:module/:id` → `{ module, id }`). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (or the parsed `JSONString` form field for Books); `undefined` when there was none. */
  body: unknown;
  rawBody: Buffer;
}

export interface SandboxResponse {
  status: number;
  /** JSON-serialised unless `undefined` (e.g. 204); a `JsonBody` (core/json-body.ts) is sent as already serialised. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: SandboxRequest, ctx: SandboxContext) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: HttpMethod;
  /** Full path template with `:name` parameters, e.g. `/books/v3/contacts/:contact_id`. */
  path: string;
  handler: Handler;
  /** Whether the route needs `Authorization: Zoho-oauthtoken …` (default true). */
  auth?: boolean;
  /** CRM credits this call costs (default 1); Desk credits likewise. */
  cost?: number;
  /**
   * A resource-intensive call with its own, smaller concurrency cap on top of the product's (CRM: COQL, bulk
   * and mass actions, lead conversion — 10 at a time). Default false.
   */
  heavy?: boolean;
}

/** One persisted collection of JSON documents, kept in memory and written through to disk atomically. */
export interface Collection<T> {
  get(id: string): T | undefined;
  has(id: string): boolean;
  /** Insertion order. */
  values(): IterableIterator<T>;
  readonly size: number;
  /**
   * Changes with every write to the collection (put, delete, clear, wipe, a rolled-back transaction) and is never
   * reused by the same store, so answers derived from the collection can be cached against it (`Store.memo`).
   */
  readonly version: number;
  put(id: string, value: T): void;
  delete(id: string): boolean;
  clear(): void;
  /**
   * A secondary index over the collection, built on first use and kept up to date by every write after it (put,
   * delete, clear, a rolled-back transaction), so that a lookup costs what it finds, not the size of the org. `name`
   * identifies `keysOf`: every caller of one name must pass the same function. `keysOf` reads the document alone.
   */
  index(name: string, keysOf: (doc: T) => Iterable<string>): CollectionIndex<T>;
}

export interface CollectionIndex<T> {
  /** The documents `keysOf` gave `key` for, in the collection's order. */
  get(key: string): T[];
}

export interface Store {
  /** A named collection (`crm:Deals`, `books:invoices`, `desk:tickets` …), created on first use. */
  collection<T>(name: string): Collection<T>;
  /** Runs `fn` so that all its writes land on disk together or not at all. */
  transaction<R>(fn: () => R): R;
  /**
   * A value derived from the named collections, built once and kept until one of them changes (by `version`).
   * For answers that cost work proportional to the org (settings lists of a large org). The value is shared
   * between callers: treat it as immutable.
   */
  memo<T>(key: string, collections: readonly string[], build: () => T): T;
  /**
   * A value derived from one document of `collection` (and `variant`, which names everything else it depends on),
   * built once and kept until that document is written (put, delete, clear, wipe, a rolled-back transaction): the
   * serialised parts a large answer is assembled from, so that a write to one field re-serialises that field only.
   * Treat it as immutable.
   */
  memoDoc<T>(collection: string, id: string, variant: string, build: () => T): T;
}

export interface Clock {
  /** Milliseconds since the epoch, as the sandbox sees it (tests can move it forward). */
  now(): number;
}

export interface Ids {
  /** A new id in the product's style: long numeric strings (CRM 19 digits, Books 18, Desk 18). */
  next(product: Product): string;
}

export interface OutboundRequest {
  product: Product;
  /** What fired it, for the sandbox's own log: `workflow_rule:<id>`, `desk_webhook:<id>`, `watch:<channel>`. */
  source: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface OutboundResult {
  status: number | 'error';
}

export interface Outbound {
  /**
   * Queues a delivery and returns at once; the core sends it in the background with Zoho-like retries
   * and calls `onResult` with the final outcome (e.g. Desk removes a subscription on 410).
   */
  enqueue(request: OutboundRequest, onResult?: (result: OutboundResult) => void): void;
  /** Sends one request now and waits for the answer (Desk's validation GET when a webhook is created). */
  send(request: OutboundRequest): Promise<OutboundResult>;
}

/** Behaviour a test may tune while the sandbox runs (SPEC.md names the source and the default of each). */
export interface SandboxTuning {
  /**
   * How long after a CRM record is created or edited (its `Modified_Time`, on the sandbox clock) search cannot see
   * it (Zoho's indexing delay, module_search.yaml `searchRecords`). COQL and record reads see it at once.
   */
  crmSearchIndexDelayMs: number;
}

export interface SandboxContext {
  tuning: Readonly<SandboxTuning>;
  store: Store;
  clock: Clock;
  ids: Ids;
  outbound: Outbound;
  /** The org identities, fixed at seed time. */
  org: { crmOrgId: string; booksOrganizationId: string; deskOrgId: string };
  /** The base URL this sandbox serves on (for `resource_uri` and similar links). */
  baseUrl: string;
  /** The org's edition (default `enterprise`): per-edition caps such as CRM's custom fields per module. */
  edition: Edition;
}

export interface ProductErrors {
  /** No, malformed, or expired `Authorization` header. */
  unauthorized(reason: 'missing' | 'invalid' | 'expired'): SandboxResponse;
  /** Over the concurrency cap, the request rate, or the daily credits. */
  rateLimited(kind: 'concurrency' | 'rate' | 'credits', retryAfterSeconds?: number): SandboxResponse;
  /** No route for this method and path. */
  notFound(): SandboxResponse;
  /** Body that is not valid JSON. */
  invalidJson(): SandboxResponse;
  /** Body larger than the product accepts. */
  payloadTooLarge(): SandboxResponse;
  /** Injected or unexpected server error. */
  internal(): SandboxResponse;
}

export interface ProductModule {
  product: Product;
  /** Path prefix, e.g. `/crm/v8`, `/books/v3`, `/api/v1`. */
  prefix: string;
  routes: Route[];
  errors: ProductErrors;
  /** Fills a fresh store for the seed. Called once, inside a transaction, when the data dir is new or reset. */
  seed(ctx: SandboxContext, seed: SeedName): void;
  /**
   * Checks product-level request requirements before the handler (Books `organization_id`, Desk `orgId`
   * header or query). Returns an error response to refuse, or undefined to go on.
   */
  precheck?(req: SandboxRequest, ctx: SandboxContext): SandboxResponse | undefined;
}
