/**
 * The chaos scenario, run against a fleet of `zlc flow serve` processes: N deals closed while Zoho fails 20% of calls
 * (5xx, and connections dropped after the change happened) and answers 429 to 10%, every webhook delivered twice
 * (to each runtime in turn), and one runtime killed with SIGKILL twice mid-run and restarted. The fleet says how
 * its runtimes start and where their ledger is; the scenario counts what landed in Books and Desk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyModel } from '@zlc/engine';
import type { Ledger, LedgerEntry } from '@zlc/flow';
import { configFor, createBooksCustomFields, rootModel } from '@zlc/flow/testing';
import type { ResolvedModel } from '@zlc/model';
import { type FaultRule, type Sandbox, startSandbox } from '@zlc/sandbox';
import { freePort } from '@zlc/testkit';
import { collect, createZohoClients, targetIdentity, type ZohoClients } from '@zlc/zoho';
import { doublingProxy, kill, type ServeProcess, startServe } from './flow-serve.js';

export const CHAOS_SECRET = 'chaos-secret';
const WON_DEAL_HANDOFFS = ['won-deal-to-books', 'won-deal-to-desk'];

export function chaosFaults(deals: number): FaultRule[] {
  return [
    { kind: 'error', rate: 0.15 },
    { kind: 'drop', when: 'after', method: 'POST', rate: 0.05 },
    // Zoho documents no Retry-After on CRM's and Books' 429s (../shared/reference/zoho-api.md): the client backs off.
    { kind: 'rate_limit', rate: 0.1, burst: 1 },
    ...(deals >= 1000 ? [{ kind: 'timeout', rate: 0.01 } as FaultRule] : []),
  ];
}

/** How the scenario's runtimes run: their extra arguments and environment, and their shared ledger. */
export interface Fleet {
  /** Runtimes started (the first is the one killed). */
  size: number;
  /** `flow serve` arguments beyond the port, the poll interval and the lease. */
  args(dir: string): string[];
  env(dir: string): Record<string, string>;
  openLedger(dir: string): Promise<Ledger>;
  cleanup?(): Promise<void>;
}

export interface ChaosOrg {
  sandbox: Sandbox;
  clients: ZohoClients;
  model: ResolvedModel;
  dir: string;
  close(): Promise<void>;
}

export async function chaosOrg(): Promise<ChaosOrg> {
  // Books' 100 calls a minute (and the daily quotas) would make this a test of those limits (1,000 deals: hours of
  // it; flow-backfill measures the rate): the org has raised limits, which its sandbox.env hands the runtime
  // (ZOHO_BOOKS_REQUESTS_PER_MINUTE).
  const unlimitedDay = Number.POSITIVE_INFINITY;
  const sandbox = await startSandbox({
    tokensPerTenMinutes: 1000,
    limits: { books: { perMinute: 6000, dailyCredits: unlimitedDay }, crm: { dailyCredits: unlimitedDay } },
  });
  // The test's own calls (closing 1,000 deals through the same faults) keep trying longer than a runtime call would:
  // at 30% failures, five attempts all fail about once in 400 calls, and the runtime re-drives its entries instead.
  const clients = createZohoClients(configFor(sandbox.env), { retry: { maxAttempts: 12 } });
  const model = await rootModel();
  const dir = mkdtempSync(join(tmpdir(), 'zlc-chaos-'));
  await createBooksCustomFields(sandbox, model);
  return {
    sandbox,
    clients,
    model,
    dir,
    async close() {
      clients.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An account, a contact and a deal in Negotiation linked to the product, `count` times. */
async function openDeals(clients: ZohoClients, count: number): Promise<{ id: string; account: string }[]> {
  const crm = clients.crm.records;
  const none = { lookup: async () => undefined };
  const product = await crm.createOnce(
    'Products',
    { Product_Name: 'Analytics Cloud', Product_Code: 'SKU-AC', Unit_Price: 1000 },
    none,
  );
  // Finance's catalogue: the invoice lines match this item by SKU (the model creates no items).
  await clients.books.items.createOnce({ name: 'Analytics Cloud', rate: 1000, sku: 'SKU-AC', product_type: 'service' });
  const deals: { id: string; account: string }[] = [];
  for (let i = 0; i < count; i++) {
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
        Payment_Terms: 'Net 30',
      },
      none,
    );
    const contact = await crm.createOnce(
      'Contacts',
      { First_Name: 'Pat', Last_Name: `Buyer ${i}`, Email: `pat${i}@example.com`, Account_Name: { id: account.id } },
      none,
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
      none,
    );
    await crm.linkDealProduct(deal.id, product.id);
    deals.push({ id: deal.id, account: account.id });
  }
  return deals;
}

async function ledgerState(fleet: Fleet, dir: string, ours: Set<string>): Promise<{ done: number; other: string[] }> {
  const ledger = await fleet.openLedger(dir);
  try {
    // The two handoffs of a won deal: the entries that make effects.
    const entries = (await ledger.list(undefined, 100_000)).filter(
      (e: LedgerEntry) => ours.has(e.recordId) && WON_DEAL_HANDOFFS.includes(e.handoff),
    );
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

export interface ChaosResult {
  done: number;
  other: string[];
  customers: number;
  invoices: number;
  deskAccounts: number;
  /** The runtimes' output (for a failure's message). */
  output: string;
  /** Handoff runs each runtime (by its place in the fleet, restarts included) logged as done. */
  runsBy: number[];
}

/** Runs the scenario with `deals` deals on `fleet`; the org is left for the caller to close. */
export async function runChaos(org: ChaosOrg, fleet: Fleet, deals: number): Promise<ChaosResult> {
  const { sandbox, clients, model, dir } = org;
  const ports = await Promise.all(Array.from({ length: fleet.size }, () => freePort()));
  const start = (port: number) =>
    startServe(
      { ...sandbox.env, ZLC_WEBHOOK_SECRET: CHAOS_SECRET, ZLC_SANDBOX_DIR: join(dir, 'unused'), ...fleet.env(dir) },
      ['--port', String(port), '--poll-interval', '2', '--lease-seconds', '3', ...fleet.args(dir)],
    );
  const serves: ServeProcess[] = [];
  for (const port of ports) serves.push(await start(port));
  // Every process that ran, by fleet slot, so a killed one's log still counts.
  const ran: ServeProcess[][] = serves.map((s) => [s]);
  const proxy = await doublingProxy(() => ports.map((p) => `http://127.0.0.1:${p}`));
  try {
    const applied = await applyModel(model, {
      clients,
      identity: targetIdentity(configFor(sandbox.env)),
      journalDir: join(dir, 'journal'),
      lockDir: join(dir, 'locks'),
      webhookSecret: CHAOS_SECRET,
      runtimeUrlOverride: proxy.url,
      // The seed's deals sit in stages the model's pipeline drops: a fresh test org, nothing to lose.
      allowDataLoss: true,
    });
    if (applied.status === 'refused') throw new Error(`apply refused: ${JSON.stringify(applied.refusal)}`);
    const opened = await openDeals(clients, deals);

    sandbox.faults.set(chaosFaults(deals), 7);
    const kills = new Set([Math.floor(deals / 3), Math.floor((2 * deals) / 3)]);
    for (const [i, deal] of opened.entries()) {
      await clients.crm.records.update('Deals', deal.id, { Stage: 'Closed Won' });
      const victim = serves[0];
      if (kills.has(i) && victim !== undefined) {
        await new Promise((r) => setTimeout(r, 300));
        await kill(victim);
        serves[0] = await start(ports[0] ?? 0);
        ran[0]?.push(serves[0]);
      }
    }

    // Each 429 pauses its product for a backoff, and 1% hung calls (at 1,000 deals) wait out the 30 s timeout.
    const ours = new Set(opened.map((d) => d.id));
    const deadline = Date.now() + Math.max(240_000, deals * 7_000);
    let state = await ledgerState(fleet, dir, ours);
    while (state.done < 2 * deals && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      state = await ledgerState(fleet, dir, ours);
    }
    sandbox.faults.clear();
    const logOf = (slot: ServeProcess[]) => slot.map((s) => s.output()).join('\n');
    return {
      ...state,
      ...(await countEffects(clients, opened)),
      output: ran.map(logOf).join('\n'),
      runsBy: ran.map((slot) => logOf(slot).split('"event":"entry_done"').length - 1),
    };
  } finally {
    for (const s of serves) await kill(s);
    await proxy.close();
    await fleet.cleanup?.();
  }
}

/** Books customers and invoices, and Desk accounts, that carry one of the deals' links. */
async function countEffects(
  clients: ZohoClients,
  deals: { id: string; account: string }[],
): Promise<{ customers: number; invoices: number; deskAccounts: number }> {
  const accounts = new Set(deals.map((d) => d.account));
  const customers = (await collect(clients.books.contacts.list())).filter((c) =>
    (c.custom_fields ?? []).some((f) => f.api_name === 'cf_crm_account_id' && accounts.has(String(f.value))),
  ).length;
  const dealIds = new Set(deals.map((d) => d.id));
  const invoices = (await collect(clients.books.invoices.list())).filter((inv) =>
    dealIds.has(String(inv.reference_number)),
  ).length;
  // Desk list items carry no custom values: count through the search, one account at a time.
  let deskAccounts = 0;
  for (const account of accounts)
    deskAccounts += (await collect(clients.desk.accounts.search({ customField1: `cf_crm_account_id:${account}` })))
      .length;
  return { customers, invoices, deskAccounts };
}
