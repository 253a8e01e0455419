/**
 * Signed plans, for pipelines that pass a plan from one job to another: `signPlan` adds an HMAC-SHA256 of the
 * plan's canonical JSON (every member but `signature`, keys sorted) under a key the jobs share; `checkPlanSignature`
 * says whether a plan carries a valid one. A signature proves the plan was made by a holder of the key and not
 * edited since; apply still makes the plan again and compares, so a signed plan is never trusted beyond that.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './fingerprint.js';
import type { Plan } from './plan-types.js';

export const SIGNATURE_PREFIX = 'hmac-sha256:';
/** Shorter keys are refused: 32 characters is 128 bits or more for hex or base64 keys. */
export const MIN_SIGNING_KEY_LENGTH = 32;

export type SignatureCheck = 'valid' | 'unsigned' | 'mismatch';

function mac(plan: Plan, key: string): string {
  const { signature: _ignored, ...signed } = plan;
  return createHmac('sha256', key).update(canonicalJson(signed)).digest('hex');
}

/** A problem with the key itself (empty, too short), or undefined when it can sign. */
export function signingKeyProblem(key: string): string | undefined {
  if (key.trim().length < MIN_SIGNING_KEY_LENGTH)
    return `is ${key.trim().length} characters long; use at least ${MIN_SIGNING_KEY_LENGTH} random characters (for example: openssl rand -hex 32)`;
  return undefined;
}

export function signPlan(plan: Plan, key: string): Plan {
  return { ...plan, signature: `${SIGNATURE_PREFIX}${mac(plan, key)}` };
}

export function checkPlanSignature(plan: Plan, key: string): SignatureCheck {
  const signature = plan.signature;
  if (signature === undefined) return 'unsigned';
  if (!signature.startsWith(SIGNATURE_PREFIX)) return 'mismatch';
  const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), 'utf8');
  const expected = Buffer.from(mac(plan, key), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}
