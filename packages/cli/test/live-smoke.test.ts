/**
 * The live smoke: the whole cycle on a real (trial) Zoho org, for the day one is at hand. Skipped unless
 * ZLC_LIVE_SMOKE=1 and the org's ZOHO_* settings are set (README, "Live smoke"). It runs the CLI as a user would —
 * doctor, apply, drift (the Books steps must be done in Books first) — then closes a test deal, lets
 * `zlc flow poll --once` run the handoff, checks the Books customer and invoice it made, and deletes everything it
 * created (the records, not the configuration apply made: that is the point of the org).
 *
 * @module-tag e2e
 */

import { runCli } from '@zlc/testkit';
import { collect, createZohoClients, loadZohoConfig } from '@zlc/zoho';
import { describe, expect, it } from 'vitest';
import { createSampleDeal } from '../src/demo/sample-deal.js';

const REQUIRED = [
  'ZOHO_CLIENT_ID',
  'ZOHO_CLIENT_SECRET',
  'ZOHO_REFRESH_TOKEN',
  'ZOHO_BOOKS_ORG_ID',
  'ZOHO_DESK_ORG_ID',
];
const live = process.env.ZLC_LIVE_SMOKE === '1' && REQUIRED.every((name) => process.env[name]?.trim());

/** The environment the CLI runs with: the org's settings and the runtime URL, nothing else of the test's. */
function orgEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => /^(ZOHO_|ZLC_)/.test(entry[0]) && typeof entry[1] === 'string',
    ),
  );
}

describe.skipIf(!live)('the live smoke on a trial org', () => {
  it('applies, closes a test deal, runs the handoff, and cleans up what it made', async () => {
    const env = orgEnv();
    const doctor = await runCli(['doctor'], { env });
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    const allowLoss = env.ZLC_LIVE_SMOKE_ALLOW_DATA_LOSS === '1' ? ['--allow-data-loss'] : [];
    const apply = await runCli(['apply', '--auto-approve', ...allowLoss], { env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const drift = await runCli(['drift'], { env });
    expect(drift.code, `do the Books steps in Books first:\n${drift.stdout}`).toBe(0);

    const loaded = loadZohoConfig(process.env);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const clients = createZohoClients(loaded.config);
    const sample = await createSampleDeal(clients);
    const made: { books: string[]; invoices: string[] } = { books: [], invoices: [] };
    try {
      await clients.crm.records.update('Deals', sample.deal.id, { Stage: 'Closed Won' });
      const poll = await runCli(['flow', 'poll', '--once', '--json'], { env });
      expect(poll.code, poll.stderr).toBe(0);
      const account = await clients.crm.records.get('Accounts', sample.account.id);
      const customerId = String(account?.Books_Customer_ID ?? '');
      expect(customerId).not.toBe('');
      made.books.push(customerId);
      const invoices = await collect(clients.books.invoices.list({ customer_id: customerId }));
      made.invoices.push(...invoices.map((i) => String(i.invoice_id)));
      expect(invoices).toHaveLength(1);
    } finally {
      for (const id of made.invoices) await clients.books.invoices.delete(id).catch(() => undefined);
      for (const id of made.books) await clients.books.contacts.delete(id).catch(() => undefined);
      await clients.crm.records.delete('Deals', [sample.deal.id]).catch(() => undefined);
      await clients.crm.records
        .delete(
          'Contacts',
          sample.contacts.map((c) => c.id),
        )
        .catch(() => undefined);
      await clients.crm.records.delete('Accounts', [sample.account.id]).catch(() => undefined);
      await clients.crm.records
        .delete(
          'Products',
          sample.products.map((p) => p.id),
        )
        .catch(() => undefined);
      clients.close();
    }
  }, 1_800_000);
});
