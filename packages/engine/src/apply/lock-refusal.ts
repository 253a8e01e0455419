/** Why an apply could not take the org's lock, as the refusal it returns. */
import type { AcquireLockResult } from '../lock.js';
import type { Refusal } from './apply-types.js';

export function lockRefusal(failed: Extract<AcquireLockResult, { ok: false }>): Refusal {
  return failed.reason === 'corrupt'
    ? { kind: 'lock_corrupt', lock: failed.lock }
    : { kind: 'locked', holder: failed.holder, ageMs: failed.ageMs };
}
