/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { booksPerFile, expectConformingAnswers, field } from './books-client.js';
import { accessToken } from './support/index.js';

const file = booksPerFile({ seed: 'default' });
const { books } = file;

describe('organizations and settings', () => {
  it('lists the org without organization_id and reads it by id', async () => {
    const token = await accessToken(file.sandbox);
    const list = await file.raw('GET', '/books/v3/organizations', token);
    expect(list.status).toBe(200);
    const orgs = field<{ organization_id: string; currency_code: string; is_default_org: boolean }[]>(
      list,
      'organizations',
    );
    expect(orgs).toEqual([
      expect.objectContaining({
        organization_id: file.sandbox.org.booksOrganizationId,
        currency_code: 'USD',
        is_default_org: true,
      }),
    ]);
    const one = await books('GET', `/organizations/${file.sandbox.org.booksOrganizationId}`);
    expect(one.body).toMatchObject({ code: 0, organization: { time_zone: 'Etc/UTC', currency_code: 'USD' } });
  });

  it('lists currencies with the base currency and reads one', async () => {
    const currencies = field<{ currency_id: string; currency_code: string; is_base_currency: boolean }[]>(
      await books('GET', '/settings/currencies'),
      'currencies',
    );
    expect(currencies.filter((c) => c.is_base_currency).map((c) => c.currency_code)).toEqual(['USD']);
    expect(currencies.map((c) => c.currency_code)).toEqual(['USD', 'EUR', 'GBP']);
    const usd = currencies[0];
    expect((await books('GET', `/settings/currencies/${usd?.currency_id}`)).body).toMatchObject({
      currency: { currency_code: 'USD' },
    });
    const foreign = await books('GET', '/settings/currencies?filter_by=Currencies.ExcludeBaseCurrency');
    expect(field<unknown[]>(foreign, 'currencies')).toHaveLength(2);
    expect((await books('GET', '/settings/currencies/460000000000000001')).body).toMatchObject({ code: 1002 });
  });

  it('answers unknown organizations and taxes with code 1002', async () => {
    expect((await books('GET', '/organizations/999999999')).body).toEqual({
      code: 1002,
      message: 'Organization does not exist.',
    });
    expect((await books('GET', '/settings/taxes/460000000000000001')).body).toEqual({
      code: 1002,
      message: 'Tax does not exist.',
    });
  });

  it('lists taxes and reads one', async () => {
    const taxes = field<{ tax_id: string; tax_name: string; tax_percentage: number }[]>(
      await books('GET', '/settings/taxes'),
      'taxes',
    );
    expect(taxes.map((t) => [t.tax_name, t.tax_percentage])).toEqual([
      ['Sales Tax', 8.25],
      ['City Tax', 1.5],
    ]);
    const one = await books('GET', `/settings/taxes/${taxes[0]?.tax_id}`);
    expect(field<{ tax_name: string }[]>(one, 'tax')[0]?.tax_name).toBe('Sales Tax');
  });
});

describe('request rules every Books call follows', () => {
  it('refuses a call without organization_id', async () => {
    const token = await accessToken(file.sandbox);
    const answer = await file.raw('GET', '/books/v3/contacts', token);
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 2, message: 'Invalid value passed for organization_id' },
    });
  });

  it('refuses an organization_id the user does not belong to', async () => {
    const answer = await books('GET', '/contacts?organization_id=123456');
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 6041, message: 'This user is not associated with the CompanyID/CompanyName:123456.' },
    });
  });

  it('answers a missing Authorization header with 401 and code 14', async () => {
    const answer = await file.raw('GET', `/books/v3/contacts?organization_id=${file.sandbox.org.booksOrganizationId}`);
    expect(answer).toMatchObject({ status: 401, body: { code: 14 } });
  });

  it('answers an unknown token with 401 and code 57', async () => {
    const answer = await file.raw(
      'GET',
      `/books/v3/contacts?organization_id=${file.sandbox.org.booksOrganizationId}`,
      '1000.bad.token',
    );
    expect(answer).toMatchObject({
      status: 401,
      body: { code: 57, message: 'You are not authorized to perform this operation' },
    });
  });

  it('answers an unknown path with 404 and code 5', async () => {
    const answer = await books('GET', '/spaceships');
    expect(answer).toMatchObject({ status: 404, body: { code: 5, message: 'Invalid URL Passed' } });
  });

  it('answers over the per-minute limit with 429 and code 44', async () => {
    file.sandbox.limits.set('books', { perMinute: 2 });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await books('GET', '/settings/taxes'));
      expect(answers.at(-1)).toMatchObject({ status: 429, body: { code: 44 } });
    } finally {
      file.sandbox.limits.set('books', { perMinute: Number.POSITIVE_INFINITY });
    }
  });

  it('answers a body over the size cap with 400 (Books documents no 413) and a Books body', async () => {
    const huge = { contact_name: 'Huge', notes: 'x'.repeat(2 * 1024 * 1024) };
    const answer = await books('POST', '/contacts', huge);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 4 });
  });
});

describe('users', () => {
  it('lists the org’s users, filters them by status, reads one, and refuses an unknown filter', async () => {
    const users = field<{ user_id: string; email: string; status: string }[]>(
      await books('GET', '/users?filter_by=Status.Active'),
      'users',
    );
    expect(users.map((u) => u.email)).toContain('finance@northwind.example');
    expect(users.every((u) => u.status === 'active')).toBe(true);
    expect(field<unknown[]>(await books('GET', '/users?filter_by=Status.Deleted'), 'users')).toEqual([]);
    const one = await books('GET', `/users/${users[0]?.user_id}`);
    expect(one.body).toMatchObject({ code: 0, user: { user_id: users[0]?.user_id } });
    expect((await books('GET', '/users?filter_by=Status.Sleeping')).status).toBe(400);
    expect((await books('GET', '/users/1')).status).toBe(404);
  });
});

expectConformingAnswers(file, 'sandbox-books-organizations');
