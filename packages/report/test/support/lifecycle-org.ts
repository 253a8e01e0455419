/**
 * A small org with a known story, built through the real clients on an `empty` sandbox whose clock is moved to
 * each moment of the story (stage history and ticket times come from that clock). The reports' right answers are
 * worked out by hand in the tests from this story:
 *
 *   2030-01-06  accounts Alpha Ltd (A1), Beta GmbH (A2), Gamma Inc (A3, its Books link points nowhere);
 *               Books customers Alpha Ltd (C1), Beta GmbH (C2), Delta Books Only (C3, not linked);
 *               Desk accounts Alpha (D1), Beta (D2), Epsilon Desk Only (D3, not linked);
 *               deals, all in Qualification: Deal1 Alpha platform 10,000 (A1), Deal2 Beta rollout 5,000 (A2),
 *               Deal3 Gamma pilot 3,000 (A3), Deal4 Alpha expansion 2,000 (A1), Deal5 Beta lost 1,000 (A2)
 *   2030-01-08  ticket T1 (D1)           2030-01-10  Deal1 Closed Won (Closing_Date says 2030-01-31)
 *   2030-01-12  T1 closed                2030-02-03  Deal2 Closed Won
 *   2030-02-10  ticket T2 (D1), open     2030-02-14  Deal3 Closed Won (never invoiced)
 *   2030-02-15  ticket T3 (D2)           2030-03-01  T3 closed
 *   2030-03-02  Deal4 Closed Won, Deal5 Closed Lost
 *   2030-03-03  ticket T4 (D3), open     2030-03-04  ticket T5 (D3), On Hold
 *   invoices:   INV1 Deal1 2030-01-15 10,000 due 02-14, paid 4,000 on 01-20 and 6,000 on 02-05;
 *               Deal2 void invoice 2030-02-10 5,000; Deal2 2030-02-20 5,500 due 03-22, paid 2,000 on 03-01;
 *               C1 2030-02-25 1,000 (no deal) due 03-27, unpaid; INV4 Deal4 2030-03-05 2,000 due 04-04, unpaid;
 *               C3 2030-03-10 800 (no deal) due 04-09, paid 800 on 03-12
 *   renewals:   A1 Renewal_Date 2030-03-15, A2 2030-01-02
 *   links:      Deal1 Books_Invoice_ID = INV1; Deal4 Books_Invoice_ID = an id Books does not have
 */
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { createZohoClients, loadZohoConfig, type ZohoClients } from '@zlc/zoho';

export const MISSING_CUSTOMER_ID = '460000000000999991';
export const MISSING_INVOICE_ID = '460000000000999992';

export interface LifecycleOrg {
  sandbox: Sandbox;
  /** Clients for building the org (straight to the sandbox). */
  clients: ZohoClients;
  ids: {
    accounts: Record<'A1' | 'A2' | 'A3', string>;
    customers: Record<'C1' | 'C2' | 'C3', string>;
    desk: Record<'D1' | 'D2' | 'D3', string>;
    deals: Record<'Deal1' | 'Deal2' | 'Deal3' | 'Deal4' | 'Deal5', string>;
    invoices: Record<'INV1' | 'INV2void' | 'INV2' | 'INVC1' | 'INV4' | 'INVC3', string>;
  };
  /** Clients for `url` (the sandbox, or a proxy in front of it). */
  clientsVia(url: string): ZohoClients;
  close(): Promise<void>;
}

function clientsFor(sandbox: Sandbox, url: string): ZohoClients {
  const loaded = loadZohoConfig({ ...sandbox.env, ZOHO_API_URL: url, ZOHO_DESK_URL: url });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  // The clients keep time by the sandbox clock, which the story moves forward: the token they hold ages with it.
  const clock = {
    now: () => sandbox.clock.now(),
    sleep: (ms: number) => (ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  return createZohoClients(loaded.config, { clock, retry: { backoff: { baseMs: 10, maxMs: 200 } } });
}

/** Moves the sandbox clock forward to `iso` (it only moves forward). */
function at(sandbox: Sandbox, iso: string): void {
  const target = Date.parse(iso);
  const now = sandbox.clock.now();
  if (target < now) throw new Error(`the story goes back in time: ${iso}`);
  sandbox.clock.advance(target - now);
}

function id(results: readonly { status?: unknown; id?: unknown }[]): string {
  const value = results[0]?.id;
  if (typeof value !== 'string') throw new Error(`no id in ${JSON.stringify(results)}`);
  return value;
}

type Ids = LifecycleOrg['ids'];

/** The link fields, Books customers C1–C3, Desk accounts D1–D3 with a contact each, and the Desk department. */
async function customersEverywhere(clients: ZohoClients) {
  await clients.crm.createFields('Accounts', [
    { field_label: 'Books Customer ID', data_type: 'text', length: 50 },
    { field_label: 'Desk Account ID', data_type: 'text', length: 50 },
    { field_label: 'Renewal Date', data_type: 'date' },
  ]);
  await clients.crm.createFields('Deals', [{ field_label: 'Books Invoice ID', data_type: 'text', length: 50 }]);
  const customer = async (name: string) =>
    (await clients.books.contacts.create({ contact_name: name, contact_type: 'customer' })).contact_id;
  const customers = {
    C1: await customer('Alpha Ltd'),
    C2: await customer('Beta GmbH'),
    C3: await customer('Delta Books Only'),
  };
  const [department] = await collectAll(clients.desk.departments());
  if (department === undefined) throw new Error('the Desk org has no department');
  const deskAccount = async (name: string) => (await clients.desk.accounts.create({ accountName: name })).id;
  const desk = {
    D1: await deskAccount('Alpha'),
    D2: await deskAccount('Beta'),
    D3: await deskAccount('Epsilon Desk Only'),
  };
  const contacts: Record<string, string> = {};
  for (const [key, accountId] of Object.entries(desk))
    contacts[key] = (
      await clients.desk.contacts.create({
        lastName: `Contact ${key}`,
        email: `${key.toLowerCase()}@example.com`,
        accountId,
      })
    ).id;
  return { customers, desk, contacts, departmentId: department.id };
}

/** CRM accounts A1–A3 linked to Books and Desk, and deals Deal1–Deal5 in Qualification. */
async function accountsAndDeals(clients: ZohoClients, customers: Ids['customers'], desk: Ids['desk']) {
  const account = async (name: string, fields: Record<string, unknown>) =>
    id(await clients.crm.records.create('Accounts', [{ Account_Name: name, ...fields }]));
  const accounts = {
    A1: await account('Alpha Ltd', {
      Books_Customer_ID: customers.C1,
      Desk_Account_ID: desk.D1,
      Renewal_Date: '2030-03-15',
    }),
    A2: await account('Beta GmbH', {
      Books_Customer_ID: customers.C2,
      Desk_Account_ID: desk.D2,
      Renewal_Date: '2030-01-02',
    }),
    A3: await account('Gamma Inc', { Books_Customer_ID: MISSING_CUSTOMER_ID }),
  };
  const deal = async (name: string, amount: number, accountId: string, closing: string) =>
    id(
      await clients.crm.records.create('Deals', [
        {
          Deal_Name: name,
          Amount: amount,
          Stage: 'Qualification',
          Closing_Date: closing,
          Account_Name: { id: accountId },
        },
      ]),
    );
  const deals = {
    Deal1: await deal('Alpha platform', 10_000, accounts.A1, '2030-01-31'),
    Deal2: await deal('Beta rollout', 5_000, accounts.A2, '2030-02-28'),
    Deal3: await deal('Gamma pilot', 3_000, accounts.A3, '2030-02-28'),
    Deal4: await deal('Alpha expansion', 2_000, accounts.A1, '2030-03-31'),
    Deal5: await deal('Beta lost', 1_000, accounts.A2, '2030-03-31'),
  };
  return { accounts, deals };
}

/** The stage changes and tickets of the story, each at its moment on the sandbox clock. */
async function stagesAndTickets(
  sandbox: Sandbox,
  clients: ZohoClients,
  deals: Ids['deals'],
  desk: { departmentId: string; contacts: Record<string, string> },
): Promise<void> {
  const stage = (dealId: string, value: string) => clients.crm.records.update('Deals', dealId, { Stage: value });
  const ticket = async (key: string, subject: string) =>
    (
      await clients.desk.tickets.create({
        subject,
        departmentId: desk.departmentId,
        contactId: desk.contacts[key] ?? '',
      })
    ).id;
  const close = (ticketId: string, status = 'Closed') => clients.desk.tickets.update(ticketId, { status });
  at(sandbox, '2030-01-08T10:00:00Z');
  const t1 = await ticket('D1', 'Login fails');
  at(sandbox, '2030-01-10T10:00:00Z');
  await stage(deals.Deal1, 'Closed Won');
  at(sandbox, '2030-01-12T10:00:00Z');
  await close(t1);
  at(sandbox, '2030-02-03T10:00:00Z');
  await stage(deals.Deal2, 'Closed Won');
  at(sandbox, '2030-02-10T10:00:00Z');
  await ticket('D1', 'Export is slow');
  at(sandbox, '2030-02-14T10:00:00Z');
  await stage(deals.Deal3, 'Closed Won');
  at(sandbox, '2030-02-15T10:00:00Z');
  const t3 = await ticket('D2', 'Invoice address');
  at(sandbox, '2030-03-01T10:00:00Z');
  await close(t3);
  at(sandbox, '2030-03-02T10:00:00Z');
  await stage(deals.Deal4, 'Closed Won');
  await stage(deals.Deal5, 'Closed Lost');
  at(sandbox, '2030-03-03T10:00:00Z');
  await ticket('D3', 'Where is my data');
  at(sandbox, '2030-03-04T10:00:00Z');
  await close(await ticket('D3', 'Waiting on logs'), 'On Hold');
}

export async function buildLifecycleOrg(): Promise<LifecycleOrg> {
  const sandbox = await startSandbox({ seed: 'empty', tokensPerTenMinutes: 1_000 });
  const clients = clientsFor(sandbox, sandbox.url);
  const opened: ZohoClients[] = [clients];
  at(sandbox, '2030-01-06T10:00:00Z');
  const { customers, desk, contacts, departmentId } = await customersEverywhere(clients);
  const { accounts, deals } = await accountsAndDeals(clients, customers, desk);
  await stagesAndTickets(sandbox, clients, deals, { departmentId, contacts });
  const invoices = await books(clients, customers, deals);
  await clients.crm.records.update('Deals', deals.Deal1, { Books_Invoice_ID: invoices.INV1 });
  await clients.crm.records.update('Deals', deals.Deal4, { Books_Invoice_ID: MISSING_INVOICE_ID });
  return {
    sandbox,
    clients,
    ids: { accounts, customers, desk, deals, invoices },
    clientsVia: (url) => {
      const c = clientsFor(sandbox, url);
      opened.push(c);
      return c;
    },
    close: async () => {
      for (const c of opened) c.close();
      await sandbox.close();
    },
  };
}

async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function books(
  clients: ZohoClients,
  customers: Record<'C1' | 'C2' | 'C3', string>,
  deals: Record<'Deal1' | 'Deal2' | 'Deal3' | 'Deal4' | 'Deal5', string>,
): Promise<LifecycleOrg['ids']['invoices']> {
  const invoice = async (customerId: string, date: string, due: string, total: number, reference = '') => {
    const made = await clients.books.invoices.create({
      customer_id: customerId,
      date,
      due_date: due,
      reference_number: reference,
      line_items: [{ name: 'Subscription', rate: total, quantity: 1 }],
    });
    await clients.books.invoices.markStatus(made.invoice_id, 'sent');
    return made.invoice_id;
  };
  const pay = (customerId: string, invoiceId: string, amount: number, date: string) =>
    clients.books.payments.create({
      customer_id: customerId,
      payment_mode: 'banktransfer',
      amount,
      date,
      invoices: [{ invoice_id: invoiceId, amount_applied: amount }],
    });
  const INV1 = await invoice(customers.C1, '2030-01-15', '2030-02-14', 10_000, deals.Deal1);
  await pay(customers.C1, INV1, 4_000, '2030-01-20');
  await pay(customers.C1, INV1, 6_000, '2030-02-05');
  const INV2void = await invoice(customers.C2, '2030-02-10', '2030-03-12', 5_000, deals.Deal2);
  await clients.books.invoices.markStatus(INV2void, 'void');
  const INV2 = await invoice(customers.C2, '2030-02-20', '2030-03-22', 5_500, deals.Deal2);
  await pay(customers.C2, INV2, 2_000, '2030-03-01');
  const INVC1 = await invoice(customers.C1, '2030-02-25', '2030-03-27', 1_000);
  const INV4 = await invoice(customers.C1, '2030-03-05', '2030-04-04', 2_000, deals.Deal4);
  const INVC3 = await invoice(customers.C3, '2030-03-10', '2030-04-09', 800);
  await pay(customers.C3, INVC3, 800, '2030-03-12');
  return { INV1, INV2void, INV2, INVC1, INV4, INVC3 };
}
