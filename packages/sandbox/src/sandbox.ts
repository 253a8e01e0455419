/**
 * `startSandbox(options)`: the emulator of Zoho CRM v8, Books v3, Desk v1 and the OAuth accounts server on one
 * loopback port, with its org in `<dataDir>/sandbox.db` (or in memory), and the knobs tests turn: clock, limits,
 * faults, outbound log, stats, reset.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdminHandler } from './core/admin.js';
import { createClock, type TestClock } from './core/clock.js';
import { lockDataDir } from './core/dir-lock.js';
import { createFaults, type FaultRule, type Faults } from './core/faults.js';
import { createPipelineServer, type ServerEvent } from './core/http-server.js';
import { createIds } from './core/ids.js';
import {
  BOOKS_PLAN_OF,
  createLimitTracker,
  type Edition,
  editionLimits,
  type LimitTracker,
  type ProductLimits,
} from './core/limits.js';
import { type Credentials, createOAuthServer, type OAuthServer, TOKENS_PER_WINDOW } from './core/oauth.js';
import {
  createOutbound,
  type DeliveryRecord,
  type OutboundAllow,
  type OutboundEvent,
  type OutboundPolicy,
  type OutboundQueue,
} from './core/outbound.js';
import { compileProduct } from './core/router.js';
import { createStats, type SandboxStats, type StatsTracker } from './core/stats.js';
import { openStore, type SandboxStore } from './core/store.js';
import type {
  Collection,
  Outbound,
  Product,
  ProductModule,
  SandboxContext,
  SandboxTuning,
  SeedName,
} from './core/types.js';
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

/** What changes once the parts exist: the address when the server listens, the body cap the admin knob sets. */
interface Live {
  baseUrl: string;
  maxBodyBytes: number;
}

/** One start's org and machinery, shared by the HTTP pipeline, the seeding and the returned handle. */
interface Parts {
  options: SandboxOptions;
  emit: (event: SandboxEvent) => void;
  modules: readonly ProductModule[];
  store: SandboxStore;
  meta: Collection<unknown>;
  clock: TestClock;
  outbound: OutboundQueue;
  oauth: OAuthServer;
  credentials: Credentials;
  org: OrgIds;
  edition: Edition;
  limits: LimitTracker;
  faults: Faults;
  stats: StatsTracker;
  tuning: SandboxTuning;
  live: Live;
  context: () => SandboxContext;
}

/** Hands events to the caller's observer, which must never break the sandbox. */
function createEmit(options: SandboxOptions): (event: SandboxEvent) => void {
  return (event) => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer must never break the sandbox.
    }
  };
}

/** Locks the data dir, then opens its store; a store that fails to open leaves the dir unlocked. */
function openLockedStore(dataDir: string | undefined): { store: SandboxStore; unlock: () => void } {
  const unlock = dataDir === undefined ? () => {} : lockDataDir(dataDir);
  try {
    return { store: openStore(dataDir), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** The org's ids, drawn once per data dir and kept by every reset. */
function ensureOrgIds(meta: Collection<unknown>): OrgIds {
  let org = meta.get('org') as OrgIds | undefined;
  if (org === undefined) {
    org = { crmOrgId: digits('7', 9), booksOrganizationId: digits('6', 9), deskOrgId: digits('6', 9) };
    meta.put('org', org);
  }
  return org;
}

/** Builds the clock, ids, outbound queue, OAuth server, org, limits, faults and stats over the open store. */
function createParts(options: SandboxOptions, store: SandboxStore, emit: Parts['emit']): Parts {
  const modules = options.products ?? PRODUCTS;
  const meta = store.collection<unknown>(META);
  const clock = createClock();
  const ids = createIds(store);
  const outbound = createOutbound({ ...options.outbound, onEvent: emit });
  const live: Live = { baseUrl: '', maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024 };
  const oauth = createOAuthServer(store, clock, {
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    tokensPerWindow: options.tokensPerTenMinutes ?? TOKENS_PER_WINDOW,
    apiDomain: () => live.baseUrl,
  });
  const credentials = oauth.ensureCredentials();
  const org = ensureOrgIds(meta);
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
  // Deliveries queued inside a transaction leave only once it commits.
  const productOutbound: Outbound = {
    enqueue: (request, onResult) => store.afterCommit(() => outbound.enqueue(request, onResult)),
    send: (request) => outbound.send(request),
  };
  const tuning: SandboxTuning = {
    crmSearchIndexDelayMs: options.crmSearchIndexDelayMs ?? CRM_SEARCH_INDEX_DELAY_MS,
  };
  // A getter per request, so that handlers see the address the server listens on.
  const context = (): SandboxContext => ({
    tuning,
    store,
    clock,
    ids,
    outbound: productOutbound,
    org,
    baseUrl: live.baseUrl,
    edition,
  });
  const common = { options, emit, modules, store, meta, clock, outbound, oauth, credentials, org, edition };
  return { ...common, limits, faults, stats, tuning, live, context };
}

/** Seeds the org in one transaction, so that a module's failure leaves no half-seeded org. */
function seedOrg(parts: Parts, name: SeedName): void {
  const { store, modules, emit } = parts;
  const started = Date.now();
  store.transaction(() => {
    const ctx = parts.context();
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
    parts.meta.put('seed', { name, at: parts.clock.now() });
  });
  emit({ type: 'seeded', seed: name, documents: store.count(), ms: Date.now() - started });
}

/** Wipes the org (keeping what `KEPT_ON_RESET` names), clears usage and stats, and seeds it again. */
function resetOrg(parts: Parts, name?: SeedName): { seed: SeedName; documents: number } {
  const previous = parts.meta.get('seed') as { name: SeedName } | undefined;
  parts.store.wipe(KEPT_ON_RESET);
  parts.meta.delete('seed');
  parts.limits.clearUsage();
  parts.stats.reset();
  const chosen = name ?? previous?.name ?? parts.options.seed ?? 'default';
  seedOrg(parts, chosen);
  return { seed: chosen, documents: parts.store.count() };
}

/** The knobs a test turns in process; the address-bound fields and `close` come once the server listens. */
function createHandle(parts: Parts, adminKey: string): Omit<Sandbox, 'url' | 'urls' | 'env'> {
  const { faults, limits, clock, outbound, stats, oauth, tuning } = parts;
  return {
    credentials: parts.credentials,
    adminKey,
    org: parts.org,
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
    reset: (name) => resetOrg(parts, name),
    close: async () => {},
  };
}

/** The HTTP pipeline over the products' routers; the admin knobs reach the sandbox through `sandbox()`. */
function createServer(parts: Parts, adminKey: string, sandbox: () => Sandbox) {
  const { oauth, live } = parts;
  return createPipelineServer({
    routers: parts.modules.map(compileProduct),
    context: parts.context,
    oauth,
    limits: parts.limits,
    faults: parts.faults,
    stats: parts.stats,
    maxBodyBytes: () => live.maxBodyBytes,
    admin: createAdminHandler({
      sandbox,
      setMaxBodyBytes: (bytes) => {
        live.maxBodyBytes = bytes;
      },
      adminKey,
      tokenValid: (authorization) => oauth.check(authorization).ok,
    }),
    onEvent: parts.emit,
  });
}

/** Binds the loopback port; rejects with the bind error (a port in use, say). */
function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The variables that point a Zoho client at this sandbox and size its budgets to the org's limits. */
function clientEnv(parts: Parts, adminKey: string): Record<string, string> {
  const { credentials, org, edition, live, options } = parts;
  const env: Record<string, string> = {
    ZOHO_CLIENT_ID: credentials.clientId,
    ZOHO_CLIENT_SECRET: credentials.clientSecret,
    ZOHO_REFRESH_TOKEN: credentials.refreshToken,
    ZOHO_ACCOUNTS_URL: live.baseUrl,
    ZOHO_API_URL: live.baseUrl,
    ZOHO_DESK_URL: live.baseUrl,
    ZOHO_BOOKS_ORG_ID: org.booksOrganizationId,
    ZOHO_DESK_ORG_ID: org.deskOrgId,
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
  return env;
}

/**
 * Stops outbound delivery and the server, drops its sockets, then closes the store and frees the data dir; every
 * call after the first shares the first one's promise.
 */
function createClose(
  parts: Parts,
  server: Server,
  sockets: ReadonlySet<Socket>,
  unlock: () => void,
): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      parts.outbound.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
      parts.store.close();
      unlock();
    })();
    return closing;
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const emit = createEmit(options);
  const { store, unlock } = openLockedStore(options.dataDir);
  const parts = createParts(options, store, emit);
  const adminKey = randomBytes(16).toString('hex');
  const handle = createHandle(parts, adminKey);
  const { server, sockets } = createServer(parts, adminKey, () => sandbox);

  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    store.close();
    unlock();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  parts.live.baseUrl = baseUrl;

  if (parts.meta.get('seed') === undefined) {
    try {
      seedOrg(parts, options.seed ?? 'default');
    } catch (error) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      unlock();
      throw error;
    }
  }

  const sandbox: Sandbox = {
    ...handle,
    url: baseUrl,
    urls: { accounts: baseUrl, api: baseUrl, desk: baseUrl },
    env: clientEnv(parts, adminKey),
    close: createClose(parts, server, sockets, unlock),
  };
  return sandbox;
}
