/**
 * @module-tag e2e
 */
import { ZohoUnavailableError } from '@zlc/zoho';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('retries against the sandbox', () => {
  it('retries a read through 5xx answers and a dropped connection', async () => {
    harness = await startHarness();
    const { sandbox, clients, events } = harness;
    sandbox.faults.set([
      { product: 'crm', path: '/crm/v8/settings/roles', kind: 'error', times: 2 },
      { product: 'crm', path: '/crm/v8/settings/roles', kind: 'drop', when: 'before', skip: 2, times: 1 },
    ]);
    const roles = await clients.crm.listRoles();
    expect(roles.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.reason)).toEqual([
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
  });

  it('gives a hanging call up after the timeout and retries it', async () => {
    // The hanging call never answers; the timeout leaves ordinary calls room on a loaded machine.
    harness = await startHarness({}, { http: { timeoutMs: 3_000 } });
    const { sandbox, clients, events } = harness;
    await clients.desk.listOrganizations();
    sandbox.faults.set([{ product: 'desk', path: '/api/v1/organizations', kind: 'timeout', times: 1 }]);
    const orgs = await clients.desk.listOrganizations();
    expect(orgs.length).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', product: 'desk', reason: 'unavailable' }));
  });

  it('stops after the last attempt with an unavailable error that says what failed', async () => {
    harness = await startHarness({}, { retry: { maxAttempts: 3 } });
    const { sandbox, clients } = harness;
    sandbox.faults.set([{ product: 'books', path: '/books/v3/settings/taxes', kind: 'error' }]);
    const failure = await clients.books.listTaxes().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZohoUnavailableError);
    expect(failure).toMatchObject({ status: 500, source: 'zoho', request: 'GET /books/v3/settings/taxes' });
    expect(harness.events.filter((e) => e.type === 'request' && e.path === '/books/v3/settings/taxes')).toHaveLength(3);
  });

  it('keeps tokens and secrets out of every event', async () => {
    harness = await startHarness();
    const { sandbox, clients, events } = harness;
    sandbox.faults.set([{ product: 'crm', kind: 'error', times: 1 }]);
    await clients.crm.listRoles();
    await clients.books.listTaxes();
    const text = JSON.stringify(events);
    for (const secret of [sandbox.credentials.clientSecret, sandbox.credentials.refreshToken]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Zoho-oauthtoken|access_token|1000\.[0-9a-f]{32}\.[0-9a-f]{32}/);
  });

  it('retries a create whose token request failed, since nothing reached the product', async () => {
    harness = await startHarness();
    const { sandbox, clients } = harness;
    sandbox.faults.set([{ product: 'accounts', kind: 'error', times: 1 }]);
    const account = await clients.desk.accounts.create({ accountName: 'After a flaky token' });
    expect(account.accountName).toBe('After a flaky token');
    expect(clients.tokenRequests()).toBe(2);
    expect(harness.events).toContainEqual(
      expect.objectContaining({ type: 'token_refresh_waiting', reason: 'backoff' }),
    );
    expect(sandbox.stats().routes['POST /api/v1/accounts']).toBe(1);
  });
});
