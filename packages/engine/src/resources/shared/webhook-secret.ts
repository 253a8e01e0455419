/**
 * How the shared webhook secret appears in plans: as a reference only, with no byte derived from the secret (not
 * even a short hash: one would let anyone holding a plan test guesses of the secret offline). The desired side is
 * `env:NAME` (or `env:NAME#unset`); what the org stores is compared with the current secret at plan time and
 * written as the same `env:NAME` when it is that secret, `env:NAME#other` when it is not, and `env:NAME#unset`
 * when there is none. So an unchanged secret is "no change" and a rotated one is one `~`. Where and how the secret
 * travels is the model's runtime-hook contract (`@zlc/model`), shared with the runtime that checks it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { DESK_TOKEN_PARAM } from '@zlc/model';

export { CRM_SECRET_HEADER, DESK_TOKEN_PARAM, hookName, hookUrl } from '@zlc/model';

/** `env:NAME`, or `env:NAME#unset` when there is no secret. */
export function secretRef(envName: string, value: string | undefined): string {
  if (value === undefined || value === '') return `env:${envName}#unset`;
  return `env:${envName}`;
}

/**
 * The reference for a secret value the org stores: `secretRef` of the current secret when `stored` is it,
 * `env:NAME#unset` when nothing is stored, `env:NAME#other` otherwise.
 */
export function storedSecretRef(
  envName: string,
  stored: string | undefined,
  isCurrent: (value: string) => boolean,
): string {
  if (stored === undefined || stored === '') return `env:${envName}#unset`;
  return isCurrent(stored) ? `env:${envName}` : `env:${envName}#other`;
}

/** A comparison with `secret` that takes the same time whatever `value` is (hashing first, so lengths leak nothing). */
export function secretComparer(secret: string | undefined): (value: string) => boolean {
  if (secret === undefined || secret === '') return () => false;
  const expected = createHash('sha256').update(secret).digest();
  return (value) => timingSafeEqual(expected, createHash('sha256').update(value).digest());
}

/** The handoff id a provisioned webhook URL names (`…/hooks/<product>/<id>`), if it is one of zlc's. */
export function handoffOfHookUrl(url: string): string | undefined {
  try {
    const match = /\/hooks\/(?:crm|desk|books)\/([^/]+)$/.exec(new URL(url).pathname);
    return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** Splits the Desk token parameter off a webhook URL. */
export function splitDeskToken(url: string): { url: string; token: string | undefined } {
  try {
    const parsed = new URL(url);
    const token = parsed.searchParams.get(DESK_TOKEN_PARAM) ?? undefined;
    parsed.searchParams.delete(DESK_TOKEN_PARAM);
    return { url: parsed.toString(), token };
  } catch {
    return { url, token: undefined };
  }
}
