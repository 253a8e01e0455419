import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

// Tokens outlive the clock jumps the expiry tests make.
const { client, sandbox } = crmSandbox({ tokenLifetimeSeconds: 30 * 24 * 3600 });

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local receiver that records every request and answers with the next queued status (200 when none). */
let server: Server;
let receiverUrl = '';
const received: Received[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
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
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

beforeEach(() => {
  received.length = 0;
  statuses.length = 0;
  sandbox.current.outbound.setPolicy('crm', { delaysMs: [20, 40] });
});

/** A Zoho merge field of the Deals module: `${Deals.<label>}`. */
const merge = (label: string): string => `\${Deals.${label}}`;

async function createHook(extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await client.call('POST', '/settings/automation/webhooks', {
    webhooks: [
      {
        name: `Handoff ${Math.random().toString(36).slice(2, 8)}`,
        url: `${receiverUrl}/hooks/crm?secret=s3cret`,
        http_method: 'POST',
        module: { api_name: 'Deals' },
        headers: { custom_parameters: [{ name: 'X-Zlc-Secret', value: 'top-secret' }] },
        body: {
          type: 'raw',
          raw_data_type: 'json',
          raw_data_content: `{"record_id":"${merge('Deal Id')}","module":"Deals","deal":"${merge('Deal Name')}","handoff":"closed-won"}`,
        },
        ...extra,
      },
    ],
  });
  expect(answer.status).toBe(201);
  return idOf(answer.body, 'webhooks');
}

async function createRule(
  hookId: string,
  type = 'create_or_edit',
  criteria: unknown = { comparator: 'equal', field: { api_name: 'Stage' }, value: 'Closed Won' },
) {
  const answer = await client.call('POST', '/settings/automation/workflow_rules', {
    workflow_rules: [
      {
        name: `Closed won ${Math.random().toString(36).slice(2, 8)}`,
        module: { api_name: 'Deals' },
        execute_when: { type, details: type === 'field_update' ? { fields: [{ api_name: 'Stage' }] } : {} },
        conditions: [
          {
            sequence_number: 1,
            criteria_details: { criteria },
            instant_actions: { actions: [{ type: 'webhooks', id: hookId }] },
          },
        ],
      },
    ],
  });
  expect(answer.status).toBe(201);
  return idOf(answer.body, 'workflow_rules');
}

async function newDeal(stage: string): Promise<string> {
  const answer = await client.call('POST', '/Deals', {
    data: [{ Deal_Name: `Deal ${stage}`, Stage: stage, Closing_Date: '2026-12-01', Amount: 500 }],
  });
  expect(answer.status).toBe(201);
  return idOf(answer.body);
}

async function disableAll(): Promise<void> {
  const rules = await client.call('GET', '/settings/automation/workflow_rules');
  if (rules.status !== 200) return;
  for (const r of list(rules.body, 'workflow_rules'))
    await client.call('DELETE', `/settings/automation/workflow_rules/${r.id}`);
}

describe('workflow rules with webhook actions', () => {
  beforeEach(disableAll);

  it('POSTs the configured webhook with merge fields, secret header and query when a created deal matches', async () => {
    await createRule(await createHook());
    const id = await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
    const hit = received[0];
    expect(hit?.method).toBe('POST');
    expect(hit?.url).toBe('/hooks/crm?secret=s3cret');
    expect(hit?.headers['x-zlc-secret']).toBe('top-secret');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit?.body ?? '{}')).toEqual({
      record_id: id,
      module: 'Deals',
      deal: 'Deal Closed Won',
      handoff: 'closed-won',
    });
  });

  it('does not fire for a record that does not match the criteria', async () => {
    await createRule(await createHook());
    await newDeal('Qualification');
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(0);
  });

  it('fires when an edit makes the record match, and not again on a later edit', async () => {
    await createRule(await createHook());
    const id = await newDeal('Negotiation/Review');
    await client.call('PUT', `/Deals/${id}`, { data: [{ Stage: 'Closed Won' }] });
    await client.call('PUT', `/Deals/${id}`, { data: [{ Amount: 900 }] });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
  });

  it('fires on upsert and through the bulk update route', async () => {
    await createRule(await createHook());
    const id = await newDeal('Qualification');
    await client.call('PUT', '/Deals', { data: [{ id, Stage: 'Closed Won' }] });
    await client.call('POST', '/Deals/upsert', {
      data: [{ Deal_Name: 'Upserted win', Stage: 'Closed Won', Closing_Date: '2026-12-01' }],
    });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(2);
  });

  it('fires a field_update rule only when the watched field changes', async () => {
    await createRule(await createHook(), 'field_update', null);
    const id = await newDeal('Qualification');
    await client.call('PUT', `/Deals/${id}`, { data: [{ Amount: 10 }] });
    await client.call('PUT', `/Deals/${id}`, { data: [{ Stage: 'Needs Analysis' }] });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
  });

  it('sends form data when the webhook body is form_data', async () => {
    const hook = await createHook({
      body: {
        type: 'form_data',
        module_parameters: [{ name: 'id', value: merge('Deal Id') }],
        custom_parameters: [{ name: 'handoff', value: 'h1' }],
      },
    });
    await createRule(hook);
    const id = await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(received[0]?.body))).toEqual({ id, handoff: 'h1' });
  });

  it('sends a GET with url parameters when the webhook method is GET', async () => {
    const hook = await createHook({
      http_method: 'GET',
      url: `${receiverUrl}/get-hook`,
      url_parameters: {
        module_parameters: [{ name: 'deal', value: merge('Deal Id') }],
        custom_parameters: [{ name: 'token', value: 't1' }],
      },
      body: undefined,
    });
    await createRule(hook);
    const id = await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /get-hook?deal=${id}&token=t1`]);
  });

  it('skips workflow rules when the write says trigger without workflow', async () => {
    await createRule(await createHook());
    await client.call('POST', '/Deals', {
      data: [{ Deal_Name: 'Quiet', Stage: 'Closed Won', Closing_Date: '2026-12-01' }],
      trigger: [],
    });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(0);
  });

  it('retries a delivery the receiver answers with 500, and the API answer does not wait for it', async () => {
    await createRule(await createHook());
    statuses.push(500, 500);
    const started = Date.now();
    await newDeal('Closed Won');
    expect(Date.now() - started).toBeLessThan(1000);
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(3);
    const log = sandbox.current.outbound.log().filter((d) => d.source.startsWith('workflow_rule:'));
    expect(log.at(-1)).toMatchObject({ status: 200, attempts: 3 });
  });

  it('stops firing when the rule is deactivated', async () => {
    const rule = await createRule(await createHook());
    const update = await client.call('PUT', `/settings/automation/workflow_rules/${rule}`, {
      workflow_rules: [{ id: rule, module: { api_name: 'Deals' }, status: { active: false } }],
    });
    expect(update.status).toBe(200);
    await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(0);
  });
});

describe('managing workflow rules and webhooks', () => {
  it('lists, reads and deletes webhooks and rules', async () => {
    const hook = await createHook();
    const rule = await createRule(hook);
    expect(first((await client.call('GET', `/settings/automation/webhooks/${hook}`)).body, 'webhooks')).toMatchObject({
      id: hook,
      http_method: 'POST',
    });
    expect(
      list((await client.call('GET', '/settings/automation/webhooks?module=Deals')).body, 'webhooks').map((w) => w.id),
    ).toContain(hook);
    const read = first(
      (await client.call('GET', `/settings/automation/workflow_rules/${rule}`)).body,
      'workflow_rules',
    );
    expect(read).toMatchObject({
      module: { api_name: 'Deals' },
      execute_when: { type: 'create_or_edit' },
      status: { active: true },
    });
    const blocked = await client.call('DELETE', `/settings/automation/webhooks/${hook}`);
    expect(blocked.status).toBe(400);
    expect(
      first((await client.call('DELETE', `/settings/automation/workflow_rules/${rule}`)).body, 'workflow_rules'),
    ).toMatchObject({ code: 'SUCCESS' });
    expect(
      first((await client.call('DELETE', `/settings/automation/webhooks/${hook}`)).body, 'webhooks'),
    ).toMatchObject({ code: 'SUCCESS' });
    expect((await client.call('GET', `/settings/automation/webhooks/${hook}`)).status).toBe(204);
  });

  it('updates a webhook url', async () => {
    const hook = await createHook();
    const answer = await client.call('PUT', `/settings/automation/webhooks/${hook}`, {
      webhooks: [{ url: `${receiverUrl}/moved` }],
    });
    expect(answer.status).toBe(200);
    expect(first((await client.call('GET', `/settings/automation/webhooks/${hook}`)).body, 'webhooks').url).toBe(
      `${receiverUrl}/moved`,
    );
  });

  it('refuses webhooks without url, with a bad url or module, and duplicate names', async () => {
    const answer = await client.call('POST', '/settings/automation/webhooks', {
      webhooks: [
        { name: 'a', http_method: 'POST', module: { api_name: 'Deals' } },
        { name: 'b', url: 'not a url', http_method: 'POST', module: { api_name: 'Deals' } },
        { name: 'c', url: 'https://example.com', http_method: 'POST', module: { api_name: 'Notes' } },
      ],
    });
    expect(answer.status).toBe(400);
    expect(list(answer.body, 'webhooks').map((w) => w.code)).toEqual([
      'MANDATORY_NOT_FOUND',
      'INVALID_DATA',
      'INVALID_DATA',
    ]);
    const body = {
      webhooks: [{ name: 'Same name', url: 'https://example.com', http_method: 'POST', module: { api_name: 'Deals' } }],
    };
    await client.call('POST', '/settings/automation/webhooks', body);
    expect(first((await client.call('POST', '/settings/automation/webhooks', body)).body, 'webhooks')).toMatchObject({
      code: 'DUPLICATE_DATA',
    });
  });

  it('refuses rules with an unknown trigger, field, webhook, or more than one rule', async () => {
    const hook = await createHook();
    const base = {
      name: 'Bad rule',
      module: { api_name: 'Deals' },
      execute_when: { type: 'create' },
      conditions: [
        { criteria_details: { criteria: null }, instant_actions: { actions: [{ type: 'webhooks', id: hook }] } },
      ],
    };
    const post = (rule: Record<string, unknown>) =>
      client.call('POST', '/settings/automation/workflow_rules', { workflow_rules: [{ ...base, ...rule }] });
    expect(first((await post({ execute_when: { type: 'sometimes' } })).body, 'workflow_rules')).toMatchObject({
      code: 'INVALID_DATA',
    });
    const badField = {
      conditions: [
        {
          criteria_details: { criteria: { comparator: 'equal', field: { api_name: 'Nope' }, value: 1 } },
          instant_actions: { actions: [{ type: 'webhooks', id: hook }] },
        },
      ],
    };
    expect(first((await post(badField)).body, 'workflow_rules')).toMatchObject({ code: 'INVALID_DATA' });
    const badHook = { conditions: [{ instant_actions: { actions: [{ type: 'webhooks', id: '1' }] } }] };
    expect(first((await post(badHook)).body, 'workflow_rules')).toMatchObject({ code: 'INVALID_DATA' });
    expect(first((await post({ name: undefined })).body, 'workflow_rules')).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
    });
    const two = await client.call('POST', '/settings/automation/workflow_rules', { workflow_rules: [base, base] });
    expect(two.body).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});

describe('notification channels (actions/watch)', () => {
  const channel = (id: number, extra: Record<string, unknown> = {}) => ({
    watch: [{ channel_id: id, events: ['Deals.all'], notify_url: `${receiverUrl}/notify`, token: 'tok-1', ...extra }],
  });

  it('notifies a channel of created and edited deals with ids, operation and token', async () => {
    const enabled = await client.call('POST', '/actions/watch', channel(1000000068001));
    expect(enabled.status).toBe(201);
    const details = obj(first(enabled.body, 'watch').details);
    expect((details.events as unknown[]).length).toBe(1);
    const id = await newDeal('Qualification');
    await client.call('PUT', `/Deals/${id}`, { data: [{ Amount: 42 }] });
    await sandbox.current.outbound.drain();
    const notes = received.filter((r) => r.url === '/notify').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(notes.map((n) => n.operation)).toEqual(['insert', 'update']);
    expect(notes[0]).toMatchObject({ module: 'Deals', ids: [id], channel_id: 1000000068001, token: 'tok-1' });
    expect(notes[1]?.affected_fields).toEqual([{ [id]: ['Amount'] }]);
    await client.call('DELETE', '/actions/watch?channel_ids=1000000068001');
  });

  it('stops notifying after the channel expires (one hour by default)', async () => {
    await client.call('POST', '/actions/watch', channel(1000000068002));
    const listed = await client.call('GET', '/actions/watch?channel_id=1000000068002');
    expect(list(listed.body, 'watch')).toHaveLength(1);
    sandbox.current.clock.advance(3600 * 1000 + 1);
    await newDeal('Qualification');
    await sandbox.current.outbound.drain();
    expect(received.filter((r) => r.url === '/notify')).toHaveLength(0);
    expect((await client.call('GET', '/actions/watch?channel_id=1000000068002')).status).toBe(204);
  });

  it('caps an expiry beyond one day to one hour', async () => {
    const far = new Date(sandbox.current.clock.now() + 3 * 24 * 3600 * 1000).toISOString();
    const answer = await client.call('POST', '/actions/watch', channel(1000000068003, { channel_expiry: far }));
    const expiry = String(obj((obj(first(answer.body, 'watch').details).events as unknown[])[0]).channel_expiry);
    expect(Date.parse(expiry) - sandbox.current.clock.now()).toBeLessThanOrEqual(3600 * 1000);
  });

  it('updates and disables channel events', async () => {
    await client.call('POST', '/actions/watch', channel(1000000068004));
    const updated = await client.call('PUT', '/actions/watch', channel(1000000068004, { events: ['Accounts.create'] }));
    expect(updated.status).toBe(200);
    const disabled = await client.call('PATCH', '/actions/watch', {
      watch: [{ channel_id: 1000000068004, events: ['Accounts.create'], _delete_events: true }],
    });
    expect(disabled.status).toBe(200);
    await client.call('POST', '/Accounts', { data: [{ Account_Name: 'Silent' }] });
    await sandbox.current.outbound.drain();
    expect(received.filter((r) => r.url === '/notify')).toHaveLength(0);
  });

  it('refuses channels without url, with unknown events or an over-long token', async () => {
    const answer = await client.call('POST', '/actions/watch', {
      watch: [
        { channel_id: 1, events: ['Deals.all'] },
        { channel_id: 2, events: ['Spaceships.create'], notify_url: 'https://example.com' },
        { channel_id: 3, events: ['Deals.all'], notify_url: 'https://example.com', token: 'x'.repeat(51) },
      ],
    });
    expect(answer.status).toBe(202);
    expect(list(answer.body, 'watch').map((w) => w.code)).toEqual([
      'MANDATORY_NOT_FOUND',
      'INVALID_DATA',
      'INVALID_DATA',
    ]);
    expect((await client.call('DELETE', '/actions/watch')).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING' });
  });
});
