import { lifecycleSchema } from '@zlc/model';
import { describe, expect, it } from 'vitest';
import { codes, diagnosticsOf, makeModel, toYaml, validate } from './builders.js';

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('the JSON Schema', () => {
  it('accepts the minimal model', () => {
    expect(validate(makeModel()).ok).toBe(true);
  });

  it('reports an unknown key at the key, with a did-you-mean', () => {
    const model = makeModel();
    (model.owners as Record<string, Record<string, unknown>>).sales = { nmae: 'Sales' };
    const text = toYaml(model);
    const unknown = diagnosticsOf(validate(text)).find((d) => d.code === 'unknown-key');
    expect(unknown).toMatchObject({
      line: lineOf(text, 'nmae:'),
      column: 5,
      path: 'owners.sales.nmae',
      hint: "did you mean 'name'?",
    });
  });

  it('reports a misspelt required key once, as the typo', () => {
    const model = makeModel();
    const stage = (model.stages as Record<string, unknown>[])[0] as Record<string, unknown>;
    stage.recrod = stage.record;
    delete stage.record;
    expect(diagnosticsOf(validate(model))).toEqual([
      expect.objectContaining({ code: 'unknown-key', path: 'stages[0].recrod', hint: "did you mean 'record'?" }),
    ]);
  });

  it('reports an unknown section with a did-you-mean', () => {
    const result = validate(makeModel({ handofs: [] }));
    expect(diagnosticsOf(result)).toContainEqual(
      expect.objectContaining({ code: 'unknown-key', hint: "did you mean 'handoffs'?" }),
    );
  });

  it('reports a wrong type once, in words, with an example', () => {
    const text = toYaml(makeModel({ stages: 'lead, opportunity' }));
    const result = validate(text);
    expect(diagnosticsOf(result)).toEqual([
      expect.objectContaining({
        code: 'invalid-type',
        line: lineOf(text, 'stages:'),
        message: 'expected a list, got the text "lead, opportunity"',
      }),
    ]);
  });

  it('reports a missing required key on its mapping', () => {
    const model = makeModel();
    delete (model.stages as Record<string, unknown>[])[0]?.owner;
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'missing-key', message: "missing required key 'owner'", path: 'stages[0]' }),
    );
  });

  it('offers the closest value of an enum', () => {
    const model = makeModel({ fields: { crm: { Accounts: [{ api_name: 'Tier', type: 'pciklist', values: ['A'] }] } } });
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'invalid-value', hint: "did you mean 'picklist'?" }),
    );
  });

  it("uses each product's own field types", () => {
    const model = makeModel({ fields: { desk: { accounts: [{ api_name: 'cf_tier', type: 'text' }] } } });
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'invalid-value', hint: "did you mean 'Text'?" }),
    );
  });

  it('refuses a literal database URL where an environment variable name belongs', () => {
    const model = makeModel({ runtime: { ledger: { kind: 'postgres', url_env: 'postgres://user:pw@db/zlc' } } });
    expect(codes(validate(model))).toContain('invalid-format');
  });

  it('gives every property a description and an example', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, property] of Object.entries(properties ?? {})) {
        const described = typeof property.description === 'string' || typeof property.$ref === 'string';
        const exemplified = Array.isArray(property.examples) || typeof property.$ref === 'string';
        if (!described || !exemplified) missing.push(`${path}.${key}`);
      }
      for (const [key, value] of Object.entries(record)) visit(value, `${path}.${key}`);
    };
    visit(lifecycleSchema(), '#');
    expect(missing).toEqual([]);
  });
});
