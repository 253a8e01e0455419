/**
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskModule } from '../src/desk/index.js';
import { startSandbox } from '../src/index.js';
import { data, deskCaller, obj } from './desk-client.js';
import { sandboxPerFile } from './support/index.js';

const limits = { desk: { perMinute: Number.POSITIVE_INFINITY } };

describe('the empty Desk seed', () => {
  const sandbox = sandboxPerFile({ seed: 'empty', products: [deskModule], limits });
  const desk = deskCaller(() => sandbox.current);

  it('has the org, one default department, its admin, the standard fields and no records', async () => {
    expect(data(await desk('GET', '/organizations', undefined, { orgId: 'none' }))).toHaveLength(1);
    const departments = data(await desk('GET', '/departments'));
    expect(departments.map((d) => [d.name, d.isDefault])).toEqual([['Support', true]]);
    expect(data(await desk('GET', '/agents'))).toHaveLength(1);
    expect(data(await desk('GET', '/fields?module=tickets')).length).toBeGreaterThan(5);
    expect((await desk('GET', '/accounts')).status).toBe(204);
    expect((await desk('GET', '/contacts')).status).toBe(204);
    expect((await desk('GET', '/tickets')).status).toBe(204);
    expect(obj(await desk('GET', '/ticketsCount')).count).toBe(0);
  });
});

describe('the large Desk seed', () => {
  const sandbox = sandboxPerFile({ seed: 'large', products: [deskModule], limits });
  const desk = deskCaller(() => sandbox.current);

  it('holds 150,000 generated tickets over 5,000 accounts with a contact each', async () => {
    expect(obj(await desk('GET', '/accounts/count')).count).toBe(5_003);
    expect(obj(await desk('GET', '/contacts/count')).count).toBe(5_004);
    expect(obj(await desk('GET', '/ticketsCount')).count).toBe(150_006);
  });

  it('pages to the end of the tickets and answers 204 after it', async () => {
    const last = data(await desk('GET', '/tickets?from=150006&limit=100'));
    expect(last).toHaveLength(1);
    expect((await desk('GET', '/tickets?from=150007&limit=100')).status).toBe(204);
  });

  it('lists and counts one account’s tickets', async () => {
    const account = data(await desk('GET', '/accounts?from=100&limit=1'))[0];
    const id = String(account?.id);
    const count = Number(obj(await desk('GET', `/ticketsCount?accountId=${id}`)).count);
    expect(count).toBeGreaterThan(0);
    const listed = data(await desk('GET', `/accounts/${id}/tickets?limit=100`));
    expect(listed.length).toBe(Math.min(count, 100));
    expect(listed.every((t) => t.accountId === id)).toBe(true);
  });
});

describe('a served Desk org on disk', () => {
  it('keeps custom fields, cf values and the ticket numbering across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zlc-desk-'));
    try {
      const first = await startSandbox({ seed: 'default', dataDir: dir, products: [deskModule], limits });
      const desk1 = deskCaller(() => first);
      await desk1('POST', '/fields?module=accounts', { displayLabel: 'CRM Account Id', type: 'Text', maxLength: 40 });
      const account = obj(
        await desk1('POST', '/accounts', { accountName: 'Durable', cf: { cf_crm_account_id: '42' } }),
      );
      const dept = data(await desk1('GET', '/departments'))[0];
      const contact = obj(await desk1('POST', '/contacts', { lastName: 'Durable' }));
      const t1 = obj(
        await desk1('POST', '/tickets', { subject: 'before', departmentId: dept?.id, contactId: contact.id }),
      );
      await first.close();

      const second = await startSandbox({ dataDir: dir, products: [deskModule], limits });
      const desk2 = deskCaller(() => second);
      expect(obj(await desk2('GET', `/accounts/${String(account.id)}`)).cf).toEqual({ cf_crm_account_id: '42' });
      const t2 = obj(
        await desk2('POST', '/tickets', { subject: 'after', departmentId: dept?.id, contactId: contact.id }),
      );
      expect(Number(t2.ticketNumber)).toBe(Number(t1.ticketNumber) + 1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
