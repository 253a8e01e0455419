/**
 * `advance_to` on a stage that lives on a record a step writes: a model whose "Invoiced" stage means a sent invoice
 * (`status equals sent`) has the runtime mark the handoff's invoice sent once every step succeeded.
 *
 * @module-tag e2e
 */
import { collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealReadyToWin, type FlowWorld, flowWorld } from './support/flow-world.js';

let world: FlowWorld;

beforeAll(async () => {
  world = await flowWorld(
    {},
    {
      editModel: (text) =>
        text.replace(
          'record: books:invoices\n    owner: finance\n    entry:\n      field: status\n      not_in: [void]',
          'record: books:invoices\n    owner: finance\n    entry:\n      field: status\n      equals: sent',
        ),
    },
  );
}, 60_000);
afterAll(async () => {
  await world?.close();
});

describe('a handoff that advances to a stage on its own invoice', () => {
  it('moves the invoice it made into that stage (sent), and only once', async () => {
    const won = await dealReadyToWin(world.clients, { accountName: 'Advance Inc' });
    await world.clients.crm.records.update('Deals', won.deal.id, { Stage: 'Closed Won' });
    await world.settled(won.deal.id, ['won-deal-to-books', 'won-deal-to-desk']);
    const invoices = await collect(world.clients.books.invoices.list({ reference_number: won.deal.id }));
    expect(invoices.map((i) => i.status)).toEqual(['sent']);
    const routes = Object.entries(world.sandbox.stats().routes);
    const sentActions = routes.filter(([route]) => route.endsWith('/invoices/:invoice_id/status/sent'));
    expect(sentActions.map(([, count]) => count)).toEqual([1]);
  });
});
