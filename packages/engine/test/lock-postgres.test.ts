/**
 * The apply lock in PostgreSQL (the machine's test server): two stores stand for CI runners on different machines.
 * One apply at a time per org; a killed holder's lock is let go by the database and replaced; force-unlock ends a
 * live holder's session. `zlc apply` and `zlc force-unlock` with ZLC_LOCK_URL:
 * packages/cli/test/lock-postgres-cli.test.ts.
 *
 * @module-tag e2e
 */
import { spawn } from 'node:child_process';
import { PostgresLockStore } from '@zlc/engine';
import { dropSchema, freshSchemaName, postgresAvailable, REPO_ROOT, TEST_POSTGRES_URL, waitFor } from '@zlc/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const postgres = await postgresAvailable();
const test = it.skipIf(!postgres.ok);
const schema = freshSchemaName('zlc_lock');
const alice = { user: 'alice', host: 'ci-1', pid: 4242 };
const bob = { user: 'bob', host: 'ci-3', pid: 77 };
const store = () => new PostgresLockStore({ url: TEST_POSTGRES_URL, schema });

afterAll(() => (postgres.ok ? dropSchema(schema) : undefined));

describe('the apply lock in PostgreSQL', () => {
  if (!postgres.ok) it.skip(`(skipped: ${postgres.reason})`, () => {});

  test('lets one apply per org at a time: the second machine is refused, naming the first holder', async () => {
    const first = await store().acquire('org-a', alice);
    if (!first.ok) throw new Error('the first apply did not get the lock');
    const second = await store().acquire('org-a', bob);
    expect(second).toMatchObject({ ok: false, reason: 'locked', holder: { id: first.lock.info.id, holder: alice } });
    if (!second.ok && second.reason === 'locked') expect(second.path).toContain(`(schema ${schema})`);
    // Another org is not held up.
    const other = await store().acquire('org-b', bob);
    expect(other.ok).toBe(true);
    if (other.ok) await other.lock.release();
    expect((await store().list()).map((l) => l.id)).toEqual([first.lock.info.id]);
    await first.lock.release();
    const third = await store().acquire('org-a', bob);
    expect(third).toMatchObject({ ok: true, lock: { info: { holder: bob } } });
    expect(third.ok && third.lock.replaced).toBe(undefined);
    if (third.ok) await third.lock.release();
    expect(await store().list()).toEqual([]);
  });

  test('is let go by the database when its holder is killed, and the next apply takes it over saying so', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        'packages/engine/test/support/hold-lock.ts',
        TEST_POSTGRES_URL,
        schema,
        'org-k',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const id = await new Promise<string>((resolve, reject) => {
      let out = '';
      holder.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /held (\w+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    expect(await store().acquire('org-k', alice)).toMatchObject({ ok: false, holder: { id } });
    const gone = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await gone;
    // The server notices the closed connection at once on loopback; on a loaded machine it may take a while.
    let taken = await store().acquire('org-k', alice);
    await waitFor(async () => {
      taken = taken.ok ? taken : await store().acquire('org-k', alice);
      return taken.ok;
    }, "the database to let the killed holder's lock go");
    expect(taken).toMatchObject({ ok: true, lock: { replaced: { id, holder: { user: 'runner', host: 'ci-2' } } } });
    if (taken.ok) await taken.lock.release();
  }, 60_000);

  test('force-unlock ends a live holder’s session and removes it; the holder’s release then does nothing', async () => {
    const held = await store().acquire('org-f', alice);
    if (!held.ok) throw new Error('no lock');
    const unknown = await store().forceUnlock('deadbeef');
    expect(unknown).toMatchObject({ ok: false, reason: 'not_found', known: [{ id: held.lock.info.id }] });
    expect(await store().forceUnlock(held.lock.info.id)).toEqual({ ok: true, kind: 'lock', removed: held.lock.info });
    const next = await store().acquire('org-f', bob);
    expect(next.ok).toBe(true);
    await expect(held.lock.release()).resolves.toBeUndefined();
    expect((await store().list()).map((l) => l.holder)).toEqual([bob]);
    if (next.ok) await next.lock.release();
  });

  test('says which database it cannot reach, without its password', async () => {
    const closed = new PostgresLockStore({ url: 'postgres://ci:hunter2@127.0.0.1:1/test', schema });
    await expect(closed.acquire('org-x')).rejects.toThrow(
      "the apply lock's database, PostgreSQL postgres://ci:***@127.0.0.1:1/test (schema",
    );
  });
});
