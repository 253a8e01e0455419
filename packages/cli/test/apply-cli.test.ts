/**
 * `zlc apply` run as a user runs it, against a sandbox: a saved plan, the auto-approved apply, the lock a second
 * apply meets, an unreachable org, the help.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { runCli, startCli, startReceiver, waitFor } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig, type ZohoClients } from '@zlc/zoho';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdingProxy } from './support/holding-proxy.js';

let sandbox: Sandbox;
let clients: ZohoClients;
let receiver: { url: string; close(): Promise<void> };
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  sandbox = await startSandbox();
  receiver = await startReceiver();
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox env does not load');
  clients = createZohoClients(loaded.config);
  dir = mkdtempSync(join(tmpdir(), 'zlc-apply-cli-'));
  env = {
    ...sandbox.env,
    ZLC_STATE_DIR: join(dir, 'state'),
    ZLC_RUNTIME_URL: receiver.url,
    ZLC_WEBHOOK_SECRET: 'cli-test-secret',
  };
});
afterEach(async () => {
  clients.close();
  await sandbox.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('zlc apply', () => {
  it('refuses a saved plan when the org changed since, names the object and changes nothing', async () => {
    const planFile = join(dir, 'plan.json');
    const planned = await runCli(['plan', '--out', planFile], { env });
    expect(planned.code).toBe(0);
    await clients.crm.createFields('Accounts', [
      { field_label: 'VAT Number', api_name: 'VAT_Number', data_type: 'text', length: 30 },
    ]);

    const applied = await runCli(['apply', planFile, '--allow-outside', '--allow-data-loss'], { env });
    expect(applied.code).toBe(4);
    expect(applied.stderr).toContain('The org changed since this plan was made');
    expect(applied.stderr).toContain('+ crm_field.Accounts.VAT_Number now exists (the plan would create it)');
    const accounts = await clients.crm.listFields('Accounts');
    expect(accounts.some((f) => f.api_name === 'Customer_Tier')).toBe(false);
  }, 120_000);

  it('applies a saved plan exactly when nothing changed, then has nothing to do', async () => {
    const planFile = join(dir, 'plan.json');
    expect((await runCli(['plan', '--out', planFile], { env })).code).toBe(0);
    const applied = await runCli(['apply', planFile, '--allow-outside', '--allow-data-loss'], { env });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: \d+ added, 1 changed, 0 removed; 5 manual steps remain\./);
    const again = await runCli(['apply', '--auto-approve'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes the API can make; 5 manual step(s) remain');
  }, 120_000);

  it('refuses a second apply while the first holds the lock, naming the holder', async () => {
    // The first apply's CRM writes are held at a proxy until the second has been refused: it holds the lock.
    const proxy = await holdingProxy(
      sandbox.url,
      (method, path) => method === 'POST' && path.startsWith('/crm/v8/settings/'),
    );
    try {
      const viaProxy = { env: { ...env, ZOHO_API_URL: proxy.url } };
      const first = startCli(['apply', '--auto-approve', '--allow-data-loss'], viaProxy);
      await waitFor(() => proxy.held() > 0, 'the first apply to send its first write');
      const second = await runCli(['apply', '--auto-approve'], viaProxy);
      expect(second.code).toBe(5);
      expect(second.stderr).toContain('Another apply holds the lock on this org');
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
      expect(second.stderr).toMatch(/zlc force-unlock [0-9a-f]{8}/);
      await proxy.releaseAll();
      expect((await first.done).code).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('asks before applying and, without a terminal to ask on, changes nothing', async () => {
    const run = await runCli(['apply', '--allow-data-loss'], { env });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('run with --auto-approve');
    const accounts = await clients.crm.listFields('Accounts');
    expect(accounts.some((f) => f.api_name === 'Customer_Tier')).toBe(false);
  }, 120_000);

  it('exits 1 with the reason when the org cannot be read, leaving no lock behind', async () => {
    const run = await runCli(['apply', '--auto-approve'], { env: { ...env, ZOHO_API_URL: 'http://127.0.0.1:9' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^zlc apply failed: /m);
    expect(existsSync(join(dir, 'state', 'locks')) ? readdirSync(join(dir, 'state', 'locks')) : []).toEqual([]);
  }, 120_000);

  it('lists every exit code in --help', async () => {
    const help = await runCli(['apply', '--help'], { env });
    for (const code of ['0', '1', '3', '4', '5', '6'])
      expect(help.stdout).toMatch(new RegExp(`^\\s+${code}  \\S`, 'm'));
    // The file lock's limit said plainly, and the way past it.
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'not from other machines (Zoho has no lock API): set ZLC_LOCK_URL',
    );
  }, 60_000);
});
