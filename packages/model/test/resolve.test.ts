import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findField, summarizeModel, validateSource } from '@zlc/model';
import { describe, expect, it } from 'vitest';
import { makeModel, validate } from './builders.js';

const rootModel = readFileSync(join(import.meta.dirname, '..', '..', '..', 'lifecycle.yaml'), 'utf8');

function resolvedRoot() {
  const result = validateSource(rootModel, { file: 'lifecycle.yaml' });
  if (!result.ok) throw new Error('the root model must validate');
  return result.resolved;
}

describe('the resolved model', () => {
  it('applies the defaults of runtime, handoffs and reports', () => {
    const result = validate(makeModel({ runtime: undefined, reports: [{ id: 'close_to_invoice' }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.resolved.runtime).toEqual({
      ledger: { kind: 'sqlite', path: '.zlc/flow.db' },
      pollIntervalSeconds: 300,
      maxAttempts: 8,
      secretEnv: 'ZLC_WEBHOOK_SECRET',
    });
    expect(result.resolved.reports).toEqual([
      {
        id: 'close_to_invoice',
        title: 'Time from close to first invoice',
        period: 'month',
        groupBy: 'none',
        lookback: '12m',
      },
    ]);
    expect(result.resolved.handoffs[0]).toMatchObject({
      onBlocked: 'task',
      requires: [],
      steps: [{ action: 'upsert' }],
    });
  });

  it('replaces ids by what they name: stage owners, trigger stage, blocked-handoff owner', () => {
    const resolved = resolvedRoot();
    expect(resolved.stages.map((s) => [s.id, s.index, `${s.app}:${s.module}`, s.owner.id])).toEqual([
      ['lead', 0, 'crm:Leads', 'sdr'],
      ['opportunity', 1, 'crm:Deals', 'sales'],
      ['closed-won', 2, 'crm:Deals', 'sales'],
      ['invoiced', 3, 'books:invoices', 'finance'],
      ['supported', 4, 'desk:accounts', 'success'],
    ]);
    const books = resolved.handoffs.find((h) => h.id === 'won-deal-to-books');
    expect(books?.trigger).toEqual({ on: 'record_enters_stage', stage: 'closed-won', app: 'crm', module: 'Deals' });
    expect(books?.owner?.id).toBe('sales');
  });

  it('types every mapping with canonical kinds on both sides', () => {
    const customer = resolvedRoot().handoffs[0]?.steps[0];
    const tier = customer?.mappings.find((m) => m.target.apiName === 'cf_customer_tier');
    expect(tier?.target).toMatchObject({
      ref: 'books:contacts.cf_customer_tier',
      kind: 'picklist',
      nativeType: 'dropdown',
      custom: true,
    });
    expect(tier?.value).toMatchObject({
      kind: 'source',
      source: { source: 'account', field: { ref: 'crm:Accounts.Customer_Tier', kind: 'picklist' } },
    });
    expect(customer?.match).toMatchObject({ by: 'link_field', field: { ref: 'crm:Accounts.Books_Customer_ID' } });
    expect(customer?.writeBack).toEqual([
      { field: expect.objectContaining({ ref: 'crm:Accounts.Books_Customer_ID' }), from: 'contact_id' },
    ]);
  });

  it('resolves line items, documents and aggregates', () => {
    const resolved = resolvedRoot();
    const invoice = resolved.handoffs[0]?.steps[1];
    expect(invoice?.document).toEqual({ kind: 'invoice', status: 'draft', email: false, dueInDays: 30 });
    expect(invoice?.lineItems).toMatchObject({
      itemMatch: 'sku',
      createMissingItems: false,
      from: { module: 'Deal_Products', list: true },
    });
    const visibility = resolved.handoffs.find((h) => h.id === 'tickets-to-crm')?.steps[0];
    expect(visibility?.mappings[0]?.value).toMatchObject({
      kind: 'aggregate',
      fn: 'count',
      of: { app: 'desk', module: 'tickets' },
      where: { kind: 'test', operator: 'not_equals', value: 'Closed' },
    });
  });

  it('collects where each field is required: always, and per stage', () => {
    const accounts = resolvedRoot().modules.get('crm:Accounts');
    expect(accounts?.fields.get('Customer_Tier')?.required).toBe(true);
    expect(accounts?.fields.get('Billing_Email')?.requiredInStages).toEqual(['closed-won']);
    expect(accounts?.fields.get('Billing_City')?.requiredInStages).toEqual(['closed-won']);
  });

  it('takes the Deal stage values from the declared pipeline', () => {
    const resolved = resolvedRoot();
    expect(
      resolved.modules
        .get('crm:Deals')
        ?.fields.get('Stage')
        ?.values?.map((v) => v.actual),
    ).toEqual(resolved.pipeline?.stages.map((s) => s.name));
  });

  it('finds standard and custom fields by reference', () => {
    const resolved = resolvedRoot();
    expect(findField(resolved, 'crm:Deals.Amount')).toMatchObject({ kind: 'currency', custom: false });
    expect(findField(resolved, 'books:contacts.billing_address.city')).toMatchObject({ kind: 'text' });
    expect(findField(resolved, 'desk:accounts.cf_deal_value')).toMatchObject({
      kind: 'currency',
      custom: true,
      decimals: 2,
    });
    expect(findField(resolved, 'crm:Deals.Nope')).toBeUndefined();
  });

  it('summarises counts and one line per stage', () => {
    const summary = summarizeModel(resolvedRoot());
    expect(summary.counts).toEqual({
      owners: 4,
      stages: 5,
      customFields: { crm: 20, books: 4, desk: 6 },
      handoffs: 4,
      handoffSteps: 7,
      reports: 5,
    });
    expect(summary.stages[2]).toMatchObject({
      id: 'closed-won',
      owner: 'Account Executives',
      handoffs: ['won-deal-to-books', 'won-deal-to-desk'],
    });
  });
});
