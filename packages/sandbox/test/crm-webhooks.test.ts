/**
 * CRM webhooks as `../shared/specs/crm-v8-2026/webhooks.yaml` documents them: shapes, limits, errors, paging.
 *
 * @module-tag e2e
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearAutomation,
  createHook,
  createRule,
  dealHook,
  dealRule,
  entryOf,
  moduleRef,
} from './crm-automation-helpers.js';
import { crmSandbox, first, list, obj } from './crm-helpers.js';

const { client } = crmSandbox();
const URL = 'https://runtime.example.com/hooks/crm/h1';
let deals: { api_name: string; id: string };

beforeAll(async () => {
  deals = await moduleRef(client, 'Deals');
});
beforeEach(() => clearAutomation(client));

const post = (hook: Record<string, unknown>) =>
  client.call('POST', '/settings/automation/webhooks', { webhooks: [hook] });

/** The first error of a create of `dealHook` changed by `change` (a key set to undefined is left out). */
async function refusal(change: Record<string, unknown>) {
  const answer = await post(JSON.parse(JSON.stringify(dealHook(deals, URL, change))));
  expect(answer.status).toBe(400);
  return entryOf(answer.body, 'webhooks');
}

describe('creating a webhook', () => {
  it('answers the whole webhook by id and only a summary in the list', async () => {
    const id = await createHook(client, dealHook(deals, URL, { name: 'zlc-h1' }));
    const full = first((await client.call('GET', `/settings/automation/webhooks/${id}`)).body, 'webhooks');
    expect(full).toMatchObject({
      name: 'zlc-h1',
      module: deals,
      feature_type: 'workflow',
      authentication: { type: 'general' },
      url_parameters: null,
      date_time_format: null,
      headers: { module_parameters: [], custom_parameters: [{ name: 'X-Zlc-Secret', value: 'top-secret' }] },
      body: {
        type: 'form_data',
        format: null,
        form_data_content: { module_parameters: [{ name: 'id', value: `\${!Deals.Id}` }] },
      },
    });
    const summary = first((await client.call('GET', '/settings/automation/webhooks')).body, 'webhooks');
    expect(summary).toMatchObject({ id, name: 'zlc-h1', url: URL, feature_type: 'workflow', http_method: 'POST' });
    for (const omitted of ['headers', 'body', 'authentication', 'url_parameters', 'date_time_format'])
      expect(summary).not.toHaveProperty(omitted);
    expect(obj(summary.created_by)).not.toHaveProperty('email');
  });

  it('requires authentication and feature_type, naming the missing key', async () => {
    expect(await refusal({ authentication: undefined })).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      api_name: 'authentication',
    });
    expect(await refusal({ feature_type: undefined })).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      api_name: 'feature_type',
    });
    expect(await refusal({ feature_type: 'sometimes' })).toMatchObject({
      code: 'INVALID_DATA',
      message: 'the given feature name is invalid',
    });
  });

  it('refuses the form body without format or form_data_content, or with parameters outside form_data_content', async () => {
    const params = { custom_parameters: [{ name: 'handoff', value: 'h1' }] };
    expect(await refusal({ body: { type: 'form_data', ...params } })).toMatchObject({ code: 'INVALID_DATA' });
    expect(await refusal({ body: { type: 'form_data', form_data_content: params } })).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      api_name: 'format',
    });
    expect(await refusal({ body: { type: 'form_data', format: null } })).toMatchObject({
      code: 'DEPENDENT_FIELD_MISSING',
      api_name: 'form_data_content',
    });
    expect(await refusal({ body: { type: 'raw', format: 'YAML', raw_data_content: '{}' } })).toMatchObject({
      message: 'invalid format passed in body',
    });
  });

  it(`takes module parameters only as \${!Module.API_name} merge fields of its own module`, async () => {
    const withValue = (value: string) => ({
      body: {
        type: 'form_data',
        format: null,
        form_data_content: { module_parameters: [{ name: 'id', value }] },
      },
    });
    for (const value of [`\${Deals.id}`, `\${!Deals.Deal Name}`, `\${!Leads.Id}`, `\${!Deals.Nope}`, 'plain'])
      expect(await refusal(withValue(value)), value).toMatchObject({
        code: 'INVALID_DATA',
        message: 'Unsupported fields are present',
      });
    await createHook(client, dealHook(deals, URL, withValue(`\${!Deals.Deal_Name}`)));
  });

  it('caps module parameters at 25 and custom parameters at 10', async () => {
    const many = (n: number, value: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({ name: `${value(i).startsWith('$') ? 'm' : 'c'}${i}`, value: value(i) }));
    const body = (module_parameters: unknown[], custom_parameters: unknown[]) => ({
      body: { type: 'form_data', format: null, form_data_content: { module_parameters, custom_parameters } },
    });
    expect(
      await refusal(
        body(
          many(26, () => `\${!Deals.Id}`),
          [],
        ),
      ),
    ).toMatchObject({
      code: 'INVALID_DATA',
      api_name: 'module_parameters',
    });
    expect(await refusal(body([], many(11, String)))).toMatchObject({
      code: 'INVALID_DATA',
      api_name: 'custom_parameters',
    });
    await createHook(
      client,
      dealHook(
        deals,
        URL,
        body(
          many(25, () => `\${!Deals.Id}`),
          many(10, String),
        ),
      ),
    );
  });

  it('requires headers.module_parameters, and refuses a HOST header and a name used twice', async () => {
    expect(await refusal({ headers: { custom_parameters: [] } })).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      api_name: 'module_parameters',
    });
    const header = (custom_parameters: unknown[]) => ({ headers: { module_parameters: [], custom_parameters } });
    expect(await refusal(header([{ name: 'Host', value: 'x' }]))).toMatchObject({
      message: 'restricted parameter name found',
    });
    expect(
      await refusal(
        header([
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ]),
      ),
    ).toMatchObject({
      code: 'DUPLICATE_DATA',
    });
    expect(await refusal(header([{ name: 'a' }]))).toMatchObject({ code: 'MANDATORY_NOT_FOUND', api_name: 'value' });
  });

  it('refuses keys its method does not take', async () => {
    const urlParameters = { module_parameters: [], custom_parameters: [{ name: 'a', value: '1' }] };
    expect(await refusal({ url_parameters: urlParameters })).toMatchObject({ code: 'DEPENDENT_MISMATCH' });
    expect(await refusal({ http_method: 'GET' })).toMatchObject({ code: 'DEPENDENT_MISMATCH' });
    expect(await refusal({ http_method: 'PATCH' })).toMatchObject({ message: 'The method type given is invalid' });
  });

  it('refuses names over 50 characters or with ~ # %, and urls over 255, without a scheme or to private hosts', async () => {
    expect(await refusal({ name: 'x'.repeat(51) })).toMatchObject({
      message: 'The lenght of name has exceeded the limit',
    });
    for (const name of ['a~b', 'a#b', '50%'])
      expect(await refusal({ name })).toMatchObject({ message: 'Special characters not allowed' });
    expect(await refusal({ url: `https://e.com/${'x'.repeat(250)}` })).toMatchObject({ api_name: 'url' });
    expect(await refusal({ url: 'ftp://e.com/x' })).toMatchObject({ message: 'please enter a valid URL' });
    expect(await refusal({ url: '' })).toMatchObject({ message: 'Empty value is not allowed' });
    expect(await refusal({ url: 'http://10.1.2.3/x' })).toMatchObject({
      message: "Url you've configured is not secure",
    });
    await createHook(client, dealHook(deals, URL, { name: "Zoho's Data" }));
  });

  it('requires the module as api_name and id of one module', async () => {
    expect(await refusal({ module: { api_name: 'Deals' } })).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      api_name: 'id',
    });
    expect(await refusal({ module: {} })).toMatchObject({ code: 'EXPECTED_FIELD_MISSING' });
    expect(await refusal({ module: { api_name: 'Leads', id: deals.id } })).toMatchObject({
      code: 'AMBIGUITY_DURING_PROCESSING',
    });
    expect(await refusal({ module: { api_name: 'Deals', id: '1' } })).toMatchObject({
      message: 'the module id given seems to be invalid',
    });
    const calls = await moduleRef(client, 'Calls');
    expect(await refusal({ module: calls, body: undefined })).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('takes general authentication without a connection name, and no connection it does not know', async () => {
    expect(await refusal({ authentication: { type: 'general', connection_name: 'c1' } })).toMatchObject({
      code: 'DEPENDENT_MISMATCH',
    });
    expect(await refusal({ authentication: { type: 'connection', connection_name: 'c1' } })).toMatchObject({
      message: 'Please provide valid connection name',
    });
  });

  it('takes exactly one webhook per request', async () => {
    const two = await client.call('POST', '/settings/automation/webhooks', {
      webhooks: [dealHook(deals, URL), dealHook(deals, URL)],
    });
    expect(two.status).toBe(400);
    expect(entryOf(two.body, 'webhooks').code).toBe('LIMIT_EXCEEDED');
  });
});

describe('updating and deleting webhooks', () => {
  it('replaces the whole webhook, keeps its module, and refuses an unknown path id or another id in the body', async () => {
    const id = await createHook(client, dealHook(deals, URL));
    const moved = dealHook(deals, `${URL}/moved`, { name: 'Moved', headers: undefined });
    const answer = await client.call('PUT', `/settings/automation/webhooks/${id}`, { webhooks: [moved] });
    expect(answer.status).toBe(200);
    expect(first(answer.body, 'webhooks').message).toBe('webhook updated successfully');
    const read = first((await client.call('GET', `/settings/automation/webhooks/${id}`)).body, 'webhooks');
    expect(read).toMatchObject({ name: 'Moved', url: `${URL}/moved` });
    expect(read).not.toHaveProperty('headers');
    const leads = await moduleRef(client, 'Leads');
    const other = { ...moved, module: leads, body: undefined };
    expect(
      entryOf(
        (await client.call('PUT', `/settings/automation/webhooks/${id}`, { webhooks: [other] })).body,
        'webhooks',
      ),
    ).toMatchObject({ code: 'NOT_ALLOWED', api_name: 'module' });
    const unknown = await client.call('PUT', '/settings/automation/webhooks/1', { webhooks: [moved] });
    expect(unknown.body).toMatchObject({ code: 'INVALID_DATA', details: { resource_path_index: 3 } });
    const otherId = await client.call('PUT', `/settings/automation/webhooks/${id}`, {
      webhooks: [{ ...moved, id: '1' }],
    });
    expect(entryOf(otherId.body, 'webhooks')).toMatchObject({
      code: 'INVALID_DATA',
      message: 'The ID given is invalid',
    });
    const partial = await client.call('PUT', `/settings/automation/webhooks/${id}`, { webhooks: [{ url: URL }] });
    expect(entryOf(partial.body, 'webhooks').code).toBe('MANDATORY_NOT_FOUND');
  });

  it('deletes at most 10 per call and none a rule uses; GET of a deleted one is 204', async () => {
    const used = await createHook(client, dealHook(deals, URL));
    await createRule(client, dealRule(deals, used));
    const free = await createHook(client, dealHook(deals, URL));
    const blocked = await client.call('DELETE', `/settings/automation/webhooks/${used}`);
    expect(blocked.status).toBe(400);
    expect(blocked.body).toMatchObject({ code: 'NOT_ALLOWED', details: { resource_path_index: 3 } });
    const mixed = await client.call('DELETE', `/settings/automation/webhooks?ids=${used},${free}`);
    expect(mixed.status).toBe(207);
    expect(list(mixed.body, 'webhooks').map((e) => e.code)).toEqual(['NOT_ALLOWED', 'SUCCESS']);
    expect((await client.call('GET', `/settings/automation/webhooks/${free}`)).status).toBe(204);
    const eleven = Array.from({ length: 11 }, (_, i) => String(i + 1)).join(',');
    expect((await client.call('DELETE', `/settings/automation/webhooks?ids=${eleven}`)).body).toMatchObject({
      code: 'INVALID_DATA',
      details: { param_name: 'ids', limit: 10 },
    });
    expect((await client.call('DELETE', '/settings/automation/webhooks/1')).body).toMatchObject({
      code: 'INVALID_DATA',
      details: { resource_path_index: 3 },
    });
  });
});

describe('listing webhooks', () => {
  it('pages with per_page up to 200, newest first, and answers an empty page with 200', async () => {
    const empty = await client.call('GET', '/settings/automation/webhooks');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ webhooks: [], info: { count: 0, more_records: false } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createHook(client, dealHook(deals, URL)));
    const page1 = await client.call('GET', '/settings/automation/webhooks?per_page=2&sort_order=asc');
    expect(list(page1.body, 'webhooks').map((w) => w.id)).toEqual(ids.slice(0, 2));
    expect(obj(obj(page1.body).info)).toMatchObject({ per_page: 2, page: 1, more_records: true });
    const page2 = await client.call('GET', '/settings/automation/webhooks?per_page=2&page=2&sort_order=asc');
    expect(list(page2.body, 'webhooks').map((w) => w.id)).toEqual(ids.slice(2));
    expect((await client.call('GET', '/settings/automation/webhooks?per_page=201')).status).toBe(400);
    expect((await client.call('GET', '/settings/automation/webhooks?module=Nope')).body).toMatchObject({
      code: 'INVALID_MODULE',
    });
    const filters = encodeURIComponent(
      JSON.stringify({ field: { api_name: 'name' }, comparator: 'contains', value: 'HANDOFF' }),
    );
    expect(
      list((await client.call('GET', `/settings/automation/webhooks?filters=${filters}`)).body, 'webhooks'),
    ).toHaveLength(3);
  });
});
