/**
 * A world for the CLI safety tests: a fresh sandbox, a stand-in runtime receiver, a temp dir holding a small model
 * (`safetyModel`) that the test rewrites, and the environment the CLI runs with. `applied()` brings the org to the
 * model first, through the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { type CliResult, runCli, startReceiver } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig, type ZohoClients } from '@zlc/zoho';

export interface SafetyModelOptions {
  /** CRM `Accounts.VAT_Number`'s type (default `text`, length 30). */
  vatType?: 'text' | 'textarea';
  /** Desk `accounts.cf_account_owner`'s type (default `Text`). */
  ownerType?: 'Text' | 'Textarea';
  /** Desk `accounts.cf_crm_account_id`'s length (default 50). */
  accountIdLength?: number;
  /** The values of the picklists CRM `Accounts.Tier` and Desk `accounts.cf_tier` (default Gold, Silver). */
  tiers?: string[];
  /** Extra YAML appended at the end (a `remove:` section). */
  extra?: string;
}

/**
 * A small valid model: three CRM and three Desk custom fields, and one CRM-triggered handoff (a webhook and a rule).
 * Its stages require no fields, so no stage gate adds a second webhook and rule.
 */
export function safetyModel(options: SafetyModelOptions = {}): string {
  const vat =
    (options.vatType ?? 'text') === 'text'
      ? '{ api_name: VAT_Number, label: VAT Number, type: text, length: 30 }'
      : '{ api_name: VAT_Number, label: VAT Number, type: textarea }';
  const tiers = `[${(options.tiers ?? ['Gold', 'Silver']).join(', ')}]`;
  return `version: 1
owners:
  sales: { name: Sales, crm: { role: Manager } }
  success: { name: Success, desk: { department: Support } }
stages:
  - id: won
    name: Won
    record: crm:Deals
    owner: sales
    entry: { field: Stage, equals: Closed Won }
    next: [{ stage: supported, via: won-deal-to-desk }]
  - id: supported
    name: Supported
    record: desk:accounts
    owner: success
    entry: { field: cf_crm_account_id, not_empty: true }
fields:
  crm:
    Accounts:
      - { api_name: Desk_Account_ID, label: Desk Account ID, type: text, length: 50, unique: true }
      - ${vat}
      - { api_name: Tier, label: Tier, type: picklist, values: ${tiers} }
  desk:
    accounts:
      - { api_name: cf_crm_account_id, label: CRM Account ID, type: Text, length: ${options.accountIdLength ?? 50}, unique: true }
      - { api_name: cf_account_owner, label: Account Owner, type: ${options.ownerType ?? 'Text'} }
      - { api_name: cf_tier, label: Tier, type: Picklist, values: ${tiers} }
handoffs:
  - id: won-deal-to-desk
    trigger: { on: record_enters_stage, stage: won }
    steps:
      - id: account
        target: desk:accounts
        match: { by: link_field, field: crm:Accounts.Desk_Account_ID }
        map: { accountName: account.Account_Name, cf_crm_account_id: account.id }
        write_back: { crm:Accounts.Desk_Account_ID: id }
    advance_to: supported
runtime:
  url: https://flow.example/zlc
${options.extra ?? ''}`;
}

export interface SafetyWorld {
  sandbox: Sandbox;
  clients: ZohoClients;
  receiver: { url: string; close(): Promise<void> };
  dir: string;
  /** The model file the CLI reads (`-f`). */
  model: string;
  env: Record<string, string>;
  /** Rewrites the model file. */
  write(text: string): void;
  /** Runs `zlc <args> -f <model> --allow-outside`. */
  zlc(args: string[], env?: Record<string, string>): Promise<CliResult>;
  close(): Promise<void>;
}

export async function safetyWorld(text: string = safetyModel()): Promise<SafetyWorld> {
  const sandbox = await startSandbox();
  const receiver = await startReceiver();
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox env does not load');
  const clients = createZohoClients(loaded.config);
  const dir = mkdtempSync(join(tmpdir(), 'zlc-safety-'));
  const model = join(dir, 'lifecycle.yaml');
  writeFileSync(model, text);
  const env = {
    ...sandbox.env,
    ZLC_STATE_DIR: join(dir, 'state'),
    ZLC_RUNTIME_URL: receiver.url,
    ZLC_WEBHOOK_SECRET: 'safety-test-secret',
  };
  return {
    sandbox,
    clients,
    receiver,
    dir,
    model,
    env,
    write: (next) => writeFileSync(model, next),
    // The model lives in a temp dir, outside the working directory the CLI runs in.
    zlc: (args, extra = {}) => runCli([...args, '-f', model, '--allow-outside'], { env: { ...env, ...extra } }),
    async close() {
      clients.close();
      await sandbox.close();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
