import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearAutomation,
  createHook,
  createRule,
  dealHook,
  dealRule,
  formFields,
  moduleRef,
  type Received,
  startReceiver,
} from './crm-automation-helpers.js';
import { crmSandbox, first, idOf, list, obj } from './crm-helpers.js';

// Tokens outlive the clock jumps the expiry tests make.
const { client, sandbox } = crmSandbox({ tokenLifetimeSeconds: 30 * 24 * 3600 });

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let receiverUrl = '';
let received: Received[] = [];
let statuses: number[] = [];
let deals: { api_name: string; id: string };

beforeAll(async () => {
  receiver = await startReceiver();
  receiverUrl = receiver.url;
  received = receiver.received;
  statuses = receiver.statuses;
  deals = await moduleRef(client, 'Deals');
});

afterAll(async () => {
  await receiver.close();
});

beforeEach(() => {
  received.length = 0;
  statuses.length = 0;
  sandbox.current.outbound.setPolicy('crm', { delaysMs: [20, 40] });
});

const hookOf = (extra: Record<string, unknown> = {}) =>
  createHook(client, dealHook(deals, `${receiverUrl}/hooks/crm/closed-won`, extra));

async function ruleFor(hookId: string, extra: Record<string, unknown> = {}): Promise<string> {
  return createRule(client, dealRule(deals, hookId, extra));
}

async function newDeal(stage: string): Promise<string> {
  const answer = await client.call('POST', '/Deals', {
    data: [{ Deal_Name: `Deal ${stage}`, Stage: stage, Closing_Date: '2026-12-01', Amount: 500 }],
  });
  expect(answer.status).toBe(201);
  return idOf(answer.body);
}

describe('workflow rules with webhook actions', () => {
  beforeEach(() => clearAutomation(client));

  it("delivers a closed deal's id from its Deals.Id merge field as form data, custom parameters and the secret header as written", async () => {
    const hook = await hookOf({
      body: {
        type: 'form_data',
        format: null,
        form_data_content: {
          module_parameters: [
            { name: 'id', value: `\${!Deals.Id}` },
            { name: 'deal', value: `\${!Deals.Deal_Name}` },
          ],
          custom_parameters: [{ name: 'note', value: `\${!Deals.Id} stays as written` }],
        },
      },
    });
    await ruleFor(hook);
    const id = await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
    const hit = received[0] as Received;
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/hooks/crm/closed-won');
    expect(hit.headers['x-zlc-secret']).toBe('top-secret');
    expect(String(hit.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(await formFields(hit)).toEqual({ id, deal: 'Deal Closed Won', note: `\${!Deals.Id} stays as written` });
  });

  it('sends a raw JSON body with its merge fields resolved and JSON-escaped', async () => {
    const hook = await hookOf({
      body: {
        type: 'raw',
        format: 'JSON',
        raw_data_content: `{"record_id":"\${!Deals.Id}","deal":"\${!Deals.Deal_Name}"}`,
      },
    });
    await ruleFor(hook);
    await client.call('POST', '/Deals', {
      data: [{ Deal_Name: 'Say "hi"', Stage: 'Closed Won', Closing_Date: '2026-12-01' }],
    });
    await sandbox.current.outbound.drain();
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ deal: 'Say "hi"' });
  });

  it('does not fire for a record that does not match the criteria', async () => {
    await ruleFor(await hookOf());
    await newDeal('Qualification');
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(0);
  });

  it('fires when an edit makes the record match, and not again on a later edit', async () => {
    await ruleFor(await hookOf());
    const id = await newDeal('Negotiation/Review');
    await client.call('PUT', `/Deals/${id}`, { data: [{ Stage: 'Closed Won' }] });
    await client.call('PUT', `/Deals/${id}`, { data: [{ Amount: 900 }] });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
  });

  it('fires on every matching edit when the rule repeats', async () => {
    await ruleFor(await hookOf(), { execute_when: { type: 'create_or_edit', details: { repeat: true } } });
    const id = await newDeal('Closed Won');
    await client.call('PUT', `/Deals/${id}`, { data: [{ Amount: 900 }] });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(2);
  });

  it('fires on upsert and through the bulk update route', async () => {
    await ruleFor(await hookOf());
    const id = await newDeal('Qualification');
    await client.call('PUT', '/Deals', { data: [{ id, Stage: 'Closed Won' }] });
    await client.call('POST', '/Deals/upsert', {
      data: [{ Deal_Name: 'Upserted win', Stage: 'Closed Won', Closing_Date: '2026-12-01' }],
    });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(2);
  });

  it('fires a field_update rule only when the field its criteria name changes', async () => {
    const hook = await hookOf();
    await ruleFor(hook, {
      execute_when: {
        type: 'field_update',
        details: {
          criteria: { comparator: 'equal', field: { api_name: 'Stage' }, value: `\${ANYVALUE}` },
          repeat: true,
        },
      },
      conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: hook }] } }],
    });
    const id = await newDeal('Qualification');
    await client.call('PUT', `/Deals/${id}`, { data: [{ Amount: 10 }] });
    await client.call('PUT', `/Deals/${id}`, { data: [{ Stage: 'Needs Analysis' }] });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
  });

  it('sends a GET with url parameters when the webhook method is GET', async () => {
    const hook = await hookOf({
      http_method: 'GET',
      url: `${receiverUrl}/get-hook`,
      headers: undefined,
      body: undefined,
      url_parameters: {
        module_parameters: [{ name: 'deal', value: `\${!Deals.Id}` }],
        custom_parameters: [{ name: 'token', value: 't1' }],
      },
    });
    await ruleFor(hook);
    const id = await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /get-hook?deal=${id}&token=t1`]);
  });

  it('skips workflow rules when the write says trigger without workflow', async () => {
    await ruleFor(await hookOf());
    await client.call('POST', '/Deals', {
      data: [{ Deal_Name: 'Quiet', Stage: 'Closed Won', Closing_Date: '2026-12-01' }],
      trigger: [],
    });
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(0);
  });

  it('retries a delivery the receiver answers with 500, and the API answer does not wait for it', async () => {
    await ruleFor(await hookOf());
    statuses.push(500, 500);
    const started = Date.now();
    await newDeal('Closed Won');
    expect(Date.now() - started).toBeLessThan(1000);
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(3);
    const log = sandbox.current.outbound.log().filter((d) => d.source.startsWith('workflow_rule:'));
    expect(log.at(-1)).toMatchObject({ status: 200, attempts: 3 });
  });

  it('stops firing when the rule is deactivated, and notes when it last ran', async () => {
    const rule = await ruleFor(await hookOf());
    await newDeal('Closed Won');
    const ran = first((await client.call('GET', `/settings/automation/workflow_rules/${rule}`)).body, 'workflow_rules');
    expect(ran.last_executed_time).not.toBeNull();
    const update = await client.call('PUT', `/settings/automation/workflow_rules/${rule}`, {
      workflow_rules: [{ status: { active: false } }],
    });
    expect(update.status).toBe(200);
    await newDeal('Closed Won');
    await sandbox.current.outbound.drain();
    expect(received).toHaveLength(1);
    expect(list((await client.call('GET', '/settings/automation/webhooks')).body, 'webhooks')[0]?.associated).toBe(
      false,
    );
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

  it('keeps an expiry within one week and turns one beyond the week into one hour', async () => {
    const expiryFor = async (id: number, days: number) => {
      const at = new Date(sandbox.current.clock.now() + days * 24 * 3600 * 1000).toISOString();
      const answer = await client.call('POST', '/actions/watch', channel(id, { channel_expiry: at }));
      const events = obj(first(answer.body, 'watch').details).events as unknown[];
      return Date.parse(String(obj(events[0]).channel_expiry)) - sandbox.current.clock.now();
    };
    expect(await expiryFor(1000000068003, 3)).toBeGreaterThan(2 * 24 * 3600 * 1000);
    expect(await expiryFor(1000000068005, 8)).toBeLessThanOrEqual(3600 * 1000);
    await client.call('DELETE', '/actions/watch?channel_ids=1000000068003,1000000068005');
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
