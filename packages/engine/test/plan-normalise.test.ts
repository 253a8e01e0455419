import { diffAttributes, secretRef, splitDeskToken, storedSecretRef } from '@zlc/engine';
import { DESK_WEBHOOK_URL_MAX, deskHookToken, deskHookUrl, deskHookUrlLength } from '@zlc/model';
import type { CrmField, DeskField } from '@zlc/zoho';
import { describe, expect, it } from 'vitest';
import { desiredCrmFieldAttributes, normaliseCrmField } from '../src/resources/crm-field/definition.js';
import { normaliseStagePicklist } from '../src/resources/crm-stage-picklist/definition.js';
import { criteriaOf } from '../src/resources/crm-workflow-rule/definition.js';
import { normaliseDeskField } from '../src/resources/desk-field/definition.js';
import { modelOf } from './support/plan-builders.js';

const model = modelOf();
const field = (module: string, apiName: string) => {
  const found = model.customFields.find((f) => f.module === module && f.apiName === apiName);
  if (!found) throw new Error(`no ${module}.${apiName} in the model`);
  return found;
};

describe('normalising what the org answers', () => {
  it("compares a CRM picklist by its layout's values in sequence order, without the automatic -None-", () => {
    const raw: CrmField = {
      id: '1',
      api_name: 'Customer_Tier',
      field_label: 'Customer Tier',
      data_type: 'picklist',
      custom_field: true,
      length: 120,
      unique: {},
      pick_list_values: [],
    };
    const layoutValues = [
      { display_value: 'Enterprise', actual_value: 'Enterprise', sequence_number: 4 },
      { display_value: '-None-', actual_value: '-None-', sequence_number: 1 },
      { display_value: 'Standard', actual_value: 'Standard', sequence_number: 2 },
      { display_value: 'Growth', actual_value: 'Growth', sequence_number: 3 },
    ];
    const remote = normaliseCrmField('Accounts', raw, layoutValues);
    expect(remote).toEqual(desiredCrmFieldAttributes(field('Accounts', 'Customer_Tier')));
  });

  it('fills the server default length of a text field and reads a unique flag from its object', () => {
    const raw: CrmField = {
      id: '2',
      api_name: 'Books_Customer_ID',
      field_label: 'Books Customer ID',
      data_type: 'text',
      length: 50,
      unique: { case_sensitive: false },
    };
    expect(normaliseCrmField('Accounts', raw)).toEqual(
      desiredCrmFieldAttributes(field('Accounts', 'Books_Customer_ID')),
    );
    const unset = normaliseCrmField('Accounts', { id: '3', api_name: 'X', data_type: 'text', unique: {} });
    expect(unset).toMatchObject({ length: 255, unique: false, label: 'X' });
  });

  it("reads the Deal stages in the pipeline's order, with the probability and forecast of their Stage values", () => {
    const values = [
      { id: 'q', display_value: 'Qualification', probability: 10, forecast_category: { name: 'Pipeline' } },
      { id: 'w', display_value: 'Closed Won', probability: 100, forecast_category: { name: 'Closed' } },
      { id: 'x', display_value: 'Not Mapped', probability: 50, forecast_category: { name: 'Pipeline' } },
    ];
    const maps = [
      { id: 'w', display_value: 'Closed Won', sequence_number: 2 },
      { id: 'q', display_value: 'Qualification', sequence_number: 1 },
    ];
    expect(normaliseStagePicklist(maps, values).values).toEqual([
      { value: 'Qualification', probability: 10, forecastCategory: 'Pipeline' },
      { value: 'Closed Won', probability: 100, forecastCategory: 'Closed' },
    ]);
  });

  it('reads a Desk picklist from pickListValues and fills the default decimals of a currency', () => {
    const picklist: DeskField = {
      id: '1',
      apiName: 'cf_customer_tier',
      displayLabel: 'Customer Tier',
      type: 'Picklist',
      pickListValues: [{ value: 'Standard' }, { value: 'Growth' }, { value: 'Enterprise' }],
    };
    expect(normaliseDeskField('accounts', picklist)).toEqual({
      module: 'accounts',
      apiName: 'cf_customer_tier',
      label: 'Customer Tier',
      fieldType: 'Picklist',
      values: ['Standard', 'Growth', 'Enterprise'],
    });
    const currency = normaliseDeskField('accounts', { id: '2', apiName: 'cf_deal_value', type: 'Currency' });
    expect(currency.decimals).toBe(2);
  });

  it('puts a per-handoff token, never the secret, in a Desk webhook URL, and splits it off again', () => {
    const url = deskHookUrl('https://flow.example/zlc', 't', 'hunter2');
    expect(url).not.toContain('hunter2');
    const split = splitDeskToken(url);
    expect(split).toEqual({ url: 'https://flow.example/zlc/hooks/desk/t', token: deskHookToken('hunter2', 't') });
    expect(split.token).toHaveLength(22);
    expect(deskHookToken('hunter2', 'other')).not.toBe(split.token);
    expect(deskHookToken('hunter3', 't')).not.toBe(split.token);
    expect(url.length).toBe(deskHookUrlLength('https://flow.example/zlc', 't'));
    expect(deskHookUrlLength('https://flow.northwind.example/zlc', 'tickets-to-crm')).toBeLessThanOrEqual(
      DESK_WEBHOOK_URL_MAX,
    );
  });

  it('keeps only a reference to the secret, with nothing derived from it', () => {
    expect(secretRef('ZLC_WEBHOOK_SECRET', 'hunter2')).toBe('env:ZLC_WEBHOOK_SECRET');
    expect(secretRef('ZLC_WEBHOOK_SECRET', 'hunter3')).toBe('env:ZLC_WEBHOOK_SECRET');
    expect(secretRef('ZLC_WEBHOOK_SECRET', undefined)).toBe('env:ZLC_WEBHOOK_SECRET#unset');
    const isCurrent = (value: string) => value === 'hunter2';
    expect(storedSecretRef('ZLC_WEBHOOK_SECRET', 'hunter2', isCurrent)).toBe('env:ZLC_WEBHOOK_SECRET');
    expect(storedSecretRef('ZLC_WEBHOOK_SECRET', 'hunter1', isCurrent)).toBe('env:ZLC_WEBHOOK_SECRET#other');
    expect(storedSecretRef('ZLC_WEBHOOK_SECRET', undefined, isCurrent)).toBe('env:ZLC_WEBHOOK_SECRET#unset');
  });

  it("turns a stage's entry condition into workflow criteria on the rule's own module", () => {
    const closedWon = model.stages.find((s) => s.id === 'closed-won');
    expect(criteriaOf(closedWon?.entry, 'Deals')).toEqual({
      groupOperator: 'AND',
      group: [
        { comparator: 'equal', field: 'Stage', value: 'Closed Won' },
        { comparator: 'greater_than', field: 'Amount', value: 0 },
      ],
    });
  });
});

describe('attribute diffs', () => {
  it('reports one change per stage value, and an order change only when nothing else changed', () => {
    const a = {
      values: [
        { value: 'A', probability: 10 },
        { value: 'B', probability: 20 },
      ],
    };
    const b = {
      values: [
        { value: 'A', probability: 15 },
        { value: 'B', probability: 20 },
      ],
    };
    expect(diffAttributes(a, b)).toEqual([
      { path: 'values/A', before: { value: 'A', probability: 10 }, after: { value: 'A', probability: 15 } },
    ]);
    const swapped = {
      values: [
        { value: 'B', probability: 20 },
        { value: 'A', probability: 10 },
      ],
    };
    expect(diffAttributes(a, swapped)).toEqual([{ path: 'values/order', before: ['A', 'B'], after: ['B', 'A'] }]);
  });

  it('walks nested objects to the leaf that changed', () => {
    const before = {
      criteria: { groupOperator: 'AND', group: [{ comparator: 'equal', field: 'Stage', value: 'Won' }] },
    };
    const after = { criteria: { groupOperator: 'OR', group: [{ comparator: 'equal', field: 'Stage', value: 'Won' }] } };
    expect(diffAttributes(before, after)).toEqual([{ path: 'criteria/groupOperator', before: 'AND', after: 'OR' }]);
  });

  it('finds nothing between equal attributes whatever their key order', () => {
    expect(diffAttributes({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });
});
