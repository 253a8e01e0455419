/**
 * Zoho's own integrations, which zlc works beside. The CRM ↔ Books sync makes Books customers linked to CRM
 * accounts (`zcrm_account_id`; `filter_by=Status.Crm` lists them): the handoffs adopt such a customer instead of
 * making a second one, so that is information. Desk's CRM integration links Desk accounts to CRM accounts
 * (`zohoCRMAccount` on a Desk account, Desk's Account.json): the handoffs find Desk accounts by the model's link
 * fields, not by that link, so an account Desk already synced may get a second Desk account — a warning.
 */
import type { ZohoClients } from '@zlc/zoho';
import type { DoctorCheck } from './doctor-types.js';

/** At most this many synced customers are counted (one page): enough to say the sync is on. */
const SAMPLE = 200;

export async function checkIntegrations(clients: ZohoClients): Promise<DoctorCheck[]> {
  return [await booksSync(clients), await deskSync(clients)];
}

async function deskSync(clients: ZohoClients): Promise<DoctorCheck> {
  const title = 'Desk: Desk’s CRM integration';
  let linked = 0;
  try {
    for await (const account of clients.desk.accounts.list()) {
      const link = (account as { zohoCRMAccount?: unknown }).zohoCRMAccount;
      if (link !== null && link !== undefined) linked += 1;
      if (linked >= SAMPLE) break;
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { id: 'integrations', title, status: 'warn', findings: [`could not list Desk accounts: ${why}`] };
  }
  return linked === 0
    ? {
        id: 'integrations',
        title,
        status: 'info',
        findings: ['no Desk account is linked to a CRM account (the integration is off, or has linked none)'],
      }
    : {
        id: 'integrations',
        title: 'Desk: Desk’s CRM integration is on',
        status: 'warn',
        findings: [
          `${linked >= SAMPLE ? `${SAMPLE} or more` : linked} Desk account(s) are linked to CRM accounts by Desk itself: the handoffs find Desk accounts by the model's link fields, not by Desk's link, so an account Desk synced may get a second Desk account`,
        ],
        hint: 'Turn off account sync in Desk’s CRM integration for the accounts zlc hands off, or let one of the two own Desk accounts.',
      };
}

async function booksSync(clients: ZohoClients): Promise<DoctorCheck> {
  let linked = 0;
  try {
    // `Status.Crm` lists the customers linked to CRM (list rows need not carry the link itself).
    for await (const _contact of clients.books.contacts.list({ filter_by: 'Status.Crm' })) {
      linked += 1;
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
          `${linked >= SAMPLE ? `${SAMPLE} or more` : linked} Books customer(s) are linked to CRM accounts (zcrm_account_id): the handoffs adopt a synced customer (by that link) instead of making a second one`,
        ],
      };
}
