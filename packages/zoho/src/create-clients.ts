import { fileTokenCache } from './auth/file-token-cache.js';
import {
  DEFAULT_TOKEN_LIMITS,
  type TokenInfo,
  type TokenLimits,
  TokenManager,
  type TokenManagerOptions,
} from './auth/token-manager.js';
import { type BooksClient, createBooksClient } from './books/index.js';
import { type Clock, systemClock } from './budget/clock.js';
import {
  booksRateBudget,
  DEFAULT_EDITIONS,
  defaultBudget,
  type Editions,
  type ProductBudget,
} from './budget/defaults.js';
import { RateBudget } from './budget/rate-budget.js';
import type { ZohoConfig } from './config/load-config.js';
import { type CrmClient, createCrmClient } from './crm/index.js';
import { createDeskClient, type DeskClient } from './desk/index.js';
import type { ZohoProduct } from './errors/zoho-error.js';
import type { OnZohoEvent } from './events.js';
import type { ProductContext } from './product-context.js';
import { createHttpClient, DEFAULT_HTTP_OPTIONS, type HttpOptions } from './transport/http-client.js';
import {
  DEFAULT_RETRY,
  ProductTransport,
  type ProductTransportOptions,
  type RetryOptions,
} from './transport/product-transport.js';

/** Options of `createZohoClients`; every field has a default. */
export interface ZohoClientOptions {
  /** Receives `ZohoEvent`s (requests, retries, rate limits, token refreshes). Default: drop them. */
  onEvent?: OnZohoEvent;
  /**
   * The org's editions, which set the default concurrency caps. Default: the config's (`ZOHO_CRM_EDITION`…), else
   * CRM/Desk Enterprise, Books paid.
   */
  editions?: Partial<Editions>;
  /** Per-product overrides of the rate budget (concurrency, requests per minute, burst). */
  budgets?: Partial<Record<ZohoProduct, Partial<ProductBudget>>>;
  retry?: Partial<RetryOptions>;
  http?: Partial<HttpOptions>;
  tokenLimits?: Partial<TokenLimits>;
  /**
   * Share the access token with every zlc process on this machine through a cache file in this folder (made 0700;
   * files 0600, keyed by the client id and a hash of the refresh token, holding neither): one token for all of them
   * while it lives, one token request at a time, and Zoho's token limits counted across them. The CLI passes
   * `<state dir>/tokens`. Default: the token lives in this run only.
   */
  tokenCacheDir?: string;
  /** Time source (tests). Default: the system clock. */
  clock?: Clock;
  /** Random source for backoff jitter (tests). Default: Math.random. */
  random?: () => number;
}

export interface ZohoClients {
  crm: CrmClient;
  books: BooksClient;
  desk: DeskClient;
  /** The rate budget per product (concurrency cap, observed peak in flight). */
  budgets: Readonly<Record<ZohoProduct, RateBudget>>;
  /** The org's editions these clients were sized for (`ZOHO_CRM_EDITION`…): plan checks the edition's limits. */
  editions: Readonly<Editions>;
  /** How many token requests this run sent that may have reached Zoho (a token from the shared cache costs none). */
  tokenRequests(): number;
  /**
   * The access token this run holds, as times only (never the token): `token.info()` without a call, `token.ensure()`
   * getting one the way any call would (from the cache, or from Zoho within its limits) — for readiness checks.
   */
  token: { info(): TokenInfo | undefined; ensure(): Promise<TokenInfo> };
  /** Destroys the keep-alive sockets. Call it when the run ends. */
  close(): void;
}

/** The rate budget overrides the config sets (`ZOHO_BOOKS_REQUESTS_PER_MINUTE`…): Books only. */
function budgetsFromConfig(config: ZohoConfig): Partial<Record<ZohoProduct, Partial<ProductBudget>>> {
  return {
    books: {
      ...(config.booksRequestsPerMinute === undefined ? {} : booksRateBudget(config.booksRequestsPerMinute)),
      ...(config.booksRequestsPerDay === undefined ? {} : { perDay: config.booksRequestsPerDay }),
    },
  };
}

/** The run's one token holder, sharing its token through a cache file when `tokenCacheDir` is set. */
function createTokenManager(
  config: ZohoConfig,
  options: ZohoClientOptions,
  http: TokenManagerOptions['http'],
  clock: Clock,
  onEvent: OnZohoEvent,
  retry: RetryOptions,
): TokenManager {
  return new TokenManager({
    http,
    config,
    clock,
    onEvent,
    limits: { ...DEFAULT_TOKEN_LIMITS, ...options.tokenLimits },
    backoff: retry.backoff,
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.tokenCacheDir === undefined
      ? {}
      : {
          cache: fileTokenCache({
            dir: options.tokenCacheDir,
            clientId: config.clientId,
            refreshToken: config.refreshToken,
          }),
        }),
  });
}

/**
 * The Zoho clients of one run: one axios instance with keep-alive agents, one token holder, and one rate budget
 * per product. No module-level state: two runs share a token only through `tokenCacheDir`, never a limiter.
 */
export function createZohoClients(config: ZohoConfig, options: ZohoClientOptions = {}): ZohoClients {
  const onEvent: OnZohoEvent = options.onEvent ?? (() => {});
  const clock = options.clock ?? systemClock;
  const editions: Editions = { ...DEFAULT_EDITIONS, ...config.editions, ...options.editions };
  const fromConfig = budgetsFromConfig(config);
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const http = createHttpClient({ ...DEFAULT_HTTP_OPTIONS, ...options.http });
  const tokens = createTokenManager(config, options, http.axios, clock, onEvent, retry);
  const budgetOf = (product: ZohoProduct) =>
    new RateBudget({
      product,
      budget: { ...defaultBudget(product, editions), ...fromConfig[product], ...options.budgets?.[product] },
      clock,
      onEvent,
      backoff: retry.backoff,
      random: options.random,
    });
  const budgets = { crm: budgetOf('crm'), books: budgetOf('books'), desk: budgetOf('desk') };
  const context = (
    product: ZohoProduct,
    baseUrl: string,
    extra: Pick<ProductTransportOptions, 'defaultQuery' | 'defaultHeaders'> = {},
  ): ProductContext => ({
    clock,
    onEvent,
    backoff: retry.backoff,
    transport: new ProductTransport({
      product,
      baseUrl,
      http: http.axios,
      tokens,
      budget: budgets[product],
      clock,
      onEvent,
      retry,
      random: options.random,
      ...extra,
    }),
  });
  return {
    crm: createCrmClient(context('crm', `${config.apiUrl}/crm/v8`)),
    books: createBooksClient(
      context('books', `${config.apiUrl}/books/v3`, { defaultQuery: { organization_id: config.booksOrgId } }),
    ),
    desk: createDeskClient(
      context('desk', `${config.deskUrl}/api/v1`, { defaultHeaders: { orgId: config.deskOrgId } }),
    ),
    budgets,
    editions,
    tokenRequests: () => tokens.refreshCount,
    token: {
      info: () => tokens.info(),
      ensure: async () => {
        await tokens.get();
        const info = tokens.info();
        if (info === undefined) throw new Error('the access token was refused as soon as it was issued');
        return info;
      },
    },
    close: () => http.close(),
  };
}
