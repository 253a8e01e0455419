import type { ZohoConfig } from './load-config.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A stable, secret-free string naming the org a config points at, used in plan files (an apply refuses a plan
 * made for another target) and printed first by every command:
 * `zoho:us crm-org=… books-org=… desk-org=…`, or `sandbox:http://127.0.0.1:PORT` for a loopback sandbox.
 * The CRM org id is not part of the environment; pass it when known (from `crm.org.get()`).
 */
export function targetIdentity(config: ZohoConfig, known: { crmOrgId?: string } = {}): string {
  const api = new URL(config.apiUrl);
  if (LOOPBACK.has(api.hostname)) return `sandbox:${api.origin}`;
  const where = config.dc ?? `custom(${api.host})`;
  const crm = known.crmOrgId === undefined ? '' : ` crm-org=${known.crmOrgId}`;
  return `zoho:${where}${crm} books-org=${config.booksOrgId} desk-org=${config.deskOrgId}`;
}
