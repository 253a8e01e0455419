/**
 * The sandbox stays on this machine: by default webhooks and URL checks go only to loopback addresses; any other
 * target is logged undeliverable, with why and how to allow it, and is never sent. 0.0.0.0 stands for "another
 * host" here: it is not a loopback address, yet Linux connects it to this machine, so `allow: 'any'` can be shown
 * to send without anything leaving the machine.
 *
 * @module-tag e2e
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboundResult, type Route, type Sandbox, startSandbox } from '../src/index.js';
import { accessToken, callApi, testProduct } from './support/index.js';

let hits = 0;
let receiver: Server;
let port = 0;
beforeAll(async () => {
  receiver = createServer((_req, res) => {
    hits++;
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '0.0.0.0', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const results: OutboundResult[] = [];
const fire: Route = {
  method: 'POST',
  path: '/crm/v8/fire',
  handler: (req, ctx) => {
    ctx.outbound.enqueue(
      { product: 'crm', source: 'workflow_rule:1', url: req.query.get('url') ?? '', method: 'POST', body: '{}' },
      (result) => results.push(result),
    );
    return { status: 200, body: {} };
  },
};
const check: Route = {
  method: 'POST',
  path: '/crm/v8/check',
  handler: async (req, ctx) => {
    const result = await ctx.outbound.send({
      product: 'desk',
      source: 'desk_webhook:new:validation',
      url: req.query.get('url') ?? '',
      method: 'GET',
    });
    return { status: 200, body: { status: result.status } };
  },
};

async function withSandbox(allow: 'loopback' | 'any' | undefined, run: (s: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({
    products: [testProduct({ extraRoutes: [fire, check] })],
    outbound: { ...(allow === undefined ? {} : { allow }), policy: { crm: { delaysMs: [10] } } },
  });
  try {
    await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe('outbound deliveries from the sandbox', () => {
  it('go to another host only when allowed: by default it is logged undeliverable, why and how, and not sent', async () => {
    await withSandbox(undefined, async (sandbox) => {
      const token = await accessToken(sandbox);
      const elsewhere = `http://0.0.0.0:${port}/hook`;
      hits = 0;
      results.length = 0;
      await callApi(sandbox, token, 'POST', `/crm/v8/fire?url=${encodeURIComponent(elsewhere)}`);
      await sandbox.outbound.drain();
      const checked = await callApi(sandbox, token, 'POST', `/crm/v8/check?url=${encodeURIComponent(elsewhere)}`);
      expect(hits).toBe(0);
      expect(results).toEqual([{ status: 'error' }]);
      expect(checked.body).toEqual({ status: 'error' });
      const [webhook, validation] = sandbox.outbound.log();
      expect(webhook).toMatchObject({ status: 'undeliverable', attempts: 1, url: elsewhere });
      expect(validation).toMatchObject({ status: 'undeliverable', mode: 'send' });
      expect(webhook?.error).toContain(`not delivered: 0.0.0.0:${port} is not this machine`);
      expect(webhook?.error).toContain('zlc sandbox serve --outbound any');
      expect(webhook?.error).toContain("startSandbox({ outbound: { allow: 'any' } })");

      await callApi(sandbox, token, 'POST', `/crm/v8/fire?url=${encodeURIComponent(`http://127.0.0.1:${port}/hook`)}`);
      await sandbox.outbound.drain();
      expect(hits).toBe(1);
    });
  });

  it("go to any host with allow: 'any'", async () => {
    await withSandbox('any', async (sandbox) => {
      const token = await accessToken(sandbox);
      hits = 0;
      await callApi(sandbox, token, 'POST', `/crm/v8/fire?url=${encodeURIComponent(`http://0.0.0.0:${port}/hook`)}`);
      await sandbox.outbound.drain();
      expect(hits).toBe(1);
      expect(sandbox.outbound.log().at(-1)).toMatchObject({ status: 200 });
    });
  });

  it('do not follow a loopback receiver that redirects elsewhere', async () => {
    const bouncer = createServer((_req, res) => res.writeHead(302, { location: `http://0.0.0.0:${port}/hook` }).end());
    await new Promise<void>((resolve) => bouncer.listen(0, '127.0.0.1', resolve));
    try {
      await withSandbox(undefined, async (sandbox) => {
        const token = await accessToken(sandbox);
        hits = 0;
        const url = `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}/`;
        await callApi(sandbox, token, 'POST', `/crm/v8/check?url=${encodeURIComponent(url)}`);
        expect(hits).toBe(0);
        expect(sandbox.outbound.log().at(-1)).toMatchObject({ status: 302 });
      });
    } finally {
      await new Promise<void>((resolve) => bouncer.close(() => resolve()));
    }
  });
});
