/**
 * The sandbox's HTTP pipeline on one loopback port: the accounts server (`/oauth/v2/...`), the product route
 * tables (by prefix), and the knobs (`/__sandbox/...`). Per product request:
 * body (capped) → route → auth → limits → injected faults → JSON parse → precheck → handler → answer.
 * Nothing a client sends may crash it: a handler that throws is answered with the product's `internal()`.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { parseBody, readBody } from './body.js';
import type { FaultPlan, Faults } from './faults.js';
import { JsonBody } from './json-body.js';
import type { LimitTracker } from './limits.js';
import { type OAuthServer, TOO_MANY_REQUESTS } from './oauth.js';
import { isHttpMethod, type ProductRouter, productFor, type RouteMatch } from './router.js';
import type { StatsTracker } from './stats.js';
import { tokenParams } from './token-form.js';
import type { Product, SandboxContext, SandboxRequest, SandboxResponse } from './types.js';

export type ServerEvent =
  | { type: 'handler_error'; product: Product; method: string; path: string; message: string }
  | { type: 'fault'; product: Product | 'accounts'; method: string; path: string; fault: string }
  | { type: 'pipeline_error'; method: string; path: string; message: string };

/** Answers a request outside the products and the accounts server, or returns undefined for a plain 404. */
export type AdminHandler = (
  method: string,
  url: URL,
  body: unknown,
  headers: IncomingHttpHeaders,
) => SandboxResponse | Promise<SandboxResponse> | undefined;

export interface PipelineDeps {
  routers: readonly ProductRouter[];
  context: () => SandboxContext;
  oauth: OAuthServer;
  limits: LimitTracker;
  faults: Faults;
  stats: StatsTracker;
  maxBodyBytes: () => number;
  admin: AdminHandler;
  onEvent: (event: ServerEvent) => void;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The pipeline's state: its dependencies and the requests in flight per product (for the concurrency limits). */
interface Pipeline {
  deps: PipelineDeps;
  active: Record<Product, number>;
  activeHeavy: Record<Product, number>;
}

export function createPipelineServer(deps: PipelineDeps): { server: Server; sockets: Set<Socket> } {
  const pipeline: Pipeline = {
    deps,
    active: { crm: 0, books: 0, desk: 0 },
    activeHeavy: { crm: 0, books: 0, desk: 0 },
  };
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 30_000, headersTimeout: 35_000 }, (req, res) => {
    handle(pipeline, req, res).catch((error: unknown) => {
      // Last resort: the pipeline itself failed. Answer if we still can and keep serving.
      deps.onEvent({ type: 'pipeline_error', method: req.method ?? '', path: req.url ?? '', message: message(error) });
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': JSON_TYPE });
        res.end(JSON.stringify({ error: 'internal_error' }));
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return { server, sockets };
}

/** Writes `response`; when it cannot be sent (a body JSON cannot hold, a bad status or header), `fallback`. */
async function send(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  response: SandboxResponse,
  slow?: FaultPlan['slowBody'],
  fallback?: SandboxResponse,
): Promise<void> {
  if (res.destroyed || res.headersSent) return;
  let payload: Buffer | undefined;
  const headers: Record<string, string | number> = { ...response.headers };
  try {
    if (response.body instanceof JsonBody) payload = response.body.bytes;
    else {
      const text = response.body === undefined ? undefined : JSON.stringify(response.body);
      payload = text === undefined ? undefined : Buffer.from(text, 'utf8');
    }
    if (payload !== undefined) {
      headers['content-type'] ??= JSON_TYPE;
      headers['content-length'] = payload.length;
    }
    res.writeHead(response.status, headers);
  } catch (error) {
    if (fallback === undefined) throw error;
    deps.onEvent({
      type: 'pipeline_error',
      method: req.method ?? '',
      path: req.url ?? '',
      message: `unsendable answer: ${message(error)}`,
    });
    await send(deps, req, res, fallback);
    return;
  }
  if (payload === undefined || req.method === 'HEAD') res.end();
  else await writePayload(res, payload, slow);
}

/** The body at once, or dribbled in chunks when a `slow_body` fault says so. */
async function writePayload(res: ServerResponse, payload: Buffer, slow: FaultPlan['slowBody']): Promise<void> {
  if (slow === undefined) {
    res.end(payload);
    return;
  }
  for (let offset = 0; offset < payload.length; offset += slow.bytesPerChunk) {
    if (res.destroyed) return;
    res.write(payload.subarray(offset, offset + slow.bytesPerChunk));
    await sleep(slow.intervalMs);
  }
  res.end();
}

/**
 * Carries out a fault that stands in for the answer (drop, timeout, error, rate limit) and returns true, or returns
 * false when the request goes on.
 */
async function injectFault(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  outcome: FaultPlan['outcome'],
  answers: { error: () => SandboxResponse; rateLimited: (retryAfterSeconds: number | undefined) => SandboxResponse },
): Promise<boolean> {
  switch (outcome.kind) {
    case 'drop':
      req.socket.destroy();
      return true;
    case 'timeout':
      // Hold the socket: the client's own timeout has to fire.
      return true;
    case 'error':
      await send(deps, req, res, answers.error());
      return true;
    case 'rate_limit':
      await send(deps, req, res, answers.rateLimited(outcome.retryAfterSeconds));
      return true;
    case 'none':
      return false;
  }
}

async function handle(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps } = pipeline;
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sandbox.local');
  } catch {
    await send(deps, req, res, {
      status: 400,
      body: { error: 'bad_request', message: 'The request URL is not valid.' },
    });
    return;
  }
  const path = url.pathname;
  if (path === '/oauth/v2/token' || path === '/oauth/v2/token/revoke') {
    const end = deps.stats.begin('accounts');
    res.once('close', end);
    const read = await readBody(req, deps.maxBodyBytes());
    if (read.kind === 'aborted') return;
    if (read.kind === 'too_large') {
      await send(deps, req, res, { status: 413, body: { error: 'invalid_request' }, headers: { connection: 'close' } });
      return;
    }
    await handleAccounts(deps, req, res, url, read.raw);
    return;
  }
  const router = productFor(deps.routers, path);
  if (router === undefined) {
    await handleOther(deps, req, res, url);
    return;
  }
  const end = deps.stats.begin(router.module.product);
  res.once('close', end);
  await handleProduct(pipeline, req, res, url, router);
}

async function handleAccounts(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
): Promise<void> {
  const plan = deps.faults.plan({ product: 'accounts', method: req.method ?? '', path: url.pathname });
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);
  const faulted = await injectFault(deps, req, res, plan.outcome, {
    error: () => ({ status: 500, body: { error: 'internal_error' } }),
    rateLimited: () => ({ status: 400, body: TOO_MANY_REQUESTS }),
  });
  if (faulted) return;
  const params = await tokenParams(url.searchParams, req.headers['content-type'], raw);
  let response: SandboxResponse;
  if (req.method !== 'POST') response = { status: 405, body: { error: 'invalid_request' } };
  else if (url.pathname === '/oauth/v2/token') response = deps.oauth.token(params);
  else response = deps.oauth.revoke(params);
  if (plan.dropAfter) {
    req.socket.destroy();
    return;
  }
  await send(deps, req, res, response, plan.slowBody);
}

/** A path outside the products and the accounts server: the knobs under `/__sandbox/`, else a 404. */
async function handleOther(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const read = await readBody(req, deps.maxBodyBytes());
  if (read.kind === 'aborted') return;
  let body: unknown;
  if (read.kind === 'ok' && read.raw.length > 0) {
    try {
      body = JSON.parse(read.raw.toString('utf8')) as unknown;
    } catch {
      body = undefined;
    }
  }
  const path = url.pathname;
  const answer = path.startsWith('/__sandbox/')
    ? await deps.admin(req.method ?? 'GET', url, body, req.headers)
    : undefined;
  await send(
    deps,
    req,
    res,
    answer ?? { status: 404, body: { error: 'not_found', message: `No Zoho API is served at ${path}.` } },
  );
}

/** Product request, up to admission: body, route, auth. The admitted request goes on in `serveAdmitted`. */
async function handleProduct(
  pipeline: Pipeline,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  router: ProductRouter,
): Promise<void> {
  const { deps } = pipeline;
  const { module } = router;
  const method = req.method ?? 'GET';
  const read = await readBody(req, deps.maxBodyBytes());
  if (read.kind === 'aborted') return;
  if (read.kind === 'too_large') {
    deps.stats.route(`${method} (too large)`);
    const refusal = module.errors.payloadTooLarge();
    await send(deps, req, res, { ...refusal, headers: { ...refusal.headers, connection: 'close' } });
    return;
  }
  const match = isHttpMethod(method) ? router.match(method, url.pathname) : undefined;
  deps.stats.route(match === undefined ? `${method} ${module.prefix} (no route)` : `${method} ${match.route.path}`);
  if (match === undefined) {
    await send(deps, req, res, module.errors.notFound());
    return;
  }
  if (match.route.auth !== false) {
    const auth = deps.oauth.check(req.headers.authorization);
    if (!auth.ok) {
      await send(deps, req, res, module.errors.unauthorized(auth.reason));
      return;
    }
  }
  const admission = admit(pipeline, router, match);
  if (!admission.ok) {
    await send(deps, req, res, admission.refusal);
    return;
  }
  res.once('close', admission.release);
  try {
    await serveAdmitted(deps, req, res, url, router, match, read.raw, admission.rateHeaders);
  } finally {
    if (res.writableFinished) admission.release();
  }
}

type Admission =
  | { ok: false; refusal: SandboxResponse }
  | { ok: true; release: () => void; rateHeaders: Record<string, string> };

/** Charges the call against the product's limits and counts it in flight until `release` (idempotent). */
function admit(pipeline: Pipeline, router: ProductRouter, match: RouteMatch): Admission {
  const { deps, active, activeHeavy } = pipeline;
  const { module } = router;
  const product = module.product;
  const cost = match.route.cost ?? 1;
  const heavy = match.route.heavy === true;
  const decision = deps.limits.admit(product, cost, active[product] + 1, heavy ? activeHeavy[product] + 1 : 0);
  if (!decision.ok) {
    deps.stats.rateLimited(product);
    return { ok: false, refusal: module.errors.rateLimited(decision.kind, decision.retryAfterSeconds) };
  }
  active[product]++;
  if (heavy) activeHeavy[product]++;
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      active[product]--;
      if (heavy) activeHeavy[product]--;
    }
  };
  const rateHeaders: Record<string, string> =
    product === 'desk'
      ? {
          'X-Rate-Limit-Request-Weight-v3': String(cost),
          'X-Rate-Limit-Remaining-v3': String(
            Number.isFinite(decision.remainingCredits) ? decision.remainingCredits : 1_000_000_000,
          ),
        }
      : {};
  return { ok: true, release, rateHeaders };
}

/** An admitted product request: injected faults → JSON parse → precheck → handler → answer. */
async function serveAdmitted(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  router: ProductRouter,
  match: RouteMatch,
  raw: Buffer,
  rateHeaders: Record<string, string>,
): Promise<void> {
  const { module } = router;
  const product = module.product;
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const plan = deps.faults.plan({ product, method, path });
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);
  if (plan.outcome.kind !== 'none') deps.onEvent({ type: 'fault', product, method, path, fault: plan.outcome.kind });
  const faulted = await injectFault(deps, req, res, plan.outcome, {
    error: () => module.errors.internal(),
    rateLimited: (retryAfterSeconds) => module.errors.rateLimited('concurrency', retryAfterSeconds),
  });
  if (faulted) return;
  const parsed = parseBody(raw, {
    contentType: req.headers['content-type'],
    query: url.searchParams,
    jsonString: product === 'books',
  });
  if (parsed.kind === 'invalid') {
    await send(deps, req, res, module.errors.invalidJson());
    return;
  }
  const { route, params } = match;
  const request: SandboxRequest = {
    method: route.method,
    path,
    params,
    query: url.searchParams,
    headers: req.headers,
    body: parsed.body,
    rawBody: raw,
  };
  const ctx = deps.context();
  let response: SandboxResponse;
  try {
    response = module.precheck?.(request, ctx) ?? (await route.handler(request, ctx));
  } catch (error) {
    deps.onEvent({ type: 'handler_error', product, method, path, message: message(error) });
    response = module.errors.internal();
  }
  if (plan.dropAfter) {
    deps.onEvent({ type: 'fault', product, method, path, fault: 'drop_after' });
    req.socket.destroy();
    return;
  }
  const answer = { ...response, headers: { ...rateHeaders, ...response.headers } };
  await send(deps, req, res, answer, plan.slowBody, module.errors.internal());
}
