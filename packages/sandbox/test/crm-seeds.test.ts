/**
 * @module-tag e2e
 * @module-tag slow
 */
import { describe, expect, it } from 'vitest';
import { crmModule } from '../src/crm/index.js';
import { startSandbox } from '../src/index.js';
import { list, obj } from './crm-helpers.js';
import { accessToken, callApi } from './support/index.js';

async function withSeed<T>(
  seed: 'empty' | 'large',
  fn: (call: (path: string, body?: unknown) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox({ products: [crmModule], seed });
  try {
    const token = await accessToken(sandbox);
    return await fn(async (path, body) => {
      const answer = await callApi(sandbox, token, body === undefined ? 'GET' : 'POST', `/crm/v8${path}`, body);
      return answer.status === 204 ? undefined : answer.body;
    });
  } finally {
    await sandbox.close();
  }
}

describe('CRM seeds', () => {
  it('empty has the standard modules and fields but no records and still has users', async () => {
    await withSeed('empty', async (call) => {
      expect(list(await call('/settings/modules'), 'modules').length).toBeGreaterThanOrEqual(17);
      expect(list(await call('/settings/fields?module=Deals'), 'fields').map((f) => f.api_name)).toContain('Stage');
      expect(await call('/Deals?fields=Deal_Name')).toBeUndefined();
      expect(list(await call('/users'), 'users').length).toBeGreaterThan(0);
    });
  });

  it('large has about 12 modules of 200 fields and 50,000 deals that COQL can count', async () => {
    await withSeed('large', async (call) => {
      const modules = list(await call('/settings/modules'), 'modules');
      let wide = 0;
      for (const m of modules) {
        if (list(await call(`/settings/fields?module=${m.api_name}`), 'fields').length >= 200) wide++;
      }
      expect(wide).toBeGreaterThanOrEqual(12);
      const count = list(await call('/coql', { select_query: 'select COUNT(id) from Deals where Amount > 0' }))[0];
      expect(obj(count)['COUNT(id)']).toBeGreaterThanOrEqual(50_000);
    });
  }, 120_000);
});
