/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const desk = deskCaller(() => sandbox.current);

/** Bodies of every wrong kind: JSON scalars, arrays, empty and nested objects, wrong types for known keys. */
const BODIES: unknown[] = [
  'null',
  '1',
  '"text"',
  '[]',
  '{}',
  { unknown: { deeply: { nested: [1, 2, { x: null }] } } },
  { accountName: 42, lastName: ['a'], subject: {}, displayLabel: true, name: null, url: 7 },
  { cf: 'not an object', contact: [], subscriptions: [], lookup: 'x', pickListValues: 'x', accountIds: 'x' },
  { cf: { cf_missing: { nested: true } }, departmentId: -1, contactId: 1.5, accountId: '12ab' },
  { accountName: '\u0000'.repeat(300), lastName: 'x'.repeat(10_000), subject: 'y'.repeat(2_000) },
];

describe('Desk never crashes on bad input', () => {
  it('answers every malformed body on every write route with a Desk error body, never a 5xx', async () => {
    const departments = data(await desk('GET', '/departments'));
    const account = obj(await desk('POST', '/accounts', { accountName: 'Target' }));
    const contact = obj(await desk('POST', '/contacts', { lastName: 'Target' }));
    const ticket = obj(
      await desk('POST', '/tickets', { subject: 'Target', departmentId: departments[0]?.id, contactId: contact.id }),
    );
    const field = obj(
      await desk('POST', '/fields?module=accounts', { displayLabel: 'Target', type: 'Text', maxLength: 10 }),
    );
    const writes: [string, string][] = [
      ['POST', '/accounts'],
      ['PATCH', `/accounts/${String(account.id)}`],
      ['POST', '/accounts/moveToTrash'],
      ['POST', '/contacts'],
      ['PATCH', `/contacts/${String(contact.id)}`],
      ['POST', '/contacts/moveToTrash'],
      ['POST', '/tickets'],
      ['PATCH', `/tickets/${String(ticket.id)}`],
      ['POST', '/tickets/moveToTrash'],
      ['POST', '/fields?module=accounts'],
      ['PATCH', `/fields/${String(field.id)}`],
      ['POST', '/webhooks'],
    ];
    for (const [method, path] of writes) {
      for (const body of BODIES) {
        const answer = await desk(method, path, body);
        const where = `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`;
        expect(answer.status, where).toBeGreaterThanOrEqual(400);
        expect(answer.status, where).toBeLessThan(500);
        expect(obj(answer).errorCode, where).toBeTypeOf('string');
      }
    }
    // The records the bad bodies aimed at are unchanged.
    expect(obj(await desk('GET', `/accounts/${String(account.id)}`)).accountName).toBe('Target');
    expect(obj(await desk('GET', `/tickets/${String(ticket.id)}`)).subject).toBe('Target');
  });

  it('answers bad query parameters with UNPROCESSABLE_ENTITY', async () => {
    for (const path of [
      '/accounts?limit=0',
      '/accounts?limit=-1',
      '/accounts?from=1.5',
      '/contacts?sortBy=shoeSize',
      '/tickets?include=contacts,secrets',
      '/tickets?departmentId=x',
      '/fields?module=',
      '/layouts?module=accounts&status=maybe',
      '/tickets/search?limit=0',
      '/accounts/search?from=abc',
    ]) {
      const answer = await desk('GET', path);
      expect(answer.status, path).toBe(422);
      expect(obj(answer).errorCode, path).toBe('UNPROCESSABLE_ENTITY');
    }
  });
});
