/**
 * What happens in a real Books org outside the API, done on a sandbox through its own endpoints (see SPEC.md): the
 * admin's manual step of making custom fields (Books has no API for it; `POST /books/v3/__sandbox/customfields`) and
 * Zoho's native CRM ↔ Books sync making a linked customer (`POST /books/v3/__sandbox/crm-sync/accounts`). Demos,
 * tests and benchmarks use these helpers to do it over HTTP, as any client would.
 */
import type { Sandbox } from './sandbox.js';

/** A Books custom field to make. Shaped so that a resolved model field (`@zlc/model`) can be passed as it is. */
export interface BooksCustomFieldSpec {
  module: string;
  label: string;
  apiName: string;
  /** Books' own data type name (`string`, `dropdown`, `amount` …). */
  nativeType: string;
  unique: boolean;
  values?: readonly { actual: string }[];
}

async function accessToken(sandbox: Sandbox): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: sandbox.credentials.clientId,
    client_secret: sandbox.credentials.clientSecret,
    refresh_token: sandbox.credentials.refreshToken,
  });
  const answer = await fetch(`${sandbox.urls.accounts}/oauth/v2/token`, { method: 'POST', body: form });
  const body = (await answer.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new Error('the sandbox gave no access token');
  return body.access_token;
}

/** Makes each field on the sandbox's Books org (one token for all); throws naming the field that was refused. */
export async function addBooksCustomFields(sandbox: Sandbox, fields: readonly BooksCustomFieldSpec[]): Promise<void> {
  if (fields.length === 0) return;
  const token = await accessToken(sandbox);
  const url = `${sandbox.urls.api}/books/v3/__sandbox/customfields?organization_id=${sandbox.org.booksOrganizationId}`;
  for (const field of fields) {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        module: field.module,
        label: field.label,
        api_name: field.apiName,
        data_type: field.nativeType,
        is_unique: field.unique,
        ...(field.values === undefined ? {} : { values: field.values.map((v) => v.actual) }),
      }),
    });
    if (answer.status !== 201) {
      throw new Error(`Books custom field ${field.apiName}: HTTP ${answer.status} ${await answer.text()}`);
    }
  }
}

/** A CRM account as Zoho's native CRM ↔ Books sync copies it into Books. */
export interface CrmSyncedAccount {
  /** The CRM account's id: the customer's `zcrm_account_id`. */
  id: string;
  /** The account name: the customer's `contact_name` and `company_name`. */
  name: string;
}

/**
 * Plays Zoho's native CRM ↔ Books sync for one account (`POST /books/v3/__sandbox/crm-sync/accounts`, see SPEC.md):
 * a Books customer linked to it by `zcrm_account_id`, as an org with that sync on would already have. Returns the
 * customer's `contact_id`.
 */
export async function addCrmSyncedCustomer(sandbox: Sandbox, account: CrmSyncedAccount): Promise<string> {
  const token = await accessToken(sandbox);
  const url = `${sandbox.urls.api}/books/v3/__sandbox/crm-sync/accounts?organization_id=${sandbox.org.booksOrganizationId}`;
  const answer = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ zcrm_account_id: account.id, contact_name: account.name, company_name: account.name }),
  });
  const body = (await answer.json()) as { contact?: { contact_id?: unknown } };
  if (answer.status !== 201 || typeof body.contact?.contact_id !== 'string')
    throw new Error(`CRM-synced customer for account ${account.id}: HTTP ${answer.status} ${JSON.stringify(body)}`);
  return body.contact.contact_id;
}
