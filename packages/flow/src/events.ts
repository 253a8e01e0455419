/** What the runtime reports through `onEvent` (it never prints). */
import type { OfferResult } from './ledger/ledger-types.js';

export type FlowEvent =
  | {
      type: 'intake_accepted';
      handoff: string;
      recordId: string;
      source: 'webhook' | 'poll' | 'backfill';
      result: OfferResult['outcome'];
      entryId: number;
    }
  | { type: 'intake_refused'; status: number; reason: string; path: string }
  | { type: 'entry_started'; entryId: number; handoff: string; recordId: string; attempt: number }
  | {
      type: 'entry_done';
      entryId: number;
      handoff: string;
      recordId: string;
      ms: number;
      /** From when the entry became due (its event recorded, or its retry time) to now: queue wait and run. */
      latencyMs?: number;
      outcome: 'done' | 'not_in_stage';
    }
  | { type: 'entry_blocked'; entryId: number; handoff: string; recordId: string; reason: string }
  | {
      type: 'entry_retry';
      entryId: number;
      handoff: string;
      recordId: string;
      attempt: number;
      error: string;
      delayMs: number;
    }
  | {
      type: 'entry_failed';
      entryId: number;
      handoff: string;
      recordId: string;
      error: string;
      final: 'failed' | 'dead';
    }
  | { type: 'poll_done'; handoff: string; seen: number; offered: number; cursor?: string }
  | { type: 'listening'; url: string }
  /** The ledger could not be reached; the worker tries again after its idle wait. */
  | { type: 'ledger_error'; error: string }
  /** `/readyz` answered differently from its previous answer (the reasons of each failing check). */
  | { type: 'readiness_changed'; ready: boolean; reasons: string[] };

export type OnFlowEvent = (event: FlowEvent) => void;
