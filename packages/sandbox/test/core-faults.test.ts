/**
 * @module-tag e2e
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaults, parseFaultsText } from '../src/index.js';
import { accessToken, callAdmin, callApi, sandboxPerFile, testProduct } from './support/index.js';

const sandbox = sandboxPerFile({ products: [testProduct()] });

afterEach(() => sandbox.current.faults.clear());

async function things(token: string): Promise<number> {
  const list = await callApi(sandbox.current, token, 'GET', '/crm/v8/things');
  return (list.body as { data: unknown[] }).data.length;
}

describe('injected faults', () => {
  it('add latency to matching routes only', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.faults.set([{ kind: 'latency', ms: 150, product: 'crm', method: 'GET', path: '/crm/v8/things/*' }]);
    const started = Date.now();
    await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    // An hour's latency on the same rule: the routes it does not match answer at once, or the test times out.
    sandbox.current.faults.set([
      { kind: 'latency', ms: 3_600_000, product: 'crm', method: 'GET', path: '/crm/v8/things/*' },
    ]);
    await callApi(sandbox.current, token, 'GET', '/crm/v8/things/special/x');
    await callApi(sandbox.current, token, 'GET', '/crm/v8/things');
  });

  it("answer 5xx with the product's internal error, as many times as asked", async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.faults.set([{ kind: 'error', path: '/crm/v8/**', times: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1')).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('answer 429 bursts', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.faults.set([{ kind: 'rate_limit', burst: 3, times: 1, retryAfterSeconds: 2 }]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1'));
    expect(answers.map((a) => a.status)).toEqual([429, 429, 429, 200]);
    expect(answers[0]?.headers.get('retry-after')).toBe('2');
  });

  it('hold the socket on a timeout, and the server keeps serving', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.faults.set([{ kind: 'timeout', times: 1 }]);
    const started = Date.now();
    await expect(
      fetch(`${sandbox.current.url}/crm/v8/things/1`, {
        headers: { authorization: `Zoho-oauthtoken ${token}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1')).status).toBe(200);
  });

  it('drop the connection before the handler ran: nothing was created', async () => {
    const token = await accessToken(sandbox.current);
    const before = await things(token);
    sandbox.current.faults.set([{ kind: 'drop', when: 'before', method: 'POST', times: 1 }]);
    await expect(callApi(sandbox.current, token, 'POST', '/crm/v8/things', { a: 1 })).rejects.toThrow();
    expect(await things(token)).toBe(before);
  });

  it('drop the connection after the handler ran: the create happened but its answer was lost', async () => {
    const token = await accessToken(sandbox.current);
    const before = await things(token);
    sandbox.current.faults.set([{ kind: 'drop', when: 'after', method: 'POST', times: 1 }]);
    await expect(callApi(sandbox.current, token, 'POST', '/crm/v8/things', { a: 1 })).rejects.toThrow();
    expect(await things(token)).toBe(before + 1);
  });

  it('dribble a slow body that still arrives whole', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.faults.set([{ kind: 'slow_body', bytesPerChunk: 4, intervalMs: 20, path: '/crm/v8/things/*' }]);
    const started = Date.now();
    const answer = await callApi(sandbox.current, token, 'GET', '/crm/v8/things/12345');
    expect(answer.body).toEqual({ id: '12345' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  it('skip the first matching requests when asked', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.faults.set([{ kind: 'error', skip: 1, times: 1 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1')).status);
    expect(statuses).toEqual([200, 500, 200]);
  });

  it('decide the same way for the same seed', async () => {
    const token = await accessToken(sandbox.current);
    const run = async () => {
      sandbox.current.faults.set([{ kind: 'error', rate: 0.5 }], 42);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('apply to the token endpoint as the accounts product', async () => {
    sandbox.current.faults.set([{ kind: 'error', product: 'accounts', times: 1 }]);
    const response = await fetch(`${sandbox.current.url}/oauth/v2/token`, { method: 'POST' });
    expect(response.status).toBe(500);
  });

  it('can be set over the live HTTP API', async () => {
    const token = await accessToken(sandbox.current);
    const put = await callAdmin(sandbox.current, 'PUT', '/__sandbox/faults', {
      seed: 3,
      rules: [{ kind: 'error', times: 1 }],
    });
    expect(put.status).toBe(200);
    expect((await callApi(sandbox.current, token, 'GET', '/crm/v8/things/1')).status).toBe(500);
    const bad = await callAdmin(sandbox.current, 'PUT', '/__sandbox/faults', { rules: [{ kind: 'explode' }] });
    expect(bad.status).toBe(400);
  });
});

describe('the faults file format', () => {
  it('accepts an object with a seed and rules, or a bare array', () => {
    expect(parseFaultsText('{"seed": 7, "rules": [{"kind": "latency", "ms": 10, "jitterMs": 5}]}')).toEqual({
      ok: true,
      seed: 7,
      rules: [{ kind: 'latency', ms: 10, jitterMs: 5 }],
    });
    expect(parseFaults([{ kind: 'drop', when: 'after', product: 'books', path: '/books/v3/invoices' }])).toMatchObject({
      ok: true,
    });
  });

  it('names every problem with its JSON path', () => {
    const result = parseFaultsText(
      '{"rules": [{"kind": "latency"}, {"kind": "drop"}, {"kind": "error", "rate": 2, "product": "erp", "colour": 1}]}',
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        '$.rules[0].ms: required for latency',
        '$.rules[1].when: must be "before" or "after" (the handler ran or not)',
        '$.rules[2].colour: unknown key for error',
        '$.rules[2].product: must be one of crm, books, desk, accounts',
        '$.rules[2].rate: must be a number from 0 to 1',
      ],
    });
    expect(parseFaultsText('{nope')).toMatchObject({ ok: false });
  });
});
