/** The pure core without a sandbox: calendar periods, currency conversion, the links read from the model. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSource } from '@zlc/model';
import { computeReports, type Facts, linksOf, lookbackWindow, periodOf, periodsOf, reportsOf } from '@zlc/report';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const model = (() => {
  const result = validateSource(readFileSync(join(root, 'lifecycle.yaml'), 'utf8'), { file: 'lifecycle.yaml' });
  if (!result.ok) throw new Error('the root model must validate');
  return result.resolved;
})();

function facts(over: Partial<Facts> = {}): Facts {
  return {
    deals: [],
    accounts: [],
    stageHistory: [],
    customers: [],
    invoices: [],
    payments: [],
    currencies: [
      { code: 'USD', isBase: true, rate: 1 },
      { code: 'EUR', isBase: false, rate: 1.08 },
      { code: 'GBP', isBase: false, rate: 1.27 },
    ],
    deskAccounts: [],
    tickets: [],
    crmCurrency: 'USD',
    readNotes: [],
    ...over,
  };
}

describe('calendar periods', () => {
  it('puts days in ISO weeks, months, quarters and years', () => {
    expect(periodOf('2026-01-01', 'week')).toEqual({ key: '2026-W01', from: '2025-12-29', to: '2026-01-04' });
    // 2027-01-01 is a Friday: it belongs to the last ISO week of 2026.
    expect(periodOf('2027-01-01', 'week').key).toBe('2026-W53');
    expect(periodOf('2026-02-14', 'month')).toEqual({ key: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('2026-08-31', 'quarter')).toEqual({ key: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
    expect(periodsOf({ from: '2025-11-15', to: '2026-02-01' }, 'month').map((p) => p.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('reaches back a lookback to the day after', () => {
    expect(lookbackWindow('12m', '2026-12-07')).toEqual({ from: '2025-12-08', to: '2026-12-07' });
    expect(lookbackWindow('2w', '2026-12-07')).toEqual({ from: '2026-11-24', to: '2026-12-07' });
  });
});

describe('amounts in the report currency', () => {
  it('converts through the base currency with the document rate, else the rate Books holds', () => {
    const [sold] = computeReports(
      facts({
        deals: [
          {
            id: 'd1',
            name: 'D1',
            stage: 'Closed Won',
            amount: 1_080,
            closingDate: '2026-03-10',
            accountId: null,
            accountName: null,
            ownerId: null,
            ownerName: 'Ana',
            invoiceLink: null,
            renewalDate: null,
            modifiedTime: '2026-03-10T00:00:00.000Z',
          },
        ],
        invoices: [
          {
            id: 'i1',
            number: 'INV-1',
            customerId: 'c1',
            customerName: 'C1',
            date: '2026-03-12',
            dueDate: '2026-04-11',
            status: 'sent',
            total: 100,
            balance: 100,
            currencyCode: 'GBP',
            exchangeRate: 1.35,
            referenceNumber: '',
          },
        ],
      }),
      model,
      {
        reports: reportsOf(model).filter((r) => r.id === 'sold_invoiced_collected'),
        today: '2026-03-31',
        window: { from: '2026-03-01', to: '2026-03-31' },
        groupBy: 'none',
      },
    );
    const march = sold?.tables[0]?.rows.find((r) => r.key === '2026-03')?.cells;
    // The root model reports in EUR (1.08 USD each): 1,080 USD → 1,000 EUR; the GBP invoice at its own 1.35 → 125 EUR.
    expect(sold?.currency).toBe('EUR');
    expect(march).toMatchObject({ won_amount: 1_000, invoiced_unlinked: 125, invoiced: 125 });
  });
});

describe('the links the model writes', () => {
  it('are the write-backs and the reference-number match of the root model', () => {
    expect(linksOf(model)).toEqual({
      accountToCustomer: 'Books_Customer_ID',
      accountToDeskAccount: 'Desk_Account_ID',
      dealToInvoice: 'Books_Invoice_ID',
      invoiceReferencesDeal: true,
      wonStage: 'Closed Won',
    });
  });
});
