/**
 * @module-tag e2e
 */
import { collect, ZohoAuthError } from '@zlc/zoho';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/sandbox-clients.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('OAuth against the sandbox', () => {
  it('sends one token request for 50 concurrent calls whose token expired on the server', async () => {
    harness = await startHarness();
    const { sandbox, clients, events } = harness;
    await clients.desk.listOrganizations();
    expect(clients.tokenRequests()).toBe(1);

    sandbox.clock.advance(2 * 3600 * 1000); // the server's token dies; the client still believes in it
    sandbox.resetStats();
    const results = await Promise.all(Array.from({ length: 50 }, () => clients.desk.listOrganizations()));

    expect(results).toHaveLength(50);
    expect(clients.tokenRequests()).toBe(2);
    expect(sandbox.stats().requests.accounts).toBe(1);
    expect(events.filter((e) => e.type === 'token_refreshed')).toHaveLength(2);
    const refused = events.filter((e) => e.type === 'request' && e.product === 'desk' && e.status === 401);
    expect(refused.length).toBeGreaterThanOrEqual(25); // every call in the first wave met the dead token
  });

  it('refreshes before a call when the token is about to expire, without waiting for a 401', async () => {
    let offset = 0;
    const clock = {
      now: () => Date.now() + offset,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))),
    };
    harness = await startHarness({}, { clock });
    const { sandbox, clients, events } = harness;
    await clients.books.listTaxes();
    await clients.books.listTaxes();
    expect(clients.tokenRequests()).toBe(1);

    offset = 3_550_000; // 50 s before the hour is up: inside the 60 s margin
    sandbox.clock.advance(3_550_000);
    await Promise.all(Array.from({ length: 20 }, () => clients.books.listTaxes()));
    expect(clients.tokenRequests()).toBe(2);
    expect(events.filter((e) => e.type === 'request' && e.status === 401)).toEqual([]);
  });

  it('stays within 10 token requests per 10 minutes and says so instead of being locked out', async () => {
    harness = await startHarness({}, { tokenLimits: { maxWaitMs: 0 } });
    const { sandbox, clients } = harness;
    for (let i = 0; i < 10; i += 1) {
      await clients.books.listTaxes();
      sandbox.clock.advance(2 * 3600 * 1000); // each token dies on the server, so each call refreshes after a 401
    }
    const failure = await clients.books.listTaxes().catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'rate_limited', zohoCode: 'TOKEN_REFRESH_LIMIT' });
    expect(clients.tokenRequests()).toBe(10);
  });

  it('reports a revoked refresh token as an auth error that names the setting and not its value', async () => {
    harness = await startHarness();
    const { sandbox } = harness;
    const { createZohoClients, loadZohoConfig } = await import('@zlc/zoho');
    const loaded = loadZohoConfig({ ...sandbox.env, ZOHO_REFRESH_TOKEN: '1000.not.a.token' });
    if (!loaded.ok) throw new Error('config');
    const clients = createZohoClients(loaded.config);
    try {
      const failure = await collect(clients.desk.departments()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ZohoAuthError);
      const error = failure as ZohoAuthError;
      expect(error.message).toContain('ZOHO_REFRESH_TOKEN');
      expect(JSON.stringify({ ...error, m: error.message })).not.toContain(sandbox.credentials.clientSecret);
    } finally {
      clients.close();
    }
  });
});
