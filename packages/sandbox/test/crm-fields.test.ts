import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';
import { fieldOf, fieldsOf, layoutValues, names } from './crm-settings-helpers.js';

const { client } = crmSandbox();

const create = (module: string, fields: unknown[]) =>
  client.call('POST', `/settings/fields?module=${module}`, { fields });
const codes = (body: unknown) => list(body, 'fields').map((f) => f.code);

describe('reading fields', () => {
  it('lists fields without layout-specific configuration: no picklist values, and unique as an object', async () => {
    const stage = await fieldOf(client, 'Deals', 'Stage');
    expect(stage).toMatchObject({ data_type: 'picklist', system_mandatory: true, pick_list_values: [], unique: {} });
    expect(stage).toMatchObject({ history_tracking_enabled: false, public: false, range: null });
    const byId = first((await client.call('GET', `/settings/fields/${stage.id}?module=Deals`)).body, 'fields');
    expect(byId.pick_list_values).toEqual([]);
  });

  it('shows the Stage values with probabilities and forecast types in the layout, and by the values endpoint', async () => {
    const values = await layoutValues(client, 'Deals', 'Stage');
    expect(names(values)).toEqual([
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Identify Decision Makers',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
      'Closed Lost to Competition',
    ]);
    expect(values.find((v) => v.display_value === 'Closed Won')).toMatchObject({
      probability: 100,
      forecast_type: 'Closed Won',
      forecast_category: { name: 'Closed' },
    });
    const stage = await fieldOf(client, 'Deals', 'Stage');
    const answer = await client.call('GET', `/settings/fields/${stage.id}/pick_list_values?module=Deals`);
    expect(list(answer.body, 'pick_list_values').map((v) => v.display_value)).toContain('Closed Won');
    expect((await client.call('GET', `/settings/fields/1/pick_list_values?module=Deals`)).status).toBe(400);
  });

  it('asks for the module and refuses an unknown one', async () => {
    expect((await client.call('GET', '/settings/fields')).body).toMatchObject({
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'module' },
    });
    expect((await client.call('GET', '/settings/fields?module=Nope')).body).toMatchObject({
      code: 'INVALID_MODULE',
      details: {},
    });
  });
});

describe('creating fields', () => {
  it('derives the api name from the label when none is given, and refuses a duplicate', async () => {
    const created = await create('Accounts', [{ field_label: 'Books Customer (ID)', data_type: 'text', length: 50 }]);
    expect(created.status).toBe(201);
    const id = idOf(created.body, 'fields');
    const field = first((await client.call('GET', `/settings/fields/${id}?module=Accounts`)).body, 'fields');
    expect(field).toMatchObject({ api_name: 'Books_Customer_ID', data_type: 'text', length: 50, custom_field: true });
    const again = await create('Accounts', [{ field_label: 'Books Customer (ID)', data_type: 'text' }]);
    expect(again.status).toBe(400);
    expect(codes(again.body)).toEqual(['DUPLICATE_DATA']);
  });

  it('takes a given api name only when it follows Zoho rules for API names', async () => {
    const answer = await create('Leads', [
      { field_label: 'Given', api_name: 'Given_Name_1', data_type: 'text' },
      { field_label: 'Two Underscores', api_name: 'Two__Underscores', data_type: 'text' },
      { field_label: 'Trailing', api_name: 'Trailing_', data_type: 'text' },
      { field_label: 'Digit', api_name: '1st_Digit', data_type: 'text' },
      { field_label: '2nd Contact', data_type: 'text' },
    ]);
    expect(codes(answer.body)).toEqual(['SUCCESS', 'INVALID_DATA', 'INVALID_DATA', 'INVALID_DATA', 'INVALID_DATA']);
    expect(list(answer.body, 'fields')[4]).toMatchObject({ details: { api_name: 'field_label' } });
  });

  it('takes at most five fields a call and labels of at most 25 characters', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ field_label: `Six ${i}`, data_type: 'text' }));
    const refused = await create('Contacts', six);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: 'Configured limit exceeded',
      details: { limit: 5 },
    });
    expect((await fieldsOf(client, 'Contacts')).some((f) => f.field_label === 'Six 0')).toBe(false);
    const long = await create('Contacts', [{ field_label: 'A label of twenty-six char', data_type: 'text' }]);
    expect(first(long.body, 'fields')).toMatchObject({ code: 'INVALID_DATA', details: { maximum_length: 25 } });
  });

  it('creates custom fields of every type zlc uses', async () => {
    const batches = [
      [
        { field_label: 'Handoff Notes', data_type: 'textarea' },
        { field_label: 'Billing Email', data_type: 'email' },
        { field_label: 'Billing Phone', data_type: 'phone' },
        { field_label: 'Go Live', data_type: 'date' },
        { field_label: 'Handed Off At', data_type: 'datetime' },
      ],
      [
        {
          field_label: 'Tier',
          data_type: 'picklist',
          pick_list_values: [
            { display_value: 'Gold', actual_value: 'Gold' },
            { display_value: 'Silver', actual_value: 'Silver' },
          ],
        },
        {
          field_label: 'Regions',
          data_type: 'multiselectpicklist',
          pick_list_values: [
            { display_value: 'EU', actual_value: 'EU' },
            { display_value: 'US', actual_value: 'US' },
          ],
        },
        { field_label: 'Seats', data_type: 'integer' },
        { field_label: 'External Number', data_type: 'bigint' },
        { field_label: 'Score', data_type: 'double' },
      ],
      [
        { field_label: 'Invoiced Amount', data_type: 'currency' },
        { field_label: 'Discount Rate', data_type: 'percent' },
        { field_label: 'Synced', data_type: 'boolean' },
        { field_label: 'Portal', data_type: 'website' },
        {
          field_label: 'Primary Product',
          data_type: 'lookup',
          display_label: 'Deals of Product',
          lookup: { module: { api_name: 'Products' } },
        },
      ],
      [
        {
          field_label: 'Handoff Number',
          data_type: 'autonumber',
          auto_number: { prefix: 'H-', start_number: '1', suffix: '' },
        },
      ],
    ];
    for (const batch of batches) {
      const answer = await create('Deals', batch);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const byName = new Map((await fieldsOf(client, 'Deals')).map((f) => [f.api_name, f]));
    expect(byName.get('Tier')?.data_type).toBe('picklist');
    expect(obj(obj(byName.get('Primary_Product')?.lookup).module).api_name).toBe('Products');
    expect(names(await layoutValues(client, 'Deals', 'Tier'))).toEqual(['-None-', 'Gold', 'Silver']);
  });

  it('refuses fields without label or type, an unknown type, and picklist values short of what Zoho requires', async () => {
    const answer = await create('Leads', [
      { data_type: 'text' },
      { field_label: 'No type' },
      { field_label: 'Weird', data_type: 'hologram' },
      { field_label: 'Empty pick', data_type: 'picklist' },
      { field_label: 'Half pick', data_type: 'picklist', pick_list_values: [{ display_value: 'No actual' }] },
    ]);
    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual([
      'MANDATORY_NOT_FOUND',
      'MANDATORY_NOT_FOUND',
      'INVALID_DATA',
      'MANDATORY_NOT_FOUND',
      'MANDATORY_NOT_FOUND',
    ]);
  });

  it('takes at most ten picklist values in one request', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ display_value: `V${i}`, actual_value: `V${i}` }));
    const answer = await create('Leads', [{ field_label: 'Eleven', data_type: 'picklist', pick_list_values: eleven }]);
    expect(first(answer.body, 'fields')).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 10 } });
  });
});

describe('unique fields', () => {
  it('takes unique as {case_sensitive}, then refuses duplicate values case-insensitively', async () => {
    const created = await create('Products', [
      { field_label: 'SKU Code', data_type: 'text', unique: { case_sensitive: false } },
    ]);
    expect(created.status).toBe(201);
    expect(await fieldOf(client, 'Products', 'SKU_Code')).toMatchObject({ unique: { case_sensitive: false } });
    await client.call('POST', '/Products', { data: [{ Product_Name: 'One', SKU_Code: 'ab-1' }] });
    const clash = await client.call('POST', '/Products', { data: [{ Product_Name: 'Two', SKU_Code: 'AB-1' }] });
    expect(first(clash.body)).toMatchObject({ code: 'DUPLICATE_DATA', details: { api_name: 'SKU_Code' } });
  });

  it('refuses the old casesensitive string, a unique field of a type that cannot be, and a third unique field', async () => {
    const answer = await create('Vendors', [
      { field_label: 'Old Shape', data_type: 'text', unique: { casesensitive: 'false' } },
      { field_label: 'Unique Date', data_type: 'date', unique: true },
      { field_label: 'First Key', data_type: 'text', unique: true },
      { field_label: 'Second Key', data_type: 'email', unique: { case_sensitive: true } },
      { field_label: 'Third Key', data_type: 'integer', unique: true },
    ]);
    expect(codes(answer.body)).toEqual(['INVALID_DATA', 'NOT_SUPPORTED', 'SUCCESS', 'SUCCESS', 'NOT_ALLOWED']);
    expect(list(answer.body, 'fields')[4]).toMatchObject({ details: { api_name: 'unique', limit: 2 } });
    const third = (await fieldsOf(client, 'Vendors')).find((f) => f.field_label === 'Third Key');
    expect(third).toBeUndefined();
  });

  it('lets an update make a field unique within the limit, and drop uniqueness with false', async () => {
    const made = await create('Campaigns', [
      { field_label: 'Code A', data_type: 'text' },
      { field_label: 'Code B', data_type: 'text' },
      { field_label: 'Code C', data_type: 'text' },
    ]);
    const [a, b, c] = list(made.body, 'fields').map((f) => obj(f.details).id);
    const patch = (fields: unknown[]) => client.call('PATCH', '/settings/fields?module=Campaigns', { fields });
    const two = await patch([
      { id: a, unique: { case_sensitive: false } },
      { id: b, unique: true },
      { id: c, unique: { case_sensitive: true } },
    ]);
    expect(codes(two.body)).toEqual(['SUCCESS', 'SUCCESS', 'NOT_ALLOWED']);
    expect(codes((await patch([{ id: a, unique: false }])).body)).toEqual(['SUCCESS']);
    expect(codes((await patch([{ id: c, unique: { case_sensitive: true } }])).body)).toEqual(['SUCCESS']);
  });
});

describe('the custom fields an edition allows', () => {
  const standard = crmSandbox({ edition: 'standard' });

  it('refuses the eleventh custom field of a module on the Standard edition', async () => {
    const add = (from: number, count: number) =>
      standard.client.call('POST', '/settings/fields?module=Leads', {
        fields: Array.from({ length: count }, (_, i) => ({ field_label: `Extra ${from + i}`, data_type: 'text' })),
      });
    expect((await add(0, 5)).status).toBe(201);
    expect((await add(5, 5)).status).toBe(201);
    const refused = await add(10, 1);
    expect(first(refused.body, 'fields')).toMatchObject({
      code: 'FIELD_LIMIT_EXCEEDED',
      message: 'Configured limit exceeded',
      details: { limit: 10 },
    });
    const org = first((await standard.client.call('GET', '/org')).body, 'org');
    expect(obj(org.license_details).paid_type).toBe('standard');
  });
});
