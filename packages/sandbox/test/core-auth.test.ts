/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { accessToken, callAdmin, callApi, freshAccessToken, sandboxPerFile, testProduct } from './support/index.js';

const sandbox = sandboxPerFile({ products: [testProduct()], tokenLifetimeSeconds: 60 });

describe('the Authorization header on product calls', () => {
  it('lets a call with a fresh token through', async () => {
    const token = await accessToken(sandbox.current);
    expect((await callApi(sandbox.current, token, 'GET', '/crm/v8/things')).status).toBe(200);
  });

  it("answers a missing header with the product's 401 for missing", async () => {
    const answer = await callApi(sandbox.current, undefined, 'GET', '/crm/v8/things');
    expect(answer).toMatchObject({ status: 401, body: { code: 'AUTH_MISSING' } });
  });

  it('answers a header in another scheme as invalid', async () => {
    const answer = await callApi(sandbox.current, undefined, 'GET', '/crm/v8/things', undefined, {
      authorization: 'Bearer abc',
    });
    expect(answer).toMatchObject({ status: 401, body: { code: 'AUTH_INVALID' } });
  });

  it('answers an unknown token as invalid', async () => {
    const answer = await callApi(sandbox.current, '1000.unknown.token', 'GET', '/crm/v8/things');
    expect(answer).toMatchObject({ status: 401, body: { code: 'AUTH_INVALID' } });
  });

  it('answers a token past its lifetime on the sandbox clock as expired', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.clock.advance(61_000);
    const answer = await callApi(sandbox.current, token, 'GET', '/crm/v8/things');
    expect(answer).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN_EXPIRED' } });
  });

  it('gives tokens the lifetime set over the live HTTP API', async () => {
    const set = await callAdmin(sandbox.current, 'POST', '/__sandbox/token-lifetime', { seconds: 5 });
    expect(set.status).toBe(200);
    const { token, expiresIn } = await freshAccessToken(sandbox.current);
    expect(expiresIn).toBe(5);
    sandbox.current.clock.advance(6_000);
    expect((await callApi(sandbox.current, token, 'GET', '/crm/v8/things')).status).toBe(401);
    sandbox.current.tokenLifetime(60);
  });

  it('still answers expired, not invalid, after newer tokens were issued', async () => {
    const { token } = await freshAccessToken(sandbox.current);
    sandbox.current.clock.advance(11 * 60_000);
    await freshAccessToken(sandbox.current);
    const answer = await callApi(sandbox.current, token, 'GET', '/crm/v8/things');
    expect(answer).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN_EXPIRED' } });
  });

  it('serves a route declared without auth to anyone', async () => {
    expect((await callApi(sandbox.current, undefined, 'GET', '/crm/v8/open')).status).toBe(200);
  });
});
