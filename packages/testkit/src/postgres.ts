/**
 * PostgreSQL for tests: the machine's server (127.0.0.1:5432, database `test`, as CI provides it; another with
 * `ZLC_TEST_POSTGRES_URL`), one fresh schema per use so parallel test files never meet. When the server cannot be
 * reached the tests skip with the reason — unless `ZLC_REQUIRE_POSTGRES=1` (CI sets it), where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.ZLC_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the test server answers, or why not. */
export async function postgresAvailable(
  url = TEST_POSTGRES_URL,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    const reason = `PostgreSQL at ${url} is not reachable (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.ZLC_REQUIRE_POSTGRES === '1') throw new Error(`${reason}; ZLC_REQUIRE_POSTGRES=1 needs it`);
    return { ok: false, reason };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A schema name no other test uses. */
export function freshSchemaName(prefix = 'zlc_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema made by a test, with everything in it. */
export async function dropSchema(schema: string, url = TEST_POSTGRES_URL): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a test schema name: ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
