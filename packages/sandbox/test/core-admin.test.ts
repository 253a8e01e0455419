/**
 * The knobs under /__sandbox/ can wipe the org and read its credentials: they need the run's admin key (or an access
 * token of the sandbox), and a web page (a foreign Origin) is refused whatever it sends.
 *
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { accessToken, callAdmin, callApi, sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'empty' });

describe('the /__sandbox/ knobs', () => {
  it('refuse every request without the admin key, changing and revealing nothing', async () => {
    sandbox.current.clock.advance(0);
    const before = sandbox.current.clock.now();
    for (const [method, path, body] of [
      ['GET', '/__sandbox/info', undefined],
      ['POST', '/__sandbox/reset', { seed: 'default' }],
      ['POST', '/__sandbox/clock/advance', { ms: 86_400_000 }],
      ['GET', '/__sandbox/nothing-here', undefined],
    ] as const) {
      const answer = await callApi(sandbox.current, undefined, method, path, body, { 'x-zlc-sandbox-key': 'guess' });
      expect(answer.status, `${method} ${path}`).toBe(401);
      expect(JSON.stringify(answer.body)).not.toContain(sandbox.current.credentials.clientSecret);
      expect(JSON.stringify(answer.body)).toContain('X-Zlc-Sandbox-Key');
    }
    expect(sandbox.current.clock.now() - before).toBeLessThan(60_000);
  });

  it('refuse a request from a web page (another Origin), even one that carries the key', async () => {
    const answer = await callAdmin(sandbox.current, 'POST', '/__sandbox/reset', undefined, {
      origin: 'https://attacker.example',
    });
    expect(answer).toMatchObject({ status: 403, body: { error: 'forbidden_origin' } });
  });

  it("answer with the key, with an access token of the sandbox, and from the sandbox's own origin", async () => {
    expect((await callAdmin(sandbox.current, 'GET', '/__sandbox/stats')).status).toBe(200);
    const token = await accessToken(sandbox.current);
    expect((await callApi(sandbox.current, token, 'GET', '/__sandbox/stats')).status).toBe(200);
    const own = await callAdmin(
      sandbox.current,
      'POST',
      '/__sandbox/reset',
      { seed: 'empty' },
      {
        origin: sandbox.current.url,
      },
    );
    expect(own).toMatchObject({ status: 200, body: { reset: true, seed: 'empty' } });
  });

  it('have a new key on every start, given in the env the sandbox hands out', async () => {
    const other = await startSandbox({ seed: 'empty' });
    try {
      expect(other.adminKey).toMatch(/^[0-9a-f]{32}$/);
      expect(other.adminKey).not.toBe(sandbox.current.adminKey);
      expect(other.env.ZLC_SANDBOX_ADMIN_KEY).toBe(other.adminKey);
      expect(
        (await callAdmin({ url: other.url, adminKey: sandbox.current.adminKey }, 'GET', '/__sandbox/stats')).status,
      ).toBe(401);
    } finally {
      await other.close();
    }
  });
});
