/**
 * @module-tag e2e
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyModel, exportOrg, makePlan } from '@zlc/engine';
import { loadModelFile, validateSource } from '@zlc/model';
import { startReceiver } from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyWorld, applyWorld } from './support/apply-fixtures.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let world: ApplyWorld;
let receiver: { url: string; close(): Promise<void> };

beforeAll(async () => {
  world = await applyWorld();
  receiver = await startReceiver();
});
afterAll(async () => {
  await world.close();
  await receiver.close();
});

describe('zlc export', () => {
  it('writes a seeded org as a model that validates, with its pipeline and placeholders to replace', async () => {
    const result = await exportOrg(world.clients, { target: world.identity });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(validateSource(result.yaml).ok).toBe(true);
    expect(result.yaml).toContain(`# Written by zlc export from ${world.identity}.`);
    expect(result.model.pipeline?.stages.map((s) => s.name)).toContain('Closed Won');
    expect(result.model.stages.map((s) => s.id)).toEqual(['deal']);
  });

  it('writes an org configured by zlc so that planning the export against it shows no changes', async () => {
    const loaded = await loadModelFile(join(root, 'lifecycle.yaml'));
    if (!loaded.result.ok) throw new Error('the root lifecycle.yaml does not validate');
    const applied = await applyModel(loaded.result.resolved, {
      clients: world.clients,
      identity: world.identity,
      journalDir: world.journalDir,
      lockDir: world.lockDir,
      webhookSecret: 'export-secret',
      runtimeUrlOverride: receiver.url,
      // The seeded deals are in stages the root model drops.
      allowDataLoss: true,
    });
    expect(applied.status).toBe('applied');

    const exported = await exportOrg(world.clients, { target: world.identity });
    if (!exported.ok) throw new Error(exported.diagnostics.map((d) => d.message).join('\n'));
    expect(exported.model.fields?.crm?.Accounts?.map((f) => f.api_name)).toContain('Customer_Tier');
    expect(exported.model.fields?.crm?.Accounts?.find((f) => f.api_name === 'Customer_Tier')).toMatchObject({
      type: 'picklist',
      values: ['Standard', 'Growth', 'Enterprise'],
      required: true,
    });
    expect(exported.model.fields?.desk?.accounts?.map((f) => f.api_name)).toContain('cf_crm_account_id');

    const reread = validateSource(exported.yaml);
    if (!reread.ok) throw new Error('the export does not validate');
    const { plan } = await makePlan(world.clients, reread.resolved, {
      target: world.identity,
      webhookSecret: 'export-secret',
    });
    expect(plan.actions.filter((a) => a.action !== 'noop').map((a) => `${a.action} ${a.address}`)).toEqual([]);
    expect(plan.counts).toEqual({ add: 0, change: 0, remove: 0, manual: 0 });
  });
});
