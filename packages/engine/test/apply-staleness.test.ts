import { findStaleObjects, type PlanAction, type RemoteResource } from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import { makePlan } from './support/apply-fixtures.js';

const tierBefore = { module: 'Accounts', apiName: 'Client_Tier', label: 'Client Tier', dataType: 'picklist' };
const rename: PlanAction = {
  action: 'update',
  address: 'crm_field.Accounts.Customer_Tier',
  movedFrom: 'crm_field.Accounts.Client_Tier',
  type: 'crm_field',
  product: 'crm',
  title: 'Accounts › Customer_Tier',
  dependsOn: [],
  remoteId: '41',
  before: tierBefore,
  after: { ...tierBefore, apiName: 'Customer_Tier', label: 'Customer Tier' },
  changes: [{ path: 'apiName', before: 'Client_Tier', after: 'Customer_Tier' }],
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
  const plan = { ...makePlan('t', [[rename]]), fingerprints: { [rename.address]: 'sha256:a' } };

  it('finds a renamed field under its old address and accepts it unchanged', () => {
    const current = [remote('crm_field.Accounts.Client_Tier', tierBefore, 'sha256:a')];
    expect(findStaleObjects(plan, current)).toEqual([]);
  });

  it('reports a renamed field whose old object changed since, with the attribute that did', () => {
    const current = [remote('crm_field.Accounts.Client_Tier', { ...tierBefore, label: 'Tier' }, 'sha256:b')];
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
