/**
 * Whether the runtime can do its work now (`GET /readyz`): the ledger answers, an access token is in hand or can be
 * had, and a model with handoffs is loaded. Each check says why it fails, in words that hold no secret. A token
 * check that failed is not asked again for `tokenRetryMs`, so frequent probes cannot spend Zoho's token requests.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Ledger } from '../ledger/ledger.js';
import { withDeadline } from './deadline.js';

export type CheckResult = { ok: true; detail: string } | { ok: false; reason: string };

export interface Readiness {
  ready: boolean;
  checks: { ledger: CheckResult; token: CheckResult; model: CheckResult };
}

export interface ReadinessOptions {
  ledger: Ledger;
  clients: ZohoClients;
  model: ResolvedModel | undefined;
  /** How long each check may take (default 2 s). */
  timeoutMs?: number;
  /** After a failed token check, answer the same failure this long before asking again (default 30 s). */
  tokenRetryMs?: number;
  now?: () => number;
}

export type ReadinessCheck = () => Promise<Readiness>;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function readinessCheck(options: ReadinessOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const retryMs = options.tokenRetryMs ?? 30_000;
  const now = options.now ?? Date.now;
  let lastTokenFailure: { at: number; result: CheckResult } | undefined;

  const ledger = async (): Promise<CheckResult> => {
    try {
      await withDeadline(options.ledger.ping(), timeoutMs, 'no answer');
      return { ok: true, detail: options.ledger.location };
    } catch (error) {
      return { ok: false, reason: `ledger ${options.ledger.location} unreachable: ${reasonOf(error)}` };
    }
  };

  const token = async (): Promise<CheckResult> => {
    const held = options.clients.token.info();
    if (held !== undefined && held.expiresAt > now())
      return { ok: true, detail: `expires in ${Math.round((held.expiresAt - now()) / 1000)} s` };
    if (lastTokenFailure !== undefined && now() - lastTokenFailure.at < retryMs) return lastTokenFailure.result;
    try {
      const got = await withDeadline(options.clients.token.ensure(), timeoutMs, 'no access token');
      lastTokenFailure = undefined;
      return { ok: true, detail: `expires in ${Math.round((got.expiresAt - now()) / 1000)} s` };
    } catch (error) {
      const result: CheckResult = { ok: false, reason: `no valid access token: ${reasonOf(error)}` };
      lastTokenFailure = { at: now(), result };
      return result;
    }
  };

  const model = (): CheckResult => {
    const m = options.model;
    if (m === undefined) return { ok: false, reason: 'no model loaded' };
    if (m.handoffs.length === 0) return { ok: false, reason: 'the model has no handoffs: nothing to run' };
    return { ok: true, detail: `${m.handoffs.length} handoffs` };
  };

  return async () => {
    const [l, t] = await Promise.all([ledger(), token()]);
    const checks = { ledger: l, token: t, model: model() };
    return { ready: l.ok && t.ok && checks.model.ok, checks };
  };
}
