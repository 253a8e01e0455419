/**
 * The report store contract, run against both stores (SQLite under the state dir; PostgreSQL beside a PostgreSQL
 * ledger): a full read replaces a source's records on commit, a delta adds and deletes, a read that fails half-way
 * leaves the previous read whole, watermarks persist across a reopen, and two orgs never see each other's records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReportStore, type ReportStore, type ReportStoreSpec } from '@zlc/report';
import { dropSchema, freshSchemaName, postgresAvailable, TEST_POSTGRES_URL } from '@zlc/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const postgres = await postgresAvailable();

interface Store {
  spec: ReportStoreSpec;
  cleanup(): Promise<void>;
}

function sqliteStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'zlc-report-store-'));
  return {
    spec: { kind: 'sqlite', stateDir: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresStore(): Store {
  const schema = freshSchemaName();
  return { spec: { kind: 'postgres', url: TEST_POSTGRES_URL, schema }, cleanup: () => dropSchema(schema) };
}

const STORES: [string, () => Store, string | undefined][] = [
  ['SQLite', sqliteStore, undefined],
  ['PostgreSQL', postgresStore, postgres.ok ? undefined : postgres.reason],
];

const mark = (since: string) => ({ since, readAt: since, fullReadAt: since, shape: 'v1' });

describe.each(STORES)('the %s report store', (_name, makeStore, unavailable) => {
  const open: ReportStore[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close().catch(() => {});
    for (const s of stores.splice(0)) await s.cleanup();
  });
  async function fresh(target = 'org-a'): Promise<{ store: ReportStore; spec: ReportStoreSpec }> {
    const made = makeStore();
    stores.push(made);
    const store = await openReportStore(made.spec, target);
    open.push(store);
    return { store, spec: made.spec };
  }
  const test = it.skipIf(unavailable !== undefined);
  if (unavailable !== undefined) it.skip(`(skipped: ${unavailable})`, () => {});

  test('replaces a source on a full read, adds and deletes on a delta, and keeps the watermark', async () => {
    const { store } = await fresh();
    const full = await store.begin('crm:deals', 'full');
    await full.upsert([
      ['1', { id: '1', Amount: 10 }],
      ['2', { id: '2', Amount: 20 }],
    ]);
    await full.commit(mark('2030-01-01T00:00:00Z'));
    const delta = await store.begin('crm:deals', 'delta');
    await delta.upsert([['3', { id: '3', Amount: 30 }]]);
    await delta.delete(['1']);
    await delta.commit(mark('2030-01-02T00:00:00Z'));
    expect((await store.read('crm:deals')).map((r) => (r as { id: string }).id).sort()).toEqual(['2', '3']);
    const again = await store.begin('crm:deals', 'full');
    await again.upsert([['4', { id: '4' }]]);
    await again.commit(mark('2030-01-03T00:00:00Z'));
    expect(await store.read('crm:deals')).toEqual([{ id: '4' }]);
    expect((await store.watermark('crm:deals'))?.since).toBe('2030-01-03T00:00:00Z');
    expect(await store.watermark('books:invoices')).toBeUndefined();
  });

  test('keeps the previous read whole when a full read never commits', async () => {
    const { store, spec } = await fresh();
    const first = await store.begin('books:invoices', 'full');
    await first.upsert([['i1', { id: 'i1' }]]);
    await first.commit(mark('2030-01-01T00:00:00Z'));
    const broken = await store.begin('books:invoices', 'full');
    await broken.upsert([['i2', { id: 'i2' }]]);
    // The process dies here: the store is closed without a commit and opened again.
    await store.close();
    open.splice(open.indexOf(store), 1);
    const reopened = await openReportStore(spec, 'org-a');
    open.push(reopened);
    expect((await reopened.read('books:invoices')).map((r) => (r as { id: string }).id)).toContain('i1');
    expect((await reopened.watermark('books:invoices'))?.since).toBe('2030-01-01T00:00:00Z');
  });

  test('never shows one org the records of another', async () => {
    const { store, spec } = await fresh('org-a');
    const write = await store.begin('desk:tickets', 'full');
    await write.upsert([['t1', { id: 't1' }]]);
    await write.commit(mark('2030-01-01T00:00:00Z'));
    const other = await openReportStore(spec, 'org-b');
    open.push(other);
    expect(await other.read('desk:tickets')).toEqual([]);
    expect(await other.watermark('desk:tickets')).toBeUndefined();
  });
});
