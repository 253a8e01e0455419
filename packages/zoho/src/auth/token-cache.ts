/**
 * What zlc knows about one grant (a client id and refresh token) and shares between runs: the live access token and
 * the history that keeps every run on this machine inside Zoho's token limits. A `TokenCache` keeps it, in memory
 * for one run (`memoryTokenCache`) or in a file under the state dir for every zlc process on the machine
 * (`fileTokenCache`). Never holds the refresh token or the client secret.
 */

export interface GrantState {
  /**
   * The access token in use, with when to stop using it (before it expires), when Zoho expires it, and when Zoho
   * issued it (absent in caches written before zlc kept it).
   */
  token?: { value: string; refreshAt: number; expiresAt: number; issuedAt?: number };
  /** When token requests that may have reached Zoho were sent, oldest first (Zoho's 10-per-10-minutes limit). */
  sent: number[];
  /** Zoho refused a token request as "too many requests": send none before this. */
  blockedUntil?: number;
  /** Token requests that failed on Zoho's side or on the way, in a row, and when the last one did (the backoff). */
  failures: number;
  lastFailureAt?: number;
  /** The backoff after the last failure: send none before this. */
  retryAt?: number;
}

export const EMPTY_GRANT: GrantState = { sent: [], failures: 0 };

/** The cache folder cannot be made or the lock cannot be had (unwritable state dir, a lock held past the wait). */
export class TokenCacheUnavailableError extends Error {
  readonly code: string;
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
    super(`the token cache ${file} cannot be used (${code})`, { cause });
    this.name = 'TokenCacheUnavailableError';
    this.code = code;
  }
}

/** Read and write access to the grant while the lock is held. */
export interface LockedGrant {
  read(): Promise<GrantState>;
  write(state: GrantState): Promise<void>;
}

export interface TokenCache {
  /** Where the cache lives, for messages (`memory` or a file path); never a secret. */
  readonly location: string;
  /** The grant as last written; an absent or unreadable cache is an empty grant. */
  read(): Promise<GrantState>;
  /**
   * Runs `fn` while this process holds the grant's lock, so one token request is in flight per grant at a time
   * across every process that shares the cache. The lock is released however `fn` ends.
   */
  withLock<T>(fn: (grant: LockedGrant) => Promise<T>): Promise<T>;
}

/** A cache for one run: the grant in memory, the lock a promise chain. */
export function memoryTokenCache(): TokenCache {
  let state: GrantState = EMPTY_GRANT;
  let tail: Promise<unknown> = Promise.resolve();
  const grant: LockedGrant = {
    read: async () => state,
    write: async (next) => {
      state = next;
    },
  };
  return {
    location: 'memory',
    read: async () => state,
    withLock<T>(fn: (locked: LockedGrant) => Promise<T>): Promise<T> {
      const run = tail.then(() => fn(grant));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
