/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { booksPerFile, expectConformingAnswers, field } from './books-client.js';

const file = booksPerFile({ seed: 'default' });
const { books } = file;

interface Contact {
  contact_id: string;
  contact_name: string;
  status: string;
  primary_contact_id: string;
  contact_persons: { contact_person_id: string; first_name: string; email: string; is_primary_contact: boolean }[];
  custom_fields: { api_name: string; value: unknown; customfield_id: string; label: string; index: number }[];
  created_time: string;
}

async function createContact(body: Record<string, unknown>): Promise<Contact> {
  const answer = await books('POST', '/contacts', body);
  expect(answer.status).toBe(201);
  return field<Contact>(answer, 'contact');
}

describe('creating and reading contacts', () => {
  it('creates a customer with contact persons and answers 201 with the Books envelope', async () => {
    const answer = await books('POST', '/contacts', {
      contact_name: 'Northwind Traders',
      company_name: 'Northwind',
      billing_address: { address: '1 Harbor Way', city: 'Seattle', zip: '98101', country: 'U.S.A' },
      contact_persons: [
        { first_name: 'Nancy', last_name: 'Davolio', email: 'nancy@northwind.example' },
        { first_name: 'Andrew', last_name: 'Fuller', email: 'andrew@northwind.example', is_primary_contact: true },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ code: 0, message: 'The contact has been created' });
    const contact = field<Contact>(answer, 'contact');
    expect(contact.contact_id).toMatch(/^\d{18}$/);
    expect(contact.created_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
    const andrew = contact.contact_persons.find((p) => p.first_name === 'Andrew');
    expect(contact.primary_contact_id).toBe(andrew?.contact_person_id);
    expect(contact.contact_persons.filter((p) => p.is_primary_contact)).toHaveLength(1);

    const read = await books('GET', `/contacts/${contact.contact_id}`);
    expect(read.body).toMatchObject({ code: 0, message: 'success', contact: { contact_name: 'Northwind Traders' } });
  });

  it('refuses a second contact with the same name with Books’ duplicate error', async () => {
    await createContact({ contact_name: 'Duplicate Corp' });
    const answer = await books('POST', '/contacts', { contact_name: 'duplicate corp' });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 3062, message: 'The customer "duplicate corp" already exists. Please specify a different name.' },
    });
  });

  it('answers an unknown contact with 404 and code 1002', async () => {
    const answer = await books('GET', '/contacts/460000000000000001');
    expect(answer).toMatchObject({ status: 404, body: { code: 1002, message: 'Contact does not exist.' } });
  });
});

describe('bad contact input', () => {
  it('refuses a missing contact_name', async () => {
    const answer = await books('POST', '/contacts', { company_name: 'Nameless' });
    expect(answer).toMatchObject({ status: 400, body: { code: 4, message: 'Invalid value passed for contact_name' } });
  });

  it('refuses a value of the wrong type', async () => {
    const answer = await books('POST', '/contacts', { contact_name: 'Typed', payment_terms: 'soon' });
    expect(answer).toMatchObject({ status: 400, body: { code: 4, message: 'Invalid value passed for payment_terms' } });
  });

  it('refuses an attribute Books does not define', async () => {
    const answer = await books('POST', '/contacts', { contact_name: 'Extra', favourite_colour: 'blue' });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 2, message: 'Invalid value passed for favourite_colour' },
    });
  });

  it('refuses an over-long name', async () => {
    const answer = await books('POST', '/contacts', { contact_name: 'x'.repeat(201) });
    expect(answer).toMatchObject({ status: 400, body: { code: 4 } });
  });

  it('answers malformed JSON with code 1038', async () => {
    const answer = await books('POST', '/contacts', '{"contact_name": ');
    expect(answer).toMatchObject({ status: 400, body: { code: 1038, message: 'JSON is not well formed' } });
  });

  it('answers a JSON array body as malformed', async () => {
    const answer = await books('POST', '/contacts', [{ contact_name: 'Array' }]);
    expect(answer).toMatchObject({ status: 400, body: { code: 1038 } });
  });

  it('accepts the body as a JSONString form field', async () => {
    const form = new URLSearchParams({ JSONString: JSON.stringify({ contact_name: 'Form Posted Ltd' }) });
    const answer = await books('POST', '/contacts', form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(201);
    expect(field<Contact>(answer, 'contact').contact_name).toBe('Form Posted Ltd');
  });

  it('refuses an unknown currency and a bad email on a contact person', async () => {
    expect((await books('POST', '/contacts', { contact_name: 'Cur', currency_id: '999' })).body).toMatchObject({
      code: 4,
    });
    const answer = await books('POST', '/contacts', {
      contact_name: 'Mail',
      contact_persons: [{ first_name: 'M', email: 'not-an-email' }],
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 4, message: 'Invalid value passed for email' } });
  });
});

describe('updating, deleting and marking contacts', () => {
  it('replaces the contact persons on PUT: the ones left out are removed', async () => {
    const contact = await createContact({
      contact_name: 'Replace Persons Inc',
      contact_persons: [{ first_name: 'Keep' }, { first_name: 'Drop' }],
    });
    const keep = contact.contact_persons.find((p) => p.first_name === 'Keep');
    const answer = await books('PUT', `/contacts/${contact.contact_id}`, {
      contact_name: 'Replace Persons Inc',
      contact_type: 'customer',
      contact_persons: [
        { contact_person_id: keep?.contact_person_id, first_name: 'Keep', email: 'keep@x.example' },
        { first_name: 'New' },
      ],
    });
    expect(answer.body).toMatchObject({ code: 0, message: 'Contact has been updated successfully' });
    const names = field<Contact>(answer, 'contact').contact_persons.map((p) => p.first_name);
    expect(names).toEqual(['Keep', 'New']);
  });

  it('requires contact_name and contact_type on update, as the OAS does', async () => {
    const contact = await createContact({ contact_name: 'Strict Update' });
    const answer = await books('PUT', `/contacts/${contact.contact_id}`, { contact_name: 'Strict Update' });
    expect(answer).toMatchObject({ status: 400, body: { code: 4, message: 'Invalid value passed for contact_type' } });
  });

  it('marks a contact inactive and active again', async () => {
    const contact = await createContact({ contact_name: 'Sleepy Co' });
    const off = await books('POST', `/contacts/${contact.contact_id}/inactive`);
    expect(off.body).toEqual({ code: 0, message: 'The contact has been marked as inactive.' });
    expect(field<Contact>(await books('GET', `/contacts/${contact.contact_id}`), 'contact').status).toBe('inactive');
    const on = await books('POST', `/contacts/${contact.contact_id}/active`);
    expect(on.body).toEqual({ code: 0, message: 'The contact has been marked as active.' });
  });

  it('deletes a contact and then answers 1002 for it', async () => {
    const contact = await createContact({ contact_name: 'Short Lived' });
    const answer = await books('DELETE', `/contacts/${contact.contact_id}`);
    expect(answer.body).toEqual({ code: 0, message: 'The contact has been deleted.' });
    expect((await books('DELETE', `/contacts/${contact.contact_id}`)).body).toMatchObject({ code: 1002 });
  });
});

describe('listing contacts', () => {
  it('filters by name prefix, name part, email and search text', async () => {
    await createContact({
      contact_name: 'Filterable Alpha',
      contact_persons: [{ first_name: 'F', email: 'alpha@filter.example' }],
    });
    await createContact({ contact_name: 'Filterable Beta', company_name: 'Beta Holdings' });
    const names = async (query: string) =>
      field<{ contact_name: string }[]>(await books('GET', `/contacts?${query}`), 'contacts').map(
        (c) => c.contact_name,
      );
    expect(await names('contact_name_startswith=filterable')).toEqual(['Filterable Alpha', 'Filterable Beta']);
    expect(await names('contact_name_contains=beta')).toEqual(['Filterable Beta']);
    expect(await names('contact_name=Filterable%20Alpha')).toEqual(['Filterable Alpha']);
    expect(await names('email=alpha@filter.example')).toEqual(['Filterable Alpha']);
    expect(await names('company_name=Beta%20Holdings')).toEqual(['Filterable Beta']);
    expect(await names('search_text=filterable&sort_column=contact_name&sort_order=D')).toEqual([
      'Filterable Beta',
      'Filterable Alpha',
    ]);
    expect(await names('zcrm_account_id=5725767000000000001')).toEqual([]);
  });

  it('pages with per_page and says when there is a next page', async () => {
    for (const n of [1, 2, 3]) await createContact({ contact_name: `Paged ${n}` });
    const first = await books('GET', '/contacts?contact_name_startswith=Paged&per_page=2&page=1');
    expect(field<unknown[]>(first, 'contacts')).toHaveLength(2);
    expect(field(first, 'page_context')).toMatchObject({
      page: 1,
      per_page: 2,
      has_more_page: true,
      applied_filter: 'Status.All',
    });
    const second = await books('GET', '/contacts?contact_name_startswith=Paged&per_page=2&page=2');
    expect(field<unknown[]>(second, 'contacts')).toHaveLength(1);
    expect(field(second, 'page_context')).toMatchObject({ page: 2, has_more_page: false });
  });

  it('filters by status and refuses an unknown filter_by or sort_column', async () => {
    const contact = await createContact({ contact_name: 'Status Filtered' });
    await books('POST', `/contacts/${contact.contact_id}/inactive`);
    const inactive = field<{ contact_id: string }[]>(
      await books('GET', '/contacts?filter_by=Status.Inactive'),
      'contacts',
    );
    expect(inactive.map((c) => c.contact_id)).toContain(contact.contact_id);
    expect((await books('GET', '/contacts?filter_by=Status.Sideways')).body).toEqual({
      code: 2,
      message: 'Invalid value passed for filter_by',
    });
    expect((await books('GET', '/contacts?sort_column=shoe_size')).body).toMatchObject({ code: 2 });
    expect((await books('GET', '/contacts?page=zero')).body).toMatchObject({ code: 2 });
  });
});

describe('customers made by Zoho’s native CRM sync (the sandbox stand-in)', () => {
  it('carry zcrm_account_id and is_linked_with_zohocrm, and the zcrm_account_id filter finds exactly them', async () => {
    const synced = await books('POST', '/__sandbox/crm-sync/accounts', {
      zcrm_account_id: '5725767000000777001',
      contact_name: 'Synced Analytics',
      company_name: 'Synced Analytics',
    });
    expect(synced.status).toBe(201);
    const customer = field<Contact & { zcrm_account_id: string; is_linked_with_zohocrm: boolean }>(synced, 'contact');
    expect(customer).toMatchObject({ zcrm_account_id: '5725767000000777001', is_linked_with_zohocrm: true });
    await createContact({ contact_name: 'Not Synced Co' });
    const found = field<{ contact_id: string; is_linked_with_zohocrm: boolean }[]>(
      await books('GET', '/contacts?zcrm_account_id=5725767000000777001'),
      'contacts',
    );
    expect(found).toEqual([expect.objectContaining({ contact_id: customer.contact_id, is_linked_with_zohocrm: true })]);
    const other = await books('GET', '/contacts?zcrm_account_id=5725767000000777999');
    expect(field<unknown[]>(other, 'contacts')).toEqual([]);
    const crm = field<{ contact_id: string }[]>(await books('GET', '/contacts?filter_by=Status.Crm'), 'contacts');
    expect(crm.map((c) => c.contact_id)).toEqual([customer.contact_id]);
    const again = await books('POST', '/__sandbox/crm-sync/accounts', {
      zcrm_account_id: '5725767000000777001',
      contact_name: 'Synced Twice',
    });
    expect(again.status).toBe(400);
    const unlinked = await books('POST', '/__sandbox/crm-sync/accounts', { contact_name: 'No Account' });
    expect(unlinked.body).toMatchObject({ code: 4 });
  });

  it('cannot be made through the public API: zcrm_account_id is not a contact attribute Books takes', async () => {
    const answer = await books('POST', '/contacts', {
      contact_name: 'Forged Link',
      zcrm_account_id: '5725767000000777002',
    });
    expect(answer.status).toBe(400);
  });
});

describe('custom fields and the unique-key upsert', () => {
  it('lets the admin step create a unique custom field that the settings lists show', async () => {
    const created = await books('POST', '/__sandbox/customfields', {
      module: 'contacts',
      label: 'CRM Account Id',
      data_type: 'string',
      is_unique: true,
    });
    expect(created.status).toBe(201);
    expect(field(created, 'customfield')).toMatchObject({ api_name: 'cf_crm_account_id', is_unique: true, index: 1 });
    const fields = field<{ api_name: string }[]>(await books('GET', '/settings/fields?entity=contact'), 'fields');
    expect(fields.map((f) => f.api_name)).toEqual(['cf_crm_account_id']);
    const grouped = field<{ contact: { api_name: string }[] }>(
      await books('GET', '/settings/customfields?module=contacts'),
      'customfields',
    );
    expect(grouped.contact.map((f) => f.api_name)).toEqual(['cf_crm_account_id']);
    expect((await books('GET', '/settings/customfields?module=planets')).body).toMatchObject({ code: 2 });
  });

  it('lists field definitions by entity= only: the form Books callers send, with a module= refused', async () => {
    const byEntity = field<{ api_name: string; field_name_formatted: string }[]>(
      await books('GET', '/settings/fields?entity=contact'),
      'fields',
    );
    expect(byEntity).toEqual([
      expect.objectContaining({ api_name: 'cf_crm_account_id', field_name_formatted: 'CRM Account Id' }),
    ]);
    const byModule = await books('GET', '/settings/fields?module=contact');
    expect(byModule.status).toBe(400);
    expect(byModule.body).toMatchObject({ code: 2, message: 'Invalid value passed for entity' });
  });

  it('stores custom field values on records, named by api_name, label, id or index', async () => {
    const contact = await createContact({
      contact_name: 'Custom Valued',
      custom_fields: [{ label: 'CRM Account Id', value: '5725767000000001111' }],
    });
    expect(contact.custom_fields).toEqual([
      expect.objectContaining({
        api_name: 'cf_crm_account_id',
        value: '5725767000000001111',
        index: 1,
        label: 'CRM Account Id',
      }),
    ]);
    const byIndex = await createContact({ contact_name: 'Indexed', custom_fields: [{ index: 1, value: 'A-1' }] });
    expect(byIndex.custom_fields[0]?.value).toBe('A-1');
    const unknown = await books('POST', '/contacts', {
      contact_name: 'Unknown CF',
      custom_fields: [{ api_name: 'cf_nope', value: 'x' }],
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 4, message: 'Invalid value passed for custom_fields' },
    });
    const duplicate = await books('POST', '/contacts', {
      contact_name: 'Second Holder',
      custom_fields: [{ api_name: 'cf_crm_account_id', value: '5725767000000001111' }],
    });
    expect(duplicate).toMatchObject({ status: 400, body: { code: 3062 } });
  });

  it('creates with X-Upsert when no record holds the value (answering 200, the one status Books documents for it), then updates the one that does', async () => {
    const headers = {
      'X-Unique-Identifier-Key': 'cf_crm_account_id',
      'X-Unique-Identifier-Value': '5725767000000002222',
      'X-Upsert': 'true',
    };
    const first = await books('PUT', '/contacts', { contact_name: 'Upsert Target', contact_type: 'customer' }, headers);
    expect(first.status).toBe(200);
    const created = field<Contact>(first, 'contact');
    expect(created.custom_fields[0]).toMatchObject({ api_name: 'cf_crm_account_id', value: '5725767000000002222' });
    const second = await books(
      'PUT',
      '/contacts',
      { contact_name: 'Upsert Target Renamed', contact_type: 'customer' },
      headers,
    );
    expect(second.status).toBe(200);
    expect(field<Contact>(second, 'contact')).toMatchObject({
      contact_id: created.contact_id,
      contact_name: 'Upsert Target Renamed',
    });
  });

  it('answers 1002 without X-Upsert when nothing matches, and refuses a key that is not a unique field', async () => {
    const missing = await books(
      'PUT',
      '/contacts',
      { contact_name: 'Nobody', contact_type: 'customer' },
      {
        'X-Unique-Identifier-Key': 'cf_crm_account_id',
        'X-Unique-Identifier-Value': 'no-such-value',
      },
    );
    expect(missing).toMatchObject({ status: 404, body: { code: 1002 } });
    await books('POST', '/__sandbox/customfields', { module: 'contacts', label: 'Region' });
    const notUnique = await books(
      'PUT',
      '/contacts',
      { contact_name: 'Nobody', contact_type: 'customer' },
      {
        'X-Unique-Identifier-Key': 'cf_region',
        'X-Unique-Identifier-Value': 'EMEA',
      },
    );
    expect(notUnique).toMatchObject({
      status: 400,
      body: { code: 2, message: 'Invalid value passed for X-Unique-Identifier-Key' },
    });
  });

  it('refuses bad admin input and deletes a field definition', async () => {
    expect((await books('POST', '/__sandbox/customfields', { module: 'planets', label: 'X' })).body).toEqual({
      code: 4,
      message: 'Invalid value passed for module',
    });
    expect(
      (await books('POST', '/__sandbox/customfields', { module: 'contacts', label: 'X', data_type: 'blob' })).body,
    ).toMatchObject({ code: 4 });
    expect((await books('POST', '/__sandbox/customfields', { module: 'contacts' })).body).toMatchObject({ code: 4 });
    const created = await books('POST', '/__sandbox/customfields', { module: 'contacts', label: 'Temporary' });
    expect(
      (await books('POST', '/__sandbox/customfields', { module: 'contacts', label: 'Temporary' })).body,
    ).toMatchObject({ code: 3062 });
    const id = field<{ customfield_id: string }>(created, 'customfield').customfield_id;
    expect((await books('DELETE', `/__sandbox/customfields/${id}`)).body).toEqual({
      code: 0,
      message: 'The custom field has been deleted.',
    });
    expect((await books('DELETE', `/__sandbox/customfields/${id}`)).status).toBe(404);
  });

  it('checks custom field value types', async () => {
    await books('POST', '/__sandbox/customfields', { module: 'contacts', label: 'Seats', data_type: 'number' });
    const bad = await books('POST', '/contacts', {
      contact_name: 'Seaty',
      custom_fields: [{ api_name: 'cf_seats', value: 'many' }],
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 4, message: 'Invalid value passed for Seats' } });
    const good = await createContact({ contact_name: 'Seated', custom_fields: [{ api_name: 'cf_seats', value: 12 }] });
    expect(good.custom_fields.find((f) => f.api_name === 'cf_seats')?.value).toBe('12');
  });
});

describe('contact persons', () => {
  it('adds, reads, updates, marks primary and deletes a contact person', async () => {
    const contact = await createContact({ contact_name: 'People Place', contact_persons: [{ first_name: 'First' }] });
    const added = await books('POST', '/contacts/contactpersons', {
      contact_id: contact.contact_id,
      first_name: 'Second',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ code: 0, message: 'The contactperson has been Created' });
    const [person] = field<{ contact_person_id: string }[]>(added, 'contact_person');
    const id = person?.contact_person_id ?? '';

    const list = await books('GET', `/contacts/${contact.contact_id}/contactpersons`);
    expect(field<unknown[]>(list, 'contact_persons')).toHaveLength(2);
    expect(field(list, 'page_context')).toMatchObject({ has_more_page: false });

    const updated = await books('PUT', `/contacts/contactpersons/${id}`, {
      contact_id: contact.contact_id,
      first_name: 'Second',
      last_name: 'Updated',
    });
    expect(updated.body).toMatchObject({ code: 0, contact_person: { last_name: 'Updated' } });

    const primary = await books('POST', `/contacts/contactpersons/${id}/primary`);
    expect(primary.body).toEqual({
      code: 0,
      message: 'This contact person has been marked as your primary contact person.',
    });
    expect(field<Contact>(await books('GET', `/contacts/${contact.contact_id}`), 'contact').primary_contact_id).toBe(
      id,
    );

    const read = await books('GET', `/contacts/${contact.contact_id}/contactpersons/${id}`);
    expect(read.body).toMatchObject({ contact_person: { contact_person_id: id, is_primary_contact: true } });

    expect((await books('DELETE', `/contacts/contactpersons/${id}`)).body).toEqual({
      code: 0,
      message: 'The contact person has been deleted.',
    });
    expect((await books('GET', `/contacts/${contact.contact_id}/contactpersons/${id}`)).body).toMatchObject({
      code: 1002,
    });
  });

  it('refuses an update that names another contact or drops first_name', async () => {
    const contact = await createContact({ contact_name: 'Person Owner', contact_persons: [{ first_name: 'Owned' }] });
    const other = await createContact({ contact_name: 'Person Stranger' });
    const id = contact.contact_persons[0]?.contact_person_id;
    const moved = await books('PUT', `/contacts/contactpersons/${id}`, {
      contact_id: other.contact_id,
      first_name: 'Owned',
    });
    expect(moved.body).toEqual({ code: 4, message: 'Invalid value passed for contact_id' });
    const nameless = await books('PUT', `/contacts/contactpersons/${id}`, { contact_id: contact.contact_id });
    expect(nameless.body).toEqual({ code: 4, message: 'Invalid value passed for first_name' });
    expect(
      (
        await books('PUT', '/contacts/contactpersons/460000000000000001', {
          contact_id: contact.contact_id,
          first_name: 'X',
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a person without first_name or for an unknown contact', async () => {
    const contact = await createContact({ contact_name: 'Person Errors' });
    expect((await books('POST', '/contacts/contactpersons', { contact_id: contact.contact_id })).body).toMatchObject({
      code: 4,
      message: 'Invalid value passed for first_name',
    });
    expect(
      (await books('POST', '/contacts/contactpersons', { contact_id: '460000000000000009', first_name: 'X' })).status,
    ).toBe(404);
  });
});

expectConformingAnswers(file, 'sandbox-books-contacts');
