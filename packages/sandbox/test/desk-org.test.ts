/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import { accessToken, callApi, sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const desk = deskCaller(() => sandbox.current);

describe('Desk orgId binding', () => {
  it('lists organizations without an orgId', async () => {
    const answer = await desk('GET', '/organizations', undefined, { orgId: 'none' });
    expect(answer.status).toBe(200);
    expect(data(answer).map((o) => o.id)).toEqual([sandbox.current.org.deskOrgId]);
  });

  it('accepts orgId as a header and as a query parameter', async () => {
    expect((await desk('GET', '/departments', undefined, { orgId: 'header' })).status).toBe(200);
    expect((await desk('GET', '/departments', undefined, { orgId: 'query' })).status).toBe(200);
  });

  it('refuses a call without orgId with BAD_REQUEST', async () => {
    const answer = await desk('GET', '/departments', undefined, { orgId: 'none' });
    expect(answer.status).toBe(400);
    expect(obj(answer).errorCode).toBe('BAD_REQUEST');
  });

  it('refuses another org id with OAUTH_ORG_MISMATCH', async () => {
    const answer = await desk('GET', '/tickets', undefined, { orgId: { header: '999999999' } });
    expect(answer.status).toBe(401);
    expect(obj(answer)).toEqual({ errorCode: 'OAUTH_ORG_MISMATCH', message: expect.any(String) });
  });

  it('refuses a call without a token with Desk’s error body', async () => {
    const answer = await desk('GET', '/tickets', undefined, { token: null });
    expect(answer.status).toBe(401);
    expect(Object.keys(obj(answer)).sort()).toEqual(['errorCode', 'message']);
  });
});

describe('Desk organizations, departments and agents', () => {
  it('gets the organization by id with a numeric-string id', async () => {
    const org = obj(await desk('GET', `/organizations/${sandbox.current.org.deskOrgId}`));
    expect(org.id).toMatch(/^[0-9]+$/);
    expect(org.companyName).toBeTypeOf('string');
  });

  it('answers 404 URL_NOT_FOUND for an unknown organization', async () => {
    const answer = await desk('GET', '/organizations/123');
    expect(answer.status).toBe(404);
    expect(obj(answer).errorCode).toBe('URL_NOT_FOUND');
  });

  it('has a default Support department and gets it with its agents', async () => {
    const departments = data(await desk('GET', '/departments'));
    const support = departments.find((d) => d.name === 'Support');
    expect(support?.isDefault).toBe(true);
    const one = obj(await desk('GET', `/departments/${String(support?.id)}`));
    expect(Array.isArray(one.associatedAgentIds)).toBe(true);
    const agents = data(await desk('GET', `/departments/${String(support?.id)}/agents`));
    expect(agents.length).toBeGreaterThanOrEqual(4);
    expect(obj(await desk('GET', '/departments/count')).count).toBe(departments.length);
    expect((await desk('GET', '/departments/1')).status).toBe(404);
    expect((await desk('GET', '/departments/1/agents')).status).toBe(404);
    expect((await desk('GET', '/departments?limit=201')).status).toBe(422);
  });

  it('filters departments by isEnabled and refuses a bad value', async () => {
    expect(data(await desk('GET', '/departments?isEnabled=true')).length).toBeGreaterThan(0);
    expect((await desk('GET', '/departments?isEnabled=false')).status).toBe(204);
    expect((await desk('GET', '/departments?isEnabled=maybe')).status).toBe(422);
  });

  it('lists agents and gets one, 404 for an unknown agent', async () => {
    const agents = data(await desk('GET', '/agents?limit=2'));
    expect(agents).toHaveLength(2);
    const one = obj(await desk('GET', `/agents/${String(agents[0]?.id)}`));
    expect(one.emailId).toMatch(/@/);
    expect((await desk('GET', '/agents/1')).status).toBe(404);
    expect((await desk('GET', '/agents?status=SLEEPING')).status).toBe(422);
  });

  it("lists a department's teams in Team.json's teamResponse shape, an empty list for none, 404 for no department", async () => {
    const departments = data(await desk('GET', '/departments'));
    const idOf = (name: string) => String(departments.find((d) => d.name === name)?.id);
    const answer = await desk('GET', `/departments/${idOf('Customer Success')}/teams`);
    expect(answer.status).toBe(200);
    const teams = obj(answer).teams as Record<string, unknown>[];
    expect(teams.map((t) => [t.name, t.departmentId])).toEqual([['Onboarding', idOf('Customer Success')]]);
    expect(Object.keys(teams[0] ?? {}).sort()).toEqual(
      [
        'agents',
        'departmentId',
        'derivedAgents',
        'description',
        'id',
        'logoUrl',
        'name',
        'roles',
        'rolesWithSubordinates',
        'subTeams',
      ].sort(),
    );
    const members = data(await desk('GET', `/departments/${idOf('Customer Success')}/agents`)).map((a) => a.id);
    expect(members).toEqual(expect.arrayContaining(teams[0]?.agents as string[]));
    const deliveries = obj(await desk('GET', `/departments/${idOf('Customer Service')}/teams`)).teams;
    expect((deliveries as Record<string, unknown>[]).map((t) => t.name)).toEqual(['Deliveries']);
    expect(obj(await desk('GET', `/departments/${idOf('Support')}/teams`))).toEqual({ teams: [] });
    expect((await desk('GET', '/departments/1/teams')).status).toBe(404);
  });

  it("filters agents by Agent.json's status values and caps departmentIds at 50", async () => {
    expect((await desk('GET', '/agents?status=DELETED')).status).toBe(204);
    expect((await desk('GET', '/agents?status=IMPORTED')).status).toBe(204);
    expect(data(await desk('GET', '/agents?status=ACTIVE&limit=200')).length).toBeGreaterThan(0);
    const fifty = Array.from({ length: 50 }, (_, i) => String(i + 1)).join(',');
    expect((await desk('GET', `/agents?departmentIds=${fifty}`)).status).toBe(204);
    expect((await desk('GET', `/agents?departmentIds=${fifty},51`)).status).toBe(422);
  });
});

describe('Desk answers bad requests with its error bodies', () => {
  it('answers an unknown path with URL_NOT_FOUND', async () => {
    const answer = await desk('GET', '/nothingHere');
    expect(answer.status).toBe(404);
    expect(obj(answer).errorCode).toBe('URL_NOT_FOUND');
  });

  it('answers malformed JSON with a Desk error, not a crash', async () => {
    const answer = await desk('POST', '/accounts', '{"accountName": ');
    expect(answer.status).toBe(422);
    expect(obj(answer).errorCode).toBe('UNPROCESSABLE_ENTITY');
  });

  it('answers a missing body with EMPTY_PAYLOAD', async () => {
    const s = sandbox.current;
    const answer = await callApi(s, await accessToken(s), 'POST', '/api/v1/accounts', undefined, {
      orgId: s.org.deskOrgId,
    });
    expect(answer.status).toBe(422);
    expect(obj(answer).errorCode).toBe('EMPTY_PAYLOAD');
  });

  it('answers a body that is not an object with UNPROCESSABLE_ENTITY', async () => {
    const answer = await desk('POST', '/accounts', [{ accountName: 'A' }]);
    expect(answer.status).toBe(422);
    expect(obj(answer).errorCode).toBe('UNPROCESSABLE_ENTITY');
  });

  it('answers a huge body with 413 and a Desk error code', async () => {
    const answer = await desk('POST', '/accounts', { accountName: 'A', description: 'x'.repeat(12 * 1024 * 1024) });
    expect(answer.status).toBe(413);
    expect(obj(answer).errorCode).toBe('RESOURCE_SIZE_EXCEEDED');
  });
});

describe('Desk rate limits', () => {
  it('answers 429 TOO_MANY_REQUESTS over the per-minute rate, without Retry-After', async () => {
    const s = sandbox.current;
    s.limits.set('desk', { perMinute: 2 });
    try {
      s.clock.advance(61_000);
      expect((await desk('GET', '/departments')).status).toBe(200);
      expect((await desk('GET', '/departments')).status).toBe(200);
      const refused = await desk('GET', '/departments');
      expect(refused.status).toBe(429);
      expect(obj(refused).errorCode).toBe('TOO_MANY_REQUESTS');
      expect(refused.headers.get('retry-after')).toBeNull();
    } finally {
      s.limits.set('desk', { perMinute: Number.POSITIVE_INFINITY });
    }
  });

  it('answers 429 THRESHOLD_EXCEEDED with Retry-After when the daily credits run out, and reports the weight', async () => {
    const s = sandbox.current;
    const first = await desk('GET', '/departments');
    expect(first.headers.get('x-rate-limit-request-weight-v3')).toBe('3');
    s.limits.set('desk', { dailyCredits: 1 });
    try {
      const refused = await desk('GET', '/tickets');
      expect(refused.status).toBe(429);
      expect(obj(refused).errorCode).toBe('THRESHOLD_EXCEEDED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      s.limits.set('desk', { dailyCredits: Number.POSITIVE_INFINITY });
    }
  });
});
