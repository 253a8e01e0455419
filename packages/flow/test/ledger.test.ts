/** The SQLite ledger: duplicates collapse, versions re-open work, leases expire, state survives a reopen. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedger } from '@zlc/flow';
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
