/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox } from './crm-helpers.js';

// These bodies are outside the OAS request schemas on purpose, so this file never goes through the proxy.
const { client } = crmSandbox({}, false);

const ODD_BODIES: unknown[] = [
  null,
  'text',
  42,
  [],
  {},
  { data: null },
  { data: [null] },
  { data: [[]] },
  {
    data: [{ Deal_Name: { nested: true }, Amount: [], Stage: 7, Closing_Date: '2026-02-30', Account_Name: { id: 5 } }],
  },
  { data: [{ Last_Name: 'x', Owner: 'nobody', Email: 'not-an-email', No_of_Employees: 1.5, Email_Opt_Out: 'yes' }] },
  { duplicate_check_fields: 'Email', data: [{ Last_Name: 'x' }] },
  {
    fields: [
      { field_label: 5, data_type: [] },
      { field_label: 'L', data_type: 'lookup', lookup: 'Deals' },
    ],
  },
  { fields: [{ id: '1', pick_list_values: 'x' }, { pick_list_values: [null, { id: 5 }] }] },
  { layouts: [{ id: 1, sections: [{ id: null, fields: 'x' }, { fields: [null, { id: {} }] }] }] },
  { pipeline: [{ maps: [null, { id: 5, _delete: 'yes' }] }] },
  { workflow_rules: [{ name: 1, module: 7, execute_when: 'create', conditions: 'x' }] },
  {
    workflow_rules: [
      {
        name: 'r',
        module: { api_name: 'Deals' },
        execute_when: { type: 'create' },
        conditions: [{ criteria_details: { criteria: { group_operator: 'and', group: 'x' } } }],
      },
    ],
  },
  {
    webhooks: [
      {
        name: 'w',
        url: 'https://example.com',
        http_method: 'POST',
        module: 'Deals',
        headers: 'x',
        body: { type: 'raw' },
      },
    ],
  },
  { watch: [{ channel_id: {}, events: 'Deals.all', notify_url: 5, channel_expiry: 'tomorrow' }] },
  { select_query: 42 },
  { select_query: "select Deal_Name from Deals where (Stage = 'x' " },
  { select_query: 'select Deal_Name from Deals where Stage in () order by' },
];

const WRITES: [string, string][] = [
  ['POST', '/Deals'],
  ['PUT', '/Deals'],
  ['PUT', '/Deals/1'],
  ['POST', '/Leads/upsert'],
  ['POST', '/settings/fields?module=Deals'],
  ['PATCH', '/settings/fields?module=Deals'],
  ['PATCH', '/settings/fields/1?module=Deals'],
  ['PATCH', '/settings/layouts?module=Deals'],
  ['PUT', '/settings/pipeline/1?layout_id=1'],
  ['POST', '/settings/automation/workflow_rules'],
  ['PUT', '/settings/automation/workflow_rules/1'],
  ['POST', '/settings/automation/webhooks'],
  ['PUT', '/settings/automation/webhooks/1'],
  ['POST', '/actions/watch'],
  ['PUT', '/actions/watch'],
  ['PATCH', '/actions/watch'],
  ['POST', '/coql'],
  ['PUT', '/Deals/1/Products'],
];

describe('odd request bodies', () => {
  it('get a CRM error body on every write route, never a server error', async () => {
    const failures: string[] = [];
    for (const [method, path] of WRITES) {
      for (const body of ODD_BODIES) {
        const answer = await client.call(method, path, JSON.stringify(body), { 'content-type': 'application/json' });
        if (answer.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(body)} → ${answer.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('gets a CRM error body for odd query parameters', async () => {
    const paths = [
      '/Deals?fields=Deal_Name&page=0',
      '/Deals?fields=Deal_Name&page=abc',
      '/Deals?fields=Deal_Name&page_token=%%%',
      '/Deals?fields=Deal_Name&sort_order=up',
      '/Deals/search?criteria=((((',
      '/Deals/search?criteria=(Amount:between:1)',
      '/Deals/search?per_page=0&word=x',
      '/settings/fields?module=Deals&type=weird',
      '/users?type=&per_page=-1',
      '/actions/watch?per_page=abc',
      '/settings/pipeline?layout_id=nope',
    ];
    for (const path of paths) {
      const answer = await client.call('GET', path);
      expect(answer.status, path).toBeLessThan(500);
    }
  });
});
