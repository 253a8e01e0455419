/**
 * The plan signing key, the same for `plan` (which signs what it saves) and `apply PLAN` (which then refuses a plan
 * without a valid signature): the environment variable `ZLC_PLAN_SIGNING_KEY`, unset meaning no signing. A key that
 * is set but too short is an error, not a silent "no signing". It loads `@zlc/engine`: commands import this module
 * inside `run()`.
 */
import { signingKeyProblem } from '@zlc/engine';

export const SIGNING_KEY_ENV = 'ZLC_PLAN_SIGNING_KEY';

export type SigningKey = { ok: true; key: string | undefined } | { ok: false; error: string };

export function planSigningKey(env: Readonly<Record<string, string | undefined>>): SigningKey {
  const raw = env[SIGNING_KEY_ENV];
  if (raw === undefined || raw === '') return { ok: true, key: undefined };
  const problem = signingKeyProblem(raw);
  if (problem !== undefined) return { ok: false, error: `${SIGNING_KEY_ENV} ${problem}.` };
  return { ok: true, key: raw.trim() };
}
