/**
 * `zlc force-unlock` and the apply lock on the state dir: a holder alive elsewhere, a corrupt lock file.
 *
 * @module-tag e2e
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, listLocks, lockFileName } from '@zlc/engine';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { runCli, startReceiver } from '@zlc/testkit';
import { loadZohoConfig, targetIdentity } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let dir: string;
let env: Record<string, string>;
let identity: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'zlc-lock-cli-'));
  env = { ...sandbox.env, ZLC_STATE_DIR: join(dir, 'state') };
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox env does not load');
  identity = targetIdentity(loaded.config);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('zlc force-unlock', () => {
  it('removes a lock whose holder is alive elsewhere, after which apply goes ahead', async () => {
    const lockDir = join(dir, 'state', 'locks');
    // A live holder on this host (this test process), as another running apply would be.
    const held = acquireLock({ dir: lockDir, identity, holder: { user: 'dana', host: hostname(), pid: process.pid } });
    if (!held.ok) throw new Error('could not take the lock');

    const refused = await runCli(['apply', '--auto-approve'], { env });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain(`zlc force-unlock ${held.lock.info.id}`);

    const wrong = await runCli(['force-unlock', 'deadbeef'], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`${held.lock.info.id}  ${identity}: dana@`);

    const unlocked = await runCli(['force-unlock', held.lock.info.id], { env });
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain(`Removed lock ${held.lock.info.id} on ${identity}`);
    expect(listLocks(lockDir)).toEqual([]);

    const receiver = await startReceiver();
    try {
      const applied = await runCli(['apply', '--auto-approve', '--allow-data-loss'], {
        env: {
          ...env,
          ZLC_RUNTIME_URL: receiver.url,
        },
      });
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('Apply complete: ');
    } finally {
      await receiver.close();
    }
  }, 120_000);

  it('names a corrupt lock file when apply is refused, and removes it by that id', async () => {
    const lockDir = join(dir, 'state', 'locks');
    mkdirSync(lockDir, { recursive: true });
    const file = lockFileName(identity);
    writeFileSync(join(lockDir, file), '{"id": "3f9a1c2e", "holder": ');
    const id = file.replace(/\.lock$/, '');

    const refused = await runCli(['apply', '--auto-approve'], { env });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain(
      `The lock file on this org, ${join(lockDir, file)}, is not a lock (it is not JSON`,
    );
    expect(refused.stderr).toContain(`If no apply is running against this org, remove it with: zlc force-unlock ${id}`);

    const listed = await runCli(['force-unlock', 'deadbeef'], { env });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(`  ${id}  corrupt lock file ${join(lockDir, file)}: it is not JSON`);

    const removed = await runCli(['force-unlock', id], { env });
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed the corrupt lock file ${join(lockDir, file)} (it is not JSON).`);
    expect(listLocks(lockDir)).toEqual([]);
  }, 120_000);
});
