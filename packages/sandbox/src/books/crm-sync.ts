/**
 * Sandbox-only: a stand-in for Zoho's native CRM ↔ Books sync (Books → Settings → Integrations → Zoho CRM), which
 * makes Books customers from CRM accounts on its own schedule and links them: `zcrm_account_id` and
 * `is_linked_with_zohocrm` (contacts.yml: the `zcrm_account_id` list filter, the `is_linked_with_zohocrm` flag; the
 * reference §5 on the sync). The API cannot write those links, so tests that need a customer the sync made ask this
 * endpoint for it: `POST /books/v3/__sandbox/crm-sync/accounts {zcrm_account_id, contact_name, …contact fields}`.
 */
import { readContact, render } from './contacts.js';
import { BooksError, CODE, invalidValue } from './errors.js';
import { byCrmLink } from './indexes.js';
import { route } from './route.js';
import { bodyObject, done, type Json, optString } from './wire.js';

export const crmSyncRoutes = [
  route('POST', '/__sandbox/crm-sync/accounts', (req, state, ctx) => {
    const body = bodyObject(req);
    const accountId = optString(body, 'zcrm_account_id', 30);
    const { zcrm_account_id: _link, ...fields }: Json = body;
    if (accountId === undefined || !/^[0-9]+$/.test(accountId)) throw invalidValue('zcrm_account_id');
    if (byCrmLink(state.contacts).get(`zcrm_account_id=${accountId}`).length > 0)
      throw new BooksError(400, CODE.duplicateName, `The CRM account ${accountId} is already synced to a customer.`);
    const contact = {
      ...readContact({ contact_type: 'customer', ...fields }, state, ctx),
      zcrm_account_id: accountId,
      is_linked_with_zohocrm: true,
    };
    state.contacts.put(contact.contact_id, contact);
    return done('The contact has been created', { contact: render(state, contact) }, 201);
  }),
];
