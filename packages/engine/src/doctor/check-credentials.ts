/**
 * Credentials and scopes: one cheap read per product, each needing the scopes zlc's own reads need. A refused token
 * or a missing scope shows as that product's failure, with Zoho's own code.
 */
import { isZohoError, type ZohoClients } from '@zlc/zoho';
import type { DoctorCheck } from './doctor-types.js';

type Probe = { product: string; read: () => Promise<string> };

function problemOf(error: unknown): string {
  if (isZohoError(error)) return `${error.message}${error.zohoCode === undefined ? '' : ` (${error.zohoCode})`}`;
  return error instanceof Error ? error.message : String(error);
}

export async function checkCredentials(clients: ZohoClients): Promise<DoctorCheck[]> {
  const probes: Probe[] = [
    {
      product: 'CRM',
      read: async () => {
        const org = await clients.crm.getOrg();
        const modules = await clients.crm.listModules();
        return `org ${String(org.company_name ?? org.id ?? '?')}, ${modules.length} modules readable (ZohoCRM.org.READ, ZohoCRM.settings)`;
      },
    },
    {
      product: 'Books',
      read: async () => {
        const orgs = await clients.books.listOrganizations();
        return `${orgs.length} organization(s) readable (ZohoBooks.settings)`;
      },
    },
    {
      product: 'Desk',
      read: async () => {
        const hooks = await clients.desk.listWebhooks();
        return `${hooks.length} webhook(s) readable (Desk.webhooks / Desk.settings)`;
      },
    },
  ];
  return Promise.all(
    probes.map(async ({ product, read }): Promise<DoctorCheck> => {
      try {
        return {
          id: 'credentials',
          title: `${product}: credentials and scopes`,
          status: 'pass',
          findings: [await read()],
        };
      } catch (error) {
        return {
          id: 'credentials',
          title: `${product}: credentials and scopes`,
          status: 'fail',
          findings: [problemOf(error)],
          hint: "Check the ZOHO_* settings for this org and the self client's scopes (packages/zoho/README.md lists them).",
        };
      }
    }),
  );
}
