/**
 * The ledger contract, run against both stores (SQLite, and PostgreSQL on the machine's server): duplicates
 * collapse, versions re-open work, leases expire, state survives a reopen, blocked work is re-checked less often as
 * it ages, claims take turns between handoffs, and two runtimes sharing one ledger never claim the same entry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedRecheckDelay, type Ledger, PostgresLedger, SqliteLedger } from '@zlc/flow';
import { dropSchema, freshSchemaName, postgresAvailable, TEST_POSTGRES_URL } from '@zlc/testkit';
import { afterEach, describe, expect, it } from 'vitest';

/** A store under test: `open` makes a fresh ledger; `reopen` opens the same storage again (a restart). */
interface Store {
  open(now?: () => number): Promise<Ledger>;
  reopen(now?: () => number): Promise<Ledger>;
  cleanup(): Promise<void>;
}

function sqliteStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'zlc-ledger-'));
  const path = join(dir, 'flow.db');
  return {
    open: async (now) => new SqliteLedger(path, now),
    reopen: async (now) => new SqliteLedger(path, now),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresStore(): Store {
  const schema = freshSchemaName();
  const open = (now?: () => number) =>
    PostgresLedger.open({ url: TEST_POSTGRES_URL, schema, ...(now === undefined ? {} : { now }) });
  return { open, reopen: open, cleanup: () => dropSchema(schema) };
}

const postgres = await postgresAvailable();
const STORES: [string, () => Store, string | undefined][] = [
  ['SQLite', sqliteStore, undefined],
  ['PostgreSQL', postgresStore, postgres.ok ? undefined : postgres.reason],
];

const event = { handoff: 'h', recordId: 'r1', transition: 'enters:won', source: 'webhook' };

/** Runs `work` over `items` 50 at a time, as a busy runtime's concurrent requests would. */
async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += 50) await Promise.all(items.slice(i, i + 50).map(work));
}

describe.each(STORES)('the %s ledger', (_name, makeStore, unavailable) => {
  const opened: Ledger[] = [];
  const stores: Store[] = [];
  async function ledgerAt(now?: () => number): Promise<{ ledger: Ledger; store: Store }> {
    const store = makeStore();
    stores.push(store);
    const ledger = await store.open(now);
    opened.push(ledger);
    return { ledger, store };
  }
  afterEach(async () => {
    for (const l of opened.splice(0)) await l.close().catch(() => {});
    for (const s of stores.splice(0)) await s.cleanup();
  });
  const test = it.skipIf(unavailable !== undefined);
  if (unavailable !== undefined) it.skip(`(skipped: ${unavailable})`, () => {});

  test('answers a ping while open and refuses one once closed', async () => {
    const { ledger } = await ledgerAt();
    await expect(ledger.ping()).resolves.toBeUndefined();
    await ledger.close();
    await expect(ledger.ping()).rejects.toThrow();
  });

  test('keeps one entry for the same event offered twice', async () => {
    const { ledger } = await ledgerAt();
    expect((await ledger.offer({ ...event, version: 'v' })).outcome).toBe('created');
    expect((await ledger.offer({ ...event, version: 'v' })).outcome).toBe('duplicate');
    expect(await ledger.list()).toHaveLength(1);
  });

  test('offers a batch as it would offer its events one after another, the results in the batch order', async () => {
    const { ledger } = await ledgerAt();
    const done = await ledger.offer({ ...event, recordId: 'done', version: '1' });
    const waiting = await ledger.offer({ ...event, recordId: 'waiting', version: '1' });
    await ledger.claim('w', 10, 60_000);
    await ledger.finish(done.id, { state: 'done', version: '1' });
    await ledger.finish(waiting.id, { state: 'done', version: '1' });
    const results = await ledger.offerMany([
      { ...event, recordId: 'new-a', version: '1' },
      { ...event, recordId: 'done', version: '1' },
      { ...event, recordId: 'new-a', version: '2' },
      { ...event, recordId: 'waiting', version: '2' },
      { ...event, handoff: 'other', recordId: 'new-a', version: '1' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'duplicate', 'duplicate', 'reopened', 'created']);
    expect(results[1]?.id).toBe(done.id);
    expect(results[2]?.id).toBe(results[0]?.id);
    expect(results[3]?.id).toBe(waiting.id);
    expect((await ledger.get(results[0]?.id ?? 0))?.version).toBe('2');
    expect(await ledger.counts()).toMatchObject({ pending: 3, done: 1 });
    // New entries are numbered in the batch's order, so that a claim takes them oldest first.
    expect(results[4]?.id).toBeGreaterThan(results[0]?.id ?? Number.POSITIVE_INFINITY);
    expect(await ledger.offerMany([])).toEqual([]);
  });

  test('re-opens finished work only for a later version of the record', async () => {
    const { ledger } = await ledgerAt();
    const { id } = await ledger.offer({ ...event, version: '2026-01-01T00:00:00+00:00' });
    await ledger.claim('w', 10, 60_000);
    await ledger.finish(id, { state: 'done', version: '2026-01-01T00:00:00+00:00' });
    expect((await ledger.offer({ ...event, version: '2026-01-01T00:00:00+00:00' })).outcome).toBe('duplicate');
    expect((await ledger.offer({ ...event, version: '2026-01-01T00:00:05+00:00' })).outcome).toBe('reopened');
    expect((await ledger.get(id))?.state).toBe('pending');
  });

  test('runs work again that changed while it ran, instead of calling it done', async () => {
    const { ledger } = await ledgerAt();
    const { id } = await ledger.offer({ ...event, version: '1' });
    await ledger.claim('w', 10, 60_000);
    expect((await ledger.offer({ ...event, version: '2' })).outcome).toBe('reopened');
    await ledger.finish(id, { state: 'done' });
    expect((await ledger.get(id))?.state).toBe('pending');
  });

  test('never loses an event that arrives while a run ends: the entry runs again either way', async () => {
    const { ledger } = await ledgerAt();
    const ids = await ledger.offerMany(
      Array.from({ length: 60 }, (_, i) => ({ ...event, recordId: `r${i}`, version: '1' })),
    );
    expect(await ledger.claim('w', 60, 60_000)).toHaveLength(60);
    // The event is recorded before or after the run's end, whichever the store serves first.
    await inBatches(ids, async ({ id }) => {
      await Promise.all([
        ledger.finish(id, { state: 'done', version: '1' }),
        ledger.offer({ ...event, recordId: (await ledger.get(id))?.recordId ?? '', version: '2' }),
      ]);
    });
    expect(await ledger.counts()).toMatchObject({ pending: 60, running: 0, done: 0 });
  });

  test('lets another worker claim a running entry once its lease ran out, and keeps it across a restart', async () => {
    let now = 1_000;
    const { ledger: first, store } = await ledgerAt(() => now);
    const { id } = await first.offer(event);
    expect((await first.claim('a', 10, 5_000)).map((e) => e.id)).toEqual([id]);
    await first.recordStep(id, { stepId: 'customer', outcome: 'created', ids: { contact_id: '42' } });
    await first.recordStep(id, { stepId: 'invoice', outcome: 'created', ids: { invoice_id: '7' } });
    expect(await first.claim('b', 10, 5_000)).toEqual([]);
    await first.close();
    now = 7_000;
    const again = await store.reopen(() => now);
    opened.push(again);
    const claimed = await again.claim('b', 10, 5_000);
    expect(claimed.map((e) => [e.id, e.attempts])).toEqual([[id, 2]]);
    expect(await again.steps(id)).toEqual([
      { stepId: 'customer', outcome: 'created', ids: { contact_id: '42' } },
      { stepId: 'invoice', outcome: 'created', ids: { invoice_id: '7' } },
    ]);
  });

  test('schedules retries for later and reports blocked, failed and dead work with reasons', async () => {
    let now = 0;
    const { ledger } = await ledgerAt(() => now);
    const a = (await ledger.offer(event)).id;
    const b = (await ledger.offer({ ...event, recordId: 'r2' })).id;
    const c = (await ledger.offer({ ...event, recordId: 'r3' })).id;
    await ledger.claim('w', 10, 1_000);
    await ledger.finish(a, { state: 'retry', error: 'unavailable', at: 500 });
    await ledger.finish(b, { state: 'blocked', reason: 'h is waiting for: deal.Amount' });
    await ledger.finish(c, { state: 'dead', error: 'unavailable after 8 tries' });
    expect(await ledger.claim('w', 10, 1_000)).toEqual([]);
    now = 600;
    expect((await ledger.claim('w', 10, 1_000)).map((e) => e.id)).toEqual([a]);
    expect(await ledger.counts()).toMatchObject({ running: 1, blocked: 1, dead: 1 });
    expect((await ledger.get(b))?.reason).toBe('h is waiting for: deal.Amount');
    expect((await ledger.replay(c))?.state).toBe('pending');
    expect(await ledger.nextDue()).toBe(600);
  });

  test('re-checks blocked work every pass at first, then less often the longer it stays blocked', async () => {
    const minute = 60_000;
    expect([0, 9, 10, 120, 600, 6_000].map((m) => blockedRecheckDelay(m * minute) / minute)).toEqual([
      0, 0, 1, 12, 60, 60,
    ]);
    // A real clock (0 would read as "never blocked").
    const at = (minutes: number) => Date.UTC(2026, 0, 1) + minutes * minute;
    let now = at(0);
    const { ledger } = await ledgerAt(() => now);
    const { id } = await ledger.offer(event);
    /** One poll's re-opening of what is due, then a worker run that finds the data still missing; the ids re-run. */
    const recheck = async () => {
      await ledger.reopenDueBlocked('h');
      const due = (await ledger.claim('w', 10, minute)).map((e) => e.id);
      for (const e of due) await ledger.finish(e, { state: 'blocked', reason: 'waiting for: deal.Amount' });
      return due;
    };
    await ledger.claim('w', 10, minute);
    await ledger.finish(id, { state: 'blocked', reason: 'waiting for: deal.Amount' });
    now = at(5);
    expect(await recheck()).toEqual([id]);
    now = at(20);
    expect(await recheck()).toEqual([id]);
    // Blocked since minute 0, checked at minute 20: next at 22.
    expect((await ledger.get(id))?.nextAttemptAt).toBe(at(22));
    now = at(21);
    expect(await recheck()).toEqual([]);
    now = at(22);
    expect(await recheck()).toEqual([id]);
    // Ten hours on, hourly; an edit to the record itself re-opens it at once.
    now = at(600);
    expect(await recheck()).toEqual([id]);
    expect((await ledger.get(id))?.nextAttemptAt).toBe(at(660));
    now = at(601);
    expect((await ledger.offer({ ...event, version: '2026-01-01T00:00:00+00:00' })).outcome).toBe('reopened');
    await ledger.claim('w', 10, minute);
    await ledger.finish(id, { state: 'done' });
    // Done clears the clock: blocked again later starts over at every pass.
    expect((await ledger.offer({ ...event, version: '2026-01-02T00:00:00+00:00' })).outcome).toBe('reopened');
    await ledger.claim('w', 10, minute);
    await ledger.finish(id, { state: 'blocked', reason: 'waiting for: deal.Amount' });
    expect((await ledger.get(id))?.nextAttemptAt).toBe(at(601));
  });

  test('re-opens every due blocked entry of the handoff, however many', async () => {
    const { ledger } = await ledgerAt(() => 0);
    const records = Array.from({ length: 1_203 }, (_, i) => `r${i}`);
    await inBatches(records, (recordId) => ledger.offer({ ...event, recordId }));
    await ledger.offer({ ...event, handoff: 'other' });
    const claimed = await ledger.claim('w', 2_000, 60_000);
    await inBatches(claimed, (e) => ledger.finish(e.id, { state: 'blocked', reason: 'x' }));
    expect(await ledger.reopenDueBlocked('h')).toBe(1_203);
    expect(await ledger.counts()).toMatchObject({ pending: 1_203, blocked: 1 });
    expect((await ledger.list(['pending'], 2_000)).every((e) => e.handoff === 'h' && e.source === 'poll')).toBe(true);
    expect(await ledger.reopenDueBlocked('h')).toBe(0);
  });

  test('takes turns between handoffs, oldest first within each, so one backlog never starves another', async () => {
    const { ledger } = await ledgerAt(() => 0);
    // Finance's backlog is offered first, as a poll over handoffs in turn would.
    for (let i = 0; i < 5; i++) await ledger.offer({ ...event, handoff: 'finance', recordId: `f${i}` });
    for (let i = 0; i < 2; i++) await ledger.offer({ ...event, handoff: 'support', recordId: `s${i}` });
    const claimed = (await ledger.claim('w', 4, 1_000)).map((e) => e.recordId);
    expect(claimed).toEqual(['f0', 's0', 'f1', 's1']);
    // One slot at a time still alternates; once support is empty, finance has every slot.
    expect((await ledger.claim('w', 1, 1_000)).map((e) => e.recordId)).toEqual(['f2']);
    await ledger.offer({ ...event, handoff: 'support', recordId: 's2' });
    expect((await ledger.claim('w', 1, 1_000)).map((e) => e.recordId)).toEqual(['s2']);
    expect((await ledger.claim('w', 1, 1_000)).map((e) => e.recordId)).toEqual(['f3']);
    expect((await ledger.claim('w', 5, 1_000)).map((e) => e.recordId)).toEqual(['f4']);
  });

  test('never gives one entry to two runtimes claiming at once, and keeps one entry per event offered from both', async () => {
    const { ledger: a, store } = await ledgerAt();
    const b = await store.reopen();
    opened.push(b);
    // Both runtimes hear every event (a webhook and the poll, or a retried delivery).
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => [a, b].map((l) => l.offer({ ...event, recordId: `r${i}` }))).flat(),
    );
    expect(await a.counts()).toMatchObject({ pending: 200 });
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).claim(`w${i}`, 10, 60_000)),
    );
    const ids = claims.flat().map((e) => e.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });
});
