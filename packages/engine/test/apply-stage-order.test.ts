import { type ApplyEvent, type ApplyModelOptions, applyModel, makePlan, type Plan } from '@zlc/engine';
import type { ResolvedModel } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { type CrmPipelineStage, createZohoClients, loadZohoConfig, type ZohoClients, type ZohoEvent } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyWorld, applyWorld, startReceiver } from './support/apply-fixtures.js';
import { modelOf, ROOT_MODEL_TEXT } from './support/plan-builders.js';

const SECRET = 'stage-order-secret';
const PROPOSAL = '    - { name: Proposal, probability: 50, forecast_category: Pipeline }\n';
const NEGOTIATION = '    - { name: Negotiation, probability: 75, forecast_category: Pipeline }\n';

let sandbox: Sandbox;
let world: ApplyWorld;
/** The clients apply uses, with every request recorded. */
let clients: ZohoClients;
let receiver: { url: string; close(): Promise<void> };
let requests: Extract<ZohoEvent, { type: 'request' }>[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  world = await applyWorld(sandbox);
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox env does not load');
  clients = createZohoClients(loaded.config, {
    onEvent: (e) => {
      if (e.type === 'request') requests.push(e);
    },
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  clients.close();
  await world.close();
  await sandbox.close();
  await receiver.close();
});

function options(events: ApplyEvent[], allowDataLoss = false): ApplyModelOptions {
  return {
    clients,
    identity: world.identity,
    journalDir: world.journalDir,
    lockDir: world.lockDir,
    webhookSecret: SECRET,
    runtimeUrlOverride: receiver.url,
    allowDataLoss,
    onEvent: (e) => events.push(e),
  };
}

function planOf(events: ApplyEvent[]): Plan {
  const ready = events.find((e) => e.type === 'plan_ready');
  if (ready?.type !== 'plan_ready') throw new Error('no plan_ready event');
  return ready.plan;
}

/** The stages of the Standard Deals layout's pipeline, in its order (each a Stage picklist value, by id). */
async function stageValues(): Promise<CrmPipelineStage[]> {
  const layout = (await world.clients.crm.listLayouts('Deals')).find((l) => l.name === 'Standard');
  if (layout === undefined) throw new Error('no Standard Deals layout');
  const [pipeline] = await world.clients.crm.listPipelines(layout.id);
  return [...(pipeline?.maps ?? [])].sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0));
}

describe('apply changes the Deal stages of the pipeline without deleting what it keeps', () => {
  it('refuses to remove stages that deals are in unless data loss is allowed', async () => {
    const events: ApplyEvent[] = [];
    const refused = await applyModel(modelOf(), options(events));
    expect(refused).toMatchObject({
      status: 'refused',
      refusal: {
        kind: 'data_loss',
        actions: [{ address: 'crm_stage_picklist.Deals.Stage', action: 'update', impact: { count: 2 } }],
      },
    });
    expect((await stageValues()).map((v) => v.display_value)).toContain('Negotiation/Review');

    const allowed = await applyModel(modelOf(), options([], true));
    expect(allowed.status).toBe('applied');
    expect((await stageValues()).map((v) => v.display_value)).toEqual([
      'Qualification',
      'Discovery',
      'Proposal',
      'Negotiation',
      'Closed Won',
      'Closed Lost',
    ]);
  });

  it('applies two swapped stages as a reorder: same value ids, deals keep their stage, then no changes', async () => {
    const [deal] = await world.clients.crm.records.create('Deals', [
      { Deal_Name: 'Swap check', Stage: 'Proposal', Closing_Date: '2026-12-31' },
    ]);
    if (deal?.status !== 'success') throw new Error('the deal was not created');
    const before = new Map((await stageValues()).map((v) => [v.display_value, v.id]));
    expect(ROOT_MODEL_TEXT).toContain(PROPOSAL + NEGOTIATION);
    const swapped: ResolvedModel = modelOf(ROOT_MODEL_TEXT.replace(PROPOSAL + NEGOTIATION, NEGOTIATION + PROPOSAL));

    requests = [];
    const events: ApplyEvent[] = [];
    const result = await applyModel(swapped, options(events));
    expect(result.status).toBe('applied');
    const changed = planOf(events).actions.filter((a) => a.action !== 'noop' && a.action !== 'manual');
    expect(changed).toMatchObject([
      { action: 'update', address: 'crm_stage_picklist.Deals.Stage', changes: [{ path: 'values/order' }] },
    ]);
    expect(changed[0]?.impact).toBeUndefined();
    const writes = requests.filter((r) => r.method !== 'GET');
    // A reorder moves the pipeline's stages: the Stage picklist values are not touched.
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      expect.stringMatching(/^PATCH .*\/settings\/pipeline\//),
    ]);

    const after = await stageValues();
    expect(after.map((v) => v.display_value)).toEqual([
      'Qualification',
      'Discovery',
      'Negotiation',
      'Proposal',
      'Closed Won',
      'Closed Lost',
    ]);
    for (const v of after) expect(v.id).toBe(before.get(v.display_value));
    const read = await world.clients.crm.records.get('Deals', deal.id);
    expect(read?.Stage).toBe('Proposal');

    const next = await makePlan(world.clients, swapped, {
      target: world.identity,
      runtimeUrlOverride: receiver.url,
      webhookSecret: SECRET,
    });
    expect(next.plan.actions.filter((a) => a.action !== 'noop' && a.action !== 'manual')).toEqual([]);
    expect(next.plan.counts).toMatchObject({ add: 0, change: 0, remove: 0 });
  });

  it('replaces every Deal stage: the new stages enter the pipeline before the old ones leave, then no changes', async () => {
    const renames: [string, string][] = [
      ['Qualification', 'Intake'],
      ['Discovery', 'Scoping'],
      ['Proposal', 'Offer'],
      ['Negotiation', 'Terms'],
      ['Closed Won', 'Signed'],
      ['Closed Lost', 'Dropped'],
    ];
    const text = renames.reduce((t, [from, to]) => t.replaceAll(from, to), ROOT_MODEL_TEXT);
    const renamed = modelOf(text);

    const result = await applyModel(renamed, options([], true));
    expect(result.status).toBe('applied');
    expect((await stageValues()).map((v) => v.display_value)).toEqual(renames.map(([, to]) => to));

    const next = await makePlan(world.clients, renamed, {
      target: world.identity,
      runtimeUrlOverride: receiver.url,
      webhookSecret: SECRET,
    });
    expect(next.plan.actions.filter((a) => a.action !== 'noop' && a.action !== 'manual')).toEqual([]);
  });
});
