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
      ),
    ).toEqual([
      "crm:Contacts would have 11 custom fields (4 in the org, 7 new); the Zoho CRM standard edition allows 10 per module. Declare fewer fields, remove unused ones (remove:), or set ZOHO_CRM_EDITION to the org's edition if it is higher.",
    ]);
    expect(orgLimitProblems(desired, [], model, 'professional')).toEqual([]);
  });

  it('refuses a third unique field in a module, and names the fields', () => {
    const model = modelOf(withContacts(3, 3));
    expect(orgLimitProblems(desiredOf(model), [], model, 'enterprise')).toEqual([
      "crm:Contacts would have 3 unique fields (Note_1, Note_2, Note_3); Zoho CRM allows 2 per module. Make the others not unique (unique: false) in the model, or in CRM's settings for fields the model does not declare.",
    ]);
  });

  it('passes the root model on every edition from Professional up', () => {
    const model = modelOf();
    const desired = desiredOf(model);
    for (const edition of ['professional', 'enterprise', 'ultimate'] as const)
      expect(orgLimitProblems(desired, matchingOrg(desired), model, edition)).toEqual([]);
  });
});
