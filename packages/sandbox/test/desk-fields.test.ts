/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const desk = deskCaller(() => sandbox.current);

async function createField(module: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await desk('POST', `/fields?module=${module}`, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return obj(answer);
}

function errorsOf(answer: { body: unknown }): { fieldName: string; errorType: string }[] {
  return (answer.body as { errors?: { fieldName: string; errorType: string }[] }).errors ?? [];
}

/** Sets a picklist's values in every layout of its module, as Desk keeps them (Layout.json `updateLayoutField`). */
async function setValues(module: string, fieldId: unknown, allowedValues: string[]): Promise<void> {
  for (const layout of data(await desk('GET', `/layouts?module=${module}`))) {
    const answer = await desk('PATCH', `/layouts/${String(layout.id)}/fields/${String(fieldId)}`, { allowedValues });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

describe('Desk fields', () => {
  it('lists the standard fields of each module with apiNames and the ticket status values', async () => {
    const tickets = data(await desk('GET', '/fields?module=tickets'));
    const status = tickets.find((f) => f.apiName === 'status');
    expect(status?.pickListValues).toEqual(
      expect.arrayContaining([
        { value: 'Open', statusType: 'Open' },
        { value: 'Closed', statusType: 'Closed' },
      ]),
    );
    expect(tickets.every((f) => f.isCustomField === false)).toBe(true);
    const accounts = data(await desk('GET', '/fields?module=accounts'));
    expect(accounts.find((f) => f.apiName === 'accountName')?.isMandatory).toBe(true);
  });

  it('creates the runtime’s account fields with cf_ api names, answering 201', async () => {
    const id = await createField('accounts', { displayLabel: 'CRM Account Id', type: 'Text', maxLength: 50 });
    expect(id).toMatchObject({ apiName: 'cf_crm_account_id', isCustomField: true, type: 'Text', maxLength: 50 });
    const sold = await createField('accounts', { displayLabel: 'Products Sold', type: 'Multiselect' });
    expect(sold.apiName).toBe('cf_products_sold');
    await setValues('accounts', sold.id, ['CRM', 'Books', 'Desk']);
    const value = await createField('accounts', {
      displayLabel: 'Deal Value',
      type: 'Currency',
      maxLength: 16,
      decimalPlaces: 2,
    });
    expect(value).toMatchObject({ apiName: 'cf_deal_value', decimalPlaces: 2, roundingOption: 'normal' });
    const owner = await createField('accounts', { displayLabel: 'Account Owner', type: 'Email' });
    expect(owner.apiName).toBe('cf_account_owner');
  });

  it('refuses picklist values in a field body: Field.json has no property for them', async () => {
    for (const key of ['allowedValues', 'pickListValues']) {
      const answer = await desk('POST', '/fields?module=tickets', {
        displayLabel: `Region ${key}`,
        type: 'Picklist',
        [key]: ['EU', 'US'],
      });
      expect(answer.status).toBe(422);
      expect(errorsOf(answer)).toEqual([expect.objectContaining({ fieldName: `/${key}`, errorType: 'invalid' })]);
    }
  });

  it('keeps picklist values per layout and lists every layout’s values on the field', async () => {
    const region = await createField('tickets', { displayLabel: 'Region', type: 'Picklist' });
    expect(region.pickListValues).toEqual([]);
    const [first, second] = data(await desk('GET', '/layouts?module=tickets'));
    const path = (layout: unknown) => `/layouts/${String(layout)}/fields/${String(region.id)}`;
    const answer = obj(await desk('PATCH', path(first?.id), { allowedValues: ['EU', 'US'], sortBy: 'userDefined' }));
    expect(answer).toMatchObject({ allowedValues: ['EU', 'US'], sortBy: 'userDefined', isRemovable: true });
    await desk('PATCH', path(second?.id), { allowedValues: ['US', 'APAC'] });
    expect(obj(await desk('GET', `/fields/${String(region.id)}`)).pickListValues).toEqual([
      { value: 'EU' },
      { value: 'US' },
      { value: 'APAC' },
    ]);
    const layout = obj(await desk('GET', `/layouts/${String(second?.id)}`));
    const fields = (layout.sections as { fields: { apiName: string; allowedValues?: string[] }[] }[]).flatMap(
      (s) => s.fields,
    );
    expect(fields.find((f) => f.apiName === 'cf_region')?.allowedValues).toEqual(['US', 'APAC']);
  });

  it('refuses layout values that repeat, values on a non-picklist, a default outside them and a system field', async () => {
    const zone = await createField('tickets', { displayLabel: 'Zone', type: 'Picklist' });
    const note = await createField('tickets', { displayLabel: 'Zone Note', type: 'Text', maxLength: 20 });
    const [layout] = data(await desk('GET', '/layouts?module=tickets'));
    const patch = (fieldId: unknown, body: unknown) =>
      desk('PATCH', `/layouts/${String(layout?.id)}/fields/${String(fieldId)}`, body);
    expect(errorsOf(await patch(zone.id, { allowedValues: ['A', 'A'] })).map((e) => e.fieldName)).toEqual([
      '/allowedValues',
    ]);
    expect(errorsOf(await patch(note.id, { allowedValues: ['A'] })).map((e) => e.fieldName)).toEqual([
      '/allowedValues',
    ]);
    const outside = await patch(zone.id, { allowedValues: ['A', 'B'], defaultValue: 'C' });
    expect(errorsOf(outside).map((e) => e.fieldName)).toEqual(['/defaultValue']);
    expect(errorsOf(await patch(zone.id, { colour: 'red' })).map((e) => e.fieldName)).toEqual(['/colour']);
    const priority = data(await desk('GET', '/fields?module=tickets&apiNames=priority'))[0];
    expect((await patch(priority?.id, { allowedValues: ['Urgent'] })).status).toBe(422);
    const account = data(await desk('GET', '/fields?module=accounts&apiNames=accountName'))[0];
    expect(errorsOf(await patch(account?.id, { isMandatory: true })).map((e) => e.fieldName)).toEqual(['/fieldId']);
  });

  it('filters fields by apiNames and by isCustomField', async () => {
    const role = await createField('contacts', { displayLabel: 'Role In Deal', type: 'Picklist' });
    await setValues('contacts', role.id, ['Buyer', 'User']);
    const custom = data(
      await desk('GET', `/fields?module=contacts&filter=${encodeURIComponent("isCustomField='true'")}`),
    );
    expect(custom.map((f) => f.apiName)).toEqual(['cf_role_in_deal']);
    const standard = data(
      await desk(
        'GET',
        `/fields?module=contacts&filter=${encodeURIComponent("isCustomField='false' AND isComputed='false'")}`,
      ),
    );
    expect(standard.length).toBeGreaterThan(5);
    expect(standard.some((f) => f.isCustomField === true)).toBe(false);
    expect((await desk('GET', `/fields?module=contacts&filter=${encodeURIComponent('colour is red')}`)).status).toBe(
      422,
    );
    const picked = data(await desk('GET', '/fields?module=contacts&apiNames=lastName,cf_role_in_deal'));
    expect(picked.map((f) => f.apiName).sort()).toEqual(['cf_role_in_deal', 'lastName']);
  });

  it('refuses a duplicate label, an unknown type, a bad maxLength and an unknown module', async () => {
    await createField('tickets', { displayLabel: 'Root Cause', type: 'Text', maxLength: 100 });
    const dup = await desk('POST', '/fields?module=tickets', {
      displayLabel: 'root cause',
      type: 'Text',
      maxLength: 10,
    });
    expect(dup.status).toBe(422);
    expect(errorsOf(dup)).toEqual([expect.objectContaining({ fieldName: '/displayLabel', errorType: 'duplicate' })]);
    const bad = await desk('POST', '/fields?module=tickets', { displayLabel: 'Odd', type: 'Hologram' });
    expect(errorsOf(bad).map((e) => e.fieldName)).toEqual(['/type']);
    const long = await desk('POST', '/fields?module=tickets', { displayLabel: 'Long', type: 'Text', maxLength: 300 });
    expect(errorsOf(long).map((e) => e.fieldName)).toEqual(['/maxLength']);
    const decimal = await desk('POST', '/fields?module=tickets', { displayLabel: 'Ratio', type: 'Decimal' });
    expect(errorsOf(decimal).map((e) => e.fieldName)).toEqual(['/maxLength', '/decimalPlaces']);
    const text = await desk('POST', '/fields?module=tickets', { displayLabel: 'No Length', type: 'Text' });
    expect(errorsOf(text)).toEqual([expect.objectContaining({ fieldName: '/maxLength', errorType: 'missing' })]);
    expect((await desk('POST', '/fields?module=planets', { displayLabel: 'X', type: 'Text' })).status).toBe(422);
    expect((await desk('GET', '/fields')).status).toBe(422);
  });

  it('updates a field from its whole documented shape: label and maxLength in place, never its type', async () => {
    const f = await createField('tickets', { displayLabel: 'Escalation Note', type: 'Text', maxLength: 100 });
    const path = `/fields/${String(f.id)}`;
    const labelOnly = await desk('PATCH', path, { displayLabel: 'Escalation Notes' });
    expect(errorsOf(labelOnly).map((e) => `${e.fieldName} ${e.errorType}`)).toEqual([
      '/type missing',
      '/maxLength missing',
    ]);
    const noLength = await desk('PATCH', path, { displayLabel: 'Escalation Notes', type: 'Text' });
    expect(errorsOf(noLength).map((e) => e.fieldName)).toEqual(['/maxLength']);
    const renamed = obj(
      await desk('PATCH', path, { displayLabel: 'Escalation Notes', type: 'Text', maxLength: '120' }),
    );
    expect(renamed).toMatchObject({ displayLabel: 'Escalation Notes', apiName: 'cf_escalation_note', maxLength: 120 });
    expect((await desk('PATCH', path, { displayLabel: 'X', type: 'Textarea' })).status).toBe(422);
    const system = data(await desk('GET', '/fields?module=tickets&apiNames=subject'))[0];
    const title = { displayLabel: 'Title', type: 'Text', maxLength: 255 };
    expect((await desk('PATCH', `/fields/${String(system?.id)}`, title)).status).toBe(422);
    expect(obj(await desk('GET', path))).toMatchObject({ displayLabel: 'Escalation Notes', maxLength: 120 });
  });

  it('changes a Decimal field’s decimals in place and keeps a LookUp on its module', async () => {
    const ratio = await createField('tickets', {
      displayLabel: 'Ratio',
      type: 'Decimal',
      maxLength: 10,
      decimalPlaces: 2,
    });
    const changed = obj(
      await desk('PATCH', `/fields/${String(ratio.id)}`, {
        displayLabel: 'Ratio',
        type: 'Decimal',
        maxLength: 12,
        decimalPlaces: 4,
      }),
    );
    expect(changed).toMatchObject({ maxLength: 12, decimalPlaces: 4 });
    const link = await createField('tickets', {
      displayLabel: 'Linked Account',
      type: 'LookUp',
      lookup: { module: { apiName: 'accounts' }, relatedListLabel: 'Linked Tickets' },
    });
    const moved = await desk('PATCH', `/fields/${String(link.id)}`, {
      displayLabel: 'Linked Account',
      type: 'LookUp',
      lookup: { module: { apiName: 'contacts' }, relatedListLabel: 'Linked Tickets' },
    });
    expect(errorsOf(moved).map((e) => e.fieldName)).toEqual(['/lookup']);
    const relabelled = obj(
      await desk('PATCH', `/fields/${String(link.id)}`, {
        displayLabel: 'Linked Account',
        type: 'LookUp',
        lookup: { module: { apiName: 'accounts' }, relatedListLabel: 'Account Tickets' },
      }),
    );
    expect((relabelled.lookup as { relatedListLabel?: string }).relatedListLabel).toBe('Account Tickets');
  });

  it('deletes a custom field (200, empty) but never a system field', async () => {
    const f = await createField('tickets', { displayLabel: 'Temporary', type: 'Boolean' });
    const gone = await desk('DELETE', `/fields/${String(f.id)}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toBeUndefined();
    expect((await desk('GET', `/fields/${String(f.id)}`)).status).toBe(422);
    const system = data(await desk('GET', '/fields?module=tickets&apiNames=subject'))[0];
    expect((await desk('DELETE', `/fields/${String(system?.id)}`)).status).toBe(422);
  });
});

describe('Desk custom-field values on records', () => {
  it('stores cf values on accounts, lists every custom field, and finds the account by cf search', async () => {
    await createField('accounts', { displayLabel: 'Seats', type: 'Number', maxLength: 5 });
    await createField('accounts', { displayLabel: 'Renewal', type: 'Date' });
    await createField('accounts', { displayLabel: 'Vip', type: 'Boolean' });
    const account = obj(
      await desk('POST', '/accounts', {
        accountName: 'Custom Co',
        cf: {
          cf_crm_account_id: '5725767000000123001',
          cf_deal_value: '1200.5',
          cf_products_sold: 'CRM;Desk',
          cf_seats: '12',
          cf_vip: 'true',
        },
      }),
    );
    expect(account.cf).toMatchObject({
      cf_crm_account_id: '5725767000000123001',
      cf_deal_value: '1200.5',
      cf_products_sold: 'CRM;Desk',
      cf_seats: '12',
      cf_vip: 'true',
      cf_renewal: null,
    });
    const found = data(await desk('GET', '/accounts/search?customField1=cf_crm_account_id:5725767000000123001'));
    expect(found.map((a) => a.id)).toEqual([account.id]);
    const patched = obj(
      await desk('PATCH', `/accounts/${String(account.id)}`, { cf: { cf_renewal: '2027-01-31', cf_seats: null } }),
    );
    expect(patched.cf).toMatchObject({ cf_renewal: '2027-01-31', cf_seats: null, cf_vip: 'true' });
  });

  it('refuses cf values of the wrong type and unknown cf keys, naming each one', async () => {
    const answer = await desk('POST', '/accounts', {
      accountName: 'Bad Values',
      cf: {
        cf_seats: 'twelve',
        cf_renewal: '31/01/2027',
        cf_products_sold: 'Spreadsheets',
        cf_vip: 'yes',
        cf_nope: 'x',
        cf_account_owner: 'not-mail',
      },
    });
    expect(answer.status).toBe(422);
    expect(
      errorsOf(answer)
        .map((e) => e.fieldName)
        .sort(),
    ).toEqual([
      '/cf/cf_account_owner',
      '/cf/cf_nope',
      '/cf/cf_products_sold',
      '/cf/cf_renewal',
      '/cf/cf_seats',
      '/cf/cf_vip',
    ]);
  });

  it('takes cf values only as strings, as the OAS types them', async () => {
    const answer = await desk('POST', '/accounts', {
      accountName: 'Typed Values',
      cf: { cf_seats: 12, cf_vip: true, cf_products_sold: ['CRM'], cf_deal_value: 10.5 },
    });
    expect(
      errorsOf(answer)
        .map((e) => e.fieldName)
        .sort(),
    ).toEqual(['/cf/cf_deal_value', '/cf/cf_products_sold', '/cf/cf_seats', '/cf/cf_vip']);
  });

  it('puts cf values on tickets and contacts too', async () => {
    const departments = data(await desk('GET', '/departments'));
    const contact = obj(await desk('POST', '/contacts', { lastName: 'Cf', cf: { cf_role_in_deal: 'Buyer' } }));
    expect(contact.cf).toEqual({ cf_role_in_deal: 'Buyer' });
    const ticket = obj(
      await desk('POST', '/tickets', {
        subject: 'cf',
        departmentId: departments[0]?.id,
        contactId: contact.id,
        cf: { cf_root_cause: 'DNS' },
      }),
    );
    expect(ticket.cf).toMatchObject({ cf_root_cause: 'DNS' });
    expect((await desk('POST', '/contacts', { lastName: 'Cf', cf: { cf_role_in_deal: 'Spy' } })).status).toBe(422);
  });
});

describe('Desk layouts', () => {
  it('lists the layouts of a module and shows its custom fields in a layout', async () => {
    expect((await desk('GET', '/layouts')).status).toBe(422);
    const layouts = data(await desk('GET', '/layouts?module=accounts'));
    expect(layouts).toHaveLength(1);
    const layout = obj(await desk('GET', `/layouts/${String(layouts[0]?.id)}`));
    const sections = layout.sections as { fields: { apiName: string }[] }[];
    const names = sections.flatMap((s) => s.fields.map((f) => f.apiName));
    expect(names).toEqual(expect.arrayContaining(['accountName', 'cf_crm_account_id', 'cf_deal_value']));
    const ticketLayouts = data(await desk('GET', '/layouts?module=tickets'));
    expect(ticketLayouts.length).toBe(data(await desk('GET', '/departments')).length);
    expect((await desk('GET', '/layouts/1')).status).toBe(422);
  });
});
