import { describe, expect, it } from 'vitest';
import type { Route } from '../src/index.js';
import { editionLimits } from '../src/index.js';
import { accessToken, callApi, sandboxPerFile, testProduct } from './support/index.js';

let release: () => void = () => {};
let gate = new Promise<void>((resolve) => {
  release = resolve;
});
/** Calls admitted to the slow handlers since the last `newGate()`. */
let entered = 0;
function newGate(): void {
  entered = 0;
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
}
/** Waits until `n` calls are admitted and held at the gate (the cap counts them in flight). */
async function untilEntered(n: number): Promise<void> {
  while (entered < n) await new Promise((r) => setTimeout(r, 5));
}
const slow: Route = {
  method: 'GET',
  path: '/crm/v8/slow',
  handler: async () => {
    entered++;
    await gate;
    return { status: 200, body: { ok: true } };
  },
};
const books = testProduct({
  product: 'books',
  prefix: '/books/v3',
  routes: [{ method: 'GET', path: '/books/v3/ping', handler: () => ({ status: 200, body: { code: 0 } }) }],
});
const desk = testProduct({
  product: 'desk',
  prefix: '/api/v1',
  routes: [
    { method: 'GET', path: '/api/v1/tickets', cost: 3, handler: () => ({ status: 200, body: { data: [] } }) },
    { method: 'GET', path: '/api/v1/tickets/:id', handler: () => ({ status: 200, body: {} }) },
  ],
});
const heavy: Route = { ...slow, path: '/crm/v8/coql', method: 'POST', heavy: true };
const sandbox = sandboxPerFile({ products: [testProduct({ extraRoutes: [slow, heavy] }), books, desk] });

describe('default limits', () => {
  it('follow the documented Enterprise numbers', () => {
    expect(sandbox.current.limits.get('crm')).toMatchObject({ concurrency: 20, dailyCredits: 60_000 });
    expect(sandbox.current.limits.get('books')).toMatchObject({ concurrency: 10, perMinute: 100 });
    expect(sandbox.current.limits.get('desk')).toMatchObject({ concurrency: 25, dailyCredits: 110_000 });
    expect(editionLimits('crm', 'free').concurrency).toBe(5);
    expect(editionLimits('desk', 'professional').concurrency).toBe(15);
  });

  it('give Books the calls a day of the plan each edition stands for', () => {
    expect(sandbox.current.limits.get('books').dailyCredits).toBe(10_000);
    const perDay = (['free', 'standard', 'professional', 'enterprise', 'ultimate'] as const).map(
      (edition) => editionLimits('books', edition).dailyCredits,
    );
    expect(perDay).toEqual([1_000, 2_000, 5_000, 10_000, 10_000]);
  });
});

describe('the concurrency cap', () => {
  it('answers the call over the cap with 429 and records the most calls in flight', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.limits.set('crm', { concurrency: 2 });
    sandbox.current.resetStats();
    newGate();
    const first = callApi(sandbox.current, token, 'GET', '/crm/v8/slow');
    const second = callApi(sandbox.current, token, 'GET', '/crm/v8/slow');
    await untilEntered(2);
    const third = await callApi(sandbox.current, token, 'GET', '/crm/v8/slow');
    expect(third).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS_CONCURRENCY' } });
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const stats = sandbox.current.stats();
    expect(stats.maxInFlight.crm).toBe(3);
    expect(stats.rateLimited.crm).toBe(1);
    expect((await callApi(sandbox.current, token, 'GET', '/crm/v8/slow')).status).toBe(200);
    sandbox.current.limits.set('crm', { concurrency: 20 });
  });
});

describe('the cap on heavy calls', () => {
  it('refuses a second heavy call while letting ordinary calls through', async () => {
    const token = await accessToken(sandbox.current);
    expect(sandbox.current.limits.get('crm').heavyConcurrency).toBe(10);
    sandbox.current.limits.set('crm', { heavyConcurrency: 1 });
    newGate();
    const first = callApi(sandbox.current, token, 'POST', '/crm/v8/coql');
    await untilEntered(1);
    const second = await callApi(sandbox.current, token, 'POST', '/crm/v8/coql');
    expect(second).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS_CONCURRENCY' } });
    const ordinary = callApi(sandbox.current, token, 'GET', '/crm/v8/slow');
    await untilEntered(2);
    release();
    expect((await first).status).toBe(200);
    expect((await ordinary).status).toBe(200);
    sandbox.current.limits.set('crm', { heavyConcurrency: 10 });
  });
});

describe('the per-minute rate', () => {
  it('answers the call over the rate with 429 and a retry time, and admits again after a minute', async () => {
    const token = await accessToken(sandbox.current);
    sandbox.current.limits.set('books', { perMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await callApi(sandbox.current, token, 'GET', '/books/v3/ping')).status).toBe(200);
    const refused = await callApi(sandbox.current, token, 'GET', '/books/v3/ping');
    expect(refused).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS_RATE' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    sandbox.current.clock.advance(60_001);
    expect((await callApi(sandbox.current, token, 'GET', '/books/v3/ping')).status).toBe(200);
    sandbox.current.limits.set('books', { perMinute: 100 });
  });
});

describe('daily credits', () => {
  it('charge each call its cost, tell Desk clients the weight and what remains, and refuse when spent', async () => {
    sandbox.current.clock.advance(25 * 60 * 60 * 1000);
    const token = await accessToken(sandbox.current);
    sandbox.current.limits.set('desk', { dailyCredits: 7 });
    const list = await callApi(sandbox.current, token, 'GET', '/api/v1/tickets');
    expect(list.headers.get('x-rate-limit-request-weight-v3')).toBe('3');
    expect(list.headers.get('x-rate-limit-remaining-v3')).toBe('4');
    await callApi(sandbox.current, token, 'GET', '/api/v1/tickets');
    const one = await callApi(sandbox.current, token, 'GET', '/api/v1/tickets/1');
    expect(one.headers.get('x-rate-limit-remaining-v3')).toBe('0');
    const refused = await callApi(sandbox.current, token, 'GET', '/api/v1/tickets/1');
    expect(refused).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS_CREDITS' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    sandbox.current.clock.advance(24 * 60 * 60 * 1000 + 1);
    const later = await accessToken(sandbox.current);
    expect((await callApi(sandbox.current, later, 'GET', '/api/v1/tickets/1')).status).toBe(200);
  });
});
