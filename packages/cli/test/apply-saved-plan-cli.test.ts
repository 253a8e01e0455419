/**
 * `zlc apply PLAN` trusts nothing in the file: it makes the plan again from the model and the org and applies only
 * when the saved plan says the same; edited plans are refused with what differs (exit 4) and the org is left as it
 * was. With ZLC_PLAN_SIGNING_KEY set, plans are signed by `plan` and must be signed for `apply`.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, PlanAction } from '@zlc/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SafetyWorld, safetyModel, safetyWorld } from './support/safety-world.js';

let world: SafetyWorld;
let planFile: string;

beforeEach(async () => {
  world = await safetyWorld();
  planFile = join(world.dir, 'plan.json');
});
afterEach(async () => {
  await world.close();
});

function readPlan(): Plan {
  return JSON.parse(readFileSync(planFile, 'utf8')) as Plan;
}

function writePlan(plan: Plan): void {
  writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);
}

function actionAt(plan: Plan, address: string): PlanAction {
  const found = plan.actions.find((a) => a.address === address);
  if (found === undefined) throw new Error(`no action at ${address}`);
  return found;
}

/** The org still has none of the model's objects: nothing was applied. */
async function expectUntouched(): Promise<void> {
  expect(await world.clients.crm.listWebhooks()).toEqual([]);
  expect((await world.clients.crm.listFields('Accounts')).some((f) => f.api_name === 'VAT_Number')).toBe(false);
  expect((await world.clients.desk.listFields('accounts')).some((f) => f.apiName === 'cf_account_owner')).toBe(false);
}

const HOOK = 'crm_webhook.zlc-won-deal-to-desk';

describe('zlc apply PLAN', () => {
  it('refuses a plan whose webhook URL was pointed elsewhere, and creates nothing', async () => {
    expect((await world.zlc(['plan', '--out', planFile])).code).toBe(0);
    const plan = readPlan();
    const hook = actionAt(plan, HOOK);
    if (hook.action !== 'create') throw new Error('the webhook should be created');
    hook.after.url = 'https://attacker.example/collect';
    writePlan(plan);

    const applied = await world.zlc(['apply', planFile]);
    expect(applied.code).toBe(4);
    expect(applied.stderr).toContain('This plan is not the plan the model and the org give now (1 difference(s))');
    expect(applied.stderr).toContain(
      `~ ${HOOK}: the plan's create differs from the create the model and the org call for`,
    );
    expect(applied.stderr).toContain(
      `after/url: the plan has "https://attacker.example/collect"; now "${world.receiver.url}/hooks/crm/won-deal-to-desk"`,
    );
    await expectUntouched();
  }, 120_000);

  it('refuses a plan with an action taken out, one added and one changed, naming each', async () => {
    expect((await world.zlc(['plan', '--out', planFile])).code).toBe(0);
    const original = readPlan();

    const without = structuredClone(original);
    without.actions = without.actions.filter((a) => a.address !== 'crm_field.Accounts.VAT_Number');
    without.waves = without.waves.map((w) => w.filter((a) => a !== 'crm_field.Accounts.VAT_Number'));
    writePlan(without);
    const missing = await world.zlc(['apply', planFile]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(
      '+ crm_field.Accounts.VAT_Number: the model and the org call for create; the plan does not have it',
    );

    const added = structuredClone(original);
    const industry = (await world.clients.crm.listFields('Accounts')).find((f) => f.api_name === 'Industry');
    added.actions.push({
      action: 'remove',
      address: 'crm_field.Accounts.Industry',
      type: 'crm_field',
      product: 'crm',
      title: 'Accounts › Industry',
      dependsOn: [],
      remoteId: industry?.id ?? '1',
      before: { module: 'Accounts', apiName: 'Industry' },
      reason: 'tidy up',
    });
    added.waves[0]?.push('crm_field.Accounts.Industry');
    writePlan(added);
    const extra = await world.zlc(['apply', planFile]);
    expect(extra.code).toBe(4);
    expect(extra.stderr).toContain(
      '- crm_field.Accounts.Industry: the plan would remove it; the model and the org do not call for that',
    );

    const changed = structuredClone(original);
    const vat = actionAt(changed, 'crm_field.Accounts.VAT_Number');
    if (vat.action !== 'create') throw new Error('VAT_Number should be created');
    vat.after.length = 255;
    writePlan(changed);
    const different = await world.zlc(['apply', planFile]);
    expect(different.code).toBe(4);
    expect(different.stderr).toContain('after/length: the plan has 255; now 30');

    await expectUntouched();
    expect((await world.clients.crm.listFields('Accounts')).some((f) => f.api_name === 'Industry')).toBe(true);
  }, 180_000);

  it("refuses a plan made from another model whose hash was replaced by this model's", async () => {
    world.write(safetyModel({ vatType: 'textarea', ownerType: 'Textarea' }));
    expect((await world.zlc(['plan', '--out', planFile])).code).toBe(0);
    world.write(safetyModel());
    const current = await world.zlc(['plan', '--format', 'json']);
    const forged = readPlan();
    forged.configHash = (JSON.parse(current.stdout) as Plan).configHash;
    writePlan(forged);

    const applied = await world.zlc(['apply', planFile]);
    expect(applied.code).toBe(4);
    expect(applied.stderr).toContain('after/dataType: the plan has "textarea"; now "text"');
    expect(applied.stderr).toContain('after/fieldType: the plan has "Textarea"; now "Text"');
    await expectUntouched();
  }, 120_000);

  it('refuses a plan whose data-loss impact was deleted to slip past the gate, even with --allow-data-loss', async () => {
    expect((await world.zlc(['apply', '--auto-approve'])).code).toBe(0);
    const [account] = await world.clients.crm.records.create('Accounts', [{ Account_Name: 'Acme', VAT_Number: 'GB1' }]);
    if (account?.status !== 'success') throw new Error('the CRM account was not created');
    world.write(safetyModel({ vatType: 'textarea' }));
    expect((await world.zlc(['plan', '--out', planFile])).code).toBe(0);
    const plan = readPlan();
    const vat = actionAt(plan, 'crm_field.Accounts.VAT_Number');
    expect(vat.impact?.count).toBe(1);
    delete vat.impact;
    delete vat.requiresAllowDataLoss;
    writePlan(plan);

    for (const flags of [[], ['--allow-data-loss']]) {
      const applied = await world.zlc(['apply', planFile, ...flags]);
      expect(applied.code).toBe(4);
      expect(applied.stderr).toContain(
        'impact: the plan has (none); now "1 Accounts have a value in VAT_Number, which the replace (delete, then create) would lose"',
      );
    }
    expect((await world.clients.crm.records.get('Accounts', account.id))?.VAT_Number).toBe('GB1');
  }, 180_000);

  describe('with ZLC_PLAN_SIGNING_KEY set', () => {
    const key = { ZLC_PLAN_SIGNING_KEY: 'plan-signing-key-0123456789abcdef' };

    it('signs the saved plan and applies it when the signature holds', async () => {
      expect((await world.zlc(['plan', '--out', planFile], key)).code).toBe(0);
      expect(readPlan().signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      const applied = await world.zlc(['apply', planFile], key);
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('its signature is valid');
      expect((await world.clients.crm.listWebhooks()).map((h) => h.name)).toEqual(['zlc-won-deal-to-desk']);
    }, 120_000);

    it('refuses an unsigned plan, and a signed one edited after signing, changing nothing', async () => {
      expect((await world.zlc(['plan', '--out', planFile])).code).toBe(0);
      const unsigned = await world.zlc(['apply', planFile], key);
      expect(unsigned.code).toBe(4);
      expect(unsigned.stderr).toContain('ZLC_PLAN_SIGNING_KEY is set and this plan is not signed');

      expect((await world.zlc(['plan', '--out', planFile], key)).code).toBe(0);
      const plan = readPlan();
      plan.warnings.push('reviewed');
      writePlan(plan);
      const edited = await world.zlc(['apply', planFile], key);
      expect(edited.code).toBe(4);
      expect(edited.stderr).toContain("this plan's signature does not match it");

      const other = await world.zlc(['apply', planFile], { ZLC_PLAN_SIGNING_KEY: 'another-key-'.repeat(4) });
      expect(other.code).toBe(4);
      await expectUntouched();
    }, 120_000);

    it('refuses a key too short to sign with', async () => {
      const planned = await world.zlc(['plan', '--out', planFile], { ZLC_PLAN_SIGNING_KEY: 'short' });
      expect(planned.code).toBe(1);
      expect(planned.stderr).toContain('ZLC_PLAN_SIGNING_KEY is 5 characters long; use at least 32');
    }, 60_000);
  });
});
