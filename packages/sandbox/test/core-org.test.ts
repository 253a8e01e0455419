/**
 * The core with the real product modules: an org is seeded, kept across restarts, reset on demand, and two
 * sandboxes in one process never share state.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { accessToken, callApi } from './support/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function createContact(sandbox: Sandbox, name: string): Promise<number> {
  const token = await accessToken(sandbox);
  const answer = await callApi(
    sandbox,
    token,
    'POST',
    `/books/v3/contacts?organization_id=${sandbox.org.booksOrganizationId}`,
    { contact_name: name },
  );
  return answer.status;
}

async function contactsNamed(sandbox: Sandbox, name: string): Promise<number> {
  const token = await accessToken(sandbox);
  const q = new URLSearchParams({ organization_id: sandbox.org.booksOrganizationId, contact_name: name });
  const answer = await callApi(sandbox, token, 'GET', `/books/v3/contacts?${q}`);
  return (answer.body as { contacts: unknown[] }).contacts.length;
}

describe('an org on a data dir with the real products', () => {
  it('is seeded once, kept across a restart, and fresh again after a reset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zlc-sandbox-org-'));
    dirs.push(dir);
    const first = await startSandbox({ dataDir: dir });
    expect(await createContact(first, 'Kept Ltd')).toBe(201);
    const token = await accessToken(first);
    const fields = await callApi(first, token, 'GET', '/crm/v8/settings/fields?module=Deals');
    expect(fields.status).toBe(200);
    await first.close();

    const second = await startSandbox({ dataDir: dir });
    try {
      expect(await contactsNamed(second, 'Kept Ltd')).toBe(1);
      const again = await callApi(second, await accessToken(second), 'GET', '/crm/v8/settings/fields?module=Deals');
      expect(again.body).toEqual(fields.body);
      second.reset();
      expect(await contactsNamed(second, 'Kept Ltd')).toBe(0);
      const afterReset = await callApi(
        second,
        await accessToken(second),
        'GET',
        '/crm/v8/settings/fields?module=Deals',
      );
      expect(afterReset.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('two sandboxes in one process', () => {
  it('keep their orgs apart', async () => {
    const a = await startSandbox();
    const b = await startSandbox();
    try {
      expect(a.org).not.toEqual(b.org);
      expect(await createContact(a, 'Only In A')).toBe(201);
      expect(await contactsNamed(a, 'Only In A')).toBe(1);
      expect(await contactsNamed(b, 'Only In A')).toBe(0);
      const tokenA = await accessToken(a);
      expect((await callApi(b, tokenA, 'GET', '/crm/v8/settings/fields?module=Deals')).status).toBe(401);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
