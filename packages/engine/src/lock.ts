/**
 * One lock per target org, as a file under `<lockDir>/`: created atomically (written to a temporary file, then
 * hard-linked into place, which fails when the lock exists — O_EXCL semantics with the content complete from the
 * first instant), holding `{id, identity, holder: {user, host, pid}, created}`.
 *
 * A lock whose holder ran on this host and whose pid is gone is stale and is taken over (a killed apply does
 * not block the next one). A lock from another host is never presumed stale: `forceUnlock(id)` removes it.
 * A lock file that is not a lock (damaged on disk, edited by hand) says nothing about a holder, so it is never
 * taken over either: apply refuses naming it, and `forceUnlock` removes it by its file name's id.
 *
 * Limits, said plainly: a file lock stops two applies from the same checkout (or machines sharing the lock
 * directory); Zoho has no lock API, so two machines with separate checkouts can still apply to the same org at once
 * — unless both take the lock in PostgreSQL instead (`postgres-lock.ts`, `ZLC_LOCK_URL`).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, join } from 'node:path';

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
}

export interface LockInfo {
  id: string;
  /** The target identity the lock guards. */
  identity: string;
  holder: LockHolder;
  /** ISO time the lock was taken. */
  created: string;
}

export interface HeldLock {
  info: LockInfo;
  path: string;
  /** A stale lock this one replaced (its holder's process was gone). */
  replaced?: LockInfo;
  /** Lets the lock go if it is still ours (removes the file; ends a PostgreSQL lock's session). Never throws. */
  release(): void | Promise<void>;
}

/** A file in the lock directory that is not a lock: nobody can tell who holds it. */
export interface CorruptLock {
  /** The file name without `.lock`: what `forceUnlock` takes. */
  id: string;
  path: string;
  /** What is wrong with it, in words. */
  problem: string;
  /** ISO time the file was last written, when it can be read. */
  modified?: string;
}

export type AcquireLockResult =
  | { ok: true; lock: HeldLock }
  | { ok: false; reason: 'locked'; holder: LockInfo; ageMs: number; path: string }
  | { ok: false; reason: 'corrupt'; lock: CorruptLock };

export interface LockOptions {
  dir: string;
  identity: string;
  /** Who is asking. Default: this process (`user@host pid`). */
  holder?: LockHolder;
  now?: () => Date;
  /** Whether a pid is alive on this host. Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
}

export function currentHolder(): LockHolder {
  let user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep the environment's name.
  }
  return { user, host: hostname(), pid: process.pid };
}

export function lockFileName(identity: string): string {
  return `${createHash('sha256').update(identity).digest('hex').slice(0, 16)}.lock`;
}

export function describeHolder(info: LockInfo, now: Date = new Date()): string {
  const age = formatAge(now.getTime() - Date.parse(info.created));
  return `${info.holder.user}@${info.holder.host} pid ${info.holder.pid}, taken ${age} ago (lock ${info.id})`;
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  return `${Math.round(s / 3600)}h`;
}

function defaultIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(options: LockOptions): AcquireLockResult {
  const now = options.now ?? (() => new Date());
  const isAlive = options.isAlive ?? defaultIsAlive;
  const holder = options.holder ?? currentHolder();
  mkdirSync(options.dir, { recursive: true });
  const path = join(options.dir, lockFileName(options.identity));
  let replaced: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const info: LockInfo = {
      id: randomBytes(4).toString('hex'),
      identity: options.identity,
      holder,
      created: now().toISOString(),
    };
    if (tryCreate(path, info)) {
      const lock: HeldLock = {
        info,
        path,
        release: () => {
          const current = readLock(path);
          if (current?.id === info.id) unlinkQuiet(path);
        },
      };
      if (replaced !== undefined) lock.replaced = replaced;
      return { ok: true, lock };
    }
    const found = inspectLock(path);
    if (found.kind === 'missing') continue; // removed between our attempt and the read: try again
    if (found.kind === 'corrupt') return { ok: false, reason: 'corrupt', lock: found.lock };
    const existing = found.info;
    const stale = existing.holder.host === holder.host && !isAlive(existing.holder.pid);
    if (!stale) {
      return {
        ok: false,
        reason: 'locked',
        holder: existing,
        ageMs: now().getTime() - Date.parse(existing.created),
        path,
      };
    }
    replaced = existing;
    removeIfId(path, existing.id);
  }
  const last = readLock(path);
  if (last === undefined) throw new Error(`could not take the lock ${path}`);
  return { ok: false, reason: 'locked', holder: last, ageMs: now().getTime() - Date.parse(last.created), path };
}

function tryCreate(path: string, info: LockInfo): boolean {
  const tmp = `${path}.${process.pid}.${info.id}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuiet(tmp);
  }
}

/** Reads one lock file; `undefined` when it is missing or not a lock. */
export function readLock(path: string): LockInfo | undefined {
  const found = inspectLock(path);
  return found.kind === 'lock' ? found.info : undefined;
}

type Inspected = { kind: 'missing' } | { kind: 'lock'; info: LockInfo } | { kind: 'corrupt'; lock: CorruptLock };

/** What is at `path`: nothing, a lock, or a file that is not one (and why). */
function inspectLock(path: string): Inspected {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', lock: corrupt(path, `it cannot be read (${code ?? 'error'})`) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', lock: corrupt(path, text.trim() === '' ? 'it is empty' : 'it is not JSON') };
  }
  const info = parseLockInfo(raw);
  if (info === undefined) return { kind: 'corrupt', lock: corrupt(path, 'it lacks the id, holder or time of a lock') };
  return { kind: 'lock', info };
}

function corrupt(path: string, problem: string): CorruptLock {
  const name = basename(path);
  let modified: string | undefined;
  try {
    modified = statSync(path).mtime.toISOString();
  } catch {
    // Unreadable: no time to give.
  }
  return { id: name.replace(/\.lock$/, ''), path, problem, ...(modified === undefined ? {} : { modified }) };
}

function parseLockInfo(raw: unknown): LockInfo | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const h = r.holder;
  if (typeof r.id !== 'string' || typeof r.identity !== 'string' || typeof r.created !== 'string') return undefined;
  if (typeof h !== 'object' || h === null) return undefined;
  const holder = h as Record<string, unknown>;
  if (typeof holder.user !== 'string' || typeof holder.host !== 'string' || typeof holder.pid !== 'number')
    return undefined;
  return {
    id: r.id,
    identity: r.identity,
    created: r.created,
    holder: { user: holder.user, host: holder.host, pid: holder.pid },
  };
}

/** Every lock in the directory. */
export function listLocks(dir: string): { path: string; info: LockInfo }[] {
  return inspectAll(dir).flatMap((found) => (found.kind === 'lock' ? [{ path: found.path, info: found.info }] : []));
}

/** Every file in the directory that is named like a lock and is not one. */
export function listCorruptLocks(dir: string): CorruptLock[] {
  return inspectAll(dir).flatMap((found) => (found.kind === 'corrupt' ? [found.lock] : []));
}

function inspectAll(dir: string): (Exclude<Inspected, { kind: 'missing' }> & { path: string })[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.lock'))
    .flatMap((name) => {
      const path = join(dir, name);
      const found = inspectLock(path);
      return found.kind === 'missing' ? [] : [{ ...found, path }];
    });
}

export type ForceUnlockResult =
  | { ok: true; kind: 'lock'; removed: LockInfo }
  | { ok: true; kind: 'corrupt'; removed: CorruptLock }
  | { ok: false; reason: 'not_found'; known: LockInfo[]; corrupt: CorruptLock[] }
  | { ok: false; reason: 'not_removable'; path: string; message: string };

/**
 * Removes the lock with this id (whoever holds it), or the corrupt lock file with this id (its file name, with or
 * without `.lock`) while it is still corrupt.
 */
export function forceUnlock(dir: string, id: string): ForceUnlockResult {
  const locks = listLocks(dir);
  const found = locks.find((l) => l.info.id === id);
  if (found !== undefined) {
    removeIfId(found.path, id);
    return { ok: true, kind: 'lock', removed: found.info };
  }
  const corrupt = listCorruptLocks(dir);
  const damaged = corrupt.find((c) => c.id === id.replace(/\.lock$/, ''));
  if (damaged === undefined) return { ok: false, reason: 'not_found', known: locks.map((l) => l.info), corrupt };
  if (inspectLock(damaged.path).kind !== 'corrupt')
    return { ok: false, reason: 'not_found', known: listLocks(dir).map((l) => l.info), corrupt: [] };
  try {
    unlinkQuiet(damaged.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, reason: 'not_removable', path: damaged.path, message: `cannot remove it (${code})` };
  }
  return { ok: true, kind: 'corrupt', removed: damaged };
}

/** Removes a lock only if it still carries `id`, so a lock someone just took is never removed by mistake. */
function removeIfId(path: string, id: string): void {
  if (readLock(path)?.id === id) unlinkQuiet(path);
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
