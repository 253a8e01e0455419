/**
 * @module-tag e2e
 */
import { readFileSync } from 'node:fs';
import {
  type ApplyEvent,
  acquireLock,
  applyPlan,
  EXECUTORS,
  type PlanAction,
  type RemoteResource,
  readJournal,
} from '@zlc/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApplyWorld,
  applyWorld,
  createField,
  createRule,
  createWebhook,
  makePlan,
} from './support/apply-fixtures.js';

let world: ApplyWorld;
beforeEach(async () => {
  world = await applyWorld();
});
afterEach(async () => {
  await world.close();
});

const noRemote = async () => ({ resources: [], calls: 0 });

function options(events: ApplyEvent[] = []) {
  return {
    clients: world.clients,
    identity: world.identity,
    journalDir: world.journalDir,
    lockDir: world.lockDir,
    readRemote: noRemote,
    executors: EXECUTORS,
    onEvent: (e: ApplyEvent) => events.push(e),
    webhookSecret: 'the-shared-secret-value',
  };
}

describe('applyPlan on the sandbox', () => {
  it('creates fields, a webhook and the rule that calls it, journalling before and after each action', async () => {
    const plan = makePlan(world.identity, [
      [
        createField('Deals', 'Budget_Code', 'Budget Code'),
        createField('Accounts', 'Region_Code', 'Region Code'),
        createWebhook('zlc-test', 'https://flow.example/hooks/crm/test'),
      ],
      [createRule('zlc-test', 'zlc-test')],
    ]);
    const events: ApplyEvent[] = [];
    const result = await applyPlan(plan, options(events));
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`not applied: ${result.status}`);
    expect(result.status).toBe('applied');
    expect(result.summary).toEqual({ added: 4, changed: 0, removed: 0, failed: 0, skipped: 0, manual: 0 });
    const deals = await world.clients.crm.listFields('Deals');
    expect(deals.filter((f) => f.api_name === 'Budget_Code')).toHaveLength(1);
    const rules = await world.clients.crm.listWorkflowRules();
    expect(rules.map((r) => r.name)).toContain('zlc-test');

    const entries = readJournal(result.journal);
    const kinds = entries.map((e) => e.type);
    expect(kinds[0]).toBe('run_started');
    expect(kinds.at(-1)).toBe('run_finished');
    expect(kinds.filter((k) => k === 'action_before')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'action_after')).toHaveLength(4);
    const rule = entries.findIndex((e) => e.type === 'action_before' && e.address === 'crm_workflow_rule.zlc-test');
    const hookDone = entries.findIndex((e) => e.type === 'action_after' && e.address === 'crm_webhook.zlc-test');
    expect(hookDone).toBeLessThan(rule);
    expect(readFileSync(result.journal, 'utf8')).not.toContain('the-shared-secret-value');
    expect(events.filter((e) => e.type === 'wave_started')).toHaveLength(2);
  });

  it('creates batched fields once when the connection drops after CRM saved them', async () => {
    world.sandbox.faults.set([
      { product: 'crm', method: 'POST', path: '**/settings/fields', kind: 'drop', when: 'after', times: 1 },
    ]);
    const fields = Array.from({ length: 25 }, (_, i) => createField('Deals', `Batch_${i}`, `Batch ${i}`));
    const zohoEvents: string[] = [];
    const result = await applyPlan(makePlan(world.identity, [fields]), {
      ...options(),
      onZohoEvent: (e) => zohoEvents.push(e.type),
    });
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`not applied: ${result.status}`);
    expect(result.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);
    const names = (await world.clients.crm.listFields('Deals'))
      .map((f) => f.api_name)
      .filter((n) => n.startsWith('Batch_'));
    expect(names).toHaveLength(25);
    expect(new Set(names).size).toBe(25);
    expect(zohoEvents).toContain('create_recovered');
  });

  it('skips the dependents of a failed action, keeps going with the rest and reports a partial apply', async () => {
    const plan = makePlan(world.identity, [
      [createWebhook('zlc-broken', 'not a url'), createField('Deals', 'Other_Code', 'Other Code')],
      [createRule('zlc-broken', 'zlc-broken')],
    ]);
    const result = await applyPlan(plan, options());
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`not applied: ${result.status}`);
    expect(result.status).toBe('partial');
    const byAddress = Object.fromEntries(result.outcomes.map((o) => [o.address, o]));
    expect(byAddress['crm_webhook.zlc-broken']?.status).toBe('failed');
    expect(byAddress['crm_field.Deals.Other_Code']?.status).toBe('applied');
    expect(byAddress['crm_workflow_rule.zlc-broken']).toMatchObject({
      status: 'skipped',
      reason: { kind: 'dependency_failed', dependency: 'crm_webhook.zlc-broken' },
    });
    expect(result.summary).toMatchObject({ added: 1, failed: 1, skipped: 1 });
  });

  it('starts nothing new once told to stop, and reports the run as partial', async () => {
    let stop = false;
    const plan = makePlan(world.identity, [
      [createWebhook('zlc-stop', 'https://flow.example/hooks/crm/stop')],
      [createRule('zlc-stop', 'zlc-stop'), createField('Deals', 'After_Stop', 'After Stop')],
    ]);
    const result = await applyPlan(plan, {
      ...options(),
      onEvent: (e) => {
        if (e.type === 'action_applied') stop = true;
      },
      shouldStop: () => stop,
    });
    if (result.status !== 'applied' && result.status !== 'partial') throw new Error(`not applied: ${result.status}`);
    expect(result.status).toBe('partial');
    expect(result.outcomes.map((o) => `${o.status} ${o.address}`)).toEqual([
      'applied crm_webhook.zlc-stop',
      'skipped crm_workflow_rule.zlc-stop',
      'skipped crm_field.Deals.After_Stop',
    ]);
    const deals = await world.clients.crm.listFields('Deals');
    expect(deals.some((f) => f.api_name === 'After_Stop')).toBe(false);
  });

  it('refuses a plan made for another target before touching anything', async () => {
    const plan = makePlan('sandbox:http://127.0.0.1:1', [[createField('Deals', 'Never_Made', 'Never Made')]]);
    const result = await applyPlan(plan, options());
    expect(result).toEqual({
      status: 'refused',
      refusal: { kind: 'target_mismatch', planned: 'sandbox:http://127.0.0.1:1', actual: world.identity },
    });
    const deals = await world.clients.crm.listFields('Deals');
    expect(deals.some((f) => f.api_name === 'Never_Made')).toBe(false);
  });

  it('refuses a removal of a field holding data unless data loss is allowed', async () => {
    const [made] = await world.clients.crm.createFields('Deals', [
      { field_label: 'Legacy Code', api_name: 'Legacy_Code', data_type: 'text' },
    ]);
    if (made?.status !== 'success') throw new Error('could not create the field');
    const before = { module: 'Deals', apiName: 'Legacy_Code', label: 'Legacy Code', dataType: 'text' };
    const remove: PlanAction = {
      action: 'remove',
      address: 'crm_field.Deals.Legacy_Code',
      type: 'crm_field',
      product: 'crm',
      title: 'Deals › Legacy_Code',
      dependsOn: [],
      remoteId: made.id,
      before,
      reason: 'replaced',
      impact: { count: 12, message: '12 deals have a Legacy_Code' },
    };
    const plan = { ...makePlan(world.identity, [[remove]]), fingerprints: { [remove.address]: 'sha256:seen' } };
    const current: RemoteResource = {
      ...remove,
      attributes: before,
      fingerprint: () => 'sha256:seen',
      remoteId: made.id,
    };
    const readRemote = async () => ({ resources: [current], calls: 1 });
    const refused = await applyPlan(plan, { ...options(), readRemote });
    expect(refused.status === 'refused' && refused.refusal.kind).toBe('data_loss');
    expect((await world.clients.crm.listFields('Deals')).some((f) => f.api_name === 'Legacy_Code')).toBe(true);
    const allowed = await applyPlan(plan, { ...options(), readRemote, allowDataLoss: true });
    expect(allowed.status).toBe('applied');
    expect((await world.clients.crm.listFields('Deals')).some((f) => f.api_name === 'Legacy_Code')).toBe(false);
  });

  it('refuses a saved plan when an object it touches changed since, saying which attribute and how', async () => {
    const before = { module: 'Deals', apiName: 'Budget', label: 'Budget', dataType: 'text' };
    const update: PlanAction = {
      action: 'update',
      address: 'crm_field.Deals.Budget',
      type: 'crm_field',
      product: 'crm',
      title: 'Deals › Budget',
      dependsOn: [],
      remoteId: '7',
      before,
      after: { ...before, label: 'Budget (EUR)' },
      changes: [{ path: 'label', before: 'Budget', after: 'Budget (EUR)' }],
    };
    const plan = { ...makePlan(world.identity, [[update]]), fingerprints: { [update.address]: 'sha256:seen' } };
    const now: RemoteResource = {
      ...update,
      attributes: { ...before, label: 'Budget USD' },
      fingerprint: () => 'sha256:other',
    };
    const result = await applyPlan(plan, { ...options(), readRemote: async () => ({ resources: [now], calls: 1 }) });
    expect(result).toEqual({
      status: 'refused',
      refusal: {
        kind: 'stale',
        objects: [
          {
            address: 'crm_field.Deals.Budget',
            type: 'crm_field',
            change: 'changed',
            changes: [{ path: 'label', before: 'Budget', after: 'Budget USD' }],
          },
        ],
      },
    });
  });

  it('refuses while another apply holds the lock, naming the holder', async () => {
    const held = acquireLock({
      dir: world.lockDir,
      identity: world.identity,
      holder: { user: 'carol', host: 'ci-7', pid: 99 },
    });
    if (!held.ok) throw new Error('could not take the lock');
    const plan = makePlan(world.identity, [[createField('Deals', 'Locked_Out', 'Locked Out')]]);
    const result = await applyPlan(plan, options());
    expect(result.status === 'refused' && result.refusal.kind === 'locked' && result.refusal.holder.holder.user).toBe(
      'carol',
    );
  });

  it('asks to confirm, and changes nothing when the answer is no', async () => {
    const plan = makePlan(world.identity, [[createField('Deals', 'Declined_Code', 'Declined Code')]]);
    const asked: string[] = [];
    const result = await applyPlan(plan, {
      ...options(),
      confirm: async (request) => {
        asked.push(request.target);
        return false;
      },
    });
    expect(asked).toEqual([world.identity]);
    expect(result).toEqual({ status: 'refused', refusal: { kind: 'declined' } });
    const deals = await world.clients.crm.listFields('Deals');
    expect(deals.some((f) => f.api_name === 'Declined_Code')).toBe(false);
  });
});
