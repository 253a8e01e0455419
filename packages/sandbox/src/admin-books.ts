/**
 * The Books "manual step" done on a sandbox: Books has no API to create custom fields, so an admin makes them by hand
 * in a real org; the sandbox stands in with its own admin endpoint (`POST /books/v3/__sandbox/customfields`, see
 * SPEC.md). Demos, tests and benchmarks use this one helper to do it over HTTP, as any client would.
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
