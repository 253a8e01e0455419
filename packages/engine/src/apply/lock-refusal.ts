/** Taking the org's lock for an apply, and why it could not be taken, as the refusal it returns. */
import { type AcquireLockResult, acquireLock } from '../lock.js';
import type { LockStore } from '../lock-store.js';
import type { Refusal } from './apply-types.js';

/** The lock from `lockStore` when there is one, else the file lock under `lockDir`. */
export function takeLock(options: {
  identity: string;
  lockDir: string;
  lockStore?: LockStore | undefined;
}): Promise<AcquireLockResult> {
  if (options.lockStore !== undefined) return options.lockStore.acquire(options.identity);
  return Promise.resolve(acquireLock({ dir: options.lockDir, identity: options.identity }));
}

export function lockRefusal(failed: Extract<AcquireLockResult, { ok: false }>): Refusal {
  return failed.reason === 'corrupt'
    ? { kind: 'lock_corrupt', lock: failed.lock }
    : { kind: 'locked', holder: failed.holder, ageMs: failed.ageMs };
}
