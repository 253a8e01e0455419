/**
 * @module-tag e2e
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../src/index.js';
import { accessToken, callApi, freshAccessToken, sandboxPerFile, testProduct } from './support/index.js';

const events: SandboxEvent[] = [];
const books = testProduct({
  product: 'books',
  prefix: '/books/v3',
  routes: [{ method: 'POST', path: '/books/v3/echo', handler: (req) => ({ status: 201, body: { got: req.body } }) }],
});
const unsendable = testProduct({
  product: 'desk',
  prefix: '/api/v1',
  routes: [
    { method: 'GET', path: '/api/v1/bigint', handler: () => ({ status: 200, body: { n: 1n } }) },
    { method: 'GET', path: '/api/v1/status', handler: () => ({ status: 42, body: {} }) },
  ],
});
const sandbox = sandboxPerFile({
  products: [testProduct(), books, unsendable],
  maxBodyBytes: 64 * 1024,
  onEvent: (event) => events.push(event),
});

async function token(): Promise<string> {
  return accessToken(sandbox.current);
}

/** Sends raw bytes with node:http so the body can be anything, and returns status and text. */
function rawPost(
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.current.url}${path}`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('routing', () => {
  it('prefers the template with the most literal segments', async () => {
    const t = await token();
    expect((await callApi(sandbox.current, t, 'GET', '/crm/v8/things/special')).body).toEqual({ special: true });
    expect((await callApi(sandbox.current, t, 'GET', '/crm/v8/things/42')).body).toEqual({ id: '42' });
  });

  it("answers a known path with the wrong method with the product's not-found", async () => {
    const answer = await callApi(sandbox.current, await token(), 'DELETE', '/crm/v8/things');
    expect(answer).toMatchObject({ status: 404, body: { code: 'INVALID_URL_PATTERN' } });
  });

  it("answers an unknown path under a product prefix with the product's not-found", async () => {
    const answer = await callApi(sandbox.current, await token(), 'GET', '/crm/v8/nothing/here/at/all');
    expect(answer).toMatchObject({ status: 404, body: { code: 'INVALID_URL_PATTERN' } });
  });

  it('answers a path outside every product with a plain JSON 404', async () => {
    const answer = await callApi(sandbox.current, undefined, 'GET', '/nowhere');
    expect(answer).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('counts requests per product and route template', async () => {
    sandbox.current.resetStats();
    const { token: t } = await freshAccessToken(sandbox.current);
    await callApi(sandbox.current, t, 'GET', '/crm/v8/things/1');
    await callApi(sandbox.current, t, 'GET', '/crm/v8/things/2');
    const stats = sandbox.current.stats();
    expect(stats.routes['GET /crm/v8/things/:id']).toBe(2);
    expect(stats.requests.crm).toBe(2);
    expect(stats.requests.accounts).toBe(1);
  });
});

describe('bodies', () => {
  it("answers malformed JSON with the product's invalid-JSON error", async () => {
    const answer = await callApi(sandbox.current, await token(), 'POST', '/crm/v8/things', '{"data": [');
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_DATA' } });
  });

  it('reads Books JSONString from a urlencoded form', async () => {
    const t = await token();
    const form = new URLSearchParams({ JSONString: JSON.stringify({ contact_name: 'Acme' }) }).toString();
    const answer = await rawPost('/books/v3/echo', form, {
      authorization: `Zoho-oauthtoken ${t}`,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(JSON.parse(answer.text)).toEqual({ got: { contact_name: 'Acme' } });
  });

  it('reads Books JSONString from the query when there is no body', async () => {
    const q = new URLSearchParams({ JSONString: JSON.stringify({ a: 1 }) });
    const answer = await callApi(sandbox.current, await token(), 'POST', `/books/v3/echo?${q}`);
    expect(answer.body).toEqual({ got: { a: 1 } });
  });

  it('refuses a body over the cap by its Content-Length and keeps serving', async () => {
    const t = await token();
    const big = Buffer.alloc(200 * 1024, 0x41);
    const answer = await rawPost('/crm/v8/things', big, {
      authorization: `Zoho-oauthtoken ${t}`,
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect((await callApi(sandbox.current, t, 'GET', '/crm/v8/things/1')).status).toBe(200);
  });

  it('refuses a chunked body over the cap, and the client still sending it reads the refusal', async () => {
    const t = await token();
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${sandbox.current.url}/crm/v8/things`,
        { method: 'POST', headers: { authorization: `Zoho-oauthtoken ${t}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 0x42);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    expect(answer).toBe(413);
    expect((await callApi(sandbox.current, t, 'GET', '/crm/v8/things/1')).status).toBe(200);
  });

  it('lets a client still writing a body over the cap finish it, and answers it with the refusal', async () => {
    const t = await token();
    const chunk = Buffer.alloc(256 * 1024, 0x43);
    const chunks = 16;
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${sandbox.current.url}/crm/v8/things`,
        {
          method: 'POST',
          headers: {
            authorization: `Zoho-oauthtoken ${t}`,
            'content-type': 'application/json',
            'content-length': String(chunk.length * chunks),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // One piece at a time, each after the last has gone out: the body is still coming when the server decides.
      const write = (left: number) => {
        if (left === 0) req.end();
        else req.write(chunk, () => setImmediate(() => write(left - 1)));
      };
      write(chunks);
    });
    expect(answer).toBe(413);
  });

  it('survives binary garbage, an empty JSON body and a garbage request line', async () => {
    const t = await token();
    const garbage = await rawPost('/crm/v8/things', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), {
      authorization: `Zoho-oauthtoken ${t}`,
      'content-type': 'application/json',
    });
    expect(garbage.status).toBe(400);
    const empty = await callApi(sandbox.current, t, 'POST', '/crm/v8/things', '');
    expect(empty.status).toBe(201);
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(new URL(sandbox.current.url).port), '127.0.0.1', () => {
        socket.end('NOT HTTP AT ALL\r\n\r\n');
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    expect((await callApi(sandbox.current, t, 'GET', '/crm/v8/things/1')).status).toBe(200);
  });
});

describe('handlers that throw', () => {
  it("are answered with the product's internal error, reported as an event, and the server goes on", async () => {
    const t = await token();
    const answer = await callApi(sandbox.current, t, 'GET', '/crm/v8/boom');
    expect(answer).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
    expect(events.some((e) => e.type === 'handler_error' && e.message.includes('handler exploded'))).toBe(true);
    expect((await callApi(sandbox.current, t, 'GET', '/crm/v8/things/1')).status).toBe(200);
  });
});

describe('answers that cannot be sent', () => {
  it("become the product's internal error", async () => {
    const t = await token();
    expect(await callApi(sandbox.current, t, 'GET', '/api/v1/bigint')).toMatchObject({
      status: 500,
      body: { code: 'INTERNAL_ERROR' },
    });
    expect((await callApi(sandbox.current, t, 'GET', '/api/v1/status')).status).toBe(500);
    expect(events.some((e) => e.type === 'pipeline_error' && e.message.includes('unsendable'))).toBe(true);
  });
});

describe('connections', () => {
  it('keeps a connection alive across requests', async () => {
    const t = await token();
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      ports.push(
        await new Promise<number>((resolve, reject) => {
          const req = request(
            `${sandbox.current.url}/crm/v8/things/${i}`,
            { agent, headers: { authorization: `Zoho-oauthtoken ${t}` } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(req.socket?.localPort ?? -1));
            },
          );
          req.on('error', reject);
          req.end();
        }),
      );
    }
    agent.destroy();
    expect(new Set(ports).size).toBe(1);
  });
});
