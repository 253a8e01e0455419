/**
 * Books webhooks on the sandbox: `POST/GET /settings/webhooks` as [Books API: webhooks] documents the create call,
 * the stand-in for Books' workflow-rule screen, and the webhook a rule sends when an invoice is edited (a payment
 * recorded included) — to a local receiver, over HTTP.
 *
 * @module-tag e2e
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booksPerFile, expectConformingAnswers, field } from './books-client.js';

const file = booksPerFile({ seed: 'default' });
const { books } = file;

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: { invoice?: { invoice_id: string; status: string; balance: number } };
}
const received: Received[] = [];
let server: Server;
let receiver = '';
let customerId = '';
let itemId = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/books/h1`;
  customerId = field<{ contact_id: string }[]>(await books('GET', '/contacts'), 'contacts')[0]?.contact_id ?? '';
  itemId = field<{ item_id: string; tax_id: string }[]>(await books('GET', '/items'), 'items')[0]?.item_id ?? '';
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function delivered(): Promise<Received[]> {
  await file.sandbox.outbound.drain();
  return received.splice(0);
}

async function invoice(): Promise<string> {
  const made = await books('POST', '/invoices', {
    customer_id: customerId,
    line_items: [{ item_id: itemId, rate: 100 }],
  });
  expect(made.status).toBe(201);
  return field<{ invoice_id: string }>(made, 'invoice').invoice_id;
}

const hook = (extra: Record<string, unknown> = {}) => ({
  webhook_name: 'zlc-h1',
  entity: 'invoice',
  method: 'POST',
  url: receiver,
  headers: [{ param_name: 'X-Zlc-Token', param_value: 't0k3n' }],
  query_parameters: [{ param_name: 'src', param_value: 'books' }],
  ...extra,
});

describe('Books webhooks', () => {
  let hookId = '';

  it('creates a webhook with the documented arguments and refuses others', async () => {
    expect((await books('POST', '/settings/webhooks', hook({ url: undefined }))).status).toBe(400);
    expect((await books('POST', '/settings/webhooks', hook({ secret: 'short1' }))).body).toMatchObject({ code: 4 });
    expect((await books('POST', '/settings/webhooks', hook({ secret: 'not-alpha-numeric!' }))).status).toBe(400);
    expect((await books('POST', '/settings/webhooks', hook({ method: 'PATCH' }))).status).toBe(400);
    expect((await books('POST', '/settings/webhooks', hook({ colour: 'red' }))).body).toMatchObject({ code: 2 });
    const made = await books('POST', '/settings/webhooks', hook({ secret: 'abcdef123456' }));
    expect(made.status).toBe(201);
    const webhook = field<Record<string, unknown>>(made, 'webhook');
    expect(webhook).toMatchObject({ webhook_name: 'zlc-h1', entity: 'invoice', method: 'POST', has_secret: true });
    expect(webhook.secret).toBeUndefined();
    hookId = String(webhook.webhook_id);
    expect((await books('POST', '/settings/webhooks', hook())).status).toBe(400);
    const listed = field<Record<string, unknown>[]>(await books('GET', '/settings/webhooks'), 'webhooks');
    expect(listed.map((w) => [w.webhook_name, w.secret])).toEqual([['zlc-h1', undefined]]);
    expect(listed[0]?.headers).toEqual([{ param_name: 'X-Zlc-Token', param_value: 't0k3n' }]);
  });

  it('sends nothing while no workflow rule sends the webhook', async () => {
    const id = await invoice();
    await books('POST', `/invoices/${id}/status/sent`);
    expect(await delivered()).toEqual([]);
  });

  it("sends the invoice when an Edited rule's invoice is edited or paid, not when one is created", async () => {
    const rule = { workflow_name: 'zlc-h1', entity: 'invoice', action_type: 'edited', webhook_id: hookId };
    expect((await books('POST', '/__sandbox/workflowrules', { ...rule, entity: 'bill' })).status).toBe(400);
    expect((await books('POST', '/__sandbox/workflowrules', { ...rule, webhook_id: '1' })).status).toBe(404);
    expect((await books('POST', '/__sandbox/workflowrules', rule)).status).toBe(201);

    const id = await invoice();
    expect(await delivered()).toEqual([]);
    await books('POST', `/invoices/${id}/status/sent`);
    const [sent] = await delivered();
    expect(sent?.url).toBe('/hooks/books/h1?src=books');
    expect(sent?.headers['x-zlc-token']).toBe('t0k3n');
    expect(sent?.body.invoice).toMatchObject({ invoice_id: id, status: 'sent' });

    const due = sent?.body.invoice?.balance ?? 0;
    const paid = await books('POST', '/customerpayments', {
      customer_id: customerId,
      payment_mode: 'cash',
      amount: due,
      date: '2026-12-07',
      invoices: [{ invoice_id: id, amount_applied: due }],
    });
    expect(paid.status).toBe(201);
    const after = await delivered();
    expect(after.map((d) => d.body.invoice)).toEqual([expect.objectContaining({ invoice_id: id, status: 'paid' })]);
    // A refused call edits nothing and sends nothing.
    expect((await books('POST', `/invoices/${id}/status/void`)).status).toBe(400);
    expect(await delivered()).toEqual([]);
  });

  it('does not send a webhook whose method is PUT (no documented body for it)', async () => {
    const made = await books('POST', '/settings/webhooks', hook({ webhook_name: 'put-hook', method: 'PUT' }));
    const putId = String(field<Record<string, unknown>>(made, 'webhook').webhook_id);
    const rule = { workflow_name: 'put', entity: 'invoice', action_type: 'created_or_edited', webhook_id: putId };
    expect((await books('POST', '/__sandbox/workflowrules', rule)).status).toBe(201);
    await invoice();
    expect(await delivered()).toEqual([]);
  });
});

expectConformingAnswers(file, 'sandbox-books-webhooks');
