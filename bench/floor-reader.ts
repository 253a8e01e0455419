/**
 * The machine's floor for a set of reads: what the fastest possible reader on this machine would take for exactly
 * the calls a zlc run made. `recordReads` runs zlc once through a recording proxy and keeps each call (method, URL,
 * headers); `replayAtCaps` then sends them again with bare `node:http` (keep-alive, no retries, no rate budget
 * bookkeeping) in the ideal's schedule — each wave's calls queued at once under the products' concurrency caps, as
 * if the reader knew every module and id in advance — and `JSON.parse`s every answer, as any reader must.
 *
 * That is the ideal as this machine runs it. Against the same sandbox in the same run, `wall ÷ floor` is zlc's own
 * overhead, and `floor ÷ ideal` is how far the machine is from the ideal before zlc does anything: the ideal counts
 * latency rounds only, not sending, receiving and parsing.
 */
import { Agent, createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  booksRateBudget,
  CRM_HEAVY_CONCURRENCY,
  createZohoClients,
  DEFAULT_EDITIONS,
  defaultBudget,
  type ZohoConfig,
  type ZohoProduct,
} from '@zlc/zoho';

export type FloorProduct = 'crm' | 'books' | 'desk';

export interface RecordedCall {
  product: FloorProduct;
  method: string;
  /** Absolute URL on the sandbox. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `performance.now()` when the proxy received it. */
  at: number;
}

function productOf(path: string): FloorProduct | undefined {
  if (path.startsWith('/crm/')) return 'crm';
  if (path.startsWith('/books/')) return 'books';
  if (path.startsWith('/api/v1/')) return 'desk';
  return undefined;
}

/** A proxy in front of `target` that records every product call it passes on. */
async function recordingProxy(target: string, calls: RecordedCall[]) {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const product = productOf(path);
      const headers = { ...req.headers, host: upstream.host };
      if (product !== undefined)
        calls.push({ product, method: req.method ?? 'GET', url: new URL(path, upstream).href, headers, body, at });
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path, method: req.method, headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs `run` with an env whose API and Desk URLs go through recording proxies and returns the product calls it
 * made (token calls excluded). The recorded headers hold the run's access token: keep them in memory only.
 */
export async function recordReads(
  env: Record<string, string>,
  run: (env: Record<string, string>) => Promise<void>,
): Promise<RecordedCall[]> {
  const calls: RecordedCall[] = [];
  const api = await recordingProxy(env.ZOHO_API_URL as string, calls);
  const desk = await recordingProxy(env.ZOHO_DESK_URL as string, calls);
  try {
    await run({ ...env, ZOHO_API_URL: api.url, ZOHO_DESK_URL: desk.url });
  } finally {
    await api.close();
    await desk.close();
  }
  return calls;
}

/** An access token from the sandbox behind `env` (its accounts server, the env's refresh token). */
export async function accessToken(env: Record<string, string>): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: env.ZOHO_CLIENT_ID ?? '',
    client_secret: env.ZOHO_CLIENT_SECRET ?? '',
    refresh_token: env.ZOHO_REFRESH_TOKEN ?? '',
  });
  const answer = await fetch(`${env.ZOHO_ACCOUNTS_URL}/oauth/v2/token`, { method: 'POST', body: form });
  const body = (await answer.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`no access token (HTTP ${answer.status})`);
  return body.access_token;
}

/**
 * The calls recorded against one sandbox, re-aimed at another holding the same org (a copy of its data dir): its
 * API and Desk origins, and a token it issued.
 */
export function retarget(calls: readonly RecordedCall[], env: Record<string, string>, token: string): RecordedCall[] {
  return calls.map((call) => {
    const url = new URL(call.url);
    const origin = new URL(call.product === 'desk' ? (env.ZOHO_DESK_URL ?? '') : (env.ZOHO_API_URL ?? ''));
    return {
      ...call,
      url: `${origin.origin}${url.pathname}${url.search}`,
      headers: { ...call.headers, host: origin.host, authorization: `Zoho-oauthtoken ${token}` },
    };
  });
}

/** The caps a floor replay runs under: the ones zlc's clients get for `config` (their budgets). */
export function capsOf(config: ZohoConfig): Record<FloorProduct, number> {
  const probe = createZohoClients(config);
  probe.close();
  const { crm, books, desk } = probe.budgets;
  return { crm: crm.concurrency, books: books.concurrency, desk: desk.concurrency };
}

/** A product's request rate: `burst` calls back to back, then `perMinute` a minute. */
export interface FloorRate {
  burst: number;
  perMinute: number;
}

/**
 * The request rates a floor replay keeps, where Zoho limits the rate (Books): the ones zlc's clients get for
 * `config` (their budgets), as `capsOf` gives their concurrency.
 */
export function ratesOf(config: ZohoConfig): Partial<Record<FloorProduct, FloorRate>> {
  const editions = { ...DEFAULT_EDITIONS, ...config.editions };
  const out: Partial<Record<FloorProduct, FloorRate>> = {};
  for (const product of ['crm', 'books', 'desk'] as const satisfies readonly ZohoProduct[]) {
    const budget = {
      ...defaultBudget(product, editions),
      ...(product === 'books' && config.booksRequestsPerMinute !== undefined
        ? booksRateBudget(config.booksRequestsPerMinute)
        : {}),
    };
    if (budget.ratePerMinute !== undefined) out[product] = { burst: budget.burst, perMinute: budget.ratePerMinute };
  }
  return out;
}

/** A token bucket: resolves when the next call may start. */
function paced(rate: FloorRate | undefined) {
  if (rate === undefined) return async () => {};
  let tokens = rate.burst;
  let at = performance.now();
  const perMs = rate.perMinute / 60_000;
  let chain = Promise.resolve();
  return () => {
    chain = chain.then(async () => {
      const now = performance.now();
      tokens = Math.min(rate.burst, tokens + (now - at) * perMs);
      at = now;
      if (tokens < 1) {
        await new Promise((resolve) => setTimeout(resolve, Math.ceil((1 - tokens) / perMs)));
        tokens = 1;
        at = performance.now();
      }
      tokens -= 1;
    });
    return chain;
  };
}

/** A FIFO semaphore: at most `n` of the functions run at once. */
function capped(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** A CRM call that counts against CRM's heavy-call cap (the calls zlc's client marks heavy: COQL and search). */
function isHeavy(call: RecordedCall): boolean {
  if (call.product !== 'crm') return false;
  const path = new URL(call.url).pathname;
  return (call.method === 'POST' && path.endsWith('/coql')) || (call.method === 'GET' && path.endsWith('/search'));
}

/** One call with bare node:http; resolves with its status when its answer is in and parsed. */
function send(call: RecordedCall, agent: Agent): Promise<number> {
  const url = new URL(call.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: call.method,
        headers: call.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (text !== '') JSON.parse(text);
          resolve(res.statusCode ?? 0);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/**
 * Sends each wave's calls all at once, each product under its cap (CRM's heavy calls also under CRM's heavy-call
 * cap; and its rate, where `rates` gives one), the next
 * wave when the last answer of this one is in; on fresh keep-alive sockets (as a new run would have). Resolves with
 * the wall time in ms and how many calls Zoho refused (4xx/5xx): none, when the replay is faithful.
 */
export async function replayAtCaps(
  waves: readonly (readonly RecordedCall[])[],
  caps: Readonly<Record<FloorProduct, number>>,
  rates: Partial<Record<FloorProduct, FloorRate>> = {},
): Promise<{ wallMs: number; roundMs: number[]; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const capOf = (product: FloorProduct) => {
      const cap = capped(caps[product]);
      const pace = paced(rates[product]);
      return <T>(work: () => Promise<T>) =>
        cap(async () => {
          await pace();
          return work();
        });
    };
    const limits = { crm: capOf('crm'), books: capOf('books'), desk: capOf('desk') };
    // CRM's heavy calls (COQL) have their own cap within the product's, as zlc's client keeps: CRM refuses more.
    const heavy = capped(Math.min(CRM_HEAVY_CONCURRENCY, caps.crm));
    const sendOne = (call: RecordedCall) =>
      isHeavy(call) ? heavy(() => limits.crm(() => send(call, agent))) : limits[call.product](() => send(call, agent));
    let failed = 0;
    const roundMs: number[] = [];
    const started = performance.now();
    for (const calls of waves) {
      const from = performance.now();
      const statuses = await Promise.all(calls.map(sendOne));
      failed += statuses.filter((status) => status >= 400).length;
      roundMs.push(Math.round(performance.now() - from));
    }
    return { wallMs: performance.now() - started, roundMs, failed };
  } finally {
    agent.destroy();
  }
}
