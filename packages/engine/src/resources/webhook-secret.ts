/**
 * How the shared webhook secret travels and how it appears in plans. The secret itself never enters a plan, an
 * output or a file written by the planner: attributes carry `env:NAME#sha256:<8 hex>` (a reference plus a short
 * hash), computed the same way from the environment (desired) and from what the org stores (remote), so an
 * unchanged secret is "no change" and a rotated one is one `~`.
 */
import { sha256 } from '../fingerprint.js';

/** CRM webhooks carry the secret in this request header (a `headers.custom_parameters` entry). */
export const CRM_SECRET_HEADER = 'X-Zlc-Secret';
/** Desk webhooks cannot set headers: the secret is this query parameter of the webhook URL. */
export const DESK_SECRET_PARAM = 'zlc_secret';

/** `env:NAME#sha256:ab12cd34`, or `env:NAME#unset` when there is no secret. */
export function secretRef(envName: string, value: string | undefined): string {
  if (value === undefined || value === '') return `env:${envName}#unset`;
  return `env:${envName}#sha256:${sha256(value).slice(0, 8)}`;
}

/** Where the runtime receives one handoff's events: `<runtime>/hooks/<product>/<handoff id>`. */
export function hookUrl(runtimeUrl: string, product: 'crm' | 'desk', handoffId: string): string {
  return `${runtimeUrl.replace(/\/+$/, '')}/hooks/${product}/${encodeURIComponent(handoffId)}`;
}

/** The provisioned webhook's and workflow rule's name for a handoff (Zoho caps names at 50 characters). */
export function hookName(handoffId: string): string {
  return `zlc-${handoffId}`.slice(0, 50);
}
