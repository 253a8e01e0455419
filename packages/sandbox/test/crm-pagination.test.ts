/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, list, obj } from './crm-helpers.js';

const { client } = crmSandbox({ seed: 'empty' });

describe('paging through more than 2,000 records', () => {
  it('reaches record 2,001 and beyond only with the page_token of the previous page', async () => {
    for (let batch = 0; batch < 22; batch++) {
      const data = Array.from({ length: 100 }, (_, i) => ({ Account_Name: `Paged ${batch * 100 + i}` }));
      expect((await client.call('POST', '/Accounts', { data })).status).toBe(201);
    }
    const refused = await client.call('GET', '/Accounts?fields=Account_Name&page=11&per_page=200');
    expect(refused).toMatchObject({ status: 400, body: { code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED' } });

    const seen = new Set<string>();
    let path = '/Accounts?fields=Account_Name&per_page=200';
    let pages = 0;
    for (;;) {
      const answer = await client.call('GET', path);
      expect(answer.status).toBe(200);
      for (const r of list(answer.body)) seen.add(String(r.id));
      const info = obj(obj(answer.body).info);
      pages++;
      if (info.more_records !== true) break;
      expect(typeof info.next_page_token).toBe('string');
      expect(typeof info.page_token_expiry).toBe('string');
      path = `/Accounts?fields=Account_Name&per_page=200&page_token=${encodeURIComponent(String(info.next_page_token))}`;
    }
    expect(pages).toBe(11);
    expect(seen.size).toBe(2200);
  });

  it('refuses a page token made for another query', async () => {
    const first = await client.call('GET', '/Accounts?fields=Account_Name&per_page=10');
    const token = String(obj(obj(first.body).info).next_page_token);
    const other = await client.call(
      'GET',
      `/Accounts?fields=Account_Name&per_page=10&sort_order=desc&page_token=${encodeURIComponent(token)}`,
    );
    expect(other).toMatchObject({ status: 400, body: { code: 'INVALID_DATA' } });
  });

  it('answers 204 for a module without records', async () => {
    expect((await client.call('GET', '/Cases?fields=Subject')).status).toBe(204);
  });
});
