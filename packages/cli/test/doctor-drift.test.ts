/**
 * `zlc doctor` and `zlc drift` against a sandbox org, through the CLI as CI runs them: a fresh org drifts (exit 2,
 * with a markdown summary for an issue); doctor fails (exit 3) on a field label another API name holds and on a
 * runtime URL nothing answers, and says what to do.
 *
 * @module-tag e2e
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCrmSyncedCustomer, type Sandbox, startSandbox } from '@zlc/sandbox';
import { REPO_ROOT, runCli } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'zlc-doctor-'));
  env = {
    ...sandbox.env,
    ZLC_STATE_DIR: join(dir, 'state'),
    ZLC_WEBHOOK_SECRET: 'doctor-test-secret',
    // Nothing listens here.
    ZLC_RUNTIME_URL: 'http://127.0.0.1:9/zlc',
  };
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('zlc drift', () => {
  it('exits 2 on a fresh org and writes a markdown summary fit for an issue body', async () => {
    const out = join(dir, 'drift.md');
    const run = await runCli(['drift', '--format', 'markdown', '-o', out, '--commit', 'abc1234'], { env });
    expect(run.code).toBe(2);
    const body = readFileSync(out, 'utf8');
    expect(run.stdout).toBe(body);
    expect(body).toMatch(/^## zlc drift: \d+ changes to apply, 5 manual steps undone, 0 orphans/);
    expect(body).toContain('at `abc1234`');
    expect(body).toContain('### Manual steps undone (5)');
    expect(body).toContain('Prevent Duplicate Values: Yes');
    expect(body).toContain('`zlc flow books-token invoice-status-to-crm`');
  }, 120_000);

  it('gives the report as data with --json', async () => {
    const run = await runCli(['drift', '--json'], { env });
    expect(run.code).toBe(2);
    const envelope = JSON.parse(run.stdout) as { status: number; result: { drifted: boolean; counts: object } };
    expect(envelope.status).toBe(2);
    expect(envelope.result.drifted).toBe(true);
    expect(envelope.result.counts).toMatchObject({ manual: 5, orphans: 0 });
  }, 120_000);
});

describe('zlc doctor', () => {
  it('fails on a label another API name holds and on a runtime that does not answer, saying what to do', async () => {
    const loaded = loadZohoConfig(sandbox.env);
    if (!loaded.ok) throw new Error('the sandbox env does not load');
    const clients = createZohoClients(loaded.config);
    try {
      // The root model's Accounts.VAT_Number is labelled "VAT Number": the org already has that label elsewhere.
      await clients.crm.createFields('Accounts', [
        { field_label: 'VAT Number', api_name: 'Tax_Reg_No', data_type: 'text', length: 30 },
      ]);
    } finally {
      clients.close();
    }
    // Zoho's own CRM ↔ Books sync made a customer for a CRM account: information (the handoffs adopt it).
    await addCrmSyncedCustomer(sandbox, { id: '5725767000000999001', name: 'Initech (synced by Zoho)' });
    const run = await runCli(['doctor', '-f', join(REPO_ROOT, 'lifecycle.yaml'), '--allow-outside'], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('✓ CRM: credentials and scopes');
    expect(run.stdout).toContain('✗ Fields: labels taken by other API names');
    expect(run.stdout).toContain(
      'crm_field.Accounts.VAT_Number is labelled "VAT Number", and the org already has crm_field.Accounts.Tax_Reg_No with that label',
    );
    expect(run.stdout).toContain('i Books: Zoho’s CRM ↔ Books sync is on');
    expect(run.stdout).toContain('1 Books customer(s) are linked to CRM accounts (zcrm_account_id)');
    expect(run.stdout).toContain('i Desk: Desk’s CRM integration');
    expect(run.stdout).toContain('✗ Runtime: reachable at runtime.url');
    expect(run.stdout).toContain('Start `zlc flow serve` there before `zlc apply`');
    expect(run.stdout).toContain('Not ready: 2 checks failed');

    const json = await runCli(['doctor', '--json', '-f', join(REPO_ROOT, 'lifecycle.yaml'), '--allow-outside'], {
      env,
    });
    const envelope = JSON.parse(json.stdout) as { status: number; result: { ready: boolean; checks: unknown[] } };
    expect(envelope.status).toBe(3);
    expect(envelope.result.ready).toBe(false);
  }, 120_000);
});
