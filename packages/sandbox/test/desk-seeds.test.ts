import { describe, expect, it } from 'vitest';
import { deskModule } from '../src/desk/index.js';
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
