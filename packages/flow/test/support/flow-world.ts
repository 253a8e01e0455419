/**
 * A sandbox org provisioned from the root lifecycle.yaml (apply, plus the Books custom fields an admin makes by
 * hand), a flow runtime listening for its webhooks, and builders for the records the scenarios need.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyModel } from '@zlc/engine';
import { type FlowEvent, type FlowMetrics, type FlowRuntime, type LedgerEntry, startFlowRuntime } from '@zlc/flow';
import { loadModelFile, type ResolvedModel, validateSource } from '@zlc/model';
import { addBooksCustomFields, type Sandbox, type SandboxOptions, startSandbox } from '@zlc/sandbox';
import { type Conformance, withConformance } from '@zlc/testkit';
import {
  type CrmRecord,
  createZohoClients,
  loadZohoConfig,
  targetIdentity,
  type ZohoClients,
  type ZohoConfig,
} from '@zlc/zoho';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const SECRET = 'flow-test-secret';

export async function rootModel(edit?: (text: string) => string): Promise<ResolvedModel> {
  if (edit !== undefined) {
    const text = readFileSync(join(ROOT, 'lifecycle.yaml'), 'utf8');
    const edited = edit(text);
    if (edited === text) throw new Error('the edit left lifecycle.yaml as it was');
    const checked = validateSource(edited);
    if (!checked.ok) throw new Error(checked.diagnostics.map((d) => d.message).join('; '));
    return checked.resolved;
  }
  const loaded = await loadModelFile(join(ROOT, 'lifecycle.yaml'));
  if (!loaded.result.ok) throw new Error('the root lifecycle.yaml does not validate');
  return loaded.result.resolved;
}

export function configFor(env: Record<string, string>): ZohoConfig {
  const loaded = loadZohoConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return loaded.config;
}

export function clientsFor(env: Record<string, string>, metrics?: FlowMetrics): ZohoClients {
  return createZohoClients(configFor(env), metrics === undefined ? {} : { onEvent: metrics.onZohoEvent });
}

/** The admin's manual step: the Books custom fields the model declares, made through the sandbox's endpoint. */
export async function createBooksCustomFields(sandbox: Sandbox, model: ResolvedModel): Promise<void> {
  await addBooksCustomFields(
    sandbox,
    model.customFields.filter((f) => f.app === 'books'),
  );
}

export interface FlowWorld {
  sandbox: Sandbox;
  clients: ZohoClients;
  model: ResolvedModel;
  runtime: FlowRuntime;
  dir: string;
  events: FlowEvent[];
  /** The conformance proxy all runtime traffic went through, when asked for. */
  conformance?: Conformance;
  /** Waits until every entry of `recordId` (for the named handoffs) is out of pending/running. */
  settled(recordId: string, handoffs: readonly string[], timeoutMs?: number): Promise<LedgerEntry[]>;
  close(): Promise<void>;
}

export async function flowWorld(
  options: SandboxOptions = {},
  world: {
    conformance?: boolean;
    editModel?: (text: string) => string;
    /** Metrics for the runtime, counting its clients' Zoho calls too. */
    metrics?: FlowMetrics;
  } = {},
): Promise<FlowWorld> {
  const sandbox = await startSandbox(options);
  const conformance = world.conformance ? await withConformance(sandbox) : undefined;
  const clients = clientsFor(
    conformance === undefined
      ? sandbox.env
      : { ...sandbox.env, ZOHO_API_URL: conformance.url, ZOHO_DESK_URL: conformance.url },
    world.metrics,
  );
  const model = await rootModel(world.editModel);
  const dir = mkdtempSync(join(tmpdir(), 'zlc-flow-'));
  const events: FlowEvent[] = [];
  const runtime = await startFlowRuntime({
    clients,
    model,
    ledger: { kind: 'sqlite', path: join(dir, 'flow.db') },
    secret: SECRET,
    pollIntervalMs: 0,
    worker: { baseDelayMs: 200, maxDelayMs: 2_000 },
    ...(world.metrics === undefined ? {} : { metrics: world.metrics }),
    onEvent: (e) => {
      events.push(e);
      if (process.env.ZLC_FLOW_DEBUG && (e.type === 'entry_failed' || e.type === 'entry_retry')) console.error(e);
    },
  });
  await createBooksCustomFields(sandbox, model);
  const applied = await applyModel(model, {
    clients,
    identity: targetIdentity(configFor(sandbox.env)),
    journalDir: join(dir, 'journal'),
    lockDir: join(dir, 'locks'),
    webhookSecret: SECRET,
    runtimeUrlOverride: runtime.url,
    // The seed's deals sit in stages the model's pipeline drops: a fresh test org, nothing to lose.
    allowDataLoss: true,
  });
  if (applied.status === 'refused') throw new Error(`apply refused: ${JSON.stringify(applied.refusal)}`);
  if (applied.status === 'applied') {
    const failed = applied.outcomes.filter((o) => o.status === 'failed');
    if (failed.length > 0) throw new Error(`apply failed: ${JSON.stringify(failed)}`);
  }
  return {
    sandbox,
    clients,
    model,
    runtime,
    dir,
    events,
    ...(conformance === undefined ? {} : { conformance }),
    async settled(recordId, handoffs, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await sandbox.outbound.drain();
        const entries = (await runtime.ledger.list()).filter(
          (e) => e.recordId === recordId && handoffs.includes(e.handoff),
        );
        const busy = entries.some((e) => e.state === 'pending' || e.state === 'running');
        if (entries.length >= handoffs.length && !busy) return entries;
        if (Date.now() > deadline) throw new Error(`entries of ${recordId} did not settle: ${JSON.stringify(entries)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await runtime.close();
      clients.close();
      await conformance?.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WonDealData {
  accountName: string;
  /** Leave the account's billing street empty (a deal missing required data). */
  noStreet?: boolean;
  amount?: number;
  /** Leave the second product out of the Books catalogue (no item to match its SKU). */
  noBooksItem?: boolean;
  /** Leave the deal's Billing_Frequency empty (a field the Closed Won stage requires). */
  noBillingFrequency?: boolean;
}

/** An account with billing data, two contacts, two products and a deal in Negotiation linked to them. */
export async function dealReadyToWin(
  clients: ZohoClients,
  data: WonDealData,
): Promise<{ account: CrmRecord; contacts: CrmRecord[]; deal: CrmRecord; products: CrmRecord[] }> {
  const crm = clients.crm.records;
  const account = await crm.createOnce(
    'Accounts',
    {
      Account_Name: data.accountName,
      Customer_Tier: 'Growth',
      Website: 'https://example.com',
      Phone: '+1 555 0100',
      ...(data.noStreet ? {} : { Billing_Street: '1 Main Street' }),
      Billing_City: 'Springfield',
      Billing_Code: '12345',
      Billing_Country: 'United States',
      Billing_Email: 'billing@example.com',
      Payment_Terms: 'Net 30',
    },
    { lookup: async () => undefined },
  );
  const contacts: CrmRecord[] = [];
  for (const [first, last] of [
    ['Ada', 'Lovelace'],
    ['Alan', 'Turing'],
  ]) {
    contacts.push(
      await crm.createOnce(
        'Contacts',
        {
          First_Name: first,
          Last_Name: last,
          Email: `${(first ?? '').toLowerCase()}.${account.id}@example.com`,
          Account_Name: { id: account.id },
        },
        { lookup: async () => undefined },
      ),
    );
  }
  const products: CrmRecord[] = [];
  for (const [index, [name, price]] of (
    [
      ['Analytics Cloud', 1200],
      ['Onboarding Services', 800],
    ] as const
  ).entries()) {
    const sku = `SKU-${account.id}-${price}`;
    products.push(
      await crm.createOnce(
        'Products',
        { Product_Name: `${name} ${account.id}`, Product_Code: sku, Unit_Price: price },
        { lookup: async () => undefined },
      ),
    );
    // Finance keeps the same catalogue in Books: the line items match these by SKU.
    if (!(data.noBooksItem && index === 1))
      await clients.books.items.createOnce({
        name: `${name} ${account.id}`,
        rate: price,
        sku,
        product_type: 'service',
      });
  }
  const deal = await crm.createOnce(
    'Deals',
    {
      Deal_Name: `${data.accountName} subscription`,
      Stage: 'Negotiation',
      Amount: data.amount ?? 2000,
      Closing_Date: '2026-11-20',
      Account_Name: { id: account.id },
      Contact_Name: { id: contacts[0]?.id },
      ...(data.noBillingFrequency ? {} : { Billing_Frequency: 'Annually' }),
    },
    { lookup: async () => undefined },
  );
  for (const p of products) await clients.crm.records.linkDealProduct(deal.id, p.id);
  return { account, contacts, deal, products };
}
