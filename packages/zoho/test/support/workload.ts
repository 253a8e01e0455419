import { collect, type ZohoClients } from '@zlc/zoho';

/** Names the step that failed, so a broken call in a long workload is easy to find. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`workload step "${name}" failed: ${message}`);
  }
}

type Crm = ZohoClients['crm'];

/** Metadata reads, a custom field and a pipeline: what plan and apply do. */
async function crmMetadata(crm: Crm, tag: string) {
  const org = await step('crm org', () => crm.getOrg());
  const users = await step('crm users', () => collect(crm.users()));
  await step('crm roles', () => crm.listRoles());
  await step('crm profiles', () => crm.listProfiles());
  const modules = await step('crm modules', () => crm.listModules());
  const dealFields = await step('crm fields', () => crm.listFields('Deals'));
  const layouts = await step('crm layouts', () => crm.listLayouts('Deals'));
  const layout = layouts[0];
  if (layout !== undefined) await step('crm pipeline', () => crm.listPipelines(layout.id));
  await step('crm workflow rules', () => crm.listWorkflowRules({ module: 'Deals' }));
  await step('crm workflow rules in detail', () => crm.listWorkflowRules({ includeInnerDetails: true }));
  await step('crm webhooks', () => crm.listWebhooks());
  await step('crm watch', () => crm.listWatchChannels());
  const created = await step('crm create field', () =>
    crm.createFields('Accounts', [{ field_label: `Books Customer ${tag}`, data_type: 'text', length: 50 }]),
  );

  const newField = created[0];
  if (newField?.status !== 'success') throw new Error(`custom field not created: ${JSON.stringify(newField)}`);
  await step('crm update field', () =>
    crm.updateField('Accounts', newField.id, { field_label: `Books Customer ID ${tag}` }),
  );
  if (layout !== undefined) {
    const pipelines = await step('crm pipelines again', () => crm.listPipelines(layout.id));
    const pipeline = pipelines[0];
    const first = pipeline?.maps?.[0]?.id;
    if (pipeline !== undefined && first !== undefined) {
      await step('crm update pipeline', () =>
        crm.updatePipeline(layout.id, pipeline.id, { maps: [{ id: first, sequence_number: 1 }] }),
      );
    }
  }
  return { org, users, modules, dealFields, created };
}

/** Record create, update, read, upsert, search, COQL and list: what the runtime does. */
async function crmRecords(crm: Crm, tag: string) {
  const account = await step('crm create account', () =>
    crm.records.createOnce('Accounts', { Account_Name: `Acme ${tag}` }, { lookup: async () => undefined }),
  );
  await step('crm update account', () => crm.records.update('Accounts', account.id, { Phone: '555-0100' }));
  await step('crm get account', () => crm.records.get('Accounts', account.id));
  await step('crm upsert contact', () =>
    crm.records.upsert('Contacts', [{ Last_Name: `Doe ${tag}`, Email: `doe-${tag}@example.com` }], ['Email']),
  );
  await step('crm search', () => collect(crm.records.search('Contacts', { email: `doe-${tag}@example.com` })));
  await step('crm coql', () =>
    collect(crm.records.coql(`select Account_Name from Accounts where Account_Name = 'Acme ${tag}'`)),
  );
  await step('crm list', () => collect(crm.records.list('Accounts', { fields: ['Account_Name'] })));
  return account;
}

/** A webhook, a workflow rule that calls it, and a watch channel, each made and removed again. */
async function crmAutomation(crm: Crm, tag: string): Promise<void> {
  const webhookId = await step('crm create webhook', () =>
    crm.createWebhook({
      name: `Handoff ${tag}`,
      url: 'https://runtime.example.com/hooks/crm',
      http_method: 'POST',
      module: 'Deals',
      authentication: { type: 'general' },
      feature_type: 'workflow',
      headers: { module_parameters: [], custom_parameters: [{ name: 'X-Zlc-Secret', value: `secret-${tag}` }] },
      body: {
        type: 'form_data',
        format: null,
        form_data_content: { module_parameters: [{ name: 'id', value: `\${!Deals.Id}` }], custom_parameters: [] },
      },
    }),
  );
  await step('crm get webhook', () => crm.getWebhook(webhookId));
  const ruleId = await step('crm create workflow rule', () =>
    crm.createWorkflowRule({
      name: `Closed Won ${tag}`,
      module: 'Deals',
      execute_when: {
        type: 'field_update',
        details: {
          criteria: { comparator: 'equal', field: { api_name: 'Stage' }, value: 'Closed Won' },
          repeat: false,
        },
      },
      conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: webhookId }] } }],
    }),
  );
  await step('crm get workflow rule', () => crm.getWorkflowRule(ruleId));
  await step('crm update workflow rule', () => crm.updateWorkflowRule(ruleId, { status: { active: false } }));
  await step('crm delete workflow rule', () => crm.deleteWorkflowRule(ruleId));
  await step('crm delete webhook', () => crm.deleteWebhook(webhookId));
  const watch = await step('crm enable watch', () =>
    crm.enableWatch([
      {
        channel_id: 1000000068001,
        events: ['Deals.edit'],
        notify_url: 'https://runtime.example.com/hooks/crm-watch',
        token: `zlc-${tag}`,
      },
    ]),
  );
  if (watch[0]?.status !== 'success') throw new Error(`watch not enabled: ${JSON.stringify(watch[0])}`);
  await step('crm list watch', () => crm.listWatchChannels());
  await step('crm disable watch', () => crm.disableWatch(['1000000068001']));
}

/** A product linked to a deal of `accountId`, listed back. */
async function crmDealProducts(crm: Crm, tag: string, accountId: string): Promise<void> {
  const [product] = await step('crm create product', () =>
    crm.records.create('Products', [{ Product_Name: `Widget ${tag}`, Unit_Price: 120 }]),
  );
  const [deal] = await step('crm create deal', () =>
    crm.records.create('Deals', [
      {
        Deal_Name: `Deal ${tag}`,
        Stage: 'Qualification',
        Closing_Date: '2026-12-31',
        Account_Name: { id: accountId },
      },
    ]),
  );
  if (product?.status !== 'success' || deal?.status !== 'success') throw new Error('product or deal not created');
  await step('crm link deal product', () => crm.records.linkDealProduct(deal.id, product.id));
  const linked = await step('crm deal products', () => collect(crm.records.dealProducts(deal.id)));
  if (linked.length !== 1) throw new Error(`expected the deal to list one product, got ${linked.length}`);
}

/** Books from contacts and their persons to items, an estimate, an invoice and a payment. */
async function booksWorkload(books: ZohoClients['books'], tag: string) {
  await step('books organizations', () => books.listOrganizations());
  await step('books taxes', () => books.listTaxes());
  const contact = await step('books create contact', () =>
    books.contacts.createOnce({ contact_name: `Acme ${tag}`, company_name: `Acme ${tag}`, contact_type: 'customer' }),
  );
  await step('books update contact', () =>
    books.contacts.update(contact.contact_id, {
      contact_name: `Acme ${tag}`,
      contact_type: 'customer',
      notes: 'from zlc',
    }),
  );
  await step('books get contact', () => books.contacts.get(contact.contact_id));
  const person = await step('books create person', () =>
    books.contactPersons.create(contact.contact_id, {
      first_name: 'Jane',
      last_name: 'Doe',
      email: `jane-${tag}@example.com`,
    }),
  );
  await step('books list persons', () => collect(books.contactPersons.list(contact.contact_id)));
  await step('books mark primary', () => books.contactPersons.markPrimary(person.contact_person_id));
  const item = await step('books create item', () => books.items.createOnce({ name: `Widget ${tag}`, rate: 120 }));
  await step('books list items', () => collect(books.items.list()));
  const estimate = await step('books create estimate', () =>
    books.estimates.createOnce({
      customer_id: contact.contact_id,
      reference_number: `EST-${tag}`,
      line_items: [{ item_id: item.item_id, quantity: 2 }],
    }),
  );
  await step('books estimate sent', () => books.estimates.markStatus(estimate.estimate_id, 'sent'));
  const invoice = await step('books create invoice', () =>
    books.invoices.createOnce({
      customer_id: contact.contact_id,
      reference_number: `INV-${tag}`,
      line_items: [{ item_id: item.item_id, quantity: 2 }],
    }),
  );
  await step('books invoice sent', () => books.invoices.markStatus(invoice.invoice_id, 'sent'));
  const payment = await step('books create payment', () =>
    books.payments.createOnce({
      customer_id: contact.contact_id,
      payment_mode: 'banktransfer',
      amount: 10,
      date: '2026-11-26',
      reference_number: `PAY-${tag}`,
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 10 }],
    }),
  );
  await step('books list payments', () => collect(books.payments.list({ reference_number: `PAY-${tag}` })));
  await step('books list invoices', () => collect(books.invoices.list({ reference_number: `INV-${tag}` })));
  return { contact, invoice, payment };
}

/** Desk records, a ticket, fields, layouts and webhooks. */
async function deskWorkload(desk: ZohoClients['desk'], tag: string) {
  await step('desk organizations', () => desk.listOrganizations());
  const departments = await step('desk departments', () => collect(desk.departments()));
  await step('desk agents', () => collect(desk.agents()));
  const deskAccount = await step('desk create account', () => desk.accounts.create({ accountName: `Acme ${tag}` }));
  await step('desk update account', () => desk.accounts.update(deskAccount.id, { phone: '555-0100' }));
  const deskContact = await step('desk create contact', () =>
    desk.contacts.create({ lastName: `Doe ${tag}`, email: `doe-${tag}@example.com`, accountId: deskAccount.id }),
  );
  const department = departments[0];
  if (department !== undefined) {
    await step('desk create ticket', () =>
      desk.tickets.create({ subject: `Help ${tag}`, departmentId: department.id, contactId: deskContact.id }),
    );
  }
  await step('desk ticket count', () => desk.tickets.count({ accountId: deskAccount.id }));
  await step('desk account tickets', () => collect(desk.accounts.tickets(deskAccount.id)));
  await step('desk fields', () => desk.listFields('accounts'));
  await step('desk create field', () =>
    desk.createField('accounts', { displayLabel: `CRM Account ${tag}`, type: 'Text', maxLength: 50 }),
  );
  await step('desk layouts', () => desk.listLayouts('tickets'));
  await step('desk webhooks', () => desk.listWebhooks());
  return deskAccount;
}

/**
 * Exercises every product client the way the engine and the runtime will: metadata reads, custom fields,
 * automation, record CRUD, upsert, search, COQL; Books contacts to payments; Desk records and settings.
 * Returns what it created, for assertions.
 */
export async function runWorkload(clients: ZohoClients, tag: string) {
  const metadata = await crmMetadata(clients.crm, tag);
  const account = await crmRecords(clients.crm, tag);
  await crmAutomation(clients.crm, tag);
  await crmDealProducts(clients.crm, tag, account.id);
  const { contact, invoice, payment } = await booksWorkload(clients.books, tag);
  const deskAccount = await deskWorkload(clients.desk, tag);
  return { ...metadata, account, contact, invoice, payment, deskAccount };
}
