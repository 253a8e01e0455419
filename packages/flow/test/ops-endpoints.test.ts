/**
 * The runtime's operations endpoints: `/metrics` scraped after a deal is won and parsed by a Prometheus text-format
 * parser; `/healthz`; `/readyz` ready on a working runtime, and 503 with the reason when its PostgreSQL ledger's
 * server is gone (a proxy to the test server, closed), ready again when it is back.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFlowMetrics, readinessCheck, SqliteLedger, startFlowRuntime } from '@zlc/flow';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { dropSchema, freshSchemaName, postgresAvailable, TEST_POSTGRES_URL } from '@zlc/testkit';
import { Gauge } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, dealReadyToWin, type FlowWorld, flowWorld, rootModel, SECRET } from './support/flow-world.js';
import { parseMetrics, sampleOfFamily } from './support/prometheus.js';
import { tcpProxy } from './support/tcp-proxy.js';

describe('/metrics, /healthz and /readyz on a runtime that ran a won deal', () => {
  let world: FlowWorld;
  beforeAll(async () => {
    world = await flowWorld({}, { metrics: createFlowMetrics() });
    const { deal } = await dealReadyToWin(world.clients, { accountName: 'Metrics Ltd' });
    await world.clients.crm.records.update('Deals', deal.id, { Stage: 'Closed Won' });
    await world.settled(deal.id, ['won-deal-to-books', 'won-deal-to-desk']);
  }, 90_000);
  afterAll(() => world?.close());

  it('serves metrics a Prometheus parser reads: entries by state, runs and latency, Zoho calls, budgets, token', async () => {
    const res = await fetch(`${world.runtime.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    const families = await parseMetrics(text);

    expect(families.get('zlc_flow_entries')?.type).toBe('gauge');
    expect(sampleOfFamily(families, 'zlc_flow_entries', { state: 'done' }).value).toBeGreaterThanOrEqual(2);
    expect(sampleOfFamily(families, 'zlc_flow_entries', { state: 'dead' }).value).toBe(0);
    expect(sampleOfFamily(families, 'zlc_flow_ledger_up').value).toBe(1);
    const accepted = { handoff: 'won-deal-to-books', source: 'webhook', result: 'created' };
    expect(sampleOfFamily(families, 'zlc_flow_intake_total', accepted).value).toBeGreaterThanOrEqual(1);
    expect(
      sampleOfFamily(families, 'zlc_flow_runs_total', { handoff: 'won-deal-to-books', outcome: 'done' }).value,
    ).toBeGreaterThanOrEqual(1);
    for (const name of ['zlc_flow_handoff_duration_seconds', 'zlc_flow_handoff_latency_seconds']) {
      expect(families.get(name)?.type).toBe('histogram');
      const run = sampleOfFamily(families, name, { handoff: 'won-deal-to-desk' });
      expect(run.count).toBeGreaterThanOrEqual(1);
      expect(run.sum).toBeGreaterThan(0);
    }

    const booksCreated = sampleOfFamily(families, 'zlc_zoho_requests_total', {
      product: 'books',
      method: 'POST',
      status: '201',
    });
    expect(booksCreated.value).toBeGreaterThanOrEqual(2); // the customer and the invoice
    const crmRead = families.get('zlc_zoho_requests_total')?.samples.filter((s) => s.labels.product === 'crm');
    expect(crmRead?.some((s) => s.labels.status === '200')).toBe(true);
    expect(sampleOfFamily(families, 'zlc_zoho_request_duration_seconds', { product: 'desk' }).count).toBeGreaterThan(0);

    const booksRate = sampleOfFamily(families, 'zlc_zoho_rate_available', { product: 'books' }).value;
    expect(booksRate).toBeGreaterThanOrEqual(0);
    expect(booksRate).toBeLessThanOrEqual(world.clients.budgets.books.concurrency * 100);
    const perDay = world.clients.budgets.books.perDay ?? 0;
    const left = sampleOfFamily(families, 'zlc_zoho_daily_calls_remaining', { product: 'books' }).value ?? 0;
    expect(left).toBeLessThan(perDay);
    expect(left).toBeGreaterThan(perDay - 100);
    expect(sampleOfFamily(families, 'zlc_zoho_concurrency', { product: 'crm' }).value).toBeGreaterThan(0);

    const age = sampleOfFamily(families, 'zlc_zoho_token_age_seconds').value ?? -1;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(600);
    expect(sampleOfFamily(families, 'zlc_zoho_token_expires_in_seconds').value).toBeGreaterThan(3000);
    expect(families.has('process_resident_memory_bytes')).toBe(true);

    for (const secret of [SECRET, world.sandbox.env.ZOHO_CLIENT_SECRET, world.sandbox.env.ZOHO_REFRESH_TOKEN])
      expect(text).not.toContain(secret);
  });

  it('answers /healthz with 200, /readyz with 200 and each check, HEAD without a body, and 405 to POST', async () => {
    const health = await fetch(`${world.runtime.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const ready = await fetch(`${world.runtime.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { ledger: { ok: true }, token: { ok: true }, model: { ok: true } },
    });
    const head = await fetch(`${world.runtime.url}/metrics`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await fetch(`${world.runtime.url}/readyz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('the metrics text', () => {
  it('leaves out a sample that has no value yet (NaN), so that every parser reads the rest', async () => {
    const metrics = createFlowMetrics({ processMetrics: false });
    const gauge = new Gauge({ name: 'zlc_test_gauge', help: 'x', labelNames: ['k'], registers: [metrics.registry] });
    gauge.set({ k: 'unknown' }, Number.NaN);
    gauge.set({ k: 'known' }, 2);
    const { text } = await metrics.render();
    expect(text).not.toMatch(/ nan$/im);
    const families = await parseMetrics(text);
    expect(families.get('zlc_test_gauge')?.samples).toEqual([{ labels: { k: 'known' }, value: 2 }]);
  });
});

describe('readiness', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    dir = mkdtempSync(join(tmpdir(), 'zlc-ready-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not ready, saying why, when the model has no handoffs or Zoho refuses the refresh token', async () => {
    const model = await rootModel();
    const ledger = new SqliteLedger(join(dir, 'a.db'));
    const refused = clientsFor({ ...sandbox.env, ZOHO_REFRESH_TOKEN: 'not-a-grant-of-this-org' });
    try {
      const check = readinessCheck({ ledger, clients: refused, model: { ...model, handoffs: [] } });
      const result = await check();
      expect(result.ready).toBe(false);
      expect(result.checks.ledger.ok).toBe(true);
      expect(result.checks.model).toEqual({ ok: false, reason: 'the model has no handoffs: nothing to run' });
      expect(result.checks.token.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('not-a-grant-of-this-org');
      // A failed token check is answered again from memory: probes do not spend Zoho's token requests.
      const before = sandbox.stats().requests.accounts;
      await check();
      expect(sandbox.stats().requests.accounts).toBe(before);
    } finally {
      refused.close();
      await ledger.close();
    }
  });

  describe('on a PostgreSQL ledger', async () => {
    const postgres = await postgresAvailable();
    const schema = freshSchemaName();
    afterAll(() => (postgres.ok ? dropSchema(schema) : undefined));

    it.skipIf(!postgres.ok)(
      'goes 503 naming the ledger when its server is gone, and 200 when it is back; metrics say the ledger is down',
      async () => {
        const target = new URL(TEST_POSTGRES_URL);
        const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
        const via = new URL(TEST_POSTGRES_URL);
        via.port = String(proxy.port);
        const clients = clientsFor(sandbox.env);
        const runtime = await startFlowRuntime({
          clients,
          model: await rootModel(),
          ledger: { kind: 'postgres', url: via.toString(), schema },
          secret: SECRET,
          pollIntervalMs: 0,
        });
        try {
          const up = await fetch(`${runtime.url}/readyz`);
          expect(up.status, await up.clone().text()).toBe(200);
          await proxy.stop();
          const down = await fetch(`${runtime.url}/readyz`);
          expect(down.status, await down.clone().text()).toBe(503);
          const body = (await down.json()) as { ready: boolean; reason: string; checks: Record<string, unknown> };
          expect(body.ready).toBe(false);
          expect(body.reason).toContain(`ledger postgres://postgres@127.0.0.1:${proxy.port}/`);
          expect(body.reason).toContain('unreachable');
          expect(body.checks.token).toMatchObject({ ok: true });
          const metrics = await parseMetrics(await (await fetch(`${runtime.url}/metrics`)).text());
          expect(sampleOfFamily(metrics, 'zlc_flow_ledger_up').value).toBe(0);
          expect(metrics.get('zlc_flow_entries')?.samples).toEqual([]);
          await proxy.start();
          const back = await fetch(`${runtime.url}/readyz`);
          expect(back.status, await back.clone().text()).toBe(200);
        } finally {
          await runtime.close();
          clients.close();
          await proxy.close();
        }
      },
      60_000,
    );

    it.skipIf(!postgres.ok)('refuses to start on a ledger whose server does not answer, naming it', async () => {
      const clients = clientsFor(sandbox.env);
      const closed = await tcpProxy({ host: '127.0.0.1', port: 5432 });
      await closed.stop();
      try {
        await expect(
          startFlowRuntime({
            clients,
            model: await rootModel(),
            ledger: { kind: 'postgres', url: `postgres://zlc:hunter2@127.0.0.1:${closed.port}/test`, schema },
            secret: SECRET,
            pollIntervalMs: 0,
          }),
        ).rejects.toThrow(`the ledger postgres://zlc:***@127.0.0.1:${closed.port}/test cannot be opened`);
      } finally {
        clients.close();
      }
    });
  });
});
