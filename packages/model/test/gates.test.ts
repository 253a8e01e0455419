/** Stage gates in the language: `on_missing`, the gates resolved from CRM stages' required fields, and their rules. */
import { describe, expect, it } from 'vitest';
import { diagnosticsOf, makeModel, validate } from './builders.js';

function stagesOf(model: Record<string, unknown>): Record<string, unknown>[] {
  return model.stages as Record<string, unknown>[];
}

describe('stage gates', () => {
  it('resolves a gate for each CRM stage with required fields, with task as the default', () => {
    const result = validate(makeModel());
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.resolved.gates.map((g) => [g.id, g.module, g.onMissing])).toEqual([
      ['gate-closed-won', 'Deals', 'task'],
    ]);
    expect(result.resolved.gates[0]?.fields.map((f) => f.field.label)).toEqual(['Amount']);
  });

  it('reads another module’s required field through the stage record’s lookup, and reverts by the Stage field', () => {
    const model = makeModel();
    const closedWon = stagesOf(model)[1] as Record<string, unknown>;
    closedWon.required_fields = ['Amount', 'crm:Accounts.Billing_City'];
    closedWon.on_missing = 'revert';
    const result = validate(model);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const gate = result.resolved.gates[0];
    expect(gate?.fields.map((f) => [f.field.apiName, f.via?.apiName])).toEqual([
      ['Amount', undefined],
      ['Billing_City', 'Account_Name'],
    ]);
    expect(gate?.onMissing).toBe('revert');
    expect(gate?.revertField?.apiName).toBe('Stage');
  });

  it('refuses revert where no stage history says where to go back to', () => {
    const model = makeModel();
    stagesOf(model)[0] = { ...stagesOf(model)[0], required_fields: ['Amount'], record: 'crm:Leads', entry: undefined };
    (stagesOf(model)[0] as Record<string, unknown>).on_missing = 'revert';
    delete (stagesOf(model)[0] as Record<string, unknown>).entry;
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'invalid-gate', severity: 'error', path: 'stages[0].on_missing' }),
    );
  });

  it('refuses a required field no lookup of the stage’s module reaches', () => {
    const model = makeModel();
    (stagesOf(model)[1] as Record<string, unknown>).required_fields = ['crm:Leads.Company'];
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'invalid-gate', path: 'stages[1].required_fields[0]' }),
    );
  });

  it('refuses a handoff id that would collide with a gate, and an on_missing that has nothing to check', () => {
    const model = makeModel();
    (model.handoffs as Record<string, unknown>[])[0] = {
      ...(model.handoffs as Record<string, unknown>[])[0],
      id: 'gate-closed-won',
    };
    (stagesOf(model)[0] as Record<string, unknown>).on_missing = 'task';
    const found = diagnosticsOf(validate(model));
    expect(found).toContainEqual(expect.objectContaining({ code: 'invalid-gate', path: 'handoffs[0].id' }));
    expect(found).toContainEqual(
      expect.objectContaining({ code: 'invalid-gate', severity: 'warning', path: 'stages[0].on_missing' }),
    );
  });

  it('rejects an on_missing value the schema does not know', () => {
    const model = makeModel();
    (stagesOf(model)[1] as Record<string, unknown>).on_missing = 'ignore';
    expect(diagnosticsOf(validate(model))).toContainEqual(
      expect.objectContaining({ code: 'invalid-value', path: 'stages[1].on_missing' }),
    );
  });
});
