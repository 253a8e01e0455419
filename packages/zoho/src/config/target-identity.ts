import type { ZohoConfig } from './load-config.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A stable, secret-free string naming the org a config points at, used in plan files (an apply refuses a plan
 * made for another target) and printed first by every command:
 * `zoho:us crm-org=… books-org=… desk-org=…`, or `sandbox books-org=… desk-org=…` for a loopback sandbox. The port
 * is left out on purpose: the embedded sandbox listens on a new port every run, while its org (and so its ids) lives
 * on in its data dir — a plan saved in one run must apply in the next.
 * The CRM org id is not part of the environment; pass it when known (from `crm.org.get()`).
 */
export function targetIdentity(config: ZohoConfig, known: { crmOrgId?: string } = {}): string {
  const api = new URL(config.apiUrl);
  const crm = known.crmOrgId === undefined ? '' : ` crm-org=${known.crmOrgId}`;
  const orgs = `${crm} books-org=${config.booksOrgId} desk-org=${config.deskOrgId}`;
  if (LOOPBACK.has(api.hostname)) return `sandbox${orgs}`;
  return `zoho:${config.dc ?? `custom(${api.host})`}${orgs}`;
}
