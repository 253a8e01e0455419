/**
 * @module-tag e2e
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import { accessToken, callApi, sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const desk = deskCaller(() => sandbox.current);

interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

/** A local receiver: `/ok/*` answers 200, `/post-only/*` 405 to GET, `/gone/*` 200 to GET and 410 to POST, `/down/*` 404. */
let server: Server | undefined;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ method: req.method ?? '', path, contentType: req.headers['content-type'], body });
      let status = 200;
      if (path.startsWith('/down')) status = 404;
      else if (path.startsWith('/post-only') && req.method === 'GET') status = 405;
      else if (path.startsWith('/gone') && req.method === 'POST' && body !== '[]') status = 410;
      res.writeHead(status).end();
    });
  });
  server = receiver;
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
});

let support = '';
let billing = '';
let contactId = '';

beforeAll(async () => {
  const departments = data(await desk('GET', '/departments'));
  support = String(departments.find((d) => d.name === 'Support')?.id);
  billing = String(departments.find((d) => d.name === 'Billing')?.id);
  contactId = String(obj(await desk('POST', '/contacts', { lastName: 'Hooked' })).id);
});

beforeEach(async () => {
  // Each test starts with no webhooks and an empty receiver log.
  const hooks = (await desk('GET', '/webhooks')).status === 200 ? data(await desk('GET', '/webhooks')) : [];
  for (const h of hooks) await desk('DELETE', `/webhooks/${String(h.id)}`);
  received.length = 0;
});

async function hook(
  path: string,
  subscriptions: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const answer = await desk('POST', '/webhooks', {
    name: `hook ${path}`,
    url: `${base}${path}`,
    subscriptions,
    ...extra,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return String(obj(answer).id);
}

/** The event arrays POSTed to `path` (validation calls excluded). */
async function events(path: string): Promise<Record<string, unknown>[]> {
  await sandbox.current.outbound.drain();
  return received
    .filter((r) => r.path === path && r.method === 'POST' && r.body !== '[]')
    .flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]);
}

async function ticket(body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return obj(await desk('POST', '/tickets', { subject: 'Hooked ticket', departmentId: support, contactId, ...body }));
}

describe('Desk webhook subscriptions', () => {
  it('validates the URL with a GET before creating the webhook', async () => {
    const id = await hook('/ok/validate', { Ticket_Add: null });
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /ok/validate']);
    const got = obj(await desk('GET', `/webhooks/${id}`));
    expect(got).toMatchObject({ id, url: `${base}/ok/validate`, isEnabled: true, type: 'CUSTOMER_WEBHOOK' });
    expect(got.subscriptions).toEqual({ Ticket_Add: { departmentId: null, departmentIds: null } });
  });

  it('falls back to a POST when the GET is not answered 200', async () => {
    await hook('/post-only/validate', { Account_Add: null });
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /post-only/validate',
      'POST /post-only/validate',
    ]);
  });

  it('refuses a URL that answers neither with 200, and keeps no webhook', async () => {
    const answer = await desk('POST', '/webhooks', {
      name: 'down',
      url: `${base}/down/x`,
      subscriptions: { Ticket_Add: null },
    });
    expect(answer.status).toBe(422);
    expect(obj(answer).errors).toEqual([expect.objectContaining({ fieldName: '/url', errorType: 'invalid' })]);
    expect((await desk('GET', '/webhooks')).status).toBe(204);
  });

  it('refuses unknown events, a missing url and a non-http url', async () => {
    const unknown = await desk('POST', '/webhooks', {
      name: 'x',
      url: `${base}/ok/a`,
      subscriptions: { Ticket_Teleport: null },
    });
    expect(obj(unknown).errors).toEqual([expect.objectContaining({ fieldName: '/subscriptions/Ticket_Teleport' })]);
    expect((await desk('POST', '/webhooks', { name: 'x', subscriptions: { Ticket_Add: null } })).status).toBe(422);
    expect(
      (await desk('POST', '/webhooks', { name: 'x', url: 'ftp://x', subscriptions: { Ticket_Add: null } })).status,
    ).toBe(422);
    expect((await desk('POST', '/webhooks', { name: 'x', url: `${base}/ok/a`, subscriptions: {} })).status).toBe(422);
  });

  it('allows at most 10 enabled webhooks and 20 in all', async () => {
    for (let i = 0; i < 10; i++) await hook(`/ok/cap${i}`, { Ticket_Add: null });
    const enabled = await desk('POST', '/webhooks', {
      name: 'one too many',
      url: `${base}/ok/cap`,
      subscriptions: { Ticket_Add: null },
    });
    expect(enabled.status).toBe(422);
    const spare: string[] = [];
    for (let i = 0; i < 10; i++) spare.push(await hook(`/ok/spare${i}`, { Ticket_Add: null }, { isEnabled: false }));
    expect(data(await desk('GET', '/webhooks'))).toHaveLength(20);
    const twentyFirst = await desk('POST', '/webhooks', {
      name: 'x',
      url: `${base}/ok/x`,
      subscriptions: { Ticket_Add: null },
      isEnabled: false,
    });
    expect(twentyFirst.status).toBe(422);
    expect((await desk('PATCH', `/webhooks/${spare[0]}`, { isEnabled: true })).status).toBe(422);
  });

  it('updates a webhook, re-validating a new URL, and deletes it', async () => {
    const id = await hook('/ok/before', { Ticket_Add: null });
    const moved = obj(await desk('PATCH', `/webhooks/${id}`, { url: `${base}/ok/after`, isEnabled: false }));
    expect(moved).toMatchObject({ url: `${base}/ok/after`, isEnabled: false });
    expect(received.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/ok/before', '/ok/after']);
    expect((await desk('PATCH', `/webhooks/${id}`, { url: `${base}/down/x` })).status).toBe(422);
    expect((await desk('DELETE', `/webhooks/${id}`)).status).toBe(200);
    expect((await desk('GET', `/webhooks/${id}`)).status).toBe(404);
    expect((await desk('DELETE', `/webhooks/${id}`)).status).toBe(404);
  });
});

describe('Desk webhooks really fire', () => {
  it('POSTs a JSON array with eventType, orgId, eventTime and the ticket on Ticket_Add', async () => {
    await hook('/ok/add', { Ticket_Add: null });
    const t = await ticket();
    const got = await events('/ok/add');
    expect(got).toEqual([
      {
        eventType: 'Ticket_Add',
        orgId: sandbox.current.org.deskOrgId,
        eventTime: expect.stringMatching(/^[0-9]+$/),
        payload: expect.objectContaining({ id: t.id, subject: 'Hooked ticket', departmentId: support }),
      },
    ]);
    expect(received.find((r) => r.path === '/ok/add' && r.method === 'POST')?.contentType).toBe('application/json');
  });

  it('fires Ticket_Add only for the subscribed departments', async () => {
    await hook('/ok/billing', { Ticket_Add: { departmentIds: [billing] } });
    await ticket();
    const b = await ticket({ departmentId: billing });
    expect((await events('/ok/billing')).map((e) => (e.payload as { id: string }).id)).toEqual([b.id]);
  });

  it('sends prevState on Ticket_Update when asked, and honours the fields filter', async () => {
    await hook('/ok/update', { Ticket_Update: { includePrevState: true } });
    await hook('/ok/status-only', { Ticket_Update: { fields: ['status'] } });
    const t = await ticket();
    await desk('PATCH', `/tickets/${String(t.id)}`, { subject: 'Renamed' });
    await desk('PATCH', `/tickets/${String(t.id)}`, { status: 'Closed' });
    const updates = await events('/ok/update');
    expect(updates.map((e) => (e.prevState as { status: string }).status)).toEqual(['Open', 'Open']);
    // Deliveries run concurrently, so they may arrive in any order.
    expect(updates.map((e) => (e.payload as { status: string }).status).sort()).toEqual(['Closed', 'Open']);
    const statusOnly = await events('/ok/status-only');
    expect(statusOnly).toHaveLength(1);
    expect(statusOnly[0]).not.toHaveProperty('prevState');
  });

  it('matches a custom field named in Ticket_Update fields', async () => {
    await desk('POST', '/fields?module=tickets', { displayLabel: 'Severity', type: 'Text', maxLength: 20 });
    await hook('/ok/severity', { Ticket_Update: { fields: ['cf_severity'] } });
    const t = await ticket();
    await desk('PATCH', `/tickets/${String(t.id)}`, { priority: 'Low' });
    await desk('PATCH', `/tickets/${String(t.id)}`, { cf: { cf_severity: 'S1' } });
    const got = await events('/ok/severity');
    expect(got.map((e) => (e.payload as { cf: Record<string, unknown> }).cf.cf_severity)).toEqual(['S1']);
  });

  it('fires Ticket_Delete, Account_Add/Update and Contact_Add/Update', async () => {
    await hook('/ok/all', {
      Ticket_Delete: null,
      Account_Add: null,
      Account_Update: { includePrevState: true },
      Contact_Add: null,
      Contact_Update: null,
    });
    const t = await ticket();
    await desk('POST', '/tickets/moveToTrash', { ticketIds: [t.id] });
    const a = obj(await desk('POST', '/accounts', { accountName: 'Hooked Co' }));
    await desk('PATCH', `/accounts/${String(a.id)}`, { phone: '1' });
    const c = obj(await desk('POST', '/contacts', { lastName: 'Hooked Too' }));
    await desk('PATCH', `/contacts/${String(c.id)}`, { firstName: 'Very' });
    const got = await events('/ok/all');
    expect(got.map((e) => e.eventType).sort()).toEqual([
      'Account_Add',
      'Account_Update',
      'Contact_Add',
      'Contact_Update',
      'Ticket_Delete',
    ]);
    expect(got.find((e) => e.eventType === 'Account_Update')?.prevState).toMatchObject({ phone: null });
  });

  it('fires Contact_Add as well as Ticket_Add when a ticket brings a new contact', async () => {
    await hook('/ok/new-contact', { Contact_Add: null, Ticket_Add: null });
    await ticket({ contactId: undefined, contact: { lastName: 'Brand New', email: 'brand.new@example.com' } });
    expect((await events('/ok/new-contact')).map((e) => e.eventType).sort()).toEqual(['Contact_Add', 'Ticket_Add']);
  });

  it('stays quiet for changes made with its ignoreSourceId as the sourceId header', async () => {
    const sourceId = '49ad222a-f812-11e7-8c3f-9a214cf093ae';
    await hook('/ok/loop', { Account_Add: null }, { ignoreSourceId: sourceId });
    const s = sandbox.current;
    const token = await accessToken(s);
    await callApi(s, token, 'POST', '/api/v1/accounts', { accountName: 'Echo' }, { orgId: s.org.deskOrgId, sourceId });
    await desk('POST', '/accounts', { accountName: 'Heard' });
    expect((await events('/ok/loop')).map((e) => (e.payload as { accountName: string }).accountName)).toEqual([
      'Heard',
    ]);
    expect(
      (
        await desk('POST', '/webhooks', {
          name: 'x',
          url: `${base}/ok/x`,
          subscriptions: { Account_Add: null },
          ignoreSourceId: 'nope',
        })
      ).status,
    ).toBe(422);
  });

  it('does not fire a disabled webhook', async () => {
    await hook('/ok/off', { Ticket_Add: null }, { isEnabled: false });
    await ticket();
    expect(await events('/ok/off')).toEqual([]);
  });

  it('removes the subscription when the receiver answers 410 Gone', async () => {
    const id = await hook('/gone/hook', { Ticket_Add: null });
    await ticket();
    await sandbox.current.outbound.drain();
    expect(received.filter((r) => r.path === '/gone/hook' && r.method === 'POST')).toHaveLength(1);
    expect((await desk('GET', `/webhooks/${id}`)).status).toBe(404);
    await ticket();
    await sandbox.current.outbound.drain();
    expect(received.filter((r) => r.path === '/gone/hook' && r.method === 'POST')).toHaveLength(1);
  });
});
