/**
 * Where `zlc apply` takes the org's lock, and where `zlc force-unlock` looks: in PostgreSQL when `ZLC_LOCK_URL` is
 * set (its table in the schema `ZLC_LOCK_SCHEMA`, default `zlc` — beside a PostgreSQL ledger's tables when the URL
 * is the ledger's), so CI runners on different machines exclude each other; otherwise lock files under
 * `<state dir>/locks`. Only the variable chooses, so every job that applies says so the same way.
 */
import type { LockStore } from '@zlc/engine';
import { stateDir } from './state-dir.js';

export const LOCK_URL_ENV = 'ZLC_LOCK_URL';

export async function openLockStore(
  env: Readonly<Record<string, string | undefined>>,
  lockDir: string = `${stateDir(env)}/locks`,
): Promise<LockStore> {
  const { fileLockStore, PostgresLockStore } = await import('@zlc/engine');
  const url = env[LOCK_URL_ENV]?.trim();
  if (!url) return fileLockStore(lockDir);
  const schema = env.ZLC_LOCK_SCHEMA?.trim();
  return new PostgresLockStore({ url, ...(schema ? { schema } : {}) });
}
