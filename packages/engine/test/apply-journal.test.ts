import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, readJournal, unfinishedActions } from '@zlc/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zlc-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the apply journal', () => {
  it('writes one line per entry under the run id and reads them back', async () => {
    const journal = openJournal({ dir, runId: 'run-1' });
    await journal.append({ type: 'action_before', address: 'crm_field.Deals.Budget', action: 'create' });
    await journal.append({
      type: 'action_after',
      address: 'crm_field.Deals.Budget',
      action: 'create',
      outcome: 'applied',
      remoteId: '42',
      ms: 12,
    });
    await journal.close();
    expect(journal.path).toBe(join(dir, 'run-1.jsonl'));
    const entries = readJournal(journal.path);
    expect(entries.map((e) => e.type)).toEqual(['action_before', 'action_after']);
    expect(unfinishedActions(entries)).toEqual([]);
  });

  it('shows an action started but never finished, and ignores a torn last line', async () => {
    const journal = openJournal({ dir, runId: 'run-2' });
    await journal.append({ type: 'action_before', address: 'crm_webhook.zlc_deal', action: 'create' });
    await journal.close();
    appendFileSync(journal.path, '{"type":"action_after","addr');
    const entries = readJournal(journal.path);
    expect(unfinishedActions(entries)).toEqual(['crm_webhook.zlc_deal']);
  });

  it('never writes a value named as secret', async () => {
    const journal = openJournal({ dir, runId: 'run-3', secrets: ['s3cr3t-token'] });
    await journal.append({
      type: 'action_after',
      address: 'desk_webhook.zlc_tickets',
      action: 'create',
      outcome: 'failed',
      error: 'URL https://flow.example/hook?secret=s3cr3t-token refused',
      ms: 3,
    });
    await journal.close();
    const text = readFileSync(journal.path, 'utf8');
    expect(text).not.toContain('s3cr3t-token');
    expect(text).toContain('secret=[redacted]');
  });

  it('keeps every entry of concurrent appends, each on its own line, once they resolve', async () => {
    const journal = openJournal({ dir, runId: 'run-4' });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        journal.append({ type: 'action_before', address: `crm_field.Deals.F${i}`, action: 'create' }),
      ),
    );
    const entries = readJournal(journal.path);
    await journal.close();
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((e) => (e.type === 'action_before' ? e.address : ''))).size).toBe(50);
  });

  it('writes the lines appended in one turn together, before their fsync, and resolves none before', async () => {
    const journal = openJournal({ dir, runId: 'run-5' });
    const resolved: number[] = [];
    const appends = Array.from({ length: 300 }, (_, i) =>
      journal
        .append({ type: 'action_before', address: `crm_field.Deals.F${i}`, action: 'create' })
        .then(() => resolved.push(i)),
    );
    // Nothing is written in the turn that appends: the wave's lines leave in one write, then one fsync.
    expect(readFileSync(journal.path, 'utf8')).toBe('');
    await appends[0];
    expect(readJournal(journal.path)).toHaveLength(300);
    await Promise.all(appends);
    await journal.close();
    expect(resolved).toHaveLength(300);
  });
});
