/**
 * `startSandbox(options)`: the emulator of Zoho CRM v8, Books v3, Desk v1 and the OAuth accounts server on one
 * loopback port, with its org in `<dataDir>/sandbox.db` (or in memory), and the knobs tests turn: clock, limits,
 * faults, outbound log, stats, reset.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdminHandler } from './core/admin.js';
import { createClock } from './core/clock.js';
import { lockDataDir } from './core/dir-lock.js';
import { createFaults, type FaultRule } from './core/faults.js';
import { createPipelineServer, type ServerEvent } from './core/http-server.js';
import { createIds } from './core/ids.js';
import { BOOKS_PLAN_OF, createLimitTracker, type Edition, editionLimits, type ProductLimits } from './core/limits.js';
import { type Credentials, createOAuthServer, TOKENS_PER_WINDOW } from './core/oauth.js';
import {
  createOutbound,
  type DeliveryRecord,
  type OutboundAllow,
  type OutboundEvent,
  type OutboundPolicy,
} from './core/outbound.js';
import { compileProduct } from './core/router.js';
import { createStats, type SandboxStats } from './core/stats.js';
import { openStore } from './core/store.js';
import type { Outbound, Product, ProductModule, SandboxContext, SandboxTuning, SeedName } from './core/types.js';
import { CRM_SEARCH_INDEX_DELAY_MS } from './crm/search-index.js';
import { linkLargeOrg } from './large-links.js';
import { PRODUCTS } from './products.js';

export interface SandboxOptions {
  /** Port on 127.0.0.1. Default 0: a free port. */
  port?: number;
  /** Where the org lives (`<dataDir>/sandbox.db`). Default undefined: in memory only. */
  dataDir?: string;
  /** Seed of a new (or reset) org. Default `default`. An existing data dir keeps its org. */
  seed?: SeedName;
  /** Fault rules from the start; the seed makes their random decisions repeatable (default 1). */
  faults?: readonly FaultRule[];
  faultSeed?: number;
  /** Edition whose documented limits apply. Default `enterprise`. */
  edition?: Edition;
  /** Overrides of the edition's limits per product (`{ books: { perMinute: Infinity } }`). */
  limits?: Partial<Record<Product, Partial<ProductLimits>>>;
  /** Access-token lifetime. Default 3600 (Zoho's). */
  tokenLifetimeSeconds?: number;
  /** Access tokens per refresh token per 10 minutes before `Access Denied`. Default 10 (Zoho's). */
  tokensPerTenMinutes?: number;
  /**
   * How long a created or edited CRM record stays out of search results (Zoho's indexing delay), on the sandbox
   * clock. Default `CRM_SEARCH_INDEX_DELAY_MS` (60 s; SPEC.md, CRM search). 0 makes search immediate.
   */
  crmSearchIndexDelayMs?: number;
  /** Largest request body accepted. Default 1 MB. */
  maxBodyBytes?: number;
  /**
   * Outbound (webhook) delivery: concurrent sends, the retry policy per product, and where deliveries may go
   * (`allow`, default `loopback`: this machine only; `any` lets webhooks and Desk's URL checks reach other hosts).
   */
  outbound?: {
    concurrency?: number;
    policy?: Partial<Record<Product, Partial<OutboundPolicy>>>;
    allow?: OutboundAllow;
  };
  /** Which product modules to serve. Default: CRM, Books and Desk. */
  products?: readonly ProductModule[];
  /** Everything the sandbox wants to tell (handler errors, faults fired, deliveries); it never prints. */
  onEvent?: (event: SandboxEvent) => void;
}

export type SandboxEvent =
  | ServerEvent
  | OutboundEvent
  | { type: 'seeded'; seed: SeedName; documents: number; ms: number }
  | { type: 'seed_error'; product: Product; message: string };

export interface OrgIds {
  crmOrgId: string;
  booksOrganizationId: string;
  deskOrgId: string;
}

export interface Sandbox {
  url: string;
  urls: { accounts: string; api: string; desk: string };
  credentials: Credentials;
  org: OrgIds;
  /**
   * This run's key to the `/__sandbox/` knobs over HTTP (header `X-Zlc-Sandbox-Key`); new at every start, never
   * stored in the data dir.
   */
  adminKey: string;
  /**
   * The `ZOHO_*` variables that point zlc (or any Zoho client) at this sandbox, and `ZLC_SANDBOX_ADMIN_KEY` (the
   * admin key, for tools that turn its knobs).
   */
  env: Record<string, string>;
  faults: { set(rules: readonly FaultRule[], seed?: number): void; clear(): void; rules(): readonly FaultRule[] };
  limits: { set(product: Product, limits: Partial<ProductLimits>): void; get(product: Product): ProductLimits };
  clock: { now(): number; advance(ms: number): void };
  outbound: {
    log(): DeliveryRecord[];
    drain(): Promise<void>;
    setPolicy(product: Product, policy: Partial<OutboundPolicy>): void;
  };
  stats(): SandboxStats;
  resetStats(): void;
  tokenLifetime(seconds: number): void;
  crm: {
    /** The search indexing delay now in force. */
    searchIndexDelayMs(): number;
    setSearchIndexDelayMs(ms: number): void;
  };
  /** Wipes the org (keeping credentials) and seeds it again; says with what and how many documents it holds. */
  reset(seed?: SeedName): { seed: SeedName; documents: number };
  close(): Promise<void>;
}

const META = 'sandbox:meta';
/** What a reset keeps: the credentials and tokens, and the id counters (ids stay unique across resets). */
const KEPT_ON_RESET = (name: string) => name === META || name === 'sandbox:ids' || name.startsWith('oauth:');

function digits(first: string, count: number): string {
  let text = first;
  while (text.length < count) text += String(randomInt(10));
  return text;
}

/** What `sandbox.env` names as the Books calls a day when a test lifts the org's daily quota. */
const MANY_CALLS_A_DAY = 1_000_000_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const emit = (event: SandboxEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer must never break the sandbox.
    }
  };
  const modules = options.products ?? PRODUCTS;
  const unlock = options.dataDir === undefined ? () => {} : lockDataDir(options.dataDir);
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(options.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const meta = store.collection<unknown>(META);
  const clock = createClock();
  const ids = createIds(store);
  const outbound = createOutbound({ ...options.outbound, onEvent: emit });
  let baseUrl = '';
  const oauth = createOAuthServer(store, clock, {
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    tokensPerWindow: options.tokensPerTenMinutes ?? TOKENS_PER_WINDOW,
    apiDomain: () => baseUrl,
  });
  const credentials = oauth.ensureCredentials();
  let org = meta.get('org') as OrgIds | undefined;
  if (org === undefined) {
    org = { crmOrgId: digits('7', 9), booksOrganizationId: digits('6', 9), deskOrgId: digits('6', 9) };
    meta.put('org', org);
  }
  const orgIds = org;
  const edition = options.edition ?? 'enterprise';
  const limitsFor = (product: Product): ProductLimits => ({
    ...editionLimits(product, edition),
    ...options.limits?.[product],
  });
  const limits = createLimitTracker(clock, {
    crm: limitsFor('crm'),
    books: limitsFor('books'),
    desk: limitsFor('desk'),
  });
  const faults = createFaults(options.faults ?? [], options.faultSeed ?? 1);
  const stats = createStats();
  let maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  // Deliveries queued inside a transaction leave only once it commits.
  const productOutbound: Outbound = {
    enqueue: (request, onResult) => store.afterCommit(() => outbound.enqueue(request, onResult)),
    send: (request) => outbound.send(request),
  };
  const tuning: SandboxTuning = {
    crmSearchIndexDelayMs: options.crmSearchIndexDelayMs ?? CRM_SEARCH_INDEX_DELAY_MS,
  };
  const context = (): SandboxContext => ({
    tuning,
    store,
    clock,
    ids,
    outbound: productOutbound,
    org: orgIds,
    baseUrl,
    edition,
  });

  function seed(name: SeedName): void {
    const started = Date.now();
    store.transaction(() => {
      const ctx = context();
      for (const module of modules) {
        try {
          module.seed(ctx, name);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          emit({ type: 'seed_error', product: module.product, message });
          throw new Error(`sandbox: the ${module.product} seed "${name}" failed: ${message}`, { cause: error });
        }
      }
      // The large org links the three products as a lifecycle tool would (large-links.ts).
      const served = new Set(modules.map((m) => m.product));
      if (name === 'large' && served.has('crm') && served.has('books') && served.has('desk')) linkLargeOrg(ctx);
      meta.put('seed', { name, at: clock.now() });
    });
    emit({ type: 'seeded', seed: name, documents: store.count(), ms: Date.now() - started });
  }

  function reset(name?: SeedName): { seed: SeedName; documents: number } {
    const previous = meta.get('seed') as { name: SeedName } | undefined;
    store.wipe(KEPT_ON_RESET);
    meta.delete('seed');
    limits.clearUsage();
    stats.reset();
    const chosen = name ?? previous?.name ?? options.seed ?? 'default';
    seed(chosen);
    return { seed: chosen, documents: store.count() };
  }

  const adminKey = randomBytes(16).toString('hex');
  const handle: Omit<Sandbox, 'url' | 'urls' | 'env'> = {
    credentials,
    adminKey,
    org: orgIds,
    faults: { set: (rules, s) => faults.set(rules, s), clear: () => faults.clear(), rules: () => faults.rules() },
    limits: { set: (product, change) => limits.set(product, change), get: (product) => limits.get(product) },
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    outbound: {
      log: () => outbound.log(),
      drain: () => outbound.drain(),
      setPolicy: (product, policy) => outbound.setPolicy(product, policy),
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    tokenLifetime: (seconds) => oauth.setTokenLifetime(seconds),
    crm: {
      searchIndexDelayMs: () => tuning.crmSearchIndexDelayMs,
      setSearchIndexDelayMs: (ms) => {
        if (!Number.isFinite(ms) || ms < 0)
          throw new RangeError('the search index delay is a non-negative number of ms');
        tuning.crmSearchIndexDelayMs = ms;
      },
    },
    reset,
    close: async () => {},
  };

  const { server, sockets } = createPipelineServer({
    routers: modules.map(compileProduct),
    context,
    oauth,
    limits,
    faults,
    stats,
    maxBodyBytes: () => maxBodyBytes,
    admin: createAdminHandler({
      sandbox: () => sandbox,
      setMaxBodyBytes: (bytes) => {
        maxBodyBytes = bytes;
      },
      adminKey,
      tokenValid: (authorization) => oauth.check(authorization).ok,
    }),
    onEvent: emit,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    unlock();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  if (meta.get('seed') === undefined) {
    try {
      seed(options.seed ?? 'default');
    } catch (error) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      unlock();
      throw error;
    }
  }

  const env: Record<string, string> = {
    ZOHO_CLIENT_ID: credentials.clientId,
    ZOHO_CLIENT_SECRET: credentials.clientSecret,
    ZOHO_REFRESH_TOKEN: credentials.refreshToken,
    ZOHO_ACCOUNTS_URL: baseUrl,
    ZOHO_API_URL: baseUrl,
    ZOHO_DESK_URL: baseUrl,
    ZOHO_BOOKS_ORG_ID: orgIds.booksOrganizationId,
    ZOHO_DESK_ORG_ID: orgIds.deskOrgId,
    // The limits this org enforces, so that a client sizes its budgets to them (Desk has no Ultimate edition).
    ZOHO_CRM_EDITION: edition,
    ZOHO_BOOKS_PLAN: BOOKS_PLAN_OF[edition],
    ZOHO_DESK_EDITION: edition === 'ultimate' ? 'enterprise' : edition,
    ZLC_SANDBOX_ADMIN_KEY: adminKey,
  };
  const booksPerMinute = options.limits?.books?.perMinute;
  if (booksPerMinute !== undefined && Number.isFinite(booksPerMinute))
    env.ZOHO_BOOKS_REQUESTS_PER_MINUTE = String(booksPerMinute);
  // A raised (or lifted) daily quota reaches the client too, as Zoho support's raise would be told to it.
  const booksPerDay = options.limits?.books?.dailyCredits;
  if (booksPerDay !== undefined)
    env.ZOHO_BOOKS_REQUESTS_PER_DAY = String(Number.isFinite(booksPerDay) ? booksPerDay : MANY_CALLS_A_DAY);
  let closing: Promise<void> | undefined;
  const sandbox: Sandbox = {
    ...handle,
    url: baseUrl,
    urls: { accounts: baseUrl, api: baseUrl, desk: baseUrl },
    env,
    close() {
      closing ??= (async () => {
        outbound.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        await closed;
        store.close();
        unlock();
      })();
      return closing;
    },
  };
  return sandbox;
}
