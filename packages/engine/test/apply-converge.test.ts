/**
 * @module-tag e2e
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApplyEvent, type ApplyModelOptions, applyModel, type Plan } from '@zlc/engine';
import { loadModelFile, type ResolvedModel } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import {
  type Conformance,
  conformanceAvailable,
  expectConformance,
  skipUnless,
  startReceiver,
  withConformance,
} from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyWorld, applyWorld } from './support/apply-fixtures.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let world: ApplyWorld;
let model: ResolvedModel;
let sandbox: Sandbox;
const available = conformanceAvailable();
skipUnless(available, "the apply's traffic through the conformance proxy");
let proxy: Conformance | undefined;
let receiver: { url: string; close(): Promise<void> };

beforeAll(async () => {
  sandbox = await startSandbox();
  if (available.ok) proxy = await withConformance(sandbox);
  world = await applyWorld(sandbox, proxy?.url ?? sandbox.url);
  receiver = await startReceiver();
  const loaded = await loadModelFile(join(root, 'lifecycle.yaml'));
  if (!loaded.result.ok) throw new Error('the root lifecycle.yaml does not validate');
  model = loaded.result.resolved;
});
afterAll(async () => {
  await world.close();
  await proxy?.close();
  await sandbox.close();
  await receiver.close();
});

function options(events: ApplyEvent[] = [], allowDataLoss = false): ApplyModelOptions {
  return {
    clients: world.clients,
    identity: world.identity,
    journalDir: world.journalDir,
    lockDir: world.lockDir,
    webhookSecret: 'converge-secret',
    runtimeUrlOverride: receiver.url,
    allowDataLoss,
    onEvent: (e) => events.push(e),
  };
}

function plannedChanges(events: ApplyEvent[]): Plan {
  const ready = events.find((e) => e.type === 'plan_ready');
  if (ready?.type !== 'plan_ready') throw new Error('no plan_ready event');
  return ready.plan;
}

describe('apply converges the org to the root lifecycle.yaml', () => {
  it('applies every change, and a second apply finds nothing to do', async () => {
    const events: ApplyEvent[] = [];
    // The seeded deals are in stages the root model drops: removing those stages needs --allow-data-loss.
    const first = await applyModel(model, options(events, true));
    if (first.status === 'refused') throw new Error(`refused: ${JSON.stringify(first.refusal)}`);
    const failures = first.status === 'no_changes' ? [] : first.outcomes.filter((o) => o.status === 'failed');
    expect(failures).toEqual([]);
    expect(first.status).toBe('applied');
    expect(plannedChanges(events).counts.add).toBeGreaterThan(10);

    const again: ApplyEvent[] = [];
    const second = await applyModel(model, options(again));
    const leftover = plannedChanges(again).actions.filter((a) => a.action !== 'noop' && a.action !== 'manual');
    expect(leftover.map((a) => `${a.action} ${a.address}`)).toEqual([]);
    expect(second.status).toBe('no_changes');
  });

  it('reverts a change made behind its back', async () => {
    const fields = await world.clients.crm.listFields('Accounts');
    const tier = fields.find((f) => f.api_name === 'Customer_Tier');
    if (tier === undefined) throw new Error('Customer_Tier was not created');
    await world.clients.crm.updateField('Accounts', tier.id, { field_label: 'Client Tier (edited by hand)' });

    const events: ApplyEvent[] = [];
    const result = await applyModel(model, options(events));
    expect(
      plannedChanges(events)
        .actions.filter((a) => a.action === 'update')
        .map((a) => a.address),
    ).toEqual(['crm_field.Accounts.Customer_Tier']);
    expect(result.status).toBe('applied');
    const after = await world.clients.crm.listFields('Accounts');
    expect(after.find((f) => f.api_name === 'Customer_Tier')?.field_label).toBe('Customer Tier');
  });

  it.skipIf(!available.ok)(
    "sends only requests that fit Zoho's OpenAPI documents, and gets only answers that do",
    async () => {
      if (proxy === undefined) throw new Error('the conformance proxy did not start');
      const report = await proxy.report();
      expectConformance(report, 'apply-converge');
      expect(report.totals.requests).toBeGreaterThan(40);
    },
  );
});
