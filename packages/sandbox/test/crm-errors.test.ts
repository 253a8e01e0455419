/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first, idOf, obj } from './crm-helpers.js';
import { callApi } from './support/index.js';

const { client, sandbox } = crmSandbox({ maxBodyBytes: 64 * 1024 });

describe('CRM answers to requests the API refuses', () => {
  it('answers a call without a token with 401 and a CRM error body', async () => {
    const answer = await callApi(sandbox.current, undefined, 'GET', '/crm/v8/org');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'AUTHENTICATION_FAILURE', status: 'error' });
  });

  it('answers an unknown token with INVALID_TOKEN', async () => {
    const answer = await callApi(sandbox.current, '1000.nope.nope', 'GET', '/crm/v8/org');
    expect(answer).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN', message: 'invalid oauth token' } });
  });

  it('answers an unknown path with INVALID_URL_PATTERN', async () => {
    const answer = await client.call('GET', '/settings/nothing/here/at/all');
    expect(answer).toMatchObject({ status: 404, body: { code: 'INVALID_URL_PATTERN', status: 'error' } });
  });

  it('answers a body over the size limit with 413 LIMIT_EXCEEDED', async () => {
    const data = Array.from({ length: 100 }, () => ({ Last_Name: 'x', Description: 'y'.repeat(1000) }));
    const answer = await client.call('POST', '/Leads', { data });
    expect(answer).toMatchObject({ status: 413, body: { code: 'LIMIT_EXCEEDED' } });
  });

  it('answers a body that is JSON but not an object with INVALID_DATA', async () => {
    expect((await client.call('POST', '/Leads', [1, 2, 3])).body).toMatchObject({ code: 'INVALID_DATA' });
    expect((await client.call('POST', '/settings/fields?module=Leads', 'null')).body).toMatchObject({
      status: 'error',
    });
  });

  it('refuses calls once the daily credits are spent, with 429 TOO_MANY_REQUESTS', async () => {
    sandbox.current.limits.set('crm', { dailyCredits: 1 });
    try {
      await client.call('GET', '/org');
      const refused = await client.call('GET', '/org');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error' });
    } finally {
      sandbox.current.limits.set('crm', { dailyCredits: Number.POSITIVE_INFINITY });
    }
  });
});

describe('tasks for a stage owner', () => {
  it('creates a task related to a deal and reads the deal back through What_Id', async () => {
    const deal = first((await client.call('GET', '/Deals?fields=Deal_Name&per_page=1')).body);
    const created = await client.call('POST', '/Tasks', {
      data: [
        {
          Subject: 'Add billing address',
          What_Id: { id: deal.id },
          $se_module: 'Deals',
          Status: 'Not Started',
          Priority: 'High',
          Due_Date: '2026-12-05',
        },
      ],
    });
    expect(created.status).toBe(201);
    const task = first((await client.call('GET', `/Tasks/${idOf(created.body)}`)).body);
    expect(task).toMatchObject({ Subject: 'Add billing address', $se_module: 'Deals', Status: 'Not Started' });
    expect(obj(task.What_Id)).toEqual({ id: deal.id, name: deal.Deal_Name });
  });

  it('relates a task to an account through $se_module', async () => {
    const account = first((await client.call('GET', '/Accounts?fields=Account_Name&per_page=1')).body);
    const created = await client.call('POST', '/Tasks', {
      data: [{ Subject: 'Call back', What_Id: account.id, $se_module: 'Accounts' }],
    });
    expect(created.status).toBe(201);
    const wrong = await client.call('POST', '/Tasks', {
      data: [{ Subject: 'Wrong', What_Id: account.id, $se_module: 'Deals' }],
    });
    expect(first(wrong.body)).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'What_Id' } });
  });
});
