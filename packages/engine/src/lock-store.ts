/**
 * Where an apply takes the org's lock: files under a directory (the default: one checkout, or machines sharing it)
 * or a PostgreSQL database (`postgres-lock.ts`: CI runners on different machines exclude each other). Both hold
 * the same `LockInfo` and answer `acquire`, `list` and `forceUnlock` alike.
 */
import {
  type AcquireLockResult,
  acquireLock,
  type ForceUnlockResult,
  forceUnlock,
  type LockHolder,
  type LockInfo,
  listLocks,
} from './lock.js';

export interface LockStore {
  /** Where the locks live, for messages (a directory, or the database without its password). */
  readonly location: string;
  /** Takes the lock on `identity`, or says who holds it. */
  acquire(identity: string, holder?: LockHolder): Promise<AcquireLockResult>;
  /** The locks held now. */
  list(): Promise<LockInfo[]>;
  /** Removes the lock with this id, whoever holds it. */
  forceUnlock(id: string): Promise<ForceUnlockResult>;
  close(): Promise<void>;
}

/** The file locks under `dir`. */
export function fileLockStore(dir: string): LockStore {
  return {
    location: dir,
    acquire: async (identity, holder) => acquireLock({ dir, identity, ...(holder === undefined ? {} : { holder }) }),
    list: async () => listLocks(dir).map((l) => l.info),
    forceUnlock: async (id) => forceUnlock(dir, id),
    close: async () => {},
  };
}
