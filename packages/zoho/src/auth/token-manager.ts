import type { AxiosInstance } from 'axios';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from '../budget/backoff.js';
import type { Clock } from '../budget/clock.js';
import type { ZohoConfig } from '../config/load-config.js';
import { type ZohoError, ZohoRateLimitedError } from '../errors/zoho-error.js';
import type { OnZohoEvent, TokenWaitReason } from '../events.js';
import { requestToken, TOKEN_REQUEST } from './request-token.js';
import {
  type GrantState,
  type LockedGrant,
  memoryTokenCache,
  type TokenCache,
  TokenCacheUnavailableError,
} from './token-cache.js';

export interface TokenLimits {
  /** Zoho allows 10 access tokens per refresh token per 10 minutes (OAuth "access token expiry" page). */
  maxRefreshes: number;
  windowMs: number;
  /** Refresh this long before `expires_in` runs out, so a call never leaves with a dying token. */
  expirySkewMs: number;
  /**
   * Wait at most this long for a token: for a place in the window, for Zoho's throttle to lift, for the backoff after
   * failures. Beyond that, fail. The default covers one whole window.
   */
  maxWaitMs: number;
  /** Token requests that fail on Zoho's side (5xx, network) in a row before giving up. */
  maxAttempts: number;
  /** After Zoho's "too many requests" with no history that says when the window ends, ask again after this. */
  throttleRetryMs: number;
  /** While waiting, look at the shared cache (another process may have got a token) and report this often. */
  progressEveryMs: number;
}

export const DEFAULT_TOKEN_LIMITS: TokenLimits = {
  maxRefreshes: 10,
  windowMs: 10 * 60_000,
  expirySkewMs: 60_000,
  maxWaitMs: 12 * 60_000,
  maxAttempts: 5,
  throttleRetryMs: 60_000,
  progressEveryMs: 15_000,
};

export interface TokenManagerOptions {
  http: AxiosInstance;
  config: ZohoConfig;
  clock: Clock;
  onEvent: OnZohoEvent;
  limits?: TokenLimits;
  /** Where the grant is kept; a shared file cache makes every zlc process on the machine use one token. */
  cache?: TokenCache;
  backoff?: BackoffOptions;
  random?: () => number;
}

type HeldToken = { value: string; refreshAt: number; expiresAt: number; issuedAt?: number };

/** The access token a run holds, without the token: when Zoho issued it (when known) and when it expires. */
export interface TokenInfo {
  /** Epoch ms Zoho issued it; absent for a token taken from a cache written before zlc kept the time. */
  issuedAt?: number;
  expiresAt: number;
}

/** One look at the grant: a token to use, a time to wait until, or a failure to report. */
type Step =
  | { kind: 'token'; value: string }
  | { kind: 'wait'; until: number; reason: TokenWaitReason; error: ZohoError; failed: boolean }
  | { kind: 'fail'; error: ZohoError };

/**
 * Gives every call an access token: the one in hand, else the one in the cache another run got, else a new one.
 * Token requests are single-flight (one in flight per process, and one per machine with a shared cache), stay
 * within Zoho's 10 per 10 minutes across every process sharing the cache, wait out Zoho's throttle and back off
 * exponentially (with jitter) after failures on Zoho's side — waiting with progress events and a deadline rather
 * than failing. A token Zoho refused (401) is replaced once. The access token is never printed or put in an event.
 */
export class TokenManager {
  private held: HeldToken | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly rejected = new Set<string>();
  private requests = 0;
  private cache: TokenCache;
  private readonly limits: TokenLimits;

  constructor(private readonly options: TokenManagerOptions) {
    this.cache = options.cache ?? memoryTokenCache();
    this.limits = options.limits ?? DEFAULT_TOKEN_LIMITS;
  }

  /** A token good for at least `expirySkewMs`. */
  async get(): Promise<string> {
    const held = this.held;
    if (held !== undefined && this.usable(held)) return held.value;
    return this.flight();
  }

  /** Called after Zoho refused `rejected` with 401: returns a newer token, getting one if there is none. */
  async afterRejection(rejected: string): Promise<string> {
    this.rejected.add(rejected);
    if (this.held?.value === rejected) this.held = undefined;
    return this.get();
  }

  /** The token this run holds (a readiness check and a metric read it); `undefined` before the first call. */
  info(): TokenInfo | undefined {
    const held = this.held;
    if (held === undefined || this.rejected.has(held.value)) return undefined;
    return { expiresAt: held.expiresAt, ...(held.issuedAt === undefined ? {} : { issuedAt: held.issuedAt }) };
  }

  /** Number of token requests this run sent that may have reached Zoho. */
  get refreshCount(): number {
    return this.requests;
  }

  private usable(token: HeldToken | undefined): token is HeldToken {
    return token !== undefined && token.refreshAt > this.options.clock.now() && !this.rejected.has(token.value);
  }

  private flight(): Promise<string> {
    if (this.inFlight === undefined) {
      this.inFlight = this.obtain().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async obtain(): Promise<string> {
    const { clock, onEvent } = this.options;
    const deadline = clock.now() + this.limits.maxWaitMs;
    let failures = 0;
    for (;;) {
      const step = await this.step();
      if (step.kind === 'token') return step.value;
      if (step.kind === 'fail') throw step.error;
      if (step.failed) {
        failures += 1;
        if (failures >= this.limits.maxAttempts) throw step.error;
      }
      const now = clock.now();
      if (step.until > deadline) throw this.deadlineError(step, step.until - now);
      onEvent({
        type: 'token_refresh_waiting',
        reason: step.reason,
        waitMs: step.until - now,
        deadlineMs: deadline - now,
      });
      await clock.sleep(Math.min(step.until - now, this.limits.progressEveryMs));
    }
  }

  /** Uses a token from the cache when there is one; otherwise, under the grant's lock, waits or sends a request. */
  private async step(): Promise<Step> {
    const shared = await this.cache.read();
    if (this.usable(shared.token)) return this.adopt(shared.token);
    try {
      return await this.cache.withLock((grant) => this.lockedStep(grant));
    } catch (error) {
      if (!(error instanceof TokenCacheUnavailableError)) throw error;
      this.fallBackToMemory(error);
      return this.step();
    }
  }

  private async lockedStep(grant: LockedGrant): Promise<Step> {
    const state = await grant.read();
    if (this.usable(state.token)) return this.adopt(state.token);
    const wait = this.waitBefore(state);
    if (wait !== undefined) return wait;
    return this.send(grant, state);
  }

  private adopt(token: HeldToken): Step {
    if (this.held?.value !== token.value) {
      this.held = token;
      const expiresInSeconds = Math.max(0, Math.round((token.expiresAt - this.options.clock.now()) / 1000));
      this.options.onEvent({ type: 'token_reused', expiresInSeconds });
    }
    return { kind: 'token', value: token.value };
  }

  /** The latest of: the backoff after failures, Zoho's throttle, the end of a full window. */
  private waitBefore(state: GrantState): Step | undefined {
    const now = this.options.clock.now();
    const sent = this.inWindow(state.sent);
    const waits: { until: number; reason: TokenWaitReason }[] = [];
    if (state.retryAt !== undefined && state.retryAt > now) waits.push({ until: state.retryAt, reason: 'backoff' });
    if (state.blockedUntil !== undefined && state.blockedUntil > now)
      waits.push({ until: state.blockedUntil, reason: 'throttled' });
    if (sent.length >= this.limits.maxRefreshes)
      waits.push({ until: (sent[0] ?? now) + this.limits.windowMs + 1, reason: 'window' });
    const latest = waits.sort((a, b) => b.until - a.until)[0];
    if (latest === undefined) return undefined;
    return { kind: 'wait', ...latest, error: this.windowError(), failed: false };
  }

  private async send(grant: LockedGrant, state: GrantState): Promise<Step> {
    const { clock, onEvent } = this.options;
    const started = clock.now();
    this.requests += 1;
    const answer = await requestToken(this.options.http, this.options.config);
    onEvent({
      type: 'request',
      product: 'accounts',
      method: 'POST',
      path: '/oauth/v2/token',
      status: answer.status,
      durationMs: clock.now() - started,
      attempt: 1,
    });
    const notSent = answer.kind === 'unavailable' && answer.error.delivery === 'not_sent';
    if (notSent) this.requests -= 1;
    const sent = notSent ? this.inWindow(state.sent) : [...this.inWindow(state.sent), started];
    // The grant's token (if any) is past its time or was refused, or no request would go out: it is not handed on.
    const { token: _unusable, ...rest } = state;
    const base: GrantState = { ...rest, sent };
    switch (answer.kind) {
      case 'issued': {
        const now = clock.now();
        const lifetimeMs = answer.expiresInSeconds * 1000;
        const skew = Math.min(this.limits.expirySkewMs, lifetimeMs / 2);
        const fresh = {
          value: answer.accessToken,
          refreshAt: now + lifetimeMs - skew,
          expiresAt: now + lifetimeMs,
          issuedAt: now,
        };
        await this.save(grant, { sent, failures: 0, token: fresh });
        this.held = fresh;
        onEvent({ type: 'token_refreshed', expiresInSeconds: answer.expiresInSeconds, refreshesInWindow: sent.length });
        return { kind: 'token', value: fresh.value };
      }
      case 'throttled': {
        // Zoho blocks the grant for the rest of its window, whose start only a full history shows; without one,
        // ask again every `throttleRetryMs`.
        const before = this.inWindow(state.sent);
        const windowEnd =
          before.length >= this.limits.maxRefreshes ? (before[0] ?? started) + this.limits.windowMs + 1 : 0;
        const blockedUntil = Math.max(started + this.limits.throttleRetryMs, windowEnd);
        await this.save(grant, { ...base, blockedUntil });
        return { kind: 'wait', until: blockedUntil, reason: 'throttled', error: answer.error, failed: false };
      }
      case 'unavailable': {
        // Failures long ago do not lengthen today's backoff.
        const recent = state.lastFailureAt !== undefined && started - state.lastFailureAt < this.limits.windowMs;
        const failures = (recent ? state.failures : 0) + 1;
        const retryAt = started + backoffDelay(failures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
        await this.save(grant, { ...base, failures, lastFailureAt: started, retryAt });
        return { kind: 'wait', until: retryAt, reason: 'backoff', error: answer.error, failed: true };
      }
      case 'refused':
        await this.save(grant, base);
        return { kind: 'fail', error: answer.error };
    }
  }

  /** Writes the grant; a cache that cannot be written is reported and replaced by this run's memory. */
  private async save(grant: LockedGrant, state: GrantState): Promise<void> {
    try {
      await grant.write(state);
    } catch (error) {
      this.fallBackToMemory(error);
      await this.cache.withLock((memory) => memory.write(state));
    }
  }

  private fallBackToMemory(error: unknown): void {
    if (this.cache.location === 'memory') return;
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : 'unknown';
    this.options.onEvent({ type: 'token_cache_unavailable', location: this.cache.location, reason });
    this.cache = memoryTokenCache();
  }

  private inWindow(sent: readonly number[]): number[] {
    const since = this.options.clock.now() - this.limits.windowMs;
    return sent.filter((t) => t > since);
  }

  private windowError(): ZohoRateLimitedError {
    return this.limitError('TOKEN_REFRESH_LIMIT', 0, 'zlc already asked for the most access tokens Zoho allows');
  }

  /** What a wait past the deadline ends in: the last failure on Zoho's side, or a rate-limit error saying why. */
  private deadlineError(step: Extract<Step, { kind: 'wait' }>, waitMs: number): ZohoError {
    if (step.reason === 'backoff') return step.error;
    const why =
      step.reason === 'window'
        ? `zlc already asked Zoho for ${this.limits.maxRefreshes} access tokens in ${Math.round(this.limits.windowMs / 60_000)} minutes, Zoho's limit`
        : 'Zoho refuses new access tokens for now ("too many requests")';
    return this.limitError(step.error.zohoCode ?? 'TOKEN_REFRESH_LIMIT', waitMs, why);
  }

  private limitError(code: string, waitMs: number, why: string): ZohoRateLimitedError {
    const limit = Math.round(this.limits.maxWaitMs / 1000);
    return new ZohoRateLimitedError({
      product: 'accounts',
      status: undefined,
      zohoCode: code,
      details: [],
      source: 'zoho',
      retryable: true,
      delivery: 'not_sent',
      request: TOKEN_REQUEST,
      message: `${why}, and the next token would come in ${Math.ceil(waitMs / 1000)} s, past the ${limit} s zlc waits; try again later. Other tools using the same refresh token share its limit: give CI and the runtime self clients of their own (README, Targets).`,
      retryAfterMs: waitMs,
    });
  }
}
