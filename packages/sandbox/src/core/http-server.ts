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
import type { OAuthServer } from './oauth.js';
import { isHttpMethod, type ProductRouter, productFor } from './router.js';
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

export function createPipelineServer(deps: PipelineDeps): { server: Server; sockets: Set<Socket> } {
  const active: Record<Product, number> = { crm: 0, books: 0, desk: 0 };
  const activeHeavy: Record<Product, number> = { crm: 0, books: 0, desk: 0 };
  const sockets = new Set<Socket>();

  async function send(
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
      // A handler answer that cannot be sent (a body JSON cannot hold, a bad status or header): the fallback.
      if (fallback === undefined) throw error;
      deps.onEvent({
        type: 'pipeline_error',
        method: req.method ?? '',
        path: req.url ?? '',
        message: `unsendable answer: ${message(error)}`,
      });
      await send(req, res, fallback);
      return;
    }
    if (payload === undefined || req.method === 'HEAD') {
      res.end();
      return;
    }
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

  async function handleAccounts(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const plan = deps.faults.plan({ product: 'accounts', method: req.method ?? '', path: url.pathname });
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    switch (plan.outcome.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'timeout':
        return;
      case 'error':
        await send(req, res, { status: 500, body: { error: 'internal_error' } });
        return;
      case 'rate_limit':
        await send(req, res, {
          status: 400,
          body: {
            error_description: 'You have made too many requests continuously. Please try again after some time.',
            error: 'Access Denied',
            status: 'failure',
          },
        });
        return;
      case 'none':
        break;
    }
    const params = await tokenParams(url.searchParams, req.headers['content-type'], raw);
    let response: SandboxResponse;
    if (req.method !== 'POST') response = { status: 405, body: { error: 'invalid_request' } };
    else if (url.pathname === '/oauth/v2/token') response = deps.oauth.token(params);
    else response = deps.oauth.revoke(params);
    if (plan.dropAfter) {
      req.socket.destroy();
      return;
    }
    await send(req, res, response, plan.slowBody);
  }

  async function handleProduct(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    router: ProductRouter,
  ): Promise<void> {
    const { module } = router;
    const product = module.product;
    const path = url.pathname;
    const method = req.method ?? 'GET';

    const read = await readBody(req, deps.maxBodyBytes());
    if (read.kind === 'aborted') return;
    if (read.kind === 'too_large') {
      deps.stats.route(`${method} (too large)`);
      const refusal = module.errors.payloadTooLarge();
      await send(req, res, { ...refusal, headers: { ...refusal.headers, connection: 'close' } });
      return;
    }

    const match = isHttpMethod(method) ? router.match(method, path) : undefined;
    deps.stats.route(match === undefined ? `${method} ${module.prefix} (no route)` : `${method} ${match.route.path}`);
    if (match === undefined) {
      await send(req, res, module.errors.notFound());
      return;
    }
    const { route, params } = match;

    if (route.auth !== false) {
      const auth = deps.oauth.check(req.headers.authorization);
      if (!auth.ok) {
        await send(req, res, module.errors.unauthorized(auth.reason));
        return;
      }
    }

    const cost = route.cost ?? 1;
    const heavy = route.heavy === true;
    const decision = deps.limits.admit(product, cost, active[product] + 1, heavy ? activeHeavy[product] + 1 : 0);
    if (!decision.ok) {
      deps.stats.rateLimited(product);
      await send(req, res, module.errors.rateLimited(decision.kind, decision.retryAfterSeconds));
      return;
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
    res.once('close', release);
    try {
      const rateHeaders: Record<string, string> =
        product === 'desk'
          ? {
              'X-Rate-Limit-Request-Weight-v3': String(cost),
              'X-Rate-Limit-Remaining-v3': String(
                Number.isFinite(decision.remainingCredits) ? decision.remainingCredits : 1_000_000_000,
              ),
            }
          : {};

      const plan = deps.faults.plan({ product, method, path });
      if (plan.latencyMs > 0) await sleep(plan.latencyMs);
      if (plan.outcome.kind !== 'none') {
        deps.onEvent({ type: 'fault', product, method, path, fault: plan.outcome.kind });
      }
      switch (plan.outcome.kind) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'timeout':
          // Hold the socket: the client's own timeout has to fire.
          return;
        case 'error':
          await send(req, res, module.errors.internal());
          return;
        case 'rate_limit':
          await send(req, res, module.errors.rateLimited('concurrency', plan.outcome.retryAfterSeconds));
          return;
        case 'none':
          break;
      }

      const parsed = parseBody(read.raw, {
        contentType: req.headers['content-type'],
        query: url.searchParams,
        jsonString: product === 'books',
      });
      if (parsed.kind === 'invalid') {
        await send(req, res, module.errors.invalidJson());
        return;
      }
      const request: SandboxRequest = {
        method: route.method,
        path,
        params,
        query: url.searchParams,
        headers: req.headers,
        body: parsed.body,
        rawBody: read.raw,
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
      await send(
        req,
        res,
        { ...response, headers: { ...rateHeaders, ...response.headers } },
        plan.slowBody,
        module.errors.internal(),
      );
    } finally {
      if (res.writableFinished) release();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox.local');
    } catch {
      await send(req, res, { status: 400, body: { error: 'bad_request', message: 'The request URL is not valid.' } });
      return;
    }
    const path = url.pathname;
    if (path === '/oauth/v2/token' || path === '/oauth/v2/token/revoke') {
      const end = deps.stats.begin('accounts');
      res.once('close', end);
      const read = await readBody(req, deps.maxBodyBytes());
      if (read.kind === 'aborted') return;
      if (read.kind === 'too_large') {
        await send(req, res, { status: 413, body: { error: 'invalid_request' }, headers: { connection: 'close' } });
        return;
      }
      await handleAccounts(req, res, url, read.raw);
      return;
    }
    const router = productFor(deps.routers, path);
    if (router === undefined) {
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
      const answer = path.startsWith('/__sandbox/')
        ? await deps.admin(req.method ?? 'GET', url, body, req.headers)
        : undefined;
      await send(
        req,
        res,
        answer ?? { status: 404, body: { error: 'not_found', message: `No Zoho API is served at ${path}.` } },
      );
      return;
    }
    const end = deps.stats.begin(router.module.product);
    res.once('close', end);
    await handleProduct(req, res, url, router);
  }

  const server = createServer({ keepAliveTimeout: 30_000, headersTimeout: 35_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
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
