/**
 * The webhook endpoint: `POST /hooks/crm/<handoff>` (CRM workflow webhooks, secret in `X-Zlc-Secret`),
 * `GET|POST /hooks/desk/<handoff>?zt=<token>` (Desk webhooks and their validation GET; the token is the handoff's
 * `deskHookToken` of the secret), `POST /hooks/books/<handoff>` (Books invoice webhooks, an admin's manual step; the
 * handoff's `booksHookToken` in `X-Zlc-Token` or `zt`; `books-hook.ts`), and the operations endpoints
 * `GET /healthz`, `/readyz`, `/metrics` (`ops/ops-routes.ts`). The conventions are `@zlc/model`'s runtime-hook contract.
 * It authenticates, bounds and parses the body, checks that the records exist (one read per distinct record, all
 * under one deadline, handed on to the worker), records the events in the ledger and answers 202 at once; the
 * worker does the rest. Refusals change nothing: 401 wrong or missing secret, 404 unknown route (a malformed escape
 * in the path too, before the secret is looked at), handoff or record, 405 wrong method, 400 malformed body, 413
 * body too large or a batch naming too many tickets, 503 when Zoho cannot be asked whether a record exists.
 * The server bounds what a sender can hold: headers and the whole request have timeouts, and connections a cap.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  BOOKS_TOKEN_HEADER,
  booksHookToken,
  CRM_SECRET_HEADER,
  DESK_TOKEN_PARAM,
  deskHookToken,
  type ResolvedHandoff,
  type ResolvedModel,
  triggerHandoffs,
} from '@zlc/model';
import { isZohoError, type ZohoClients, ZohoNotFoundError } from '@zlc/zoho';
import type { Rec } from '../evaluate/snapshot.js';
import type { OnFlowEvent } from '../events.js';
import type { Ledger } from '../ledger/ledger.js';
import { isOpsPath, type OpsEndpoints, opsHandler } from '../ops/ops-routes.js';
import { recordVersion } from '../steps/run-handoff.js';
import { transitionOf } from '../transition.js';
import { invoiceOffer, parseBooksBody, readInvoice } from './books-hook.js';
import { distinctTickets, parseCrmBody, parseDeskBody } from './parse-events.js';
import { readBody } from './read-body.js';
import { secretMatches } from './secret.js';
import { verifyRecords } from './verify-records.js';

/** Webhook bodies are a few hundred bytes; 64 KB leaves room for a large Desk batch. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** The budget for checking that the records of one request exist (all of them together). */
export const DEFAULT_VERIFY_TIMEOUT_MS = 2_000;
/** Distinct tickets one Desk request may name; more is refused (413) rather than read one by one. */
export const MAX_BATCH_RECORDS = 100;
/** Records read at once while checking a batch. */
const VERIFY_CONCURRENCY = 4;

export interface IntakeOptions {
  model: ResolvedModel;
  ledger: Ledger;
  clients: ZohoClients;
  /** The shared secret apply provisioned; without one every hook is refused. */
  secret: string | undefined;
  maxBodyBytes?: number;
  onEvent?: OnFlowEvent;
  /** Called with each accepted event (the worker's prefetch and wake-up). */
  onAccepted?: (handoff: string, recordId: string, record: Rec | undefined) => void;
  /**
   * How long intake waits, for the whole request, for Zoho to confirm the records exist (default 2 s) before
   * accepting the rest without the check; Desk wants an answer within 5 s.
   */
  verifyTimeoutMs?: number;
  /** What `/readyz` and `/metrics` answer from; without them only `/healthz` is served. */
  ops?: OpsEndpoints;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function fetchRecord(clients: ZohoClients, handoff: ResolvedHandoff, id: string): Promise<Rec | undefined> {
  try {
    if (handoff.trigger.on === 'record_enters_stage') return await clients.crm.records.get(handoff.trigger.module, id);
    return await clients.desk.tickets.get(id);
  } catch (error) {
    if (error instanceof ZohoNotFoundError) return undefined;
    // CRM answers a malformed id with 400 INVALID_DATA: for the sender that record does not exist either.
    if (isZohoError(error) && error.kind === 'rejected') return undefined;
    throw error;
  }
}

type HookProduct = 'crm' | 'desk' | 'books';

/** A hook path: `…/hooks/<product>/<handoff>`, the handoff id decoded; undefined for anything else (a bad escape too). */
function hookRoute(path: string): { product: HookProduct; handoffId: string } | undefined {
  const match = /^(?:.*)\/hooks\/(crm|desk|books)\/([^/]+)$/.exec(path);
  if (match === null) return undefined;
  try {
    return { product: match[1] as HookProduct, handoffId: decodeURIComponent(match[2] ?? '') };
  } catch {
    return undefined;
  }
}

/** The product whose webhooks feed a handoff's trigger. */
function hookProductOf(handoff: ResolvedHandoff): HookProduct | undefined {
  if (handoff.trigger.on === 'record_enters_stage') return 'crm';
  if (handoff.trigger.on === 'ticket_event') return 'desk';
  // A Books webhook feeds only a handoff whose model asks for one; the others are polled only.
  return handoff.trigger.webhook ? 'books' : undefined;
}

/** What the request offers as proof (CRM: the secret header; Desk: `zt`; Books: `X-Zlc-Token`, else `zt`). */
function givenToken(product: HookProduct, req: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return typeof value === 'string' ? value : undefined;
  };
  if (product === 'crm') return header(CRM_SECRET_HEADER);
  if (product === 'books') return header(BOOKS_TOKEN_HEADER) ?? query.get(DESK_TOKEN_PARAM) ?? undefined;
  return query.get(DESK_TOKEN_PARAM) ?? undefined;
}

function expectedToken(product: HookProduct, secret: string, handoffId: string): string {
  if (product === 'crm' || secret === '') return secret;
  return product === 'books' ? booksHookToken(secret, handoffId) : deskHookToken(secret, handoffId);
}

type Refuse = (status: number, reason: string) => void;
type Ids = { id: string; version?: string }[];

/** The records a body names, or a refusal already sent. */
function idsOf(
  handoff: ResolvedHandoff,
  text: string,
  contentType: string | undefined,
  refuse: Refuse,
): Ids | undefined {
  if (handoff.trigger.on === 'record_enters_stage') {
    const parsed = parseCrmBody(text, contentType);
    if (!parsed.ok) return void refuse(400, parsed.message);
    if (parsed.value.module !== undefined && parsed.value.module !== handoff.trigger.module)
      return void refuse(400, `module ${parsed.value.module} is not ${handoff.trigger.module}`);
    return [{ id: parsed.value.id }];
  }
  if (handoff.trigger.on !== 'ticket_event') return void refuse(404, `handoff ${handoff.id} is polled, not hooked`);
  const parsed = parseDeskBody(text, handoff.trigger.events);
  if (!parsed.ok) return void refuse(400, parsed.message);
  const tickets = distinctTickets(parsed.value);
  if (tickets.length > MAX_BATCH_RECORDS)
    return void refuse(
      413,
      `the batch names ${tickets.length} tickets; at most ${MAX_BATCH_RECORDS} are read per request`,
    );
  return tickets.map((e) => ({ id: e.ticketId, ...(e.modifiedTime ? { version: e.modifiedTime } : {}) }));
}

export function createIntakeHandler(options: IntakeOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const emit = options.onEvent ?? (() => {});
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const serveOps = opsHandler(options.ops ?? {});

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = pathOf(req.url);
    const refuse: Refuse = (status, reason) => {
      emit({ type: 'intake_refused', status, reason, path: path ?? '' });
      send(res, status, { error: reason });
    };
    if (isOpsPath(path)) return serveOps(path, req, res);
    const route = path === undefined ? undefined : hookRoute(path);
    if (route === undefined) return refuse(404, 'no such endpoint');
    const { product, handoffId } = route;
    const secret = options.secret ?? '';
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (!secretMatches(expectedToken(product, secret, handoffId), givenToken(product, req, query)))
      return refuse(401, 'missing or wrong webhook secret');
    const handoff = triggerHandoffs(options.model).find((h) => h.id === handoffId);
    if (handoff === undefined || hookProductOf(handoff) !== product)
      return refuse(404, `no ${product} handoff named ${handoffId}`);
    if (product === 'desk' && req.method === 'GET') return send(res, 200, { ok: true });
    if (req.method !== 'POST') return refuse(405, 'use POST');
    const body = await readBody(req, maxBody);
    if (!body.ok) {
      if (body.reason === 'too_large') res.setHeader('connection', 'close');
      return refuse(body.reason === 'too_large' ? 413 : 400, `body ${body.reason.replace('_', ' ')}`);
    }
    if (product === 'books') return booksEvent(options, handoff, body.text, req.headers['content-type'], refuse, res);
    const ids = idsOf(handoff, body.text, req.headers['content-type'], refuse);
    if (ids === undefined) return;
    const checked = await verifyRecords(
      ids.map((i) => i.id),
      {
        read: (id) => fetchRecord(options.clients, handoff, id),
        budgetMs: options.verifyTimeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS,
        concurrency: VERIFY_CONCURRENCY,
      },
    );
    const problem = checked.find((c) => c.outcome === 'missing' || c.outcome === 'error');
    if (problem?.outcome === 'error') return refuse(503, `cannot check record ${problem.id} now: ${problem.message}`);
    if (problem !== undefined) return refuse(404, `record ${problem.id} does not exist`);
    // Zoho slow to answer: accept now (senders give up after a few seconds); the worker's own read decides.
    const results = [];
    for (const [i, { id, version: given }] of ids.entries()) {
      const check = checked[i];
      const record = check?.outcome === 'found' ? check.record : undefined;
      results.push(await offer(options, handoff, id, record === undefined ? given : recordVersion(record), record));
    }
    send(res, 202, { accepted: results });
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      emit({
        type: 'intake_refused',
        status: 500,
        reason: error instanceof Error ? error.message : 'error',
        path: req.url ?? '',
      });
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    });
  };
}

/** The path of a request target, or undefined when it is not a path (`*`, an absolute URL, nothing). */
function pathOf(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined;
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** A Books invoice webhook: the invoice it names, read from Books, offered to the ledger as the poll would offer it. */
async function booksEvent(
  options: IntakeOptions,
  handoff: ResolvedHandoff,
  text: string,
  contentType: string | undefined,
  refuse: Refuse,
  res: ServerResponse,
): Promise<void> {
  const parsed = parseBooksBody(text, contentType);
  if (!parsed.ok) return refuse(400, parsed.message);
  const budget = options.verifyTimeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const read = await readInvoice((id) => options.clients.books.invoices.get(id), parsed.value, budget);
  if (read.outcome === 'missing') return refuse(404, `invoice ${parsed.value} does not exist`);
  // Without the invoice there is no status, hence no ledger key: refuse, and let Books retry or the poll see it.
  if (read.outcome === 'unavailable') return refuse(503, `cannot read invoice ${parsed.value} now: ${read.message}`);
  const key = invoiceOffer(handoff, read.invoice);
  if ('ignored' in key) return send(res, 202, { accepted: [], ignored: key.ignored });
  // Keyed by the id Books answers with, exactly as the poll keys it.
  const id = String(read.invoice.invoice_id ?? parsed.value);
  const result = await offer(options, handoff, id, key.version, read.invoice, key.transition);
  send(res, 202, { accepted: [result] });
}

/** Records one accepted event in the ledger and tells the worker. */
async function offer(
  options: IntakeOptions,
  handoff: ResolvedHandoff,
  id: string,
  version: string | undefined,
  record: Rec | undefined,
  transition = transitionOf(handoff),
): Promise<{ id: string; entry: number; outcome: string }> {
  const result = await options.ledger.offer({
    handoff: handoff.id,
    recordId: id,
    transition,
    ...(version === undefined ? {} : { version }),
    source: 'webhook',
  });
  options.onEvent?.({
    type: 'intake_accepted',
    handoff: handoff.id,
    recordId: id,
    source: 'webhook',
    result: result.outcome,
    entryId: result.id,
  });
  if (result.outcome !== 'duplicate') options.onAccepted?.(handoff.id, id, record);
  return { id, entry: result.id, outcome: result.outcome };
}

/** How long a connection may take to send its headers, and its whole request; how many may be open at once. */
export interface IntakeLimits {
  /** Default 5 s: webhook senders send their headers at once. */
  headersTimeoutMs?: number;
  /** Default 15 s: a body of at most 64 KB; a sender trickling it holds a connection no longer. */
  requestTimeoutMs?: number;
  /** Default 256: connections past this are closed at once. */
  maxConnections?: number;
}

export const DEFAULT_INTAKE_LIMITS: Required<IntakeLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  maxConnections: 256,
};

/** Listens on `port` (0: a free one) on `host`; resolves with the server and its base URL. */
export async function startIntakeServer(
  options: IntakeOptions,
  listen: { port?: number; host?: string; limits?: IntakeLimits } = {},
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...listen.limits };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      // Node checks the two timeouts on this interval (30 s by default, which would stretch them).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 2)),
    },
    createIntakeHandler(options),
  );
  server.maxConnections = limits.maxConnections;
  const host = listen.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (listen.port ?? 0);
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
