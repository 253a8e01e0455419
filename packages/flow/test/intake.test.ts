/** Bad input at the webhook endpoint is refused with the right status and changes nothing in the ledger. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FlowEvent, SqliteLedger, startIntakeServer } from '@zlc/flow';
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
