/** Builders for webhooks and workflow rules in Zoho's documented shapes, and a receiver that records deliveries. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CrmClient, first, idOf, list } from './crm-helpers.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local receiver that records every request and answers with the next queued status (200 when none). */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  statuses: number[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    statuses,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The text fields of a `multipart/form-data` body. */
export async function formFields(r: Received): Promise<Record<string, string>> {
  const form = await new Response(r.body, {
    headers: { 'content-type': String(r.headers['content-type']) },
  }).formData();
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) out[k] = String(v);
  return out;
}

/** `{api_name, id}` of a module, as the automation APIs require it. */
export async function moduleRef(client: CrmClient, apiName: string): Promise<{ api_name: string; id: string }> {
  const m = first((await client.call('GET', `/settings/modules/${apiName}`)).body, 'modules');
  return { api_name: apiName, id: String(m.id) };
}

const unique = (): string => Math.random().toString(36).slice(2, 8);

/** A Deals webhook as zlc provisions it: form data with the record id as a module parameter. */
export function dealHook(
  deals: { api_name: string; id: string },
  url: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: `Handoff ${unique()}`,
    url,
    http_method: 'POST',
    module: deals,
    authentication: { type: 'general' },
    feature_type: 'workflow',
    headers: { module_parameters: [], custom_parameters: [{ name: 'X-Zlc-Secret', value: 'top-secret' }] },
    body: {
      type: 'form_data',
      format: null,
      form_data_content: {
        module_parameters: [{ name: 'id', value: `\${!Deals.Id}` }],
        custom_parameters: [
          { name: 'handoff', value: 'closed-won' },
          { name: 'module', value: 'Deals' },
        ],
      },
    },
    ...extra,
  };
}

export async function createHook(client: CrmClient, hook: Record<string, unknown>): Promise<string> {
  const answer = await client.call('POST', '/settings/automation/webhooks', { webhooks: [hook] });
  if (answer.status !== 201) throw new Error(`webhook not created: ${JSON.stringify(answer.body)}`);
  return idOf(answer.body, 'webhooks');
}

/** A Deals rule calling `hookId` when a deal is (or becomes) Closed Won. */
export function dealRule(
  deals: { api_name: string; id: string },
  hookId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: `Closed won ${unique()}`,
    module: deals,
    execute_when: { type: 'create_or_edit', details: { repeat: false } },
    conditions: [
      {
        sequence_number: 1,
        criteria_details: { criteria: { comparator: 'equal', field: { api_name: 'Stage' }, value: 'Closed Won' } },
        instant_actions: { actions: [{ type: 'webhooks', id: hookId }] },
      },
    ],
    ...extra,
  };
}

export async function createRule(client: CrmClient, rule: Record<string, unknown>): Promise<string> {
  const answer = await client.call('POST', '/settings/automation/workflow_rules', { workflow_rules: [rule] });
  if (answer.status !== 201) throw new Error(`rule not created: ${JSON.stringify(answer.body)}`);
  return idOf(answer.body, 'workflow_rules');
}

/** Deletes every rule and webhook, so each test starts from none. */
export async function clearAutomation(client: CrmClient): Promise<void> {
  const rules = list((await client.call('GET', '/settings/automation/workflow_rules')).body, 'workflow_rules');
  for (const r of rules) await client.call('DELETE', `/settings/automation/workflow_rules/${r.id}`);
  const hooks = list((await client.call('GET', '/settings/automation/webhooks')).body, 'webhooks');
  for (const h of hooks) await client.call('DELETE', `/settings/automation/webhooks/${h.id}`);
}

/** The first entry's code and the field it names. */
export function entryOf(body: unknown, key: string): { code: unknown; api_name: unknown; message: unknown } {
  const e = first(body, key);
  const details = (e.details ?? {}) as Record<string, unknown>;
  return { code: e.code, api_name: details.api_name, message: e.message };
}
