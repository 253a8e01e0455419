/**
 * Books custom-field definitions as the planner reads them: by `entity=`, and tolerant of entries zlc cannot
 * address. A proxy in front of the sandbox answers the settings list as Books may (an entry without a
 * `customfield_id`, one without an `api_name`); everything else passes through unchanged.
 *
 * @module-tag e2e
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makePlan } from '@zlc/engine';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { createZohoClients, loadZohoConfig, targetIdentity, type ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelOf } from './support/plan-builders.js';

let sandbox: Sandbox;
let proxy: Server;
let clients: ZohoClients;
let identity: string;
const seen: string[] = [];

/** The settings list with the first field's id taken away and a field Books lists without an api_name added. */
function reshape(body: string): string {
  const parsed = JSON.parse(body) as { fields?: Record<string, unknown>[] };
  const [first, ...rest] = parsed.fields ?? [];
  const withoutId = first === undefined ? [] : [{ ...first, customfield_id: undefined }];
  const unnamed = { label: 'Legacy Region', data_type: 'string', is_active: true };
  return JSON.stringify({ ...parsed, fields: [...withoutId, ...rest, unnamed] });
}

beforeAll(async () => {
  sandbox = await startSandbox({});
  const api = new URL(sandbox.urls.api);
  proxy = createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(url);
    const upstream = httpRequest(
      { host: api.hostname, port: api.port, path: url, method: req.method, headers: req.headers },
      (answer) => {
        if (!url.startsWith('/books/v3/settings/fields') || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = reshape(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const loaded = loadZohoConfig({
    ...sandbox.env,
    ZOHO_API_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
  });
  if (!loaded.ok) throw new Error('proxied config does not load');
  identity = targetIdentity(loaded.config);
  clients = createZohoClients(loaded.config);
  // The admin's manual step, so that each entity the model names lists a field of its own.
  const token = await fetch(
    `${sandbox.urls.accounts}/oauth/v2/token?${new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      refresh_token: sandbox.credentials.refreshToken,
    })}`,
    { method: 'POST' },
  ).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
  for (const module of ['contacts', 'invoices']) {
    const made = await fetch(
      `${sandbox.urls.api}/books/v3/__sandbox/customfields?organization_id=${sandbox.org.booksOrganizationId}`,
      {
        method: 'POST',
        headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ module, label: 'Made By Hand', data_type: 'string' }),
      },
    );
    expect(made.status).toBe(201);
  }
});
afterAll(async () => {
  clients.close();
  await new Promise((resolve) => proxy.close(resolve));
  await sandbox.close();
});

describe('reading Books custom-field definitions', () => {
  it('asks by entity= and plans past a field without customfield_id and one without an api_name, with a warning', async () => {
    const made = await makePlan(clients, modelOf(), {
      target: identity,
      runtimeUrlOverride: 'http://127.0.0.1:9/zlc',
      webhookSecret: 'books-fields-secret',
    });
    const asked = seen.filter((u) => u.startsWith('/books/v3/settings/fields'));
    expect(asked.length).toBe(2);
    expect(asked.every((u) => /[?&]entity=(contact|invoice)(&|$)/.test(u) && !/[?&]module=/.test(u))).toBe(true);
    expect(made.plan.warnings).toContain(
      'Books contact fields without an api_name are left out of the plan (zlc cannot address them): Legacy Region.',
    );
    // The field that came without an id is still read (by its api_name): reported as not in the model.
    expect(made.plan.orphans.map((o) => o.address)).toContain('books_custom_field.contact.cf_made_by_hand');
  });
});
