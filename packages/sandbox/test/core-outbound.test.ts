import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundResult, Route } from '../src/index.js';
import { accessToken, callAdmin, callApi, sandboxPerFile, testProduct } from './support/index.js';

/** A webhook receiver that answers with the statuses queued for it (200 once the queue is empty). */
let answers: number[] = [];
/** The receiver answers once this settles (a test holds it to keep a delivery in flight). */
let hold: Promise<void> = Promise.resolve();
const received: Array<{ method: string; body: string }> = [];
let receiver: Server;
let receiverUrl = '';
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', body: Buffer.concat(chunks).toString('utf8') });
      void hold.then(() => {
        res.writeHead(answers.shift() ?? 200);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const results: OutboundResult[] = [];
const fire: Route = {
  method: 'POST',
  path: '/crm/v8/fire',
  handler: (req, ctx) => {
    const product = (req.query.get('product') ?? 'crm') as 'crm' | 'desk';
    ctx.outbound.enqueue(
      {
        product,
        source: 'workflow_rule:1',
        url: req.query.get('url') ?? receiverUrl,
        method: 'POST',
        body: '{"ids":["1"]}',
      },
      (result) => results.push(result),
    );
    return { status: 200, body: { fired: true } };
  },
};
const validate: Route = {
  method: 'POST',
  path: '/crm/v8/validate',
  handler: async (_req, ctx) => {
    const result = await ctx.outbound.send({
      product: 'desk',
      source: 'desk_webhook:new',
      url: receiverUrl,
      method: 'GET',
    });
    return { status: 200, body: { validation: result.status } };
  },
};
const rolledBack: Route = {
  method: 'POST',
  path: '/crm/v8/fire-then-fail',
  handler: (_req, ctx) =>
    ctx.store.transaction(() => {
      ctx.outbound.enqueue({ product: 'crm', source: 'workflow_rule:rolled-back', url: receiverUrl, method: 'POST' });
      throw new Error('the change rolls back');
    }),
};
const sandbox = sandboxPerFile({
  products: [testProduct({ extraRoutes: [fire, validate, rolledBack] })],
  outbound: { policy: { crm: { delaysMs: [20, 40] }, desk: { delaysMs: [20] } } },
});

describe('outbound deliveries', () => {
  it('are sent in the background without holding up the API answer', async () => {
    const token = await accessToken(sandbox.current);
    let letGo: () => void = () => {};
    hold = new Promise((resolve) => {
      letGo = resolve;
    });
    const answer = await callApi(sandbox.current, token, 'POST', '/crm/v8/fire');
    expect(answer.status).toBe(200);
    // Answered while the receiver still holds the delivery.
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ status: 'pending', source: 'workflow_rule:1' });
    letGo();
    hold = Promise.resolve();
    await sandbox.current.outbound.drain();
    expect(received.at(-1)).toEqual({ method: 'POST', body: '{"ids":["1"]}' });
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({
      status: 200,
      attempts: 1,
      source: 'workflow_rule:1',
    });
  });

  it('are retried after a failure until the receiver takes them', async () => {
    const token = await accessToken(sandbox.current);
    answers = [500, 503];
    results.length = 0;
    await callApi(sandbox.current, token, 'POST', '/crm/v8/fire');
    await sandbox.current.outbound.drain();
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ status: 200, attempts: 3 });
    expect(results).toEqual([{ status: 200 }]);
  });

  it('give up after the policy’s attempts and report the last status', async () => {
    const token = await accessToken(sandbox.current);
    answers = [500, 500, 500, 500];
    results.length = 0;
    await callApi(sandbox.current, token, 'POST', '/crm/v8/fire');
    await sandbox.current.outbound.drain();
    answers = [];
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ status: 500, attempts: 3 });
    expect(results).toEqual([{ status: 500 }]);
  });

  it('stop at once on a Desk 410 Gone', async () => {
    const token = await accessToken(sandbox.current);
    answers = [410];
    results.length = 0;
    await callApi(sandbox.current, token, 'POST', '/crm/v8/fire?product=desk');
    await sandbox.current.outbound.drain();
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ product: 'desk', status: 410, attempts: 1 });
    expect(results).toEqual([{ status: 410 }]);
  });

  it('log an unreachable receiver as an error', async () => {
    const token = await accessToken(sandbox.current);
    results.length = 0;
    await callApi(sandbox.current, token, 'POST', `/crm/v8/fire?url=${encodeURIComponent('http://127.0.0.1:1/x')}`);
    await sandbox.current.outbound.drain();
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ status: 'error', attempts: 3 });
    expect(results).toEqual([{ status: 'error' }]);
  });

  it('can be sent synchronously for a validation GET', async () => {
    const token = await accessToken(sandbox.current);
    const answer = await callApi(sandbox.current, token, 'POST', '/crm/v8/validate');
    expect(answer.body).toEqual({ validation: 200 });
    expect(received.at(-1)?.method).toBe('GET');
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ mode: 'send', method: 'GET', status: 200 });
  });

  it('never leave for a change that rolled back', async () => {
    const token = await accessToken(sandbox.current);
    const answer = await callApi(sandbox.current, token, 'POST', '/crm/v8/fire-then-fail');
    expect(answer.status).toBe(500);
    await sandbox.current.outbound.drain();
    expect(sandbox.current.outbound.log().filter((d) => d.source === 'workflow_rule:rolled-back')).toEqual([]);
  });

  it('follow a policy set over the live HTTP API', async () => {
    const token = await accessToken(sandbox.current);
    const set = await callAdmin(sandbox.current, 'POST', '/__sandbox/outbound/policy', { product: 'crm', attempts: 1 });
    expect(set.status).toBe(200);
    answers = [500];
    await callApi(sandbox.current, token, 'POST', '/crm/v8/fire');
    await sandbox.current.outbound.drain();
    expect(sandbox.current.outbound.log().at(-1)).toMatchObject({ status: 500, attempts: 1 });
    const bad = await callAdmin(sandbox.current, 'POST', '/__sandbox/outbound/policy', {
      product: 'crm',
      delaysMs: ['soon'],
    });
    expect(bad.status).toBe(400);
    sandbox.current.outbound.setPolicy('crm', { attempts: 3 });
  });

  it('are visible over the live HTTP API', async () => {
    const { body } = (await callAdmin(sandbox.current, 'GET', '/__sandbox/outbound')) as {
      body: { deliveries: unknown[] };
    };
    expect(body.deliveries.length).toBe(sandbox.current.outbound.log().length);
  });
});
