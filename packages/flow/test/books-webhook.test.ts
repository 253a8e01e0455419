/**
 * Finance → sales through a Books webhook, end to end on the sandbox: the admin's manual step (an invoice webhook
 * with the handoff's token header, sent by an "Edited" workflow rule on invoices) done as `zlc sandbox books-fields`
 * does it; finance records a payment; Books sends the webhook to the runtime, which reads the invoice and updates
 * the CRM deal and account — with no poll. A replayed webhook changes nothing, and a forged one is refused.
 *
 * @module-tag e2e
 */
import { pollOnce } from '@zlc/flow';
import { BOOKS_TOKEN_HEADER, booksHookToken } from '@zlc/model';
import { endpointOf, setBooksInvoiceWebhooks } from '@zlc/sandbox';
import { conformanceAvailable, expectConformance } from '@zlc/testkit';
import type { CrmRecord } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicedDeal, pay } from './support/finance.js';
import { type FlowWorld, flowWorld, SECRET } from './support/flow-world.js';

const FINANCE = 'invoice-status-to-crm';
let world: FlowWorld;
let hookUrl: string;

beforeAll(async () => {
  world = await flowWorld({}, { conformance: conformanceAvailable().ok });
  hookUrl = `${world.runtime.url}/hooks/books/${FINANCE}`;
  const done = await setBooksInvoiceWebhooks(endpointOf(world.sandbox), [
    {
      name: `zlc-${FINANCE}`,
      url: hookUrl,
      headers: [{ name: BOOKS_TOKEN_HEADER, value: booksHookToken(SECRET, FINANCE) }],
    },
  ]);
  expect(done).toEqual([{ name: `zlc-${FINANCE}`, done: 'created' }]);
  // The safety net's first pass starts its cursor (nothing is history after this); the runtime itself never polls.
  await financePoll();
  world.sandbox.clock.advance(1_000);
}, 60_000);
afterAll(async () => {
  await world?.close();
});

async function financePoll() {
  const [result] = await pollOnce({
    clients: world.clients,
    model: world.model,
    ledger: world.runtime.ledger,
    handoffs: [FINANCE],
  });
  return result;
}

async function crm(module: 'Deals' | 'Accounts', id: string): Promise<CrmRecord> {
  const record = await world.clients.crm.records.get(module, id);
  if (record === undefined) throw new Error(`${module} ${id} is gone`);
  return record;
}

function post(body: string, headers: Record<string, string>, url = hookUrl) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const token = () => ({ [BOOKS_TOKEN_HEADER]: booksHookToken(SECRET, FINANCE) });

describe('finance → sales by Books webhook', () => {
  let paid: Awaited<ReturnType<typeof invoicedDeal>>;

  it('brings a payment to the deal and the account without a poll', async () => {
    paid = await invoicedDeal(world, 'Webhook Payer BV');
    world.sandbox.clock.advance(1_000);
    await pay(world, paid.customerId, paid.invoiceId, 2000);
    const entries = await world.settled(paid.invoiceId, [FINANCE]);
    expect(entries.find((e) => e.transition === 'invoice_status:paid')).toMatchObject({ state: 'done' });
    expect(await crm('Deals', paid.deal.id)).toMatchObject({ Invoice_Status: 'Paid', Amount_Paid: 2000 });
    expect(await crm('Accounts', paid.account.id)).toMatchObject({ Last_Invoice_Status: 'Paid', Amount_Paid: 2000 });
    const sent = world.sandbox.outbound.log().filter((d) => d.url === hookUrl);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((d) => d.status === 202 && d.source.startsWith('books_workflow:'))).toBe(true);
    expect(world.events.some((e) => e.type === 'poll_done')).toBe(false);
  });

  it('does one update when the same webhook arrives again, or the poll sees the same change', async () => {
    const before = await crm('Deals', paid.deal.id);
    const started = world.events.filter((e) => e.type === 'entry_started' && e.handoff === FINANCE).length;
    const body = JSON.stringify({ invoice: { invoice_id: paid.invoiceId, status: 'paid', total: 1 } });
    for (const _ of [1, 2]) {
      const answer = await post(body, token());
      expect(answer.status).toBe(202);
      expect(await answer.json()).toMatchObject({ accepted: [{ id: paid.invoiceId, outcome: 'duplicate' }] });
    }
    const polled = await financePoll();
    expect(polled?.seen).toBeGreaterThan(0);
    expect(polled?.offered).toBe(0);
    world.runtime.worker.wake();
    await world.settled(paid.invoiceId, [FINANCE]);
    expect(world.events.filter((e) => e.type === 'entry_started' && e.handoff === FINANCE)).toHaveLength(started);
    expect((await crm('Deals', paid.deal.id)).Modified_Time).toBe(before.Modified_Time);
  });

  it('refuses forged and malformed webhooks and records nothing', async () => {
    const count = (await world.runtime.ledger.list()).length;
    const body = JSON.stringify({ invoice_id: paid.invoiceId });
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { [BOOKS_TOKEN_HEADER]: 'forged-token' })).status).toBe(401);
    // A token is good for one handoff only.
    const other = booksHookToken(SECRET, 'won-deal-to-books');
    expect((await post(body, { [BOOKS_TOKEN_HEADER]: other })).status).toBe(401);
    expect((await post(body, {}, `${hookUrl}?zt=${encodeURIComponent(other)}`)).status).toBe(401);
    expect((await post('{"invoice":{}}', token())).status).toBe(400);
    expect((await post('not json', token())).status).toBe(400);
    expect((await post(JSON.stringify({ invoice_id: '../x' }), token())).status).toBe(400);
    expect((await post(JSON.stringify({ invoice_id: '9999999999999' }), token())).status).toBe(404);
    const wrongProduct = `${world.runtime.url}/hooks/books/won-deal-to-books`;
    expect((await post(body, { [BOOKS_TOKEN_HEADER]: other }, wrongProduct)).status).toBe(404);
    expect((await world.runtime.ledger.list()).length).toBe(count);
  });

  it('takes the token in `zt` as well, and a form body naming the invoice', async () => {
    const answer = await post(
      JSON.stringify({ invoice_id: paid.invoiceId }),
      {},
      `${hookUrl}?zt=${encodeURIComponent(booksHookToken(SECRET, FINANCE))}`,
    );
    expect(answer.status).toBe(202);
    const form = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...token() },
      body: `invoice_id=${paid.invoiceId}&status=void`,
    });
    expect(await form.json()).toMatchObject({ accepted: [{ id: paid.invoiceId, outcome: 'duplicate' }] });
  });
});

describe.skipIf(!conformanceAvailable().ok)("the Books webhook intake's traffic", () => {
  it('conforms to Zoho OpenAPI documents', async () => {
    const report = await world.conformance?.report();
    if (report === undefined) throw new Error('the conformance proxy did not run');
    expectConformance(report, 'flow-books-webhook');
  });
});
