import { orgLimitProblems } from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import { desiredOf, matchingOrg, modelOf, ROOT_MODEL_TEXT } from './support/plan-builders.js';

/** The root model with `count` more text fields in Contacts (`unique` on the first `unique` of them). */
function withContacts(count: number, unique = 0): string {
  const fields = Array.from({ length: count }, (_, i) => {
    const flag = i < unique ? ', unique: true' : '';
    return `      - { api_name: Note_${i + 1}, label: Note ${i + 1}, type: text${flag} }`;
  });
  return ROOT_MODEL_TEXT.replace('fields:\n  crm:\n', `fields:\n  crm:\n    Contacts:\n${fields.join('\n')}\n`);
}

describe("checking a plan against the org's limits", () => {
  it("refuses more custom fields in a module than the edition allows, counting the org's own fields", () => {
    const model = modelOf(withContacts(8));
    const desired = desiredOf(model);
    const org = matchingOrg(desired).filter((r) => r.address.startsWith('crm_field.Contacts.Note_1'));
    const extra = {
      ...org[0]!,
      address: 'crm_field.Contacts.Old_Field',
      attributes: { ...org[0]!.attributes, apiName: 'Old_Field' },
    };
    expect(
      orgLimitProblems(
        desired,
        [
          ...org,
          extra,
          { ...extra, address: 'crm_field.Contacts.Old_2' },
          { ...extra, address: 'crm_field.Contacts.Old_3' },
        ],
        model,
        'standard',
        // The root model's Accounts (12 custom fields) are over the standard edition's 10 too; this is about Contacts.
      ).filter((p) => p.startsWith('crm:Contacts')),
    ).toEqual([
      "crm:Contacts would have 11 custom fields (4 in the org, 7 new); the Zoho CRM standard edition allows 10 per module. Declare fewer fields, remove unused ones (remove:), or set ZOHO_CRM_EDITION to the org's edition if it is higher.",
    ]);
    expect(orgLimitProblems(desired, [], model, 'professional')).toEqual([]);
  });

  it('refuses a third unique field in a module, counting a unique field the model does not declare', () => {
    const model = modelOf(withContacts(2, 2));
    const desired = desiredOf(model);
    const note = matchingOrg(desired).find((r) => r.address === 'crm_field.Contacts.Note_1');
    if (note === undefined) throw new Error('the model has no Contacts.Note_1');
    const legacy = {
      ...note,
      address: 'crm_field.Contacts.Legacy_ID',
      attributes: { ...note.attributes, apiName: 'Legacy_ID', unique: true },
    };
    expect(orgLimitProblems(desired, [legacy], model, 'enterprise')).toEqual([
      "crm:Contacts would have 3 unique fields (Legacy_ID, Note_1, Note_2); Zoho CRM allows 2 per module. Make the others not unique (unique: false) in the model, or in CRM's settings for fields the model does not declare.",
    ]);
    expect(
      orgLimitProblems(
        desired,
        [{ ...legacy, attributes: { ...legacy.attributes, unique: false } }],
        model,
        'enterprise',
      ),
    ).toEqual([]);
  });

  it("refuses a new Deal stage longer than a Stage value may be, yet keeps CRM's own longer stages", () => {
    const long = 'Closed Lost to Competition';
    const model = modelOf(
      ROOT_MODEL_TEXT.replace(
        '    - { name: Closed Lost, probability: 0, forecast_category: Omitted }\n',
        `    - { name: Closed Lost, probability: 0, forecast_category: Omitted }\n    - { name: ${long}, probability: 0, forecast_category: Omitted }\n`,
      ),
    );
    const desired = desiredOf(model);
    const org = matchingOrg(desired);
    const withoutLong = org.map((r) =>
      r.type === 'crm_stage_picklist' && Array.isArray(r.attributes.values)
        ? {
            ...r,
            attributes: {
              ...r.attributes,
              values: r.attributes.values.filter(
                (v) => !(typeof v === 'object' && v !== null && 'value' in v && v.value === long),
              ),
            },
          }
        : r,
    );
    expect(orgLimitProblems(desired, withoutLong, model, 'enterprise')).toEqual([
      "the new Deal stage 'Closed Lost to Competition' has 26 characters; Zoho CRM creates Stage values of at most 25. Shorten it in the model (pipeline.stages).",
    ]);
    expect(orgLimitProblems(desired, org, model, 'enterprise')).toEqual([]);
  });

  it('passes the root model on every edition from Professional up', () => {
    const model = modelOf();
    const desired = desiredOf(model);
    for (const edition of ['professional', 'enterprise', 'ultimate'] as const)
      expect(orgLimitProblems(desired, matchingOrg(desired), model, edition)).toEqual([]);
  });
});
