/** Builders for apply tests: a sandbox with clients, and plans assembled by hand from actions. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan, PlanAction } from '@zlc/engine';
import { type Sandbox, type SandboxOptions, startSandbox } from '@zlc/sandbox';
import { createZohoClients, loadZohoConfig, targetIdentity, type ZohoClients } from '@zlc/zoho';

export interface ApplyWorld {
  sandbox: Sandbox;
  clients: ZohoClients;
  identity: string;
  dir: string;
  journalDir: string;
  lockDir: string;
  close(): Promise<void>;
}

/** A world around a new sandbox (started with `options`), or around one the caller started (and closes). */
export async function applyWorld(from: SandboxOptions | Sandbox = {}, apiUrl?: string): Promise<ApplyWorld> {
  const owned = !('env' in from);
  const sandbox = 'env' in from ? from : await startSandbox(from);
  const env = apiUrl === undefined ? sandbox.env : { ...sandbox.env, ZOHO_API_URL: apiUrl, ZOHO_DESK_URL: apiUrl };
  const loaded = loadZohoConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  const clients = createZohoClients(loaded.config);
  const dir = mkdtempSync(join(tmpdir(), 'zlc-apply-'));
  return {
    sandbox,
    clients,
    identity: targetIdentity(loaded.config),
    dir,
    journalDir: join(dir, 'journal'),
    lockDir: join(dir, 'locks'),
    async close() {
      clients.close();
      if (owned) await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plan of these actions in these waves (addresses), counted the way the planner counts. */
export function makePlan(target: string, waves: PlanAction[][]): Plan {
  const actions = waves.flat();
  const count = (kinds: string[]) => actions.filter((a) => kinds.includes(a.action)).length;
  return {
    formatVersion: 1,
    engineVersion: 'test',
    createdAt: new Date(0).toISOString(),
    target,
    configHash: 'sha256:test',
    fingerprints: {},
    summary: { stages: [], handoffs: [], highlights: [] },
    actions,
    waves: waves.map((w) => w.map((a) => a.address)),
    orphans: [],
    counts: {
      add: count(['create', 'replace']),
      change: count(['update']),
      remove: count(['remove', 'replace']),
      manual: count(['manual']),
    },
    warnings: [],
  };
}

export function createField(module: string, apiName: string, label: string, dependsOn: string[] = []): PlanAction {
  return {
    action: 'create',
    address: `crm_field.${module}.${apiName}`,
    type: 'crm_field',
    product: 'crm',
    title: `${module} › ${apiName} (text)`,
    dependsOn,
    after: { module, apiName, label, dataType: 'text', length: 50, unique: false },
  };
}

export function createWebhook(name: string, url: string): PlanAction {
  return {
    action: 'create',
    address: `crm_webhook.${name}`,
    type: 'crm_webhook',
    product: 'crm',
    title: `CRM webhook ${name}`,
    dependsOn: [],
    after: {
      name,
      module: 'Deals',
      url,
      httpMethod: 'POST',
      featureType: 'workflow',
      authentication: 'general',
      secretHeader: 'X-Zlc-Secret',
      secret: 'env:ZLC_WEBHOOK_SECRET',
      otherHeaders: [],
      moduleParameters: [{ name: 'id', value: `\${!Deals.Id}` }],
      customParameters: [{ name: 'handoff', value: name }],
    },
  };
}

export function createRule(name: string, webhook: string): PlanAction {
  return {
    action: 'create',
    address: `crm_workflow_rule.${name}`,
    type: 'crm_workflow_rule',
    product: 'crm',
    title: `CRM workflow rule ${name}`,
    dependsOn: [`crm_webhook.${webhook}`],
    after: {
      name,
      module: 'Deals',
      executeWhen: 'create_or_edit',
      repeat: false,
      criteria: { comparator: 'equal', field: 'Stage', value: 'Closed Won' },
      webhook,
      active: true,
      extras: [],
    },
  };
}
