/**
 * The data-loss gate through the CLI on the sandbox: every change that deletes data the org holds (a field removed,
 * or replaced because its type cannot change; a webhook rules still call) is counted at plan time, shown in the
 * plan, and applied only with --allow-data-loss; what Zoho changes in place (a Desk field's length) is changed in
 * place, and the data stays.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SafetyWorld, safetyModel, safetyWorld } from './support/safety-world.js';

let world: SafetyWorld;

beforeEach(async () => {
  world = await safetyWorld();
  const applied = await world.zlc(['apply', '--auto-approve']);
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
});
afterEach(async () => {
  await world.close();
});

async function crmAccountWithVat(vat: string): Promise<string> {
  const [created] = await world.clients.crm.records.create('Accounts', [{ Account_Name: 'Acme', VAT_Number: vat }]);
  if (created?.status !== 'success') throw new Error('the CRM account was not created');
  return created.id;
}

async function vatOf(id: string): Promise<unknown> {
  return (await world.clients.crm.records.get('Accounts', id))?.VAT_Number;
}

async function deskAccount(cf: Record<string, string>): Promise<string> {
  return (await world.clients.desk.accounts.create({ accountName: 'Acme', cf })).id;
}

async function deskValue(id: string, apiName: string): Promise<unknown> {
  const account = await world.clients.desk.accounts.get(id);
  return (account.cf as Record<string, unknown> | undefined)?.[apiName] ?? null;
}

describe('a change that deletes data', () => {
  it('refuses a CRM field type change (a replace) without --allow-data-loss, saying how many records lose their value', async () => {
    const id = await crmAccountWithVat('GB123456789');
    await crmAccountWithVat('DE987654321');
    world.write(safetyModel({ vatType: 'textarea' }));

    const planned = await world.zlc(['plan']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('-/+ crm_field.Accounts.VAT_Number');
    expect(planned.stdout).toContain(
      'impact: 2 Accounts have a value in VAT_Number, which the replace (delete, then create) would lose',
    );
    expect(planned.stdout).toContain('deletes data: apply refuses this without --allow-data-loss');

    const refused = await world.zlc(['apply', '--auto-approve']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('These changes would delete data in the org:');
    expect(refused.stderr).toContain('-/+ crm_field.Accounts.VAT_Number: 2 Accounts have a value in VAT_Number');
    expect(await vatOf(id)).toBe('GB123456789');
    const field = (await world.clients.crm.listFields('Accounts')).find((f) => f.api_name === 'VAT_Number');
    expect(field?.data_type).toBe('text');

    const allowed = await world.zlc(['apply', '--auto-approve', '--allow-data-loss']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('impact: 2 Accounts have a value in VAT_Number');
    expect(allowed.stdout).toMatch(/-\/\+ crm_field\.Accounts\.VAT_Number: replaced/);
    const replaced = (await world.clients.crm.listFields('Accounts')).find((f) => f.api_name === 'VAT_Number');
    expect(replaced?.data_type).toBe('textarea');
    expect(await vatOf(id)).toBeFalsy();
  }, 180_000);

  it('refuses a Desk field type change without --allow-data-loss, counting the accounts with a value in Desk', async () => {
    const id = await deskAccount({ cf_account_owner: 'Ann Lee' });
    await deskAccount({});
    world.write(safetyModel({ ownerType: 'Textarea' }));

    const refused = await world.zlc(['apply', '--auto-approve']);
    expect(refused.code).toBe(6);
    expect(refused.stdout).toContain('-/+ desk_field.accounts.cf_account_owner');
    expect(refused.stderr).toContain(
      '-/+ desk_field.accounts.cf_account_owner: 1 Desk accounts have a value in cf_account_owner, which the replace (delete, then create) would lose',
    );
    expect(await deskValue(id, 'cf_account_owner')).toBe('Ann Lee');

    const allowed = await world.zlc(['apply', '--auto-approve', '--allow-data-loss']);
    expect(allowed.code).toBe(0);
    const field = (await world.clients.desk.listFields('accounts')).find((f) => f.apiName === 'cf_account_owner');
    expect(field?.type).toBe('Textarea');
    expect(await deskValue(id, 'cf_account_owner')).toBeNull();
  }, 180_000);

  it("changes a Desk field's length in place, so the accounts keep their values", async () => {
    const id = await deskAccount({ cf_crm_account_id: '4876876000000123' });
    world.write(safetyModel({ accountIdLength: 40 }));

    const planned = await world.zlc(['plan']);
    expect(planned.stdout).toContain('~ desk_field.accounts.cf_crm_account_id');
    expect(planned.stdout).not.toContain('-/+ desk_field');

    const applied = await world.zlc(['apply', '--auto-approve']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const field = (await world.clients.desk.listFields('accounts')).find((f) => f.apiName === 'cf_crm_account_id');
    expect(Number(field?.maxLength)).toBe(40);
    expect(await deskValue(id, 'cf_crm_account_id')).toBe('4876876000000123');
    expect((await world.zlc(['plan', '--detailed-exitcode'])).code).toBe(0);
  }, 180_000);

  it('refuses taking out picklist values that CRM and Desk records use, counting each', async () => {
    const [crm] = await world.clients.crm.records.create('Accounts', [{ Account_Name: 'Acme', Tier: 'Gold' }]);
    if (crm?.status !== 'success') throw new Error('the CRM account was not created');
    const desk = await deskAccount({ cf_tier: 'Gold' });
    world.write(safetyModel({ tiers: ['Silver', 'Bronze'] }));

    const refused = await world.zlc(['apply', '--auto-approve']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('~ crm_field.Accounts.Tier: 1 Accounts use the removed Tier value Gold');
    expect(refused.stderr).toContain(
      '~ desk_field.accounts.cf_tier: 1 Desk accounts use the removed cf_tier value Gold',
    );
    expect((await world.clients.crm.records.get('Accounts', crm.id))?.Tier).toBe('Gold');
    expect(await deskValue(desk, 'cf_tier')).toBe('Gold');

    const allowed = await world.zlc(['apply', '--auto-approve', '--allow-data-loss']);
    expect(allowed.code).toBe(0);
    const tier = (await world.clients.desk.listFields('accounts')).find((f) => f.apiName === 'cf_tier');
    expect(JSON.stringify(tier?.pickListValues)).not.toContain('Gold');
  }, 180_000);

  it('refuses removing a CRM webhook that a workflow rule still calls, naming how many rules', async () => {
    const hookId = await world.clients.crm.createWebhook({
      name: 'legacy-hook',
      url: `${world.receiver.url}/legacy`,
      http_method: 'POST',
      module: 'Deals',
      authentication: { type: 'general' },
      feature_type: 'workflow',
    });
    await world.clients.crm.createWorkflowRule({
      name: 'legacy-rule',
      module: 'Deals',
      execute_when: { type: 'create', details: { repeat: false } },
      conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: hookId }] } }],
    });
    world.write(safetyModel({ extra: 'remove:\n  - { target: "webhook:legacy-hook", reason: replaced by zlc }\n' }));

    const refused = await world.zlc(['apply', '--auto-approve']);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain(
      '- crm_webhook.legacy-hook: 1 CRM workflow rule call legacy-hook, and would stop calling it',
    );
    expect((await world.clients.crm.listWebhooks()).some((h) => h.name === 'legacy-hook')).toBe(true);
  }, 180_000);
});
