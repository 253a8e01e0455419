/**
 * @module-tag e2e
 */
import { type ApplyModelOptions, applyModel, makePlan, OrgLimitError } from '@zlc/engine';
import type { ResolvedField, ResolvedModel } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { startReceiver } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig, type ZohoClients, type ZohoEvent } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyWorld, applyWorld } from './support/apply-fixtures.js';
import { modelOf, ROOT_MODEL_TEXT } from './support/plan-builders.js';

const SECRET = 'field-limits-secret';
const VALUES = Array.from({ length: 23 }, (_, i) => `Region ${String(i + 1).padStart(2, '0')}`);

/** 23 Contacts fields: one picklist of 23 values, seven mandatory text fields, fifteen plain ones. */
function contactsFields(): string {
  const lines = ['    Contacts:'];
  lines.push('      - api_name: Region', '        label: Region', '        type: picklist');
  lines.push(`        values: [${VALUES.join(', ')}]`);
  for (let i = 1; i <= 22; i++) {
    lines.push(`      - api_name: Extra_${i}`, `        label: Extra ${i}`, '        type: text');
    if (i <= 7) lines.push('        required: true');
  }
  return `${lines.join('\n')}\n`;
}

const WIDE_MODEL = ROOT_MODEL_TEXT.replace('fields:\n  crm:\n', `fields:\n  crm:\n${contactsFields()}`);

let sandbox: Sandbox;
let world: ApplyWorld;
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

function options(): ApplyModelOptions {
  return {
    clients,
    identity: world.identity,
    journalDir: world.journalDir,
    lockDir: world.lockDir,
    webhookSecret: SECRET,
    runtimeUrlOverride: receiver.url,
    allowDataLoss: true,
  };
}

/** Per CRM module, how many of the model's custom fields match. */
function perModule(model: ResolvedModel, keep: (f: ResolvedField) => boolean): number[] {
  const counts = new Map<string, number>();
  for (const f of model.customFields)
    if (f.app === 'crm' && keep(f)) counts.set(f.module, (counts.get(f.module) ?? 0) + 1);
  return [...counts.values()];
}

const calls = (counts: number[], per: number) => counts.reduce((n, c) => n + Math.ceil(c / per), 0);

describe('apply within the per-call limits Zoho documents', () => {
  it('creates 23 fields of one module five to a call, a 23-value picklist ten values a request, in order', async () => {
    requests = [];
    const model = modelOf(WIDE_MODEL);
    const result = await applyModel(model, options());
    expect(result.status).toBe('applied');
    // The sandbox refuses a create of more than five fields: the apply succeeding shows every call within it, and
    // the count shows the creates of each module sent five to a call (23 Contacts fields: 5 calls).
    const creates = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/settings/fields'));
    expect(creates).toHaveLength(
      calls(
        perModule(model, () => true),
        5,
      ),
    );
    const fields = await world.clients.crm.listFields('Contacts');
    const region = fields.find((f) => f.api_name === 'Region');
    if (region === undefined) throw new Error('Region was not created');
    const values = await world.clients.crm.listPicklistValues('Contacts', region.id);
    expect(values.map((v) => v.display_value)).toEqual(['-None-', ...VALUES]);
    const regionWrites = requests.filter(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/settings/fields/${region.id}`),
    );
    expect(regionWrites).toHaveLength(2);

    // Mandatory flags five to a layout PATCH (seven in Contacts: two PATCHes).
    const layoutPatches = requests.filter((r) => r.method === 'PATCH' && r.path.includes('/settings/layouts/'));
    expect(layoutPatches).toHaveLength(
      calls(
        perModule(model, (f) => f.required),
        5,
      ),
    );
    const layout = (await world.clients.crm.listLayouts('Contacts')).find((l) => l.name === 'Standard');
    const required = (layout?.sections ?? []).flatMap((s) => s.fields ?? []).filter((f) => f.required === true);
    expect(required.map((f) => f.api_name)).toEqual(expect.arrayContaining(['Extra_1', 'Extra_7']));

    const next = await makePlan(world.clients, model, {
      target: world.identity,
      runtimeUrlOverride: receiver.url,
      webhookSecret: SECRET,
    });
    expect(next.plan.actions.filter((a) => a.action !== 'noop' && a.action !== 'manual')).toEqual([]);
  });

  it('refuses at plan time a third unique field in a module that already holds two', async () => {
    const made = await world.clients.crm.createFields('Tasks', [
      { field_label: 'Key One', data_type: 'text', unique: { case_sensitive: false } },
      { field_label: 'Key Two', data_type: 'text', unique: { case_sensitive: false } },
    ]);
    expect(made.map((r) => r.status)).toEqual(['success', 'success']);
    const keyThree = '    Tasks:\n      - { api_name: Key_Three, label: Key Three, type: text, unique: true }\n';
    const withUnique = WIDE_MODEL.replace('fields:\n  crm:\n', `fields:\n  crm:\n${keyThree}`);
    const failure = await makePlan(world.clients, modelOf(withUnique), {
      target: world.identity,
      webhookSecret: SECRET,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OrgLimitError);
    expect((failure as OrgLimitError).message).toMatch(
      /crm:Tasks would have 3 unique fields \(Key_One, Key_Three, Key_Two\); Zoho CRM allows 2 per module/,
    );
  });
});
