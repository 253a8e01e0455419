import { readFileSync } from 'node:fs';
import { validateSource } from '@zlc/model';
import { describe, expect, it } from 'vitest';
import { codes, diagnosticsOf, makeModel, toYaml, validate, withStep } from './builders.js';

const tierField = (app: 'crm' | 'books', values: string[]) =>
  app === 'crm'
    ? { api_name: 'Customer_Tier', label: 'Customer Tier', type: 'picklist', values }
    : { api_name: 'cf_tier', label: 'Tier', type: 'dropdown', values };

function tierModel(bookValues: string[], step: Record<string, unknown>) {
  const model = withStep(step);
  model.fields = {
    crm: {
      Accounts: [
        { api_name: 'Books_Customer_ID', type: 'text', unique: true },
        tierField('crm', ['Standard', 'Growth', 'Enterprise']),
      ],
    },
    books: { contacts: [tierField('books', bookValues)] },
  };
  return model;
}

describe('references', () => {
  it('reports an unknown owner with a did-you-mean', () => {
    const model = makeModel();
    (model.stages as Record<string, unknown>[])[0] = {
      id: 'opportunity',
      name: 'Opportunity',
      record: 'crm:Deals',
      owner: 'salse',
    };
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'dangling-reference', path: 'stages[0].owner', hint: "did you mean 'sales'?" }),
    );
  });

  it('reports an unknown module', () => {
    const model = makeModel();
    (model.stages as Record<string, unknown>[])[0] = {
      id: 'opportunity',
      name: 'Opportunity',
      record: 'crm:Deal',
      owner: 'sales',
    };
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'dangling-reference', hint: "did you mean 'crm:Deals'?" }),
    );
  });

  it('reports an unknown stage in a trigger and in advance_to', () => {
    const model = makeModel();
    const handoff = (model.handoffs as Record<string, unknown>[])[0] as Record<string, unknown>;
    handoff.advance_to = 'invoiced-x';
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({
        code: 'dangling-reference',
        path: 'handoffs[0].advance_to',
        hint: "did you mean 'invoiced'?",
      }),
    );
    handoff.trigger = { on: 'record_enters_stage', stage: 'closed_won' };
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({
        code: 'dangling-reference',
        path: 'handoffs[0].trigger.stage',
        hint: "did you mean 'closed-won'?",
      }),
    );
  });

  it('reports a required field that does not exist', () => {
    const model = makeModel();
    (model.stages as Record<string, unknown>[])[1] = {
      id: 'closed-won',
      name: 'Closed Won',
      record: 'crm:Deals',
      owner: 'sales',
      required_fields: ['Ammount'],
    };
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({
        code: 'dangling-reference',
        path: 'stages[1].required_fields[0]',
        hint: "did you mean 'Amount'?",
      }),
    );
  });

  it('reports an unknown source and an unknown field of a source', () => {
    expect(diagnosticsOf(validate(withStep({ map: { contact_name: 'acount.Account_Name' } })))).toContainEqual(
      expect.objectContaining({ code: 'dangling-reference', hint: "did you mean 'account'?" }),
    );
    expect(diagnosticsOf(validate(withStep({ map: { contact_name: 'account.Acount_Name' } })))).toContainEqual(
      expect.objectContaining({ code: 'dangling-reference', hint: "did you mean 'Account_Name'?" }),
    );
  });

  it('follows lookups in source paths', () => {
    expect(
      validate(
        withStep({
          map: { contact_name: 'deal.Account_Name.Account_Name', website: 'deal.Contact_Name.Account_Name.Website' },
        }),
      ).ok,
    ).toBe(true);
  });

  it('reports a stage entry value that is not in the Deal pipeline', () => {
    const model = makeModel();
    (model.stages as Record<string, unknown>[])[1] = {
      id: 'closed-won',
      name: 'Closed Won',
      record: 'crm:Deals',
      owner: 'sales',
      entry: { field: 'Stage', equals: 'Won' },
    };
    expect(codes(validate(model))).toContain('picklist-unknown-value');
  });
});

describe('fields', () => {
  it('reports an api name declared twice in one module', () => {
    const model = makeModel({
      fields: {
        crm: {
          Accounts: [
            { api_name: 'Books_Customer_ID', type: 'text' },
            { api_name: 'Books_Customer_ID', type: 'text' },
          ],
        },
      },
    });
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'duplicate-api-name', path: 'fields.crm.Accounts[1].api_name' }),
    );
  });

  it('reports a custom field that redeclares a standard field', () => {
    const model = makeModel({
      fields: {
        crm: {
          Accounts: [
            { api_name: 'Books_Customer_ID', type: 'text' },
            { api_name: 'Account_Name', type: 'text' },
          ],
        },
      },
    });
    expect(codes(validate(model))).toContain('duplicate-api-name');
  });

  it("reports a Products field that redeclares CRM's own stock fields", () => {
    for (const apiName of ['Qty_in_Stock', 'Qty_Ordered', 'Qty_in_Demand', 'Reorder_Level']) {
      const model = makeModel({
        fields: {
          crm: {
            Accounts: [{ api_name: 'Books_Customer_ID', type: 'text' }],
            Products: [{ api_name: apiName, type: 'integer' }],
          },
        },
      });
      expect(codes(validate(model)), apiName).toContain('duplicate-api-name');
    }
  });

  it('allows the same api name in different modules', () => {
    const model = makeModel({
      fields: {
        crm: {
          Accounts: [{ api_name: 'Books_Customer_ID', type: 'text' }],
          Deals: [{ api_name: 'Books_Customer_ID', type: 'text' }],
        },
      },
    });
    expect(validate(model).ok).toBe(true);
  });

  it('requires the cf_ prefix on Books and Desk custom fields', () => {
    const model = makeModel({
      fields: {
        crm: { Accounts: [{ api_name: 'Books_Customer_ID', type: 'text' }] },
        desk: { accounts: [{ api_name: 'crmAccountId', type: 'Text' }] },
      },
    });
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'invalid-api-name', hint: 'for example: cf_crm_account_id' }),
    );
  });

  it('requires values on a picklist field', () => {
    const model = makeModel({
      fields: {
        crm: {
          Accounts: [
            { api_name: 'Books_Customer_ID', type: 'text' },
            { api_name: 'Tier', type: 'picklist' },
          ],
        },
      },
    });
    expect(codes(validate(model))).toContain('missing-key');
  });
});

describe('mappings', () => {
  it('reports a mapping between incompatible types', () => {
    const result = validate(
      withStep({ map: { contact_name: 'account.Account_Name', payment_terms: 'deal.Closing_Date' } }),
    );
    expect(diagnosticsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'incompatible-mapping',
        message: 'cannot map crm:Deals.Closing_Date (date) to books:contacts.payment_terms (number)',
      }),
    );
  });

  it('reports a picklist mapping that is not total, naming the missing values', () => {
    const result = validate(
      tierModel(['Standard', 'Growth'], {
        map: { contact_name: 'account.Account_Name', cf_tier: 'account.Customer_Tier' },
      }),
    );
    expect(diagnosticsOf(result)).toContainEqual(
      expect.objectContaining({ code: 'picklist-not-total', message: expect.stringContaining("'Enterprise'") }),
    );
  });

  it('accepts a value map that covers every source value', () => {
    const result = validate(
      tierModel(['S', 'G', 'E'], {
        map: { contact_name: 'account.Account_Name', cf_tier: 'account.Customer_Tier' },
        picklists: { cf_tier: { values: { Standard: 'S', Growth: 'G', Enterprise: 'E' } } },
      }),
    );
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });

  it('reports a value map with a gap, and accepts it once it has a default', () => {
    const step = {
      map: { contact_name: 'account.Account_Name', cf_tier: 'account.Customer_Tier' },
      picklists: { cf_tier: { values: { Standard: 'S', Growth: 'G' } } },
    };
    expect(codes(validate(tierModel(['S', 'G'], step)))).toContain('picklist-not-total');
    expect(
      validate(
        tierModel(['S', 'G'], {
          ...step,
          picklists: { cf_tier: { values: { Standard: 'S', Growth: 'G' }, default: 'S' } },
        }),
      ).ok,
    ).toBe(true);
  });

  it('reports a value map onto a value the target does not have', () => {
    const step = {
      map: { contact_name: 'account.Account_Name', cf_tier: 'account.Customer_Tier' },
      picklists: { cf_tier: { values: { Standard: 'S', Growth: 'G', Enterprise: 'X' } } },
    };
    expect(codes(validate(tierModel(['S', 'G'], step)))).toContain('picklist-unknown-value');
  });

  it('reports a create step that leaves out a field Zoho requires', () => {
    expect(diagnosticsOf(validate(withStep({ map: { email: 'account.Billing_Street' } })))).toContainEqual(
      expect.objectContaining({ code: 'required-field-missing', message: expect.stringContaining("'contact_name'") }),
    );
  });

  it('reports a write to a read-only field', () => {
    expect(
      codes(
        validate(
          withStep({ map: { contact_name: 'account.Account_Name', outstanding_receivable_amount: 'deal.Amount' } }),
        ),
      ),
    ).toContain('invalid-step');
  });

  it('warns about a step without a match', () => {
    const result = validate(withStep({ match: undefined }));
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'invalid-step', severity: 'warning' }));
  });
});

describe('stage order', () => {
  it('reports a next stage that comes earlier', () => {
    const model = makeModel();
    (model.stages as Record<string, unknown>[])[1] = {
      id: 'closed-won',
      name: 'Closed Won',
      record: 'crm:Deals',
      owner: 'sales',
      next: [{ stage: 'opportunity' }],
    };
    expect(codes(validate(model))).toContain('stage-order');
  });

  it('reports Deal stages listed against the pipeline order', () => {
    const model = makeModel();
    const stages = model.stages as Record<string, unknown>[];
    stages[0] = { ...stages[0], entry: { field: 'Stage', equals: 'Closed Won' } };
    stages[1] = { ...stages[1], entry: { field: 'Stage', equals: 'Qualification' } };
    expect(codes(validate(model))).toContain('stage-order');
  });

  it('warns about a handoff that advances to a stage on a record it neither triggers on nor writes', () => {
    const model = makeModel();
    const stages = model.stages as Record<string, unknown>[];
    stages.push({ id: 'supported', name: 'Supported', record: 'desk:accounts', owner: 'finance' });
    ((model.handoffs as Record<string, unknown>[])[0] as Record<string, unknown>).advance_to = 'supported';
    const result = validate(model);
    expect(result.ok && result.warnings.map((w) => `${w.code} ${w.message}`)).toContainEqual(
      expect.stringContaining("stage-order advances to 'supported', which lives on desk:accounts"),
    );
  });

  it('reports a handoff that advances backwards', () => {
    const model = makeModel();
    ((model.handoffs as Record<string, unknown>[])[0] as Record<string, unknown>).advance_to = 'opportunity';
    expect(codes(validate(model))).toContain('stage-order');
  });
});

describe('vocabulary', () => {
  it('warns when a stage name uses an alias instead of the canonical term', () => {
    const model = makeModel({
      vocabulary: { terms: { customer: { name: 'Customer', crm: 'Account', aliases: ['Client'] } } },
    });
    (model.stages as Record<string, unknown>[])[0] = {
      id: 'opportunity',
      name: 'Client Opportunity',
      record: 'crm:Deals',
      owner: 'sales',
    };
    const result = validate(model);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'vocabulary-alias',
        path: 'stages[0].name',
        hint: "say 'Customer' (see vocabulary.terms)",
      }),
    ]);
  });

  it('reports status labels for values the field does not have', () => {
    const model = makeModel({
      vocabulary: { statuses: { invoice: { field: 'books:invoices.status', labels: { payed: 'Paid' } } } },
    });
    expect(codes(validate(model))).toContain('picklist-unknown-value');
  });
});

describe('moved and remove', () => {
  it('accepts a rename to a declared field', () => {
    expect(
      validate(makeModel({ moved: [{ from: 'crm:Accounts.Books_ID', to: 'crm:Accounts.Books_Customer_ID' }] })).ok,
    ).toBe(true);
  });

  it('reports a rename to an undeclared field, or across modules', () => {
    expect(
      codes(validate(makeModel({ moved: [{ from: 'crm:Accounts.Books_ID', to: 'crm:Accounts.Books_Customer_Id' }] }))),
    ).toContain('dangling-reference');
    expect(
      codes(validate(makeModel({ moved: [{ from: 'crm:Deals.Books_ID', to: 'crm:Accounts.Books_Customer_ID' }] }))),
    ).toContain('invalid-move');
  });

  it('reports removing a declared or a standard field, and accepts removing an old one', () => {
    expect(
      codes(validate(makeModel({ remove: [{ target: 'crm:Accounts.Books_Customer_ID', reason: 'x' }] }))),
    ).toContain('invalid-remove');
    expect(codes(validate(makeModel({ remove: [{ target: 'crm:Deals.Amount', reason: 'x' }] })))).toContain(
      'invalid-remove',
    );
    expect(
      validate(
        makeModel({
          remove: [
            { target: 'crm:Deals.Legacy_Code', reason: 'x' },
            { target: 'webhook:old-hook', reason: 'y' },
          ],
        }),
      ).ok,
    ).toBe(true);
  });
});

describe('runtime', () => {
  it('requires the environment variable of a postgres ledger', () => {
    expect(codes(validate(makeModel({ runtime: { url: 'https://x.test', ledger: { kind: 'postgres' } } })))).toContain(
      'missing-key',
    );
  });

  it('refuses an http:// runtime.url to another machine, accepts loopback, and only warns under --insecure', () => {
    const at = (url: string, allowInsecureUrls = false) =>
      validateSource(toYaml(makeModel({ runtime: { url } })), { file: 'lifecycle.yaml', allowInsecureUrls });
    const plain = at('http://flow.example.test/zlc');
    expect(plain.ok).toBe(false);
    expect(plain.ok ? [] : plain.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'insecure-url', severity: 'error', path: 'runtime.url' }),
    );
    expect(plain.ok ? '' : plain.diagnostics[0]?.hint).toContain('--insecure');
    for (const local of ['http://127.0.0.1:8080/zlc', 'http://localhost:8080/zlc', 'http://[::1]:8080/zlc'])
      expect(at(local).ok, local).toBe(true);
    expect(at('https://flow.example.test/zlc').ok).toBe(true);
    const allowed = at('http://flow.example.test/zlc', true);
    expect(allowed.ok).toBe(true);
    expect(allowed.warnings).toContainEqual(expect.objectContaining({ code: 'insecure-url', severity: 'warning' }));
  });

  it('refuses a runtime.url that would make a Desk webhook URL longer than Desk accepts', () => {
    const root = readFileSync(new URL('../../../lifecycle.yaml', import.meta.url), 'utf8');
    expect(validateSource(root, { file: 'lifecycle.yaml' }).ok).toBe(true);
    const long = root.replace(/^ {2}url: .*$/m, `  url: https://flow.northwind.example/${'x'.repeat(40)}`);
    const result = validateSource(long, { file: 'lifecycle.yaml' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.diagnostics).toContainEqual(
        expect.objectContaining({ code: 'invalid-value', path: 'runtime.url', severity: 'error' }),
      );
  });
});

describe('report options', () => {
  it('accepts reconciliation with grace_days and a renewal date field on retention_renewals', () => {
    const model = makeModel({
      fields: {
        crm: {
          Accounts: [
            { api_name: 'Books_Customer_ID', label: 'Books Customer ID', type: 'text', unique: true },
            { api_name: 'Renewal_Date', type: 'date' },
          ],
        },
      },
      reports: [
        { id: 'retention_renewals', renewal_field: 'crm:Accounts.Renewal_Date' },
        { id: 'reconciliation', grace_days: 30 },
      ],
    });
    const result = validate(model);
    expect(diagnosticsOf(result)).toEqual([]);
    if (!result.ok) return;
    expect(result.resolved.reports).toMatchObject([
      { id: 'retention_renewals', renewalField: { module: 'Accounts', apiName: 'Renewal_Date' } },
      { id: 'reconciliation', title: 'Reconciliation of CRM, Books and Desk', graceDays: 30 },
    ]);
  });

  it('refuses a renewal field that is not a date, and options on the wrong report', () => {
    const model = makeModel({
      reports: [
        { id: 'retention_renewals', renewal_field: 'crm:Accounts.Account_Name' },
        { id: 'close_to_invoice', grace_days: 3 },
        { id: 'support_volume', renewal_field: 'crm:Accounts.Renewal_Dat' },
      ],
    });
    const found = diagnosticsOf(validate(model)).map((d) => `${d.code} ${d.path}`);
    expect(found).toEqual([
      'invalid-value reports[0].renewal_field',
      'invalid-value reports[1].grace_days',
      'invalid-value reports[2].renewal_field',
    ]);
  });
});

describe('line items that must add up to the deal', () => {
  const root = readFileSync(new URL('../../../lifecycle.yaml', import.meta.url), 'utf8');
  const withLines = (extra: string) =>
    root.replace(/^( +)create_missing_items: false\n/m, (line, indent: string) =>
      extra
        .split('\n')
        .map((l) => `${indent}${l}\n`)
        .reduce((text, l) => text + l, line),
    );

  it('resolves total and when_total_differs onto the invoice step', () => {
    const result = validateSource(withLines('total: deal.Amount\nwhen_total_differs: adjust'), { file: 'l.yaml' });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const step = result.resolved.handoffs.flatMap((h) => h.steps).find((s) => s.lineItems !== undefined);
    expect(step?.lineItems?.total?.source.path).toBe('deal.Amount');
    expect(step?.lineItems?.total?.whenDiffers).toBe('adjust');
  });

  it('blocks by default when the lines differ', () => {
    const result = validateSource(withLines('total: deal.Amount'), { file: 'l.yaml' });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const step = result.resolved.handoffs.flatMap((h) => h.steps).find((s) => s.lineItems !== undefined);
    expect(step?.lineItems?.total?.whenDiffers).toBe('block');
  });

  it('reports when_total_differs without a total, saying what to add', () => {
    expect(diagnosticsOf(validateSource(withLines('when_total_differs: block'), { file: 'l.yaml' }))).toContainEqual(
      expect.objectContaining({ code: 'invalid-step', hint: 'add total: deal.Amount under line_items' }),
    );
  });

  it('reports a total that is not an amount', () => {
    expect(diagnosticsOf(validateSource(withLines('total: account.Account_Name'), { file: 'l.yaml' }))).toContainEqual(
      expect.objectContaining({
        code: 'invalid-step',
        message: expect.stringContaining('one number or currency field'),
      }),
    );
  });

  it('refuses a policy the schema does not know', () => {
    const result = validateSource(withLines('total: deal.Amount\nwhen_total_differs: sometimes'), { file: 'l.yaml' });
    expect(result.ok).toBe(false);
  });
});
