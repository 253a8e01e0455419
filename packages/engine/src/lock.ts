/**
 * One lock per target org, as a file under `<lockDir>/`: created atomically (written to a temporary file, then
 * hard-linked into place, which fails when the lock exists — O_EXCL semantics with the content complete from the
 * first instant), holding `{id, identity, holder: {user, host, pid}, created}`.
 *
 * A lock whose holder ran on this host and whose pid is gone is stale and is taken over (a killed apply does
 * not block the next one). A lock from another host is never presumed stale: `forceUnlock(id)` removes it.
 *
 * Limits, said plainly: for a real Zoho org this is a local file lock. It stops two applies from the same
 * checkout (or machines sharing the lock directory); Zoho has no lock API, so two machines with separate
 * checkouts can still apply to the same org at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';

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
  /** Removes the lock file if it is still ours. */
  release(): void;
}

export type AcquireLockResult =
  | { ok: true; lock: HeldLock }
  | { ok: false; reason: 'locked'; holder: LockInfo; ageMs: number; path: string };

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
    const existing = readLock(path);
    if (existing === undefined) continue; // removed between our attempt and the read: try again
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
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  return parseLockInfo(raw);
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
  if (!existsSync(dir)) return [];
  const out: { path: string; info: LockInfo }[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.lock')) continue;
    const path = join(dir, name);
    const info = readLock(path);
    if (info !== undefined) out.push({ path, info });
  }
  return out;
}

export type ForceUnlockResult = { ok: true; removed: LockInfo } | { ok: false; reason: 'not_found'; known: LockInfo[] };

/** Removes the lock with this id (whoever holds it). */
export function forceUnlock(dir: string, id: string): ForceUnlockResult {
  const locks = listLocks(dir);
  const found = locks.find((l) => l.info.id === id);
  if (found === undefined) return { ok: false, reason: 'not_found', known: locks.map((l) => l.info) };
  removeIfId(found.path, id);
  return { ok: true, removed: found.info };
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
