import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { acquireLock, describeHolder, forceUnlock, listLocks } from '@zlc/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zlc-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const alice = { user: 'alice', host: 'build-1', pid: 4242 };
const bob = { user: 'bob', host: 'build-1', pid: 4343 };

describe('the target lock', () => {
  it('refuses a second holder and names the first one with its age', () => {
    let t = Date.parse('2026-01-01T10:00:00Z');
    const now = () => new Date(t);
    const first = acquireLock({ dir, identity: 'crm:1/books:2/desk:3', holder: alice, now, isAlive: () => true });
    expect(first.ok).toBe(true);
    t += 90_000;
    const second = acquireLock({ dir, identity: 'crm:1/books:2/desk:3', holder: bob, now, isAlive: () => true });
    if (second.ok || second.reason !== 'locked') throw new Error('expected a refusal naming the holder');
    expect(second.holder.holder).toEqual(alice);
    expect(second.ageMs).toBe(90_000);
    expect(describeHolder(second.holder, now())).toMatch(
      /^alice@build-1 pid 4242, taken 90s ago \(lock [0-9a-f]{8}\)$/,
    );
  });

  it('locks each target separately', () => {
    const a = acquireLock({ dir, identity: 'org-a', holder: alice, isAlive: () => true });
    const b = acquireLock({ dir, identity: 'org-b', holder: bob, isAlive: () => true });
    expect([a.ok, b.ok]).toEqual([true, true]);
  });

  it('takes over a lock whose holder process on this host is gone', () => {
    const first = acquireLock({ dir, identity: 'org', holder: alice, isAlive: () => true });
    if (!first.ok) throw new Error('first lock refused');
    const second = acquireLock({ dir, identity: 'org', holder: bob, isAlive: (pid) => pid !== alice.pid });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.lock.replaced?.id).toBe(first.lock.info.id);
    expect(listLocks(dir).map((l) => l.info.holder.user)).toEqual(['bob']);
  });

  it('never presumes a lock from another host stale', () => {
    acquireLock({ dir, identity: 'org', holder: { ...alice, host: 'laptop' }, isAlive: () => true });
    const second = acquireLock({ dir, identity: 'org', holder: bob, isAlive: () => false });
    expect(second.ok).toBe(false);
  });

  it('is free again after release, and release leaves no files behind', () => {
    const first = acquireLock({ dir, identity: 'org', holder: alice });
    if (!first.ok) throw new Error('first lock refused');
    first.lock.release();
    expect(readdirSync(dir)).toEqual([]);
    expect(acquireLock({ dir, identity: 'org', holder: bob }).ok).toBe(true);
  });

  it('force-unlock removes the lock with that id and only that one', () => {
    const first = acquireLock({ dir, identity: 'org', holder: alice, isAlive: () => true });
    if (!first.ok) throw new Error('first lock refused');
    const wrong = forceUnlock(dir, 'deadbeef');
    expect(wrong).toEqual({ ok: false, reason: 'not_found', known: [first.lock.info], corrupt: [] });
    expect(forceUnlock(dir, first.lock.info.id)).toEqual({ ok: true, kind: 'lock', removed: first.lock.info });
    expect(acquireLock({ dir, identity: 'org', holder: bob, isAlive: () => true }).ok).toBe(true);
  });

  it('a released lock that was force-unlocked and retaken is not removed by its old holder', () => {
    const first = acquireLock({ dir, identity: 'org', holder: alice, isAlive: () => true });
    if (!first.ok) throw new Error('first lock refused');
    forceUnlock(dir, first.lock.info.id);
    const second = acquireLock({ dir, identity: 'org', holder: bob, isAlive: () => true });
    first.lock.release();
    expect(listLocks(dir).map((l) => l.info.holder.user)).toEqual(['bob']);
    expect(second.ok).toBe(true);
  });

  it.each([
    ['empty', '', 'it is empty'],
    ['not JSON', '{"id": "3f9a', 'it is not JSON'],
    ['not a lock', '{"hello": "world"}', 'it lacks the id, holder or time of a lock'],
  ])('refuses a corrupt (%s) lock file, naming it, and force-unlock removes it by its file id', (_, text, problem) => {
    const first = acquireLock({ dir, identity: 'org', holder: alice, isAlive: () => true });
    if (!first.ok) throw new Error('first lock refused');
    writeFileSync(first.lock.path, text);
    const id = basename(first.lock.path, '.lock');
    const refused = acquireLock({ dir, identity: 'org', holder: bob, isAlive: () => false });
    expect(refused).toEqual({
      ok: false,
      reason: 'corrupt',
      lock: { id, path: first.lock.path, problem, modified: expect.any(String) },
    });
    expect(forceUnlock(dir, 'deadbeef')).toMatchObject({ ok: false, corrupt: [{ id, problem }] });
    expect(forceUnlock(dir, `${id}.lock`)).toMatchObject({ ok: true, kind: 'corrupt', removed: { id } });
    expect(acquireLock({ dir, identity: 'org', holder: bob }).ok).toBe(true);
  });
});
