/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { callApi, freshAccessToken, sandboxPerFile, testProduct } from './support/index.js';

const sandbox = sandboxPerFile({ products: [testProduct()] });

function tokenUrl(params: Record<string, string>): string {
  return `${sandbox.current.urls.accounts}/oauth/v2/token?${new URLSearchParams(params)}`;
}

function refreshParams(overrides: Record<string, string> = {}): Record<string, string> {
  const { credentials } = sandbox.current;
  return {
    grant_type: 'refresh_token',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: credentials.refreshToken,
    ...overrides,
  };
}

async function post(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', ...init });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the OAuth token endpoint', () => {
  it('answers a refresh with a bearer access token for an hour and the api domain', async () => {
    const { status, body } = await post(tokenUrl(refreshParams()));
    expect(status).toBe(200);
    expect(body).toMatchObject({ api_domain: sandbox.current.url, token_type: 'Bearer', expires_in: 3600 });
    expect(body.access_token).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('reads the parameters from a urlencoded form as well as from the query', async () => {
    const { body } = await post(`${sandbox.current.urls.accounts}/oauth/v2/token`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(refreshParams()).toString(),
    });
    expect(typeof body.access_token).toBe('string');
  });

  it("reads the parameters from a multipart form, the way Zoho's SDKs post them", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(refreshParams())) form.append(key, value);
    const { status, body } = await post(`${sandbox.current.urls.accounts}/oauth/v2/token`, { body: form });
    expect(status).toBe(200);
    expect(body.access_token).toMatch(/^1000\./);
  });

  it('reads nothing from a malformed multipart body, so the client is unknown', async () => {
    const { body } = await post(`${sandbox.current.urls.accounts}/oauth/v2/token`, {
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'not a multipart body',
    });
    expect(body).toEqual({ error: 'invalid_client' });
  });

  it('answers an unknown client with invalid_client', async () => {
    expect(await post(tokenUrl(refreshParams({ client_id: '1000.NOPE' })))).toEqual({
      status: 200,
      body: { error: 'invalid_client' },
    });
  });

  it('answers a wrong client secret with invalid_client_secret', async () => {
    const { body } = await post(tokenUrl(refreshParams({ client_secret: 'wrong' })));
    expect(body).toEqual({ error: 'invalid_client_secret' });
  });

  it('answers an unknown refresh token with invalid_code', async () => {
    const { body } = await post(tokenUrl(refreshParams({ refresh_token: '1000.dead.beef' })));
    expect(body).toEqual({ error: 'invalid_code' });
  });

  it('answers another grant type with unsupported_grant_type', async () => {
    const { body } = await post(tokenUrl(refreshParams({ grant_type: 'password' })));
    expect(body).toEqual({ error: 'unsupported_grant_type' });
  });

  it('refuses an eleventh token within ten minutes and gives one again once the window has passed', async () => {
    sandbox.current.clock.advance(11 * 60 * 1000);
    for (let i = 0; i < 10; i++) {
      const { body } = await post(tokenUrl(refreshParams()));
      expect(typeof body.access_token).toBe('string');
    }
    const refused = await post(tokenUrl(refreshParams()));
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ error: 'Access Denied', status: 'failure' });
    expect(String(refused.body.error_description)).toMatch(/too many requests/);
    sandbox.current.clock.advance(10 * 60 * 1000 + 1);
    const again = await post(tokenUrl(refreshParams()));
    expect(typeof again.body.access_token).toBe('string');
  });

  it('lets a test raise the number of tokens per ten minutes', async () => {
    const relaxed = await startSandbox({ products: [testProduct()], tokensPerTenMinutes: 30 });
    try {
      for (let i = 0; i < 12; i++) expect((await freshAccessToken(relaxed)).token).toMatch(/^1000\./);
    } finally {
      await relaxed.close();
    }
  });

  it('keeps at most 30 active access tokens per refresh token, dropping the oldest', async () => {
    sandbox.current.clock.advance(11 * 60 * 1000);
    const tokens: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 8; i++) tokens.push((await freshAccessToken(sandbox.current)).token);
      sandbox.current.clock.advance(10 * 60 * 1000 + 1);
    }
    // 32 tokens within their hour: the first two are gone, the third on is still good.
    const status = async (token: string | undefined) =>
      (await callApi(sandbox.current, token, 'GET', '/crm/v8/things')).status;
    expect(await status(tokens[0])).toBe(401);
    expect(await status(tokens[1])).toBe(401);
    expect(await status(tokens[2])).toBe(200);
    expect(await status(tokens.at(-1))).toBe(200);
  });

  it('refuses to revoke a token it does not know, or one already revoked', async () => {
    const revokeUrl = (token: string) => `${sandbox.current.urls.accounts}/oauth/v2/token/revoke?token=${token}`;
    expect((await post(revokeUrl('1000.unknown.token'))).status).toBe(400);
    expect((await post(`${sandbox.current.urls.accounts}/oauth/v2/token/revoke`)).status).toBe(400);
    sandbox.current.clock.advance(11 * 60 * 1000);
    const { token } = await freshAccessToken(sandbox.current);
    expect(await post(revokeUrl(token))).toEqual({ status: 200, body: { status: 'success' } });
    expect((await post(revokeUrl(token))).status).toBe(400);
  });

  it('revokes a refresh token and with it the access tokens it gave', async () => {
    sandbox.current.clock.advance(11 * 60 * 1000);
    const { token } = await freshAccessToken(sandbox.current);
    const revoke = await post(
      `${sandbox.current.urls.accounts}/oauth/v2/token/revoke?token=${sandbox.current.credentials.refreshToken}`,
    );
    expect(revoke).toEqual({ status: 200, body: { status: 'success' } });
    expect((await callApi(sandbox.current, token, 'GET', '/crm/v8/things')).status).toBe(401);
    expect((await post(tokenUrl(refreshParams()))).body).toEqual({ error: 'invalid_code' });
  });
});
