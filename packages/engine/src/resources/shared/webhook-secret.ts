/**
 * How the shared webhook secret appears in plans. The secret itself never enters a plan, an output or a file
 * written by the planner: attributes carry `env:NAME#sha256:<8 hex>` (a reference plus a short hash), computed the
 * same way from the environment (desired) and from what the org stores (remote), so an unchanged secret is
 * "no change" and a rotated one is one `~`. Where and how the secret travels is the model's runtime-hook contract
 * (`@zlc/model`), shared with the runtime that checks it.
 */
import { DESK_TOKEN_PARAM } from '@zlc/model';
import { sha256 } from '../../fingerprint.js';

export { CRM_SECRET_HEADER, DESK_TOKEN_PARAM, hookName, hookUrl } from '@zlc/model';

/** `env:NAME#sha256:ab12cd34`, or `env:NAME#unset` when there is no secret. */
export function secretRef(envName: string, value: string | undefined): string {
  if (value === undefined || value === '') return `env:${envName}#unset`;
  return `env:${envName}#sha256:${sha256(value).slice(0, 8)}`;
}

/** The handoff id a provisioned webhook URL names (`…/hooks/<product>/<id>`), if it is one of zlc's. */
export function handoffOfHookUrl(url: string): string | undefined {
  try {
    const match = /\/hooks\/(?:crm|desk)\/([^/]+)$/.exec(new URL(url).pathname);
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
