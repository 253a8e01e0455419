/**
 * Chaos: deals closed while Zoho fails 20% of calls (5xx, and connections dropped after the change happened),
 * answers 429 to 10%, every webhook is delivered twice, and the runtime (`zlc flow serve`, a child process) is
 * killed with SIGKILL twice mid-run and restarted. Exactly one Books customer, one invoice and one Desk account per
 * deal: nothing duplicated, nothing lost.
 *
 * 10 deals by default, to stay inside the suite's time; ZLC_FLOW_CHAOS_DEALS=1000 runs the full size
 * (and adds 1% hung connections, which cost the client's 30 s timeout each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyModel } from '@zlc/engine';
import { SqliteLedger } from '@zlc/flow';
import type { ResolvedModel } from '@zlc/model';
import { type FaultRule, type Sandbox, startSandbox } from '@zlc/sandbox';
import { collect, createZohoClients, targetIdentity, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFor, createBooksCustomFields, rootModel } from './support/flow-world.js';
import { doublingProxy, freePort, kill, type ServeProcess, startServe } from './support/runtime-process.js';

const DEALS = Number(process.env.ZLC_FLOW_CHAOS_DEALS ?? 10);
const SECRET = 'chaos-secret';
const FAULTS: FaultRule[] = [
  { kind: 'error', rate: 0.15 },
  { kind: 'drop', when: 'after', method: 'POST', rate: 0.05 },
  // Zoho documents no Retry-After on CRM's and Books' 429s (../shared/reference/zoho-api.md): the client backs off.
  { kind: 'rate_limit', rate: 0.1, burst: 1 },
  ...(DEALS >= 1000 ? [{ kind: 'timeout', rate: 0.01 } as FaultRule] : []),
];

let sandbox: Sandbox;
let clients: ZohoClients;
let model: ResolvedModel;
let dir: string;
let serve: ServeProcess | undefined;
let proxy: Awaited<ReturnType<typeof doublingProxy>>;
const deals: { id: string; account: string }[] = [];

beforeAll(async () => {
  // Books' 100 calls a minute (and the daily quotas) would make this a test of those limits (1,000 deals: hours of it;
  // flow-backfill measures the rate): the org has raised limits, which its sandbox.env hands the runtime
  // (ZOHO_BOOKS_REQUESTS_PER_MINUTE).
  const unlimitedDay = Number.POSITIVE_INFINITY;
  sandbox = await startSandbox({
    tokensPerTenMinutes: 1000,
    limits: { books: { perMinute: 6000, dailyCredits: unlimitedDay }, crm: { dailyCredits: unlimitedDay } },
  });
  // The test's own calls (closing 1,000 deals through the same faults) keep trying longer than a runtime call would:
  // at 30% failures, five attempts all fail about once in 400 calls, and the runtime re-drives its entries instead.
  clients = createZohoClients(configFor(sandbox.env), { retry: { maxAttempts: 12 } });
  model = await rootModel();
  dir = mkdtempSync(join(tmpdir(), 'zlc-chaos-'));
  await createBooksCustomFields(sandbox, model);
}, 60_000);

afterAll(async () => {
  if (serve) await kill(serve);
  await proxy?.close();
  clients?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(port: number): Promise<ServeProcess> {
  return startServe({ ...sandbox.env, ZLC_WEBHOOK_SECRET: SECRET, ZLC_SANDBOX_DIR: join(dir, 'unused') }, [
    '--port',
    String(port),
    '--ledger',
    join(dir, 'flow.db'),
    '--poll-interval',
    '2',
    '--lease-seconds',
    '3',
  ]);
}

async function ledgerState(): Promise<{ done: number; other: string[] }> {
  const ledger = new SqliteLedger(join(dir, 'flow.db'));
  try {
    const ours = new Set(deals.map((d) => d.id));
    const entries = (await ledger.list(undefined, 100_000)).filter((e) => ours.has(e.recordId));
    return {
      done: entries.filter((e) => e.state === 'done').length,
      other: entries
        .filter((e) => e.state !== 'done')
        .map((e) => `${e.id}:${e.state}:${e.lastError ?? e.reason ?? ''}`),
    };
  } finally {
    await ledger.close();
  }
}

describe(`${DEALS} deals closed under faults, duplicate webhooks and two SIGKILLs`, () => {
  it(
    'end with exactly one Books customer, one invoice and one Desk account per deal',
    async () => {
      const port = await freePort();
      serve = await start(port);
      proxy = await doublingProxy(() => `http://127.0.0.1:${port}`);
      const applied = await applyModel(model, {
        clients,
        identity: targetIdentity(configFor(sandbox.env)),
        journalDir: join(dir, 'journal'),
        lockDir: join(dir, 'locks'),
        webhookSecret: SECRET,
        runtimeUrlOverride: proxy.url,
        // The seed's deals sit in stages the model's pipeline drops: a fresh test org, nothing to lose.
        allowDataLoss: true,
      });
      expect(applied.status === 'refused' ? applied.refusal : applied.status).toBe('applied');

      const crm = clients.crm.records;
      const product = await crm.createOnce(
        'Products',
        { Product_Name: 'Analytics Cloud', Product_Code: 'SKU-AC', Unit_Price: 1000 },
        { lookup: async () => undefined },
      );
      // Finance's catalogue: the invoice lines match this item by SKU (the model creates no items).
      await clients.books.items.createOnce({
        name: 'Analytics Cloud',
        rate: 1000,
        sku: 'SKU-AC',
        product_type: 'service',
      });
      for (let i = 0; i < DEALS; i++) {
        const account = await crm.createOnce(
          'Accounts',
          {
            Account_Name: `Chaos Customer ${i}`,
            Customer_Tier: 'Standard',
            Billing_Street: `${i} Main Street`,
            Billing_City: 'Springfield',
            Billing_Code: '12345',
            Billing_Country: 'United States',
            Billing_Email: `billing${i}@example.com`,
          },
          { lookup: async () => undefined },
        );
        const contact = await crm.createOnce(
          'Contacts',
          {
            First_Name: 'Pat',
            Last_Name: `Buyer ${i}`,
            Email: `pat${i}@example.com`,
            Account_Name: { id: account.id },
          },
          { lookup: async () => undefined },
        );
        const deal = await crm.createOnce(
          'Deals',
          {
            Deal_Name: `Chaos deal ${i}`,
            Stage: 'Negotiation',
            Amount: 1000,
            Closing_Date: '2026-11-20',
            Account_Name: { id: account.id },
            Contact_Name: { id: contact.id },
            Billing_Frequency: 'Monthly',
          },
          { lookup: async () => undefined },
        );
        await crm.linkDealProduct(deal.id, product.id);
        deals.push({ id: deal.id, account: account.id });
      }

      sandbox.faults.set(FAULTS, 7);
      const kills = new Set([Math.floor(DEALS / 3), Math.floor((2 * DEALS) / 3)]);
      for (const [i, deal] of deals.entries()) {
        await crm.update('Deals', deal.id, { Stage: 'Closed Won' });
        if (kills.has(i) && serve) {
          await new Promise((r) => setTimeout(r, 300));
          await kill(serve);
          serve = await start(port);
        }
      }

      // Each 429 pauses its product for a backoff, and 1% hung calls (at 1,000 deals) wait out the 30 s timeout.
      const deadline = Date.now() + Math.max(240_000, DEALS * 3_000);
      let state = await ledgerState();
      while (state.done < 2 * DEALS && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        state = await ledgerState();
      }
      sandbox.faults.clear();
      if (process.env.ZLC_FLOW_DEBUG) {
        const ledger = new SqliteLedger(join(dir, 'flow.db'));
        for (const e of await ledger.list(undefined, 6)) console.error(e, await ledger.steps(e.id));
        await ledger.close();
        console.error(serve?.output.join('').slice(-3000));
      }
      expect(state.other).toEqual([]);
      expect(state.done).toBe(2 * DEALS);

      const accounts = new Set(deals.map((d) => d.account));
      const customers = (await collect(clients.books.contacts.list())).filter((c) =>
        (c.custom_fields ?? []).some((f) => f.api_name === 'cf_crm_account_id' && accounts.has(String(f.value))),
      );
      expect(customers).toHaveLength(DEALS);
      const dealIds = new Set(deals.map((d) => d.id));
      const invoices = (await collect(clients.books.invoices.list())).filter((inv) =>
        dealIds.has(String(inv.reference_number)),
      );
      expect(invoices).toHaveLength(DEALS);
      // Desk list items carry no custom values: count through the search, one account at a time.
      let desk = 0;
      for (const account of accounts) {
        desk += (await collect(clients.desk.accounts.search({ customField1: `cf_crm_account_id:${account}` }))).length;
      }
      expect(desk).toBe(DEALS);
    },
    Math.max(360_000, DEALS * 3_000 + 120_000),
  );
});
