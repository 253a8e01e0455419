/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { booksModule } from '../src/books/index.js';
import { booksPerFile, field } from './books-client.js';

describe('the empty seed', () => {
  const file = booksPerFile({ seed: 'empty', products: [booksModule] });

  it('has the org and its base currency and nothing else', async () => {
    const { books } = file;
    expect(field<unknown[]>(await books('GET', '/settings/currencies'), 'currencies')).toHaveLength(1);
    expect(field<unknown[]>(await books('GET', '/settings/taxes'), 'taxes')).toEqual([]);
    expect(field<unknown[]>(await books('GET', '/items'), 'items')).toEqual([]);
    expect(field<unknown[]>(await books('GET', '/contacts'), 'contacts')).toEqual([]);
    expect(field<unknown[]>(await books('GET', '/invoices'), 'invoices')).toEqual([]);
  });
});

describe('the large seed', () => {
  const file = booksPerFile({ seed: 'large', products: [booksModule] });

  it('holds 50,000 invoices over 5,000 more customers, paged 200 at a time', async () => {
    const { books } = file;
    const last = await books('GET', '/invoices?per_page=200&page=250');
    expect(field<unknown[]>(last, 'invoices')).toHaveLength(200);
    expect(field(last, 'page_context')).toMatchObject({ has_more_page: false });
    expect(field<unknown[]>(await books('GET', '/invoices?page=251'), 'invoices')).toEqual([]);
    const customers = await books('GET', '/contacts?contact_name_startswith=Customer&per_page=200&page=25');
    expect(field(customers, 'page_context')).toMatchObject({ has_more_page: false });
    expect(field<unknown[]>(customers, 'contacts')).toHaveLength(200);
  });

  it('mixes statuses, and its payments match the invoices they paid', async () => {
    const { books } = file;
    for (const status of ['draft', 'paid', 'partially_paid', 'overdue', 'void']) {
      const rows = field<unknown[]>(await books('GET', `/invoices?status=${status}&per_page=1`), 'invoices');
      expect(rows, status).toHaveLength(1);
    }
    const [paid] = field<{ invoice_id: string; total: number }[]>(
      await books('GET', '/invoices?status=paid&per_page=1'),
      'invoices',
    );
    const payments = field<{ amount: number }[]>(
      await books('GET', `/invoices/${paid?.invoice_id}/payments`),
      'payments',
    );
    expect(payments.reduce((sum, p) => sum + p.amount, 0)).toBeCloseTo(paid?.total ?? -1, 2);
    const listed = await books('GET', '/customerpayments?per_page=200');
    expect(field(listed, 'page_context')).toMatchObject({ has_more_page: true });
  });
});
