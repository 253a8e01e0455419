/** Mapping evaluation is a pure function of the handoff and the source records: no sandbox needed. */
import { buildPayload, missingRequirements, type SourceSnapshot } from '@zlc/flow';
import type { ResolvedHandoff, ResolvedModel } from '@zlc/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { rootModel } from './support/flow-world.js';

let model: ResolvedModel;
beforeAll(async () => {
  model = await rootModel();
});

function handoff(id: string): ResolvedHandoff {
  const found = model.handoffs.find((h) => h.id === id);
  if (found === undefined) throw new Error(`no handoff ${id}`);
  return found;
}

function snapshot(overrides: Partial<SourceSnapshot['named']> = {}): SourceSnapshot {
  const account = {
    id: 'A1',
    Account_Name: 'Acme',
    Billing_Street: '1 Main St',
    Billing_City: 'Springfield',
    Billing_Country: 'US',
    Billing_Email: 'billing@acme.example',
    Customer_Tier: 'Growth',
    Owner: { id: 'U1', name: 'Pat Owner', email: 'pat@example.com' },
  };
  const deal = { id: 'D1', Deal_Name: 'Acme deal', Amount: 1500, Closing_Date: '2026-11-20', Owner: account.Owner };
  const contacts = [{ id: 'C1', First_Name: 'Ada', Last_Name: 'Lovelace', Email: 'ada@acme.example' }];
  const products = [
    { id: 'P1', Product_Name: 'Analytics Cloud', List_Price: 1000, Quantity: 1 },
    { id: 'P2', Product_Name: 'Onboarding', List_Price: 500, Quantity: 1 },
  ];
  return { named: { deal, record: deal, account, contacts, products, ...overrides }, lookups: {}, related: {} };
}

describe('mapping evaluation', () => {
  it('builds the Books customer with nested billing address and custom fields', () => {
    const step = handoff('won-deal-to-books').steps[0];
    if (step === undefined) throw new Error('no step');
    const payload = buildPayload('books', step.mappings, { snapshot: snapshot(), steps: {} });
    expect(payload).toMatchObject({
      contact_name: 'Acme',
      contact_type: 'customer',
      billing_address: { address: '1 Main St', city: 'Springfield', country: 'US' },
    });
    expect(payload.custom_fields).toEqual([
      { api_name: 'cf_crm_account_id', value: 'A1' },
      { api_name: 'cf_customer_tier', value: 'Growth' },
    ]);
  });

  it('renders templates over lists and puts Desk custom values under cf as strings', () => {
    const step = handoff('won-deal-to-desk').steps[0];
    if (step === undefined) throw new Error('no step');
    const payload = buildPayload('desk', step.mappings, { snapshot: snapshot(), steps: {} });
    expect(payload).toMatchObject({
      accountName: 'Acme',
      cf: { cf_products_sold: 'Analytics Cloud, Onboarding', cf_deal_value: '1500', cf_account_owner: 'Pat Owner' },
    });
  });

  it('counts open tickets and takes the latest ticket time for the CRM account', () => {
    const step = handoff('tickets-to-crm').steps[0];
    if (step === undefined) throw new Error('no step');
    const related = {
      'desk:tickets': [
        { id: 'T1', statusType: 'Open', createdTime: '2026-11-01T10:00:00.000Z' },
        { id: 'T2', statusType: 'Closed', createdTime: '2026-11-03T09:30:00.000Z' },
        { id: 'T3', statusType: 'On Hold', createdTime: '2026-11-02T08:00:00.000Z' },
      ],
    };
    const payload = buildPayload('crm', step.mappings, {
      snapshot: { named: {}, lookups: {}, related },
      steps: {},
    });
    expect(payload).toEqual({ Open_Tickets: 2, Last_Ticket_At: '2026-11-03T09:30:00+00:00' });
  });

  it('names exactly the required data that is missing', () => {
    const h = handoff('won-deal-to-books');
    expect(missingRequirements(h, { snapshot: snapshot(), steps: {} })).toEqual([]);
    const base = snapshot();
    const account = { ...(base.named.account as Record<string, unknown>), Billing_City: '' };
    expect(missingRequirements(h, { snapshot: snapshot({ account, products: [] }), steps: {} })).toEqual([
      'account.Billing_City',
      'products',
    ]);
  });
});
