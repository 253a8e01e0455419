/**
 * The grant shared by every zlc process on a machine: one JSON file per grant in a folder of its own (mode 0700),
 * written atomically with mode 0600, named by a hash of the client id and of the refresh token, and holding neither
 * the refresh token nor the client secret. Token requests are single-flight across processes through a lock on the
 * file (`proper-lockfile`: a lock directory whose mtime the holder refreshes; a lock left by a killed process goes
 * stale and is taken over).
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { isRecord, numberField, stringField } from '../parse.js';
import {
  EMPTY_GRANT,
  type GrantState,
  type LockedGrant,
  type TokenCache,
  TokenCacheUnavailableError,
} from './token-cache.js';

export interface FileTokenCacheOptions {
  /** The folder of the cache files (created 0700), e.g. `<state dir>/tokens`. */
  dir: string;
  clientId: string;
  refreshToken: string;
  /** A lock not refreshed for this long belongs to a dead process and is taken over (default 10 000 ms). */
  staleMs?: number;
  /** How long to wait for another process's lock before giving up (default 60 000 ms). */
  lockWaitMs?: number;
}

const FORMAT_VERSION = 1;

const LOCK_POLL_MS = 100;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cache file of a grant: `<dir>/<sha256 of client id and the refresh token's sha256>.json`. */
export function tokenCacheFile(dir: string, clientId: string, refreshToken: string): string {
  return join(dir, `${sha256(`${clientId}\n${sha256(refreshToken)}`).slice(0, 40)}.json`);
}

export function fileTokenCache(options: FileTokenCacheOptions): TokenCache {
  const file = tokenCacheFile(options.dir, options.clientId, options.refreshToken);
  const grantId = { clientId: options.clientId, refreshTokenSha256: sha256(options.refreshToken) };
  const staleMs = options.staleMs ?? 10_000;
  const lockWaitMs = options.lockWaitMs ?? 60_000;

  const read = async (): Promise<GrantState> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return EMPTY_GRANT;
    }
    return parseGrant(text, grantId);
  };

  const write = async (state: GrantState): Promise<void> => {
    const temp = `${file}.${process.pid}.tmp`;
    const body = { version: FORMAT_VERSION, ...grantId, ...state };
    await writeFile(temp, `${JSON.stringify(body, null, 1)}\n`, { mode: 0o600 });
    await rename(temp, file);
  };

  const ensureDir = async (): Promise<void> => {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await chmod(options.dir, 0o700);
  };

  return {
    location: file,
    read,
    async withLock<T>(fn: (grant: LockedGrant) => Promise<T>): Promise<T> {
      let release: () => Promise<void>;
      try {
        await ensureDir();
        release = await lock(file, {
          realpath: false,
          stale: staleMs,
          retries: {
            retries: Math.ceil(lockWaitMs / LOCK_POLL_MS),
            factor: 1,
            minTimeout: LOCK_POLL_MS,
            maxTimeout: LOCK_POLL_MS,
          },
          // Another process took the lock over as stale (this one stalled for `staleMs`): at worst two token
          // requests go out; ending the process over it would be worse.
          onCompromised: () => {},
        });
      } catch (error) {
        throw new TokenCacheUnavailableError(file, error);
      }
      try {
        return await fn({ read, write });
      } finally {
        await release().catch(() => undefined);
        await rm(`${file}.${process.pid}.tmp`, { force: true }).catch(() => undefined);
      }
    },
  };
}

/** The grant in a cache file; anything malformed, of another version or of another grant reads as empty. */
function parseGrant(text: string, grantId: { clientId: string; refreshTokenSha256: string }): GrantState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_GRANT;
  }
  if (
    !isRecord(raw) ||
    raw.version !== FORMAT_VERSION ||
    raw.clientId !== grantId.clientId ||
    raw.refreshTokenSha256 !== grantId.refreshTokenSha256
  )
    return EMPTY_GRANT;
  const state: GrantState = {
    sent: Array.isArray(raw.sent) ? raw.sent.filter((t): t is number => typeof t === 'number') : [],
    failures: numberField(raw, 'failures') ?? 0,
  };
  const token = isRecord(raw.token) ? raw.token : undefined;
  const value = token === undefined ? undefined : stringField(token, 'value');
  const refreshAt = token === undefined ? undefined : numberField(token, 'refreshAt');
  const expiresAt = token === undefined ? undefined : numberField(token, 'expiresAt');
  const issuedAt = token === undefined ? undefined : numberField(token, 'issuedAt');
  if (value !== undefined && refreshAt !== undefined && expiresAt !== undefined)
    state.token = { value, refreshAt, expiresAt, ...(issuedAt === undefined ? {} : { issuedAt }) };
  for (const key of ['blockedUntil', 'lastFailureAt', 'retryAt'] as const) {
    const v = numberField(raw, key);
    if (v !== undefined) state[key] = v;
  }
  return state;
}
