import { describe, expect, it } from 'vitest';
import { diagnosticsOf, makeModel, toYaml, validate } from './builders.js';

const text = (api_name: string, label: string, extra: Record<string, unknown> = {}) => ({
  api_name,
  label,
  type: 'text',
  ...extra,
});

function accounts(...fields: Record<string, unknown>[]) {
  return makeModel({ fields: { crm: { Accounts: fields } } });
}

describe('CRM custom fields within what Zoho CRM accepts', () => {
  it('refuses API names Zoho CRM refuses: two underscores in a row, one at the end, more than 50 characters', () => {
    const result = validate(
      accounts(
        text('Books_Customer_ID', 'Books Customer ID'),
        text('Two__Parts', 'Two Parts'),
        text('Trailing_', 'Trailing'),
        text(`A${'b'.repeat(50)}`, 'Long'),
      ),
    );
    expect(result.ok).toBe(false);
    const errors = diagnosticsOf(result).filter((d) => d.code === 'invalid-api-name');
    expect(errors.map((d) => [d.path, d.message])).toEqual([
      ['fields.crm.Accounts[1].api_name', "CRM API names are no two underscores in a row, got 'Two__Parts'"],
      ['fields.crm.Accounts[2].api_name', "CRM API names are no underscore at the end, got 'Trailing_'"],
      ['fields.crm.Accounts[3].api_name', `CRM API names are at most 50 characters, got 'A${'b'.repeat(50)}'`],
    ]);
    expect(errors.every((d) => d.file === 'test.yaml' && d.line > 0 && d.column > 0)).toBe(true);
  });

  it('warns when CRM would derive another API name from the label, and names it', () => {
    const result = validate(
      accounts(text('Books_Customer_ID', 'Books Customer ID'), text('Ext_Ref', 'External Reference')),
    );
    expect(result.ok).toBe(true);
    expect(diagnosticsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'naming-convention',
        severity: 'warning',
        path: 'fields.crm.Accounts[1].api_name',
        message: "CRM would name a field labelled 'External Reference' 'External_Reference', not 'Ext_Ref'",
        hint: 'name it External_Reference, or label it so that CRM derives Ext_Ref',
      }),
    );
    const same = validate(accounts(text('Books_Customer_ID', 'Books Customer (ID)')));
    expect(diagnosticsOf(same).filter((d) => d.code === 'naming-convention')).toEqual([]);
  });

  it('refuses a third unique field in a module, at its line and column', () => {
    const model = accounts(
      text('Books_Customer_ID', 'Books Customer ID', { unique: true }),
      text('Desk_Account_ID', 'Desk Account ID', { unique: true }),
      text('VAT_Number', 'VAT Number', { unique: true }),
    );
    const result = validate(model);
    expect(result.ok).toBe(false);
    const [error] = diagnosticsOf(result).filter((d) => d.path === 'fields.crm.Accounts[2].unique');
    expect(error).toMatchObject({
      code: 'invalid-value',
      severity: 'error',
      message: 'crm:Accounts has 3 unique fields; Zoho CRM allows 2 per module',
      hint: 'make this field not unique (unique: false), or another one',
    });
    const lines = toYaml(model).split('\n');
    expect(lines[(error?.line ?? 0) - 1]).toContain('unique: true');
    expect(lines.slice(0, error?.line ?? 0).join('\n')).toContain('VAT_Number');
    expect(
      validate(
        accounts(
          text('Books_Customer_ID', 'Books Customer ID', { unique: true }),
          text('Desk_Account_ID', 'Desk Account ID', { unique: true }),
        ),
      ).ok,
    ).toBe(true);
  });

  it('refuses labels and picklist values longer than CRM takes', () => {
    const result = validate(
      makeModel({
        fields: {
          crm: {
            Accounts: [
              text('Books_Customer_ID', 'Books Customer ID', { unique: true }),
              text('Long_Label', 'A label far longer than 25'),
              { api_name: 'Tier', label: 'Tier', type: 'picklist', values: ['Gold', 'A value longer than 25 chars'] },
            ],
          },
        },
      }),
    );
    const messages = diagnosticsOf(result)
      .filter((d) => d.code === 'invalid-value')
      .map((d) => d.message);
    expect(messages).toEqual([
      "a CRM field label is at most 25 characters, 'A label far longer than 25' has 26",
      "a CRM picklist value is at most 25 characters, 'A value longer than 25 chars' has 28",
    ]);
  });

  it('refuses more custom fields in a module than any CRM edition allows', () => {
    const many = Array.from({ length: 501 }, (_, i) => text(`Field_${i + 1}`, `Field ${i + 1}`));
    const result = validate(accounts(...many));
    expect(diagnosticsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'invalid-value',
        path: 'fields.crm.Accounts',
        message: 'crm:Accounts declares 501 custom fields; no Zoho CRM edition allows more than 500 in a module',
      }),
    );
  });
});
