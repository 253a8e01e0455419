/**
 * The Books custom fields an admin makes by hand (Books has no API for them; the plan lists the steps). On the
 * sandbox the demo does them through the sandbox's own admin endpoint, `POST /books/v3/__sandbox/customfields`.
 */
import type { ResolvedModel } from '@zlc/model';
import type { Sandbox } from '@zlc/sandbox';

async function accessToken(sandbox: Sandbox): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: sandbox.credentials.clientId,
    client_secret: sandbox.credentials.clientSecret,
    refresh_token: sandbox.credentials.refreshToken,
  });
  const answer = await fetch(`${sandbox.urls.accounts}/oauth/v2/token`, { method: 'POST', body: form });
  const body = (await answer.json()) as { access_token?: string };
  if (typeof body.access_token !== 'string') throw new Error('the sandbox gave no access token');
  return body.access_token;
}

/** Makes every Books custom field the model declares; returns their labels. */
export async function doBooksManualSteps(sandbox: Sandbox, model: ResolvedModel): Promise<string[]> {
  const token = await accessToken(sandbox);
  const made: string[] = [];
  for (const field of model.customFields.filter((f) => f.app === 'books')) {
    const url = `${sandbox.urls.api}/books/v3/__sandbox/customfields?organization_id=${sandbox.org.booksOrganizationId}`;
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
    if (answer.status !== 201) throw new Error(`Books custom field ${field.apiName}: HTTP ${answer.status}`);
    made.push(`${field.module}: ${field.label}`);
  }
  return made;
}
