import { type Plan, type PlanAction, plan } from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import {
  desiredOf,
  matchingOrg,
  modelOf,
  optionsFor,
  ROOT_MODEL_TEXT,
  withAttributes,
} from './support/plan-builders.js';

const model = modelOf();
const desired = desiredOf(model);

function changing(p: Plan): PlanAction[] {
  return p.actions.filter((a) => a.action !== 'noop');
}

function at(p: Plan, address: string): PlanAction {
  const found = p.actions.find((a) => a.address === address);
  if (!found) throw new Error(`no action at ${address}`);
  return found;
}

describe('the planner', () => {
  it('plans an org that already matches the model as no changes', () => {
    const result = plan(desired, matchingOrg(desired), optionsFor(model));
    expect(changing(result)).toEqual([]);
    expect(result.counts).toEqual({ add: 0, change: 0, remove: 0, manual: 0 });
    expect(result.waves).toEqual([]);
    expect(result.actions).toHaveLength(desired.length);
  });

  it('plans an empty org as one create per resource and one manual step per Books custom field and webhook', () => {
    const result = plan(desired, [], optionsFor(model));
    const books = desired.filter((d) => d.type === 'books_custom_field' || d.type === 'books_webhook').length;
    expect(desired.filter((d) => d.type === 'books_webhook')).toHaveLength(1);
    expect(books).toBeGreaterThan(1);
    expect(result.counts).toEqual({ add: desired.length - books, change: 0, remove: 0, manual: books });
    const manual = result.actions.find((a) => a.action === 'manual');
    expect(manual?.action === 'manual' && manual.steps.join('\n')).toContain('Field Customization');
  });

  it('lists no Books webhook step for an invoice trigger that does not ask for one (polled only)', () => {
    const pollOnly = modelOf(ROOT_MODEL_TEXT.replace(', webhook: true }', ' }'));
    const wanted = desiredOf(pollOnly);
    expect(wanted.filter((d) => d.type === 'books_webhook')).toEqual([]);
    expect(wanted.length).toBe(desired.length - 1);
  });

  it('turns one changed label into exactly one update with one attribute change', () => {
    const org = matchingOrg(desired).map((r) =>
      r.address === 'crm_field.Accounts.VAT_Number' ? withAttributes(r, { label: 'VAT Reg' }) : r,
    );
    const result = plan(desired, org, optionsFor(model));
    expect(changing(result).map((a) => `${a.action} ${a.address}`)).toEqual(['update crm_field.Accounts.VAT_Number']);
    const update = at(result, 'crm_field.Accounts.VAT_Number');
    expect(update.action === 'update' && update.changes).toEqual([
      { path: 'label', before: 'VAT Reg', after: 'VAT Number' },
    ]);
    expect(result.counts.change).toBe(1);
  });

  it('fingerprints only the objects its actions change, and hashes no other object it read', () => {
    let hashed = 0;
    const org = matchingOrg(desired).map((r) => {
      const changed = r.address === 'crm_field.Accounts.VAT_Number' ? withAttributes(r, { label: 'VAT Reg' }) : r;
      return {
        ...changed,
        fingerprint: () => {
          hashed += 1;
          return changed.fingerprint();
        },
      };
    });
    const result = plan(desired, org, optionsFor(model));
    expect(Object.keys(result.fingerprints)).toEqual(['crm_field.Accounts.VAT_Number']);
    expect(hashed).toBe(1);
  });

  it('replaces a field whose data type changed, since that cannot change in place', () => {
    const org = matchingOrg(desired).map((r) =>
      r.address === 'crm_field.Deals.Contract_Term_Months' ? withAttributes(r, { dataType: 'text' }) : r,
    );
    const action = at(plan(desired, org, optionsFor(model)), 'crm_field.Deals.Contract_Term_Months');
    expect(action.action).toBe('replace');
    expect(action.action === 'replace' && action.reason).toContain('dataType');
  });

  it('reports an object that left the model as orphaned and never removes it', () => {
    const org = matchingOrg(desired);
    const extra = { ...org[0]!, address: 'crm_field.Accounts.Old_Thing', remoteId: '999' };
    extra.attributes = { ...extra.attributes, apiName: 'Old_Thing' };
    const result = plan(desired, [...org, extra], optionsFor(model));
    expect(changing(result)).toEqual([]);
    expect(result.orphans.map((o) => o.address)).toEqual(['crm_field.Accounts.Old_Thing']);
  });

  it('removes what `remove:` names and asks for --allow-data-loss when it holds data', () => {
    const org = matchingOrg(desired);
    const legacy = {
      ...org[0]!,
      address: 'crm_field.Deals.Legacy_Invoice_No',
      title: 'Deals › Legacy_Invoice_No (text)',
      remoteId: '777',
    };
    const impacts = { [legacy.address]: { count: 12, message: '12 Deals have a value in Legacy_Invoice_No' } };
    const refused = plan(desired, [...org, legacy], optionsFor(model, { impacts }));
    const removal = at(refused, legacy.address);
    expect(removal).toMatchObject({ action: 'remove', remoteId: '777', requiresAllowDataLoss: true });
    expect(refused.counts.remove).toBe(1);
    expect(refused.orphans).toEqual([]);

    const allowed = at(
      plan(desired, [...org, legacy], optionsFor(model, { impacts, allowDataLoss: true })),
      legacy.address,
    );
    expect(allowed.action === 'remove' && allowed.requiresAllowDataLoss).toBeUndefined();
  });

  it('plans a `moved:` rename as a manual step (API names change only in the UI), and the layout flag waits for it', () => {
    const org = matchingOrg(desired)
      .filter((r) => r.address !== 'crm_layout_required.Accounts.Standard.Customer_Tier')
      .map((r) =>
        r.address === 'crm_field.Accounts.Customer_Tier'
          ? { ...withAttributes(r, { apiName: 'Client_Tier' }), address: 'crm_field.Accounts.Client_Tier' }
          : r,
      );
    const result = plan(desired, org, optionsFor(model));
    const rename = at(result, 'crm_field.Accounts.Customer_Tier');
    expect(rename).toMatchObject({ action: 'manual', movedFrom: 'crm_field.Accounts.Client_Tier' });
    expect(rename.action === 'manual' && rename.steps[0]).toMatch(
      /^In Zoho CRM: Setup › Customization › Modules and Fields › Accounts, open the field ".*" \(API name Client_Tier\) and change its API name to Customer_Tier\./,
    );
    const flag = at(result, 'crm_layout_required.Accounts.Standard.Customer_Tier');
    expect(flag.action === 'manual' && flag.steps).toEqual([
      'Waits for the rename of crm_field.Accounts.Client_Tier to crm_field.Accounts.Customer_Tier (above); the plan after it makes this change.',
    ]);
    expect(result.fingerprints).toEqual({});
    expect(result.orphans).toEqual([]);
    expect(result.counts).toEqual({ add: 0, change: 0, remove: 0, manual: 2 });

    // Renamed by hand: the next plan finds the field under its new name and makes the flag.
    const renamed = plan(
      desired,
      org.map((r) =>
        r.address === 'crm_field.Accounts.Client_Tier'
          ? { ...withAttributes(r, { apiName: 'Customer_Tier' }), address: 'crm_field.Accounts.Customer_Tier' }
          : r,
      ),
      optionsFor(model),
    );
    expect(at(renamed, 'crm_field.Accounts.Customer_Tier').action).toBe('noop');
    expect(at(renamed, 'crm_layout_required.Accounts.Standard.Customer_Tier').action).toBe('create');
  });

  it('orders waves by dependencies: fields before layout flags, webhooks before the rules that call them', () => {
    const result = plan(desired, [], optionsFor(model));
    const waveOf = (address: string) => result.waves.findIndex((w) => w.includes(address));
    expect(waveOf('crm_layout_required.Accounts.Standard.Customer_Tier')).toBeGreaterThan(
      waveOf('crm_field.Accounts.Customer_Tier'),
    );
    expect(waveOf('crm_workflow_rule.zlc-won-deal-to-books')).toBeGreaterThan(
      waveOf('crm_webhook.zlc-won-deal-to-books'),
    );
    expect(result.waves.flat().sort()).toEqual(
      changing(result)
        .map((a) => a.address)
        .sort(),
    );
  });

  it('drops a dependency on an unchanged object, so the dependant moves to the first wave', () => {
    const org = matchingOrg(desired).filter((r) => r.address !== 'crm_workflow_rule.zlc-won-deal-to-books');
    const result = plan(desired, org, optionsFor(model));
    expect(result.waves).toEqual([['crm_workflow_rule.zlc-won-deal-to-books']]);
    expect(at(result, 'crm_workflow_rule.zlc-won-deal-to-books').dependsOn).toEqual([]);
  });

  it('clears a layout flag the model no longer asks for instead of calling it orphaned', () => {
    const relaxed = modelOf(
      ROOT_MODEL_TEXT.replace(
        'values: [Standard, Growth, Enterprise]\n        required: true',
        'values: [Standard, Growth, Enterprise]',
      ),
    );
    const org = matchingOrg(desired);
    const result = plan(desiredOf(relaxed), org, optionsFor(relaxed));
    const flag = at(result, 'crm_layout_required.Accounts.Standard.Customer_Tier');
    expect(flag.action === 'update' && flag.changes).toEqual([{ path: 'required', before: true, after: false }]);
  });

  it('says in the business summary which stages and handoffs a change touches', () => {
    const org = matchingOrg(desired).filter((r) => r.address !== 'crm_field.Deals.Billing_Frequency');
    const result = plan(desired, org, optionsFor(model));
    const closedWon = result.summary.stages.find((s) => s.id === 'closed-won');
    expect(closedWon).toMatchObject({ changed: true, owner: 'Account Executives' });
    expect(result.summary.stages.find((s) => s.id === 'lead')?.changed).toBe(false);
    expect(result.summary.highlights.find((h) => h.startsWith('Closed Won:'))).toContain('Billing Frequency');
  });
});

describe('Books items that mappings name', () => {
  it('plans a create for an item a line-item mapping names literally, and nothing when none does', () => {
    expect(desired.filter((d) => d.type === 'books_item')).toEqual([]);
    const fixed = modelOf(
      ROOT_MODEL_TEXT.replace('name: item.Product_Name', 'name: { value: Onboarding Package }').replace(
        'rate: item.List_Price',
        'rate: { value: 1500 }',
      ),
    );
    const items = desiredOf(fixed).filter((d) => d.type === 'books_item');
    expect(items.map((i) => [i.address, i.attributes])).toEqual([
      ['books_item.Onboarding Package', { name: 'Onboarding Package', rate: 1500 }],
    ]);
    const result = plan(desiredOf(fixed), matchingOrg(desired), optionsFor(fixed));
    expect(changing(result).map((a) => `${a.action} ${a.address}`)).toEqual(['create books_item.Onboarding Package']);
  });
});
