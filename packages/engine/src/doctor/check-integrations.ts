/**
 * Zoho's own integrations, which zlc works beside: the CRM ↔ Books sync makes Books customers linked to CRM
 * accounts (`zcrm_account_id`; `filter_by=Status.Crm` lists them). The handoffs adopt such a customer instead of
 * making a second one, so this is information, not a failure.
 */
import type { ZohoClients } from '@zlc/zoho';
import type { DoctorCheck } from './doctor-types.js';

/** At most this many synced customers are counted (one page): enough to say the sync is on. */
const SAMPLE = 200;

export async function checkIntegrations(clients: ZohoClients): Promise<DoctorCheck> {
  let linked = 0;
  try {
    for await (const contact of clients.books.contacts.list({ filter_by: 'Status.Crm' })) {
      if (typeof contact.zcrm_account_id === 'string' && contact.zcrm_account_id !== '') linked += 1;
      if (linked >= SAMPLE) break;
    }
  } catch (error) {
    return {
      id: 'integrations',
      title: 'Books: Zoho’s CRM ↔ Books sync',
      status: 'warn',
      findings: [
        `could not list Books customers linked to CRM: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
  return linked === 0
    ? {
        id: 'integrations',
        title: 'Books: Zoho’s CRM ↔ Books sync',
        status: 'info',
        findings: ['no Books customer is linked to a CRM account (the sync is off, or has made none)'],
      }
    : {
        id: 'integrations',
        title: 'Books: Zoho’s CRM ↔ Books sync is on',
        status: 'info',
        findings: [
          `${linked >= SAMPLE ? `${SAMPLE} or more` : linked} Books customer(s) carry a zcrm_account_id: the handoffs adopt a synced customer (by that link) instead of making a second one`,
        ],
      };
}
