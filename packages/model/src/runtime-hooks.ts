/**
 * The contract between the webhooks `apply` provisions and the runtime that receives them (`zlc flow serve`):
 * where each handoff's events arrive, and how each call proves it comes from the org zlc configured. Both the
 * engine (which writes the webhooks) and the runtime (which checks them) use these, so they cannot drift apart.
 *
 * - CRM webhooks can carry custom headers: the shared secret travels in `X-Zlc-Secret` (a custom header parameter,
 *   which Zoho sends unchanged). The form body carries the record id in the field `id`, a module parameter whose
 *   value is the merge field `${!<Module>.Id}` (webhooks.yaml: only module parameters resolve record values), and
 *   the handoff and module as custom (literal) parameters.
 * - Desk webhooks cannot, and Desk caps a webhook URL at 100 characters: the URL carries a short per-handoff
 *   token instead, `zt=<HMAC-SHA256(secret, "desk:<handoff id>"), base64url, 22 characters>` — 128 bits, so a
 *   leaked Desk URL neither reveals the shared secret nor works for another handoff.
 * - Books webhooks are an admin's manual step (Books documents no API call that attaches a webhook to a workflow
 *   rule's trigger we could rely on): the admin types a per-handoff token into a custom header, `X-Zlc-Token:
 *   <HMAC-SHA256(secret, "books:<handoff id>"), base64url>` (Books webhooks take custom headers and query
 *   parameters, [Books help: workflow actions → webhooks]); the runtime also takes it as the `zt` query parameter.
 *   The token names one handoff and reveals nothing of the shared secret.
 */
import { createHmac } from 'node:crypto';

export const CRM_SECRET_HEADER = 'X-Zlc-Secret';
/** The form field of a CRM webhook that carries the record id. */
export const CRM_RECORD_ID_PARAM = 'id';
export const DESK_TOKEN_PARAM = 'zt';
/** The custom header a Books webhook carries its per-handoff token in. */
export const BOOKS_TOKEN_HEADER = 'X-Zlc-Token';
/** Zoho Desk refuses webhook URLs longer than this. */
export const DESK_WEBHOOK_URL_MAX = 100;
const DESK_TOKEN_LENGTH = 22;

/** Where the runtime receives one handoff's events: `<runtime url>/hooks/<product>/<handoff id>`. */
export function hookUrl(runtimeUrl: string, product: 'crm' | 'desk' | 'books', handoffId: string): string {
  return `${runtimeUrl.replace(/\/+$/, '')}/hooks/${product}/${encodeURIComponent(handoffId)}`;
}

/** The merge field Zoho resolves to the record's id, written as webhooks.yaml writes it (`${!Leads.Id}`). */
export function crmRecordIdMergeField(module: string): string {
  return `\${!${module}.Id}`;
}

/** The provisioned webhook's and workflow rule's name for a handoff (Zoho caps names at 50 characters). */
export function hookName(handoffId: string): string {
  return `zlc-${handoffId}`.slice(0, 50);
}

/** The token a Desk webhook of this handoff carries in `zt`. */
export function deskHookToken(secret: string, handoffId: string): string {
  return createHmac('sha256', secret).update(`desk:${handoffId}`).digest('base64url').slice(0, DESK_TOKEN_LENGTH);
}

/** The full Desk webhook URL with its token, as apply writes it. */
export function deskHookUrl(runtimeUrl: string, handoffId: string, secret: string): string {
  return `${hookUrl(runtimeUrl, 'desk', handoffId)}?${DESK_TOKEN_PARAM}=${deskHookToken(secret, handoffId)}`;
}

/** The length of a handoff's Desk webhook URL, token included (for the 100-character check). */
export function deskHookUrlLength(runtimeUrl: string, handoffId: string): number {
  return hookUrl(runtimeUrl, 'desk', handoffId).length + DESK_TOKEN_PARAM.length + 2 + DESK_TOKEN_LENGTH;
}

/** The token a Books webhook of this handoff carries in `X-Zlc-Token` (or `zt`): 43 base64url characters. */
export function booksHookToken(secret: string, handoffId: string): string {
  return createHmac('sha256', secret).update(`books:${handoffId}`).digest('base64url');
}
