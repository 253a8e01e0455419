/**
 * `zlc apply` and `zlc force-unlock` with ZLC_LOCK_URL: the apply lock in PostgreSQL (the machine's test server),
 * held by another machine (a second store), refuses the apply and is removed by its id.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresLockStore } from '@zlc/engine';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { dropSchema, freshSchemaName, postgresAvailable, runCli, TEST_POSTGRES_URL } from '@zlc/testkit';
import { loadZohoConfig, targetIdentity } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const postgres = await postgresAvailable();
const test = it.skipIf(!postgres.ok);
const schema = freshSchemaName('zlc_lock');
const alice = { user: 'alice', host: 'ci-1', pid: 4242 };
const store = () => new PostgresLockStore({ url: TEST_POSTGRES_URL, schema });

afterAll(() => (postgres.ok ? dropSchema(schema) : undefined));

describe('zlc apply and zlc force-unlock with ZLC_LOCK_URL', () => {
  if (!postgres.ok) it.skip(`(skipped: ${postgres.reason})`, () => {});
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'zlc-lock-pg-cli-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('refuse an apply while another machine holds the org’s lock there, and remove that lock by its id', async () => {
    const loaded = loadZohoConfig(sandbox.env);
    if (!loaded.ok) throw new Error('sandbox env does not load');
    const identity = targetIdentity(loaded.config);
    const held = await store().acquire(identity, alice);
    if (!held.ok) throw new Error('no lock');
    const env = {
      ...sandbox.env,
      ZLC_STATE_DIR: join(dir, 'state'),
      ZLC_LOCK_URL: TEST_POSTGRES_URL,
      ZLC_LOCK_SCHEMA: schema,
    };
    const refused = await runCli(['apply', '--auto-approve'], { env });
    expect(refused.code).toBe(5);
    expect(refused.stdout).toContain(`Lock: PostgreSQL ${TEST_POSTGRES_URL}`);
    expect(refused.stderr).toContain(`alice@ci-1 pid 4242`);
    expect(refused.stderr).toContain(`zlc force-unlock ${held.lock.info.id}`);

    const wrong = await runCli(['force-unlock', 'deadbeef'], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`(schema ${schema}). The locks there:`);
    expect(wrong.stderr).toContain(`${held.lock.info.id}  ${identity}: alice@ci-1`);

    const removed = await runCli(['force-unlock', held.lock.info.id], { env });
    expect([removed.code, removed.stderr]).toEqual([0, '']);
    expect(removed.stdout).toContain(`Removed lock ${held.lock.info.id} on ${identity}`);
    expect(await store().list()).toEqual([]);
    await held.lock.release();
  }, 120_000);
});
