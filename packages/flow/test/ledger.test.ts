/**
 * What only the SQLite ledger does: upgrade a file made by an older zlc, and refuse a missing file where a command
 * reads what the runtime recorded. The contract both stores keep is in ledger-contract.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_SCHEMA_VERSION, SqliteLedger } from '@zlc/flow';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the SQLite ledger', () => {
  it('upgrades a version-1 ledger in place, keeping its entries (blocked ones count as blocked from then on)', async () => {
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
    expect((await ledger.list()).map((e) => [e.recordId, e.state, e.reason])).toEqual([
      ['r1', 'blocked', 'waiting for: deal.Amount'],
    ]);
    expect(await ledger.reopenDueBlocked('h')).toBe(1);
    const [entry] = await ledger.claim('w', 10, 60_000);
    if (!entry) throw new Error('the blocked entry was not re-opened');
    now += 60_000;
    await ledger.finish(entry.id, { state: 'blocked', reason: 'waiting for: deal.Amount' });
    // Blocked since the upgrade (one minute ago), not since the entry was made: checked again on the next pass.
    expect((await ledger.get(entry.id))?.nextAttemptAt).toBe(now);
    await ledger.close();
    const meta = new Database(path, { readonly: true });
    expect(meta.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({
      value: String(LEDGER_SCHEMA_VERSION),
    });
    meta.close();
  });
});
