/**
 * Bad input at the webhook endpoint is refused with the right status and changes nothing in the ledger.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FlowEvent, MAX_BATCH_RECORDS, SqliteLedger, startIntakeServer } from '@zlc/flow';
import { deskHookToken, type ResolvedModel } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { collect, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, rootModel } from './support/flow-world.js';

const SECRET = 'intake-secret';
let sandbox: Sandbox;
let clients: ZohoClients;
let model: ResolvedModel;
let ledger: SqliteLedger;
let intake: Awaited<ReturnType<typeof startIntakeServer>>;
let dir: string;
let dealId: string;
let ticketId: string;
const events: FlowEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  clients = clientsFor(sandbox.env);
  model = await rootModel();
  dir = mkdtempSync(join(tmpdir(), 'zlc-intake-'));
  ledger = new SqliteLedger(join(dir, 'flow.db'));
  intake = await startIntakeServer({
    model,
    ledger,
    clients,
    secret: SECRET,
    maxBodyBytes: 4096,
    onEvent: (e) => events.push(e),
  });
  const [deal] = await collect(clients.crm.records.list('Deals', { fields: ['Deal_Name'] }));
  dealId = deal?.id ?? '';
  const [ticket] = await collect(clients.desk.tickets.list());
  ticketId = ticket?.id ?? '';
});
afterAll(async () => {
  await intake.close();
  await ledger.close();
  clients.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function crmHook(handoff: string, body: string, headers: Record<string, string> = { 'x-zlc-secret': SECRET }) {
  return fetch(`${intake.url}/hooks/crm/${handoff}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

function deskHook(handoff: string, body: string, secret = SECRET) {
  const query = secret === '' ? '' : `?zt=${deskHookToken(secret, handoff)}`;
  return fetch(`${intake.url}/hooks/desk/${handoff}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

describe('the webhook endpoint', () => {
  it('refuses a missing or wrong secret with 401', async () => {
    const form = `handoff=won-deal-to-books&id=${dealId}&module=Deals`;
    expect((await crmHook('won-deal-to-books', form, {})).status).toBe(401);
    expect((await crmHook('won-deal-to-books', form, { 'x-zlc-secret': 'nope' })).status).toBe(401);
    expect((await deskHook('tickets-to-crm', '[]', '')).status).toBe(401);
    expect((await deskHook('tickets-to-crm', '[]', `${SECRET}x`)).status).toBe(401);
    const post = (query: string) =>
      fetch(`${intake.url}/hooks/desk/tickets-to-crm?${query}`, { method: 'POST', body: '[]' });
    // The raw secret is not a Desk token, and one handoff's token does not open another's endpoint.
    expect((await post(`zt=${SECRET}`)).status).toBe(401);
    expect((await post(`zt=${deskHookToken(SECRET, 'won-deal-to-desk')}`)).status).toBe(401);
  });

  it('refuses malformed bodies with 400', async () => {
    expect((await crmHook('won-deal-to-books', 'handoff=won-deal-to-books')).status).toBe(400);
    expect((await crmHook('won-deal-to-books', 'id=../../etc')).status).toBe(400);
    expect((await deskHook('tickets-to-crm', '{not json')).status).toBe(400);
    expect((await deskHook('tickets-to-crm', '{"eventType":"Ticket_Add"}')).status).toBe(400);
  });

  it('refuses an oversized body with 413', async () => {
    const big = `id=${dealId}&pad=${'x'.repeat(10_000)}`;
    expect((await crmHook('won-deal-to-books', big)).status).toBe(413);
  });

  it('refuses an unknown handoff, or one of the other product, with 404', async () => {
    expect((await crmHook('no-such-handoff', `id=${dealId}`)).status).toBe(404);
    expect((await crmHook('tickets-to-crm', `id=${dealId}`)).status).toBe(404);
    expect((await deskHook('won-deal-to-books', '[]')).status).toBe(404);
  });

  it('refuses a record id that does not exist with 404', async () => {
    expect((await crmHook('won-deal-to-books', 'id=5725767000999999999')).status).toBe(404);
    const event = [{ eventType: 'Ticket_Add', orgId: '1', eventTime: '0', payload: { id: '189200000999999999' } }];
    expect((await deskHook('tickets-to-crm', JSON.stringify(event))).status).toBe(404);
  });

  it('has changed nothing after all those refusals', async () => {
    expect(await ledger.list()).toEqual([]);
    expect(events.filter((e) => e.type === 'intake_accepted')).toEqual([]);
  });

  it("answers Desk's validation GET, and accepts a real event with 202 once", async () => {
    const validation = await fetch(
      `${intake.url}/hooks/desk/tickets-to-crm?zt=${deskHookToken(SECRET, 'tickets-to-crm')}`,
    );
    expect(validation.status).toBe(200);
    const event = [
      {
        eventType: 'Ticket_Add',
        orgId: '1',
        eventTime: '0',
        payload: { id: ticketId, modifiedTime: '2026-01-01T00:00:00.000Z' },
      },
    ];
    expect((await deskHook('tickets-to-crm', JSON.stringify(event))).status).toBe(202);
    expect((await deskHook('tickets-to-crm', JSON.stringify(event))).status).toBe(202);
    expect((await ledger.list()).map((e) => `${e.handoff}:${e.recordId}`)).toEqual([`tickets-to-crm:${ticketId}`]);
    const form = `handoff=won-deal-to-books&id=${dealId}&module=Deals`;
    expect((await crmHook('won-deal-to-books', form)).status).toBe(202);
    expect((await crmHook('won-deal-to-books', form)).status).toBe(202);
    expect(await ledger.list()).toHaveLength(2);
  });
});

describe('the webhook endpoint under hostile input', () => {
  it('answers a malformed escape in a hook path with 404 before the secret check, never 500', async () => {
    const before = events.length;
    for (const path of ['/hooks/desk/%E0%A4%A', '/hooks/crm/%', '/hooks/crm/%zz?x=1'])
      expect((await fetch(`${intake.url}${path}`, { method: 'POST', body: '[]' })).status, path).toBe(404);
    const refused = events.slice(before).filter((e) => e.type === 'intake_refused');
    expect(refused.map((e) => (e.type === 'intake_refused' ? e.status : 0))).toEqual([404, 404, 404]);
  });

  it('reads a ticket that a 64 KB Desk batch names 950 times once, and records it once', async () => {
    const batchLedger = new SqliteLedger(join(dir, 'batch.db'));
    const server = await startIntakeServer({ model, ledger: batchLedger, clients, secret: SECRET });
    try {
      const event = { eventType: 'Ticket_Update', payload: { id: ticketId } };
      const body = JSON.stringify(Array.from({ length: 950 }, () => event));
      expect(body.length).toBeLessThanOrEqual(64 * 1024);
      sandbox.resetStats();
      const answer = await fetch(
        `${server.url}/hooks/desk/tickets-to-crm?zt=${deskHookToken(SECRET, 'tickets-to-crm')}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      );
      expect(answer.status).toBe(202);
      expect(((await answer.json()) as { accepted: unknown[] }).accepted).toHaveLength(1);
      expect(sandbox.stats().routes['GET /api/v1/tickets/:ticketId']).toBe(1);
      expect((await batchLedger.list()).map((e) => e.recordId)).toEqual([ticketId]);
    } finally {
      await server.close();
      await batchLedger.close();
    }
  });

  it(`refuses a Desk batch naming more than ${MAX_BATCH_RECORDS} tickets with 413, reading none`, async () => {
    const batch = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, i) => ({
      eventType: 'Ticket_Add',
      payload: { id: `18920000000${String(i).padStart(7, '0')}` },
    }));
    const server = await startIntakeServer({ model, ledger, clients, secret: SECRET });
    sandbox.resetStats();
    const answer = await fetch(
      `${server.url}/hooks/desk/tickets-to-crm?zt=${deskHookToken(SECRET, 'tickets-to-crm')}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) },
    );
    await server.close();
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({
      error: `the batch names ${MAX_BATCH_RECORDS + 1} tickets; at most ${MAX_BATCH_RECORDS} are read per request`,
    });
    expect(sandbox.stats().routes['GET /api/v1/tickets/:ticketId']).toBeUndefined();
  });

  it('checks a batch under one deadline, not one per ticket', async () => {
    const slowLedger = new SqliteLedger(join(dir, 'slow.db'));
    const server = await startIntakeServer({
      model,
      ledger: slowLedger,
      clients,
      secret: SECRET,
      verifyTimeoutMs: 2_000,
    });
    try {
      const tickets = await collect(clients.desk.tickets.list());
      const batch = tickets.map((t) => ({ eventType: 'Ticket_Update', payload: { id: t.id } }));
      expect(batch.length).toBeGreaterThan(4);
      // Desk answers long after the deadline; one deadline per ticket would take at least 5 × 2 s.
      sandbox.faults.set([{ product: 'desk', kind: 'latency', ms: 30_000 }]);
      const started = Date.now();
      const answer = await fetch(
        `${server.url}/hooks/desk/tickets-to-crm?zt=${deskHookToken(SECRET, 'tickets-to-crm')}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) },
      );
      expect(answer.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(4 * 2_000);
      expect(await slowLedger.list()).toHaveLength(batch.length);
    } finally {
      sandbox.faults.clear();
      await server.close();
      await slowLedger.close();
    }
  });

  it('cuts off a sender that trickles its headers or body, and caps open connections', async () => {
    const limited = await startIntakeServer(
      { model, ledger, clients, secret: SECRET },
      { limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 3 } },
    );
    const { port } = new URL(limited.url);
    /** A raw connection, read (so that the server's answer and close arrive) and watched from the start. */
    const open = (): Promise<{ socket: Socket; closed: Promise<void> }> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        const closed = new Promise<void>((done) => socket.once('close', () => done()));
        socket.on('error', () => {});
        socket.once('connect', () => resolve({ socket: socket.resume(), closed }));
        socket.once('error', reject);
      });
    try {
      const slowHeaders = await open();
      slowHeaders.socket.write('POST /hooks/crm/won-deal-to-books HTTP/1.1\r\nhost: x\r\n');
      const slowBody = await open();
      slowBody.socket.write(
        `POST /hooks/crm/won-deal-to-books HTTP/1.1\r\nhost: x\r\nx-zlc-secret: ${SECRET}\r\ncontent-length: 100\r\n\r\nid=`,
      );
      const third = await open();
      const fourth = await open();
      // Each is closed by the server (over the cap, or past its header and body timeouts): a connection left open
      // would hold this test until its timeout.
      await fourth.closed;
      await slowHeaders.closed;
      await slowBody.closed;
      third.socket.destroy();
    } finally {
      await limited.close();
    }
  });
});
