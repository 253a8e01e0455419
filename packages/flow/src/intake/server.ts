/**
 * The webhook endpoint: `POST /hooks/crm/<handoff>` (CRM workflow webhooks, secret in `X-Zlc-Secret`),
 * `GET|POST /hooks/desk/<handoff>?zt=<token>` (Desk webhooks and their validation GET; the token is the handoff's
 * `deskHookToken` of the secret), `GET /healthz`. The conventions are `@zlc/model`'s runtime-hook contract.
 * It authenticates, bounds and parses the body, checks that the record exists (one read, handed on to the
 * worker), records the event in the ledger and answers 202 at once; the worker does the rest.
 * Refusals change nothing: 401 wrong or missing secret, 404 unknown route, handoff or record, 405 wrong method,
 * 400 malformed body, 413 body too large, 503 when Zoho cannot be asked whether the record exists.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  CRM_SECRET_HEADER,
  DESK_TOKEN_PARAM,
  deskHookToken,
  type ResolvedHandoff,
  type ResolvedModel,
} from '@zlc/model';
import { isZohoError, type ZohoClients, ZohoNotFoundError } from '@zlc/zoho';
import type { Rec } from '../evaluate/snapshot.js';
import type { OnFlowEvent } from '../events.js';
import type { Ledger } from '../ledger/ledger.js';
import { recordVersion } from '../steps/run-handoff.js';
import { transitionOf } from '../transition.js';
import { parseCrmBody, parseDeskBody } from './parse-events.js';
import { readBody } from './read-body.js';
import { secretMatches } from './secret.js';

/** Webhook bodies are a few hundred bytes; 64 KB leaves room for a large Desk batch. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_VERIFY_TIMEOUT_MS = 2_000;

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
   * How long intake waits for Zoho to confirm the record exists (default 2 s) before accepting without the check;
   * Desk wants an answer within 5 s.
   */
  verifyTimeoutMs?: number;
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

export function createIntakeHandler(options: IntakeOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const emit = options.onEvent ?? (() => {});
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const refuse = (res: ServerResponse, path: string, status: number, reason: string) => {
    emit({ type: 'intake_refused', status, reason, path });
    send(res, status, { error: reason });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/healthz') return send(res, 200, { ok: true });
    const match = /^(?:.*)\/hooks\/(crm|desk)\/([^/]+)$/.exec(path);
    if (match === null) return refuse(res, path, 404, 'no such endpoint');
    const product = match[1] as 'crm' | 'desk';
    const handoffId = decodeURIComponent(match[2] ?? '');
    const secret = options.secret ?? '';
    const given =
      product === 'crm' ? req.headers[CRM_SECRET_HEADER.toLowerCase()] : url.searchParams.get(DESK_TOKEN_PARAM);
    const expected = product === 'crm' || secret === '' ? secret : deskHookToken(secret, handoffId);
    if (!secretMatches(expected, typeof given === 'string' ? given : undefined))
      return refuse(res, path, 401, 'missing or wrong webhook secret');
    const handoff = options.model.handoffs.find((h) => h.id === handoffId);
    const wantsCrm = handoff?.trigger.on === 'record_enters_stage';
    if (handoff === undefined || wantsCrm !== (product === 'crm'))
      return refuse(res, path, 404, `no ${product} handoff named ${handoffId}`);
    if (product === 'desk' && req.method === 'GET') return send(res, 200, { ok: true });
    if (req.method !== 'POST') return refuse(res, path, 405, 'use POST');
    const body = await readBody(req, maxBody);
    if (!body.ok) {
      if (body.reason === 'too_large') res.setHeader('connection', 'close');
      return refuse(res, path, body.reason === 'too_large' ? 413 : 400, `body ${body.reason.replace('_', ' ')}`);
    }
    const ids: { id: string; version?: string }[] = [];
    if (handoff.trigger.on === 'record_enters_stage') {
      const parsed = parseCrmBody(body.text, req.headers['content-type']);
      if (!parsed.ok) return refuse(res, path, 400, parsed.message);
      if (parsed.value.module !== undefined && parsed.value.module !== handoff.trigger.module)
        return refuse(res, path, 400, `module ${parsed.value.module} is not ${handoff.trigger.module}`);
      ids.push({ id: parsed.value.id });
    } else {
      const parsed = parseDeskBody(body.text, handoff.trigger.events);
      if (!parsed.ok) return refuse(res, path, 400, parsed.message);
      for (const e of parsed.value)
        ids.push({ id: e.ticketId, ...(e.modifiedTime ? { version: e.modifiedTime } : {}) });
    }
    const records: { id: string; record?: Rec; version?: string }[] = [];
    const budget = options.verifyTimeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
    for (const { id, version } of ids) {
      let record: Rec | undefined | 'late';
      try {
        record = await Promise.race([
          fetchRecord(options.clients, handoff, id),
          new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), budget).unref()),
        ]);
      } catch (error) {
        const why = error instanceof Error ? error.message : 'error';
        return refuse(res, path, 503, `cannot check record ${id} now: ${why}`);
      }
      if (record === undefined) return refuse(res, path, 404, `record ${id} does not exist`);
      // Zoho slow to answer: accept now (senders give up after a few seconds); the worker's own read decides.
      records.push(record === 'late' ? { id, ...(version ? { version } : {}) } : { id, record });
    }
    const results = [];
    for (const { id, record, version: given } of records) {
      const version = record === undefined ? given : recordVersion(record);
      const result = await options.ledger.offer({
        handoff: handoff.id,
        recordId: id,
        transition: transitionOf(handoff),
        ...(version === undefined ? {} : { version }),
        source: 'webhook',
      });
      emit({
        type: 'intake_accepted',
        handoff: handoff.id,
        recordId: id,
        source: 'webhook',
        result: result.outcome,
        entryId: result.id,
      });
      if (result.outcome !== 'duplicate') options.onAccepted?.(handoff.id, id, record);
      results.push({ id, entry: result.id, outcome: result.outcome });
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

/** Listens on `port` (0: a free one) on `host`; resolves with the server and its base URL. */
export async function startIntakeServer(
  options: IntakeOptions,
  listen: { port?: number; host?: string } = {},
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(createIntakeHandler(options));
  server.keepAliveTimeout = 5_000;
  const host = listen.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (listen.port ?? 0);
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
