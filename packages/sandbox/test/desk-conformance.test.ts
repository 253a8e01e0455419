/**
 * @module-tag e2e
 * @module-tag slow
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { skipUnless } from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import {
  type Conformance,
  conformanceAvailable,
  expectConformance,
  sandboxPerFile,
  withConformance,
} from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const available = conformanceAvailable();
skipUnless(available, 'Desk traffic through the conformance proxy');
let proxy: Conformance | undefined;
let receiver: Server | undefined;
let receiverUrl = '';
const desk = deskCaller(
  () => sandbox.current,
  () => {
    if (proxy === undefined) throw new Error('the proxy starts in beforeAll');
    return proxy.url;
  },
);

describe.skipIf(!available.ok)('Desk traffic through the conformance proxy', () => {
  beforeAll(async () => {
    proxy = await withConformance(sandbox.current, { products: ['desk'] });
    receiver = createServer((_req, res) => {
      res.writeHead(200).end();
    });
    await new Promise<void>((done) => receiver?.listen(0, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  }, 200_000);
  afterAll(async () => {
    await proxy?.close();
    await new Promise<void>((done) => (receiver === undefined ? done() : receiver.close(() => done())));
  });

  it('answers every implemented Desk operation in the shape of Zoho’s OAS', async () => {
    const orgId = sandbox.current.org.deskOrgId;
    expect((await desk('GET', '/organizations', undefined, { orgId: 'none' })).status).toBe(200);
    expect((await desk('GET', `/organizations/${orgId}`)).status).toBe(200);
    const departments = data(await desk('GET', '/departments'));
    const deptId = String(departments[0]?.id);
    expect((await desk('GET', `/departments/${deptId}`)).status).toBe(200);
    expect((await desk('GET', '/departments/count')).status).toBe(200);
    expect((await desk('GET', `/departments/${deptId}/agents`)).status).toBe(200);

    for (const module of ['accounts', 'contacts', 'tickets']) {
      expect((await desk('GET', `/fields?module=${module}`)).status).toBe(200);
      const layouts = data(await desk('GET', `/layouts?module=${module}`));
      expect((await desk('GET', `/layouts/${String(layouts[0]?.id)}`)).status).toBe(200);
    }
    const types: Record<string, unknown>[] = [
      { displayLabel: 'CRM Account Id', type: 'Text', maxLength: 50 },
      { displayLabel: 'Deal Value', type: 'Currency', maxLength: 16, decimalPlaces: 2 },
      { displayLabel: 'Seats', type: 'Number', maxLength: 9 },
      { displayLabel: 'Margin', type: 'Decimal', maxLength: 16, decimalPlaces: 2 },
      { displayLabel: 'Share', type: 'Percent' },
      { displayLabel: 'Renewal', type: 'Date' },
      { displayLabel: 'Signed At', type: 'DateTime' },
      { displayLabel: 'Billing Email', type: 'Email' },
      { displayLabel: 'Hotline', type: 'Phone', maxLength: 30 },
      { displayLabel: 'Tier', type: 'Picklist' },
      { displayLabel: 'Portal', type: 'URL' },
      { displayLabel: 'Notes', type: 'Textarea' },
      { displayLabel: 'Vip', type: 'Boolean', defaultValue: 'false' },
      { displayLabel: 'Products Sold', type: 'Multiselect' },
      {
        displayLabel: 'Parent',
        type: 'LookUp',
        lookup: { module: { apiName: 'accounts' }, relatedListLabel: 'Children' },
      },
    ];
    let fieldId = '';
    for (const body of types) {
      const created = await desk('POST', '/fields?module=accounts', body);
      expect(created.status).toBe(201);
      fieldId = String(obj(created).id);
    }
    expect((await desk('GET', `/fields/${fieldId}`)).status).toBe(200);
    const parent = {
      displayLabel: 'Parent Account',
      type: 'LookUp',
      lookup: { module: { apiName: 'accounts' }, relatedListLabel: 'Children' },
    };
    expect((await desk('PATCH', `/fields/${fieldId}`, parent)).status).toBe(200);
    expect((await desk('DELETE', `/fields/${fieldId}`)).status).toBe(200);
    expect(
      (
        await desk('POST', '/fields?module=accounts', {
          displayLabel: 'Deal Value',
          type: 'Currency',
          maxLength: 16,
          decimalPlaces: 2,
        })
      ).status,
    ).toBe(422);

    const account = obj(
      await desk('POST', '/accounts', {
        accountName: 'Conformance Co',
        email: 'hi@conf.example.com',
        cf: { cf_crm_account_id: '5725767000000999001', cf_deal_value: '1200.50' },
      }),
    );
    const accountId = String(account.id);
    expect((await desk('GET', `/accounts/${accountId}`)).status).toBe(200);
    expect((await desk('PATCH', `/accounts/${accountId}`, { phone: '+1 555 0199' })).status).toBe(200);
    expect((await desk('GET', '/accounts?from=1&limit=2&sortBy=-createdTime')).status).toBe(200);
    expect((await desk('GET', '/accounts/count')).status).toBe(200);
    expect((await desk('POST', '/accounts', { website: 'x' })).status).toBe(422);

    const contact = obj(
      await desk('POST', '/contacts', { lastName: 'Form', firstName: 'Con', email: 'con@conf.example.com', accountId }),
    );
    const contactId = String(contact.id);
    expect((await desk('GET', `/contacts/${contactId}`)).status).toBe(200);
    expect((await desk('PATCH', `/contacts/${contactId}`, { mobile: '+1 555 0111' })).status).toBe(200);
    expect((await desk('GET', '/contacts?limit=3')).status).toBe(200);
    expect((await desk('GET', '/contacts/count')).status).toBe(200);
    expect((await desk('GET', `/accounts/${accountId}/contacts`)).status).toBe(200);
    expect((await desk('GET', `/contacts/${contactId}/accounts`)).status).toBe(200);
    expect((await desk('POST', '/contacts', { firstName: 'No Last' })).status).toBe(422);

    const hook = await desk('POST', '/webhooks', {
      name: 'Ticket events',
      url: receiverUrl,
      subscriptions: {
        Ticket_Add: { departmentIds: [deptId] },
        Ticket_Update: { includePrevState: true },
        Account_Add: null,
      },
    });
    expect(hook.status).toBe(200);
    const hookId = String(obj(hook).id);
    expect((await desk('GET', '/webhooks')).status).toBe(200);
    expect((await desk('GET', `/webhooks/${hookId}`)).status).toBe(200);
    expect((await desk('PATCH', `/webhooks/${hookId}`, { description: 'for the runtime' })).status).toBe(200);

    const ticket = obj(
      await desk('POST', '/tickets', {
        subject: 'Conformance',
        departmentId: deptId,
        contactId,
        priority: 'High',
        status: 'Open',
      }),
    );
    const ticketId = String(ticket.id);
    expect((await desk('GET', `/tickets/${ticketId}?include=contacts,departments,assignee`)).status).toBe(200);
    expect((await desk('PATCH', `/tickets/${ticketId}`, { status: 'Closed' })).status).toBe(200);
    expect((await desk('GET', '/tickets?include=contacts,assignee,departments&limit=5')).status).toBe(200);
    expect((await desk('GET', `/accounts/${accountId}/tickets?include=contacts`)).status).toBe(200);
    expect((await desk('GET', `/contacts/${contactId}/tickets`)).status).toBe(200);
    expect((await desk('POST', '/tickets', { subject: 'No department', contactId })).status).toBe(422);
    expect((await desk('POST', '/tickets/moveToTrash', { ticketIds: [ticketId] })).status).toBe(204);
    expect((await desk('POST', '/contacts/moveToTrash', { contactIds: [contactId] })).status).toBe(204);
    expect((await desk('POST', '/accounts/moveToTrash', { accountIds: [accountId] })).status).toBe(204);
    expect((await desk('DELETE', `/webhooks/${hookId}`)).status).toBe(200);
    expect((await desk('GET', '/webhooks')).status).toBe(204);

    // More shapes: every cf type on a record, include variants, sorts, filters, empty pages, documented 422s.
    const rootCause = obj(
      await desk('POST', '/fields?module=tickets', { displayLabel: 'Root Cause', type: 'Picklist' }),
    );
    for (const layout of data(await desk('GET', '/layouts?module=tickets'))) {
      const path = `/layouts/${String(layout.id)}/fields/${String(rootCause.id)}`;
      expect((await desk('PATCH', path, { allowedValues: ['DNS', 'Disk'], sortBy: 'userDefined' })).status).toBe(200);
    }
    await desk('POST', '/fields?module=contacts', { displayLabel: 'Role', type: 'Text', maxLength: 40 });
    const rich = obj(
      await desk('POST', '/accounts', {
        accountName: 'Rich Co',
        cf: {
          cf_seats: '12',
          cf_margin: '3.5',
          cf_share: '40',
          cf_renewal: '2027-01-31',
          cf_signed_at: '2026-11-26T10:00:00Z',
          cf_billing_email: 'billing@rich.example.com',
          cf_hotline: '+1 555 0142',
          cf_portal: 'https://rich.example.com',
          cf_notes: 'long text',
          cf_vip: 'true',
        },
      }),
    );
    const richId = String(rich.id);
    expect((await desk('GET', `/accounts/${richId}`)).status).toBe(200);
    expect((await desk('PATCH', `/accounts/${richId}`, { cf: { cf_seats: 'many' } })).status).toBe(422);
    expect((await desk('GET', `/accounts/${richId}/tickets`)).status).toBe(204);
    expect((await desk('GET', `/accounts/${richId}/contacts`)).status).toBe(204);
    expect((await desk('GET', '/accounts?from=1000&limit=10')).status).toBe(204);
    expect((await desk('GET', '/contacts?sortBy=lastName&limit=100')).status).toBe(200);
    expect((await desk('GET', '/departments?isEnabled=true')).status).toBe(200);
    expect((await desk('GET', `/layouts?module=tickets&departmentId=${deptId}`)).status).toBe(200);
    const ticketLayout = data(await desk('GET', `/layouts?module=tickets&departmentId=${deptId}`))[0];
    expect((await desk('GET', `/layouts/${String(ticketLayout?.id)}`)).status).toBe(200);
    expect((await desk('GET', '/fields/1')).status).toBe(422);
    const person = String(
      obj(await desk('POST', '/contacts', { lastName: 'Rich', accountId: richId, cf: { cf_role: 'CFO' } })).id,
    );
    expect((await desk('PATCH', `/contacts/${person}`, { accountId: '1' })).status).toBe(422);
    const hook2 = await desk('POST', '/webhooks', {
      name: 'Everything',
      url: receiverUrl,
      subscriptions: {
        Ticket_Update: { departmentIds: [deptId], fields: ['status'], includePrevState: true },
        Ticket_Delete: null,
        Contact_Add: null,
        Contact_Update: { includePrevState: false },
        Account_Update: { includePrevState: true },
      },
    });
    expect(hook2.status).toBe(200);
    expect((await desk('PATCH', `/webhooks/${String(obj(hook2).id)}`, { subscriptions: { Nope: null } })).status).toBe(
      422,
    );
    expect((await desk('POST', '/webhooks', { name: 'no url', subscriptions: { Ticket_Add: null } })).status).toBe(422);
    const agents = data(await desk('GET', `/departments/${deptId}/agents`));
    const rt = obj(
      await desk('POST', '/tickets', {
        subject: 'Rich ticket',
        departmentId: deptId,
        contact: { lastName: 'Walk-in', email: 'walkin@rich.example.com' },
        accountId: richId,
        assigneeId: agents[0]?.id,
        dueDate: '2027-01-01T00:00:00.000Z',
        cf: { cf_root_cause: 'DNS' },
      }),
    );
    const rtId = String(rt.id);
    expect(
      (await desk('GET', `/tickets/${rtId}?include=contacts,products,departments,team,assignee,isRead`)).status,
    ).toBe(200);
    expect((await desk('PATCH', `/tickets/${rtId}`, { status: 'On Hold', priority: 'Low' })).status).toBe(200);
    expect((await desk('PATCH', `/tickets/${rtId}`, { status: 'Nope' })).status).toBe(422);
    expect(
      (
        await desk(
          'GET',
          '/tickets?status=Open,On Hold&include=contacts,products,departments,team,assignee&sortBy=createdTime',
        )
      ).status,
    ).toBe(200);
    expect(
      (await desk('GET', `/accounts/${richId}/tickets?include=contacts,departments,assignee,team,products,isRead`))
        .status,
    ).toBe(200);
    expect(
      (await desk('GET', `/contacts/${String(rt.contactId)}/tickets?include=departments,assignee,isRead`)).status,
    ).toBe(200);
    expect((await desk('POST', '/tickets/moveToTrash', { ticketIds: ['1'] })).status).toBe(422);
    expect((await desk('POST', '/tickets/moveToTrash', { ticketIds: [rtId] })).status).toBe(204);
    expect((await desk('DELETE', `/webhooks/${String(obj(hook2).id)}`)).status).toBe(200);

    if (proxy === undefined) throw new Error('the proxy starts in beforeAll');
    const report = await proxy.report();
    expect(report.totals.matched).toBe(report.totals.requests);
    expectConformance(report, 'sandbox-desk', { responsesOnly: true });
  }, 120_000);
});
