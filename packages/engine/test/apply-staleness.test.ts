import { findStaleObjects, type PlanAction, type RemoteResource } from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import { makePlan } from './support/apply-fixtures.js';

const tierBefore = { module: 'Accounts', apiName: 'Customer_Tier', label: 'Client Tier', dataType: 'picklist' };
const relabel: PlanAction = {
  action: 'update',
  address: 'crm_field.Accounts.Customer_Tier',
  type: 'crm_field',
  product: 'crm',
  title: 'Accounts › Customer_Tier',
  dependsOn: [],
  remoteId: '41',
  before: tierBefore,
  after: { ...tierBefore, label: 'Customer Tier' },
  changes: [{ path: 'label', before: 'Client Tier', after: 'Customer Tier' }],
};

function remote(address: string, attributes: RemoteResource['attributes'], fingerprint: string): RemoteResource {
  return {
    address,
    type: 'crm_field',
    product: 'crm',
    title: address,
    attributes,
    dependsOn: [],
    remoteId: '41',
    fingerprint: () => fingerprint,
  };
}

describe('per-object staleness of a saved plan', () => {
  const plan = { ...makePlan('t', [[relabel]]), fingerprints: { [relabel.address]: 'sha256:a' } };

  it('accepts an object unchanged since the plan', () => {
    const current = [remote('crm_field.Accounts.Customer_Tier', tierBefore, 'sha256:a')];
    expect(findStaleObjects(plan, current)).toEqual([]);
  });

  it('reports an object changed since the plan, with the attribute that did', () => {
    const current = [remote('crm_field.Accounts.Customer_Tier', { ...tierBefore, label: 'Tier' }, 'sha256:b')];
    expect(findStaleObjects(plan, current)).toEqual([
      {
        address: 'crm_field.Accounts.Customer_Tier',
        type: 'crm_field',
        change: 'changed',
        changes: [{ path: 'label', before: 'Client Tier', after: 'Tier' }],
      },
    ]);
  });

  it('reports an object deleted since the plan', () => {
    expect(findStaleObjects(plan, [])).toMatchObject([
      { address: 'crm_field.Accounts.Customer_Tier', change: 'deleted' },
    ]);
  });
});
