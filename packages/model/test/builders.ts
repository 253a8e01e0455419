/** Test data: a small valid model as data, overridable per section, rendered to YAML text. */

import { type Diagnostic, type ValidationResult, validateSource } from '@zlc/model';
import { stringify } from 'yaml';

type Sections = Record<string, unknown>;

/** A minimal valid model: two CRM stages, one owner, a link field and a handoff to Books. */
export function makeModel(overrides: Sections = {}): Sections {
  return {
    version: 1,
    owners: { sales: { name: 'Sales', crm: { role: 'Account Executive' } }, finance: { name: 'Finance' } },
    stages: [
      {
        id: 'opportunity',
        name: 'Opportunity',
        record: 'crm:Deals',
        owner: 'sales',
        entry: { field: 'Stage', equals: 'Qualification' },
      },
      {
        id: 'closed-won',
        name: 'Closed Won',
        record: 'crm:Deals',
        owner: 'sales',
        entry: { field: 'Stage', equals: 'Closed Won' },
        required_fields: ['Amount'],
      },
      { id: 'invoiced', name: 'Invoiced', record: 'books:invoices', owner: 'finance' },
    ],
    fields: {
      crm: { Accounts: [{ api_name: 'Books_Customer_ID', label: 'Books Customer ID', type: 'text', unique: true }] },
    },
    handoffs: [
      {
        id: 'won-to-books',
        trigger: { on: 'record_enters_stage', stage: 'closed-won' },
        steps: [
          {
            id: 'customer',
            target: 'books:contacts',
            match: { by: 'link_field', field: 'crm:Accounts.Books_Customer_ID' },
            map: { contact_name: 'account.Account_Name' },
            write_back: { 'crm:Accounts.Books_Customer_ID': 'contact_id' },
          },
        ],
      },
    ],
    runtime: { url: 'https://flow.example.test/zlc' },
    ...overrides,
  };
}

/** A step of the model's first handoff, merged over the default customer step. */
export function withStep(step: Sections): Sections {
  const model = makeModel();
  const handoffs = model.handoffs as Sections[];
  const first = handoffs[0] as Sections;
  first.steps = [{ ...((first.steps as Sections[])[0] as Sections), ...step }];
  return model;
}

export function toYaml(model: Sections): string {
  return stringify(model, { lineWidth: 0 });
}

export function validate(model: Sections | string): ValidationResult {
  return validateSource(typeof model === 'string' ? model : toYaml(model), { file: 'test.yaml' });
}

/** All diagnostics (errors and warnings) of a validation. */
export function diagnosticsOf(result: ValidationResult): Diagnostic[] {
  return result.ok ? result.warnings : [...result.diagnostics, ...result.warnings];
}

export function codes(result: ValidationResult): string[] {
  return diagnosticsOf(result).map((d) => d.code);
}
