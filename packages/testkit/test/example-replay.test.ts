/**
 * @module-tag e2e
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExampleReplayPlan,
  loadSpecFile,
  operationCases,
  operationsOf,
  planCases,
  planProblems,
  replayCase,
  type SandboxHandle,
} from '../src/index.js';

const doc = loadSpecFile(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mini-spec.yaml'), 'mini-spec.yaml');

describe('reading a spec document', () => {
  it('finds the server prefix, follows references and lists every example as a case', () => {
    expect(doc.prefix).toBe('/crm/v8');
    const cases = operationCases(operationsOf(doc, ['searchThings'])[0]!);
    expect(cases.map((c) => [c.id, c.expect])).toEqual([
      ['searchThings parameter module=Leads', { kind: 'success', statuses: [200, 204] }],
      ['searchThings parameter module=Contacts', { kind: 'success', statuses: [200, 204] }],
      ['searchThings parameter criteria=Simple', { kind: 'success', statuses: [200, 204] }],
      ['searchThings parameter word=Word', { kind: 'success', statuses: [200, 204] }],
      ['searchThings 200 Found', { kind: 'answer', status: 200, code: undefined }],
      ['searchThings 400 MissingParameter', { kind: 'answer', status: 400, code: 'EXPECTED_PARAM_MISSING' }],
    ]);
  });

  it('expects the error of a request example named like an error example, and success of the others', () => {
    const cases = operationCases(operationsOf(doc, ['createThings'])[0]!).filter((c) => c.kind === 'request');
    expect(cases.map((c) => [c.id, c.expect])).toEqual([
      ['createThings request Sample', { kind: 'success', statuses: [201] }],
      ['createThings request NoName', { kind: 'answer', status: 400, code: 'MANDATORY_NOT_FOUND' }],
    ]);
  });

  it('refuses an operation the document does not have', () => {
    expect(() => operationsOf(doc, ['searchThing'])).toThrow(/documents no operation searchThing/);
  });
});

describe('checking a replay plan', () => {
  it('names unknown cases, cases both replayed and excused, and response examples left without a request', () => {
    const plan: ExampleReplayPlan<SandboxHandle> = {
      specFile: 'mini-spec.yaml',
      operations: { searchThings: {} },
      requests: { 'searchThings 200 Found': {}, 'searchThings 400 Missing': {} },
      cannotReplay: { 'searchThings 200 Found': 'because', 'searchThings parameter word=Word': ' ' },
    };
    expect(planProblems(doc, plan)).toEqual([
      'requests names no documented example: searchThings 400 Missing',
      'searchThings 200 Found is both replayed and listed as cannot replay',
      'searchThings parameter word=Word is listed as cannot replay without a reason',
      'searchThings 400 MissingParameter: give the request that provokes it, or list it as cannot replay with the reason',
    ]);
  });
});

/** A stand-in server: a token endpoint, and search answers chosen per query, to see what the harness sends. */
describe('replaying cases against a server', () => {
  let server: Server;
  let handle: SandboxHandle;
  const seen: Array<{ url: string; auth: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/oauth/v2/token')) {
        res.end(JSON.stringify({ access_token: 'tok', expires_in: 3600 }));
        return;
      }
      seen.push({ url, auth: req.headers.authorization });
      const query = new URL(url, 'http://x').searchParams;
      if (query.has('word')) res.writeHead(400).end(JSON.stringify({ code: 'INVALID_QUERY', status: 'error' }));
      else if (query.has('criteria')) res.writeHead(200).end(JSON.stringify({ data: [{ id: '1' }] }));
      else res.writeHead(400).end(JSON.stringify({ code: 'REQUIRED_PARAM_MISSING', status: 'error' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    handle = {
      url,
      urls: { accounts: url },
      credentials: { clientId: 'c', clientSecret: 's', refreshToken: 'r' },
      clock: { now: () => Date.now() },
    };
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const plan: ExampleReplayPlan<SandboxHandle> = {
    specFile: 'mini-spec.yaml',
    operations: { searchThings: { query: { criteria: '(Name:equals:B)' }, exclusive: [['criteria', 'word']] } },
    requests: { 'searchThings 400 MissingParameter': { query: { criteria: undefined } } },
  };
  const replay = async (id: string) => {
    const c = planCases(doc, plan).find((x) => x.id === id)!;
    return replayCase(handle, doc, c, plan.operations.searchThings!, plan.requests?.[id]);
  };

  it('sends the documented values with a token and passes a documented success', async () => {
    const outcome = await replay('searchThings parameter module=Contacts');
    expect(outcome.problem).toBeUndefined();
    expect(seen.at(-1)).toEqual({
      url: `/crm/v8/Contacts/search?${new URLSearchParams({ criteria: '(Name:equals:B)' })}`,
      auth: 'Zoho-oauthtoken tok',
    });
  });

  it('replaces the exclusive group with the example, and fails an answer the document does not promise', async () => {
    const outcome = await replay('searchThings parameter word=Word');
    expect(seen.at(-1)?.url).toBe('/crm/v8/Leads/search?word=Zylker');
    expect(outcome.problem).toMatch(/expected a documented success \(200, 204\), got 400 INVALID_QUERY/);
  });

  it('fails a documented error answered with another code', async () => {
    const outcome = await replay('searchThings 400 MissingParameter');
    expect(seen.at(-1)?.url).toBe('/crm/v8/Leads/search');
    expect(outcome.problem).toMatch(/expected 400 EXPECTED_PARAM_MISSING, got 400 REQUIRED_PARAM_MISSING/);
  });
});
