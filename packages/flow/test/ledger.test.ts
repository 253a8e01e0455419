/**
 * The SQLite ledger: duplicates collapse, versions re-open work, leases expire, state survives a reopen, blocked
 * work is re-checked less often as it ages, a version-1 ledger is upgraded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedRecheckDelay, LEDGER_SCHEMA_VERSION, SqliteLedger } from '@zlc/flow';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
function ledgerAt(now: () => number = Date.now): { ledger: SqliteLedger; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zlc-ledger-'));
  dirs.push(dir);
  const path = join(dir, 'flow.db');
  return { ledger: new SqliteLedger(path, now), path };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const event = { handoff: 'h', recordId: 'r1', transition: 'enters:won', source: 'webhook' };

describe('the ledger', () => {
  it('keeps one entry for the same event offered twice', () => {
    const { ledger } = ledgerAt();
    expect(ledger.offer({ ...event, version: 'v' }).outcome).toBe('created');
    expect(ledger.offer({ ...event, version: 'v' }).outcome).toBe('duplicate');
    expect(ledger.list()).toHaveLength(1);
    ledger.close();
  });

  it('re-opens finished work only for a later version of the record', () => {
    const { ledger } = ledgerAt();
    const { id } = ledger.offer({ ...event, version: '2026-01-01T00:00:00+00:00' });
    ledger.claim('w', 10, 60_000);
    ledger.finish(id, { state: 'done', version: '2026-01-01T00:00:00+00:00' });
    expect(ledger.offer({ ...event, version: '2026-01-01T00:00:00+00:00' }).outcome).toBe('duplicate');
    expect(ledger.offer({ ...event, version: '2026-01-01T00:00:05+00:00' }).outcome).toBe('reopened');
    expect(ledger.get(id)?.state).toBe('pending');
    ledger.close();
  });

  it('runs work again that changed while it ran, instead of calling it done', () => {
    const { ledger } = ledgerAt();
    const { id } = ledger.offer({ ...event, version: '1' });
    ledger.claim('w', 10, 60_000);
    expect(ledger.offer({ ...event, version: '2' }).outcome).toBe('reopened');
    ledger.finish(id, { state: 'done' });
    expect(ledger.get(id)?.state).toBe('pending');
    ledger.close();
  });

  it('lets another worker claim a running entry once its lease ran out, and keeps it across a restart', () => {
    let now = 1_000;
    const first = ledgerAt(() => now);
    const { id } = first.ledger.offer(event);
    expect(first.ledger.claim('a', 10, 5_000).map((e) => e.id)).toEqual([id]);
    first.ledger.recordStep(id, { stepId: 'customer', outcome: 'created', ids: { contact_id: '42' } });
    expect(first.ledger.claim('b', 10, 5_000)).toEqual([]);
    first.ledger.close();
    now = 7_000;
    const again = new SqliteLedger(first.path, () => now);
    const claimed = again.claim('b', 10, 5_000);
    expect(claimed.map((e) => [e.id, e.attempts])).toEqual([[id, 2]]);
    expect(again.steps(id)).toEqual([{ stepId: 'customer', outcome: 'created', ids: { contact_id: '42' } }]);
    again.close();
  });

  it('schedules retries for later and reports blocked, failed and dead work with reasons', () => {
    let now = 0;
    const { ledger } = ledgerAt(() => now);
    const a = ledger.offer(event).id;
    const b = ledger.offer({ ...event, recordId: 'r2' }).id;
    const c = ledger.offer({ ...event, recordId: 'r3' }).id;
    ledger.claim('w', 10, 1_000);
    ledger.finish(a, { state: 'retry', error: 'unavailable', at: 500 });
    ledger.finish(b, { state: 'blocked', reason: 'h is waiting for: deal.Amount' });
    ledger.finish(c, { state: 'dead', error: 'unavailable after 8 tries' });
    expect(ledger.claim('w', 10, 1_000)).toEqual([]);
    now = 600;
    expect(ledger.claim('w', 10, 1_000).map((e) => e.id)).toEqual([a]);
    expect(ledger.counts()).toMatchObject({ running: 1, blocked: 1, dead: 1 });
    expect(ledger.get(b)?.reason).toBe('h is waiting for: deal.Amount');
    expect(ledger.replay(c)?.state).toBe('pending');
    ledger.close();
  });

  it('re-checks blocked work every pass at first, then less often the longer it stays blocked', () => {
    const minute = 60_000;
    expect([0, 9, 10, 120, 600, 6_000].map((m) => blockedRecheckDelay(m * minute) / minute)).toEqual([
      0, 0, 1, 12, 60, 60,
    ]);
    // A real clock (0 would read as "never blocked").
    const at = (minutes: number) => Date.UTC(2026, 0, 1) + minutes * minute;
    let now = at(0);
    const { ledger } = ledgerAt(() => now);
    const { id } = ledger.offer(event);
    /** One poll's re-opening of what is due, then a worker run that finds the data still missing; the ids re-run. */
    const recheck = () => {
      ledger.reopenDueBlocked('h');
      const due = ledger.claim('w', 10, minute).map((e) => e.id);
      for (const e of due) ledger.finish(e, { state: 'blocked', reason: 'waiting for: deal.Amount' });
      return due;
    };
    ledger.claim('w', 10, minute);
    ledger.finish(id, { state: 'blocked', reason: 'waiting for: deal.Amount' });
    now = at(5);
    expect(recheck()).toEqual([id]);
    now = at(20);
    expect(recheck()).toEqual([id]);
    // Blocked since minute 0, checked at minute 20: next at 22.
    expect(ledger.get(id)?.nextAttemptAt).toBe(at(22));
    now = at(21);
    expect(recheck()).toEqual([]);
    now = at(22);
    expect(recheck()).toEqual([id]);
    // Ten hours on, hourly; an edit to the record itself re-opens it at once.
    now = at(600);
    expect(recheck()).toEqual([id]);
    expect(ledger.get(id)?.nextAttemptAt).toBe(at(660));
    now = at(601);
    expect(ledger.offer({ ...event, version: '2026-01-01T00:00:00+00:00' }).outcome).toBe('reopened');
    ledger.claim('w', 10, minute);
    ledger.finish(id, { state: 'done' });
    // Done clears the clock: blocked again later starts over at every pass.
    expect(ledger.offer({ ...event, version: '2026-01-02T00:00:00+00:00' }).outcome).toBe('reopened');
    ledger.claim('w', 10, minute);
    ledger.finish(id, { state: 'blocked', reason: 'waiting for: deal.Amount' });
    expect(ledger.get(id)?.nextAttemptAt).toBe(at(601));
    ledger.close();
  });

  it('re-opens every due blocked entry of the handoff, however many', () => {
    const { ledger } = ledgerAt(() => 0);
    for (let i = 0; i < 1_203; i++) ledger.offer({ ...event, recordId: `r${i}` });
    ledger.offer({ ...event, handoff: 'other' });
    for (const e of ledger.claim('w', 2_000, 60_000)) ledger.finish(e.id, { state: 'blocked', reason: 'x' });
    expect(ledger.reopenDueBlocked('h')).toBe(1_203);
    expect(ledger.counts()).toMatchObject({ pending: 1_203, blocked: 1 });
    expect(ledger.list(['pending'], 2_000).every((e) => e.handoff === 'h' && e.source === 'poll')).toBe(true);
    expect(ledger.reopenDueBlocked('h')).toBe(0);
    ledger.close();
  });

  it('upgrades a version-1 ledger in place, keeping its entries (blocked ones count as blocked from then on)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zlc-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'flow.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema_version', '1');
      CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, handoff TEXT NOT NULL, record_id TEXT NOT NULL,
        transition TEXT NOT NULL, state TEXT NOT NULL, version TEXT, dirty INTEGER NOT NULL DEFAULT 0,
        own_version INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0, lease_until INTEGER NOT NULL DEFAULT 0, lease_owner TEXT,
        last_error TEXT, reason TEXT, source TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        UNIQUE (handoff, record_id, transition));
      INSERT INTO entries (handoff, record_id, transition, state, reason, source, created_at, updated_at)
        VALUES ('h', 'r1', 'enters:won', 'blocked', 'waiting for: deal.Amount', 'poll', 0, 0);`);
    old.close();
    let now = 100 * 60_000;
    const ledger = new SqliteLedger(path, () => now);
    expect(ledger.list().map((e) => [e.recordId, e.state, e.reason])).toEqual([
      ['r1', 'blocked', 'waiting for: deal.Amount'],
    ]);
    expect(ledger.reopenDueBlocked('h')).toBe(1);
    const [entry] = ledger.claim('w', 10, 60_000);
    if (!entry) throw new Error('the blocked entry was not re-opened');
    now += 60_000;
    ledger.finish(entry.id, { state: 'blocked', reason: 'waiting for: deal.Amount' });
    // Blocked since the upgrade (one minute ago), not since the entry was made: checked again on the next pass.
    expect(ledger.get(entry.id)?.nextAttemptAt).toBe(now);
    ledger.close();
    const meta = new Database(path, { readonly: true });
    expect(meta.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({
      value: String(LEDGER_SCHEMA_VERSION),
    });
    meta.close();
  });

  it('takes turns between handoffs, oldest first within each, so one backlog never starves another', () => {
    const { ledger } = ledgerAt(() => 0);
    // Finance's backlog is offered first, as a poll over handoffs in turn would.
    for (let i = 0; i < 5; i++) ledger.offer({ ...event, handoff: 'finance', recordId: `f${i}` });
    for (let i = 0; i < 2; i++) ledger.offer({ ...event, handoff: 'support', recordId: `s${i}` });
    const claimed = ledger.claim('w', 4, 1_000).map((e) => e.recordId);
    expect(claimed).toEqual(['f0', 's0', 'f1', 's1']);
    // One slot at a time still alternates; once support is empty, finance has every slot.
    expect(ledger.claim('w', 1, 1_000).map((e) => e.recordId)).toEqual(['f2']);
    ledger.offer({ ...event, handoff: 'support', recordId: 's2' });
    expect(ledger.claim('w', 1, 1_000).map((e) => e.recordId)).toEqual(['s2']);
    expect(ledger.claim('w', 1, 1_000).map((e) => e.recordId)).toEqual(['f3']);
    expect(ledger.claim('w', 5, 1_000).map((e) => e.recordId)).toEqual(['f4']);
    ledger.close();
  });
});
