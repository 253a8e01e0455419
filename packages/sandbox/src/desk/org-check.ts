/**
 * Desk's org binding: every call except `GET /organizations` names the portal with `orgId`, as a header (what the
 * docs and clients send) or a query parameter (what the OAS declares). Missing → 400; another org's id →
 * OAUTH_ORG_MISMATCH (the token is bound to one portal). Statuses unverified: see SPEC.md.
 */
import type { SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { deskError } from './errors.js';

export function orgIdOf(req: SandboxRequest): string | undefined {
  const header = req.headers.orgid;
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader !== undefined && fromHeader !== '') return fromHeader.trim();
  const fromQuery = req.query.get('orgId');
  return fromQuery === null || fromQuery === '' ? undefined : fromQuery.trim();
}

export function checkOrg(req: SandboxRequest, ctx: SandboxContext): SandboxResponse | undefined {
  if (req.method === 'GET' && /^\/api\/v1\/organizations\/?$/.test(req.path)) return undefined;
  const orgId = orgIdOf(req);
  if (orgId === undefined) return deskError(400, 'BAD_REQUEST', 'The orgId header is missing.');
  if (orgId !== ctx.org.deskOrgId) {
    return deskError(401, 'OAUTH_ORG_MISMATCH', 'The OAuth token does not belong to the organization given in orgId.');
  }
  return undefined;
}
