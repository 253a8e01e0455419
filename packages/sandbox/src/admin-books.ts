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

/** Where a sandbox answers and how to sign in to it: an in-process one (`endpointOf`) or a served one's env. */
export interface SandboxEndpoint {
  accountsUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  booksOrganizationId: string;
}

export function endpointOf(sandbox: Sandbox): SandboxEndpoint {
  return {
    accountsUrl: sandbox.urls.accounts,
    apiUrl: sandbox.urls.api,
    ...sandbox.credentials,
    booksOrganizationId: sandbox.org.booksOrganizationId,
  };
}

export async function accessToken(sandbox: Sandbox | SandboxEndpoint): Promise<string> {
  const at = 'urls' in sandbox ? endpointOf(sandbox) : sandbox;
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: at.clientId,
    client_secret: at.clientSecret,
    refresh_token: at.refreshToken,
  });
  const answer = await fetch(`${at.accountsUrl}/oauth/v2/token`, { method: 'POST', body: form });
  const body = (await answer.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new Error('the sandbox gave no access token');
  return body.access_token;
}

/** What the stand-in did for one field. */
export type BooksFieldStandIn = { apiName: string; module: string; done: 'created' | 'edited' };

function fieldBody(field: BooksCustomFieldSpec): Record<string, unknown> {
  return {
    label: field.label,
    data_type: field.nativeType,
    is_unique: field.unique,
    ...(field.values === undefined ? {} : { values: field.values.map((v) => v.actual) }),
  };
}

/**
 * Does the admin's manual step for each field on a sandbox, as Books' settings screen would: a field missing under
 * its API name is made (`POST /__sandbox/customfields`), one that is there is edited to the spec (`PUT`). Throws
 * naming the field the sandbox refused.
 */
export async function setBooksCustomFields(
  endpoint: SandboxEndpoint,
  fields: readonly BooksCustomFieldSpec[],
): Promise<BooksFieldStandIn[]> {
  if (fields.length === 0) return [];
  const token = await accessToken(endpoint);
  const headers = { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' };
  const org = `organization_id=${endpoint.booksOrganizationId}`;
  const done: BooksFieldStandIn[] = [];
  for (const field of fields) {
    const listed = await fetch(`${endpoint.apiUrl}/books/v3/settings/customfields?module=${field.module}&${org}`, {
      headers,
    });
    const body = (await listed.json()) as {
      customfields?: Record<string, { api_name?: string; customfield_id?: string }[]>;
    };
    const existing = Object.values(body.customfields ?? {})
      .flat()
      .find((f) => f.api_name === field.apiName);
    const answer =
      existing?.customfield_id === undefined
        ? await fetch(`${endpoint.apiUrl}/books/v3/__sandbox/customfields?${org}`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ module: field.module, api_name: field.apiName, ...fieldBody(field) }),
          })
        : await fetch(`${endpoint.apiUrl}/books/v3/__sandbox/customfields/${existing.customfield_id}?${org}`, {
            method: 'PUT',
            headers,
            body: JSON.stringify(fieldBody(field)),
          });
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`Books custom field ${field.apiName}: HTTP ${answer.status} ${await answer.text()}`);
    done.push({ apiName: field.apiName, module: field.module, done: existing === undefined ? 'created' : 'edited' });
  }
  return done;
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
