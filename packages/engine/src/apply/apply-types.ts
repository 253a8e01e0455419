/**
 * What `applyPlan` reports and returns: progress events (a tagged union, rendered by the CLI), per-action
 * outcomes, refusals, and the summary. Outcomes are data; the CLI maps them to exit codes.
 */
import type { ZohoErrorSource } from '@zlc/zoho';
import type { CorruptLock, LockInfo } from '../lock.js';
import type {
  ActionKind,
  Address,
  AttributeChange,
  DataImpact,
  Plan,
  PlanCounts,
  ResourceType,
} from '../plan-types.js';
import type { PlanDifference } from './compare-plans.js';
import type { SkipReason } from './waves.js';

export type { PlanDifference } from './compare-plans.js';
export type { SkipReason } from './waves.js';

interface ActionRef {
  address: Address;
  action: ActionKind;
  title: string;
}

export interface ActionError {
  message: string;
  /** Whose fault: the user's config or data, Zoho's side, or a bug in zlc. */
  source: ZohoErrorSource;
  /** Zoho's own code, when Zoho answered. */
  zohoCode?: string;
  retryable: boolean;
}

export type ActionOutcome =
  | (ActionRef & { status: 'applied'; remoteId?: string; ms: number })
  | (ActionRef & { status: 'failed'; error: ActionError; ms: number })
  | (ActionRef & { status: 'skipped'; reason: SkipReason });

export interface ApplySummary {
  added: number;
  changed: number;
  removed: number;
  failed: number;
  skipped: number;
  /** Manual steps the API cannot do; the next plan verifies them. */
  manual: number;
}

export type ApplyEvent =
  /** The plan about to be applied (made now, or read from a file): the CLI shows it before asking. */
  | { type: 'plan_ready'; plan: Plan; saved: boolean }
  /** A saved plan was made again from the model and the org and says the same (and its signature held, if asked). */
  | { type: 'plan_verified'; actions: number; signed: boolean }
  | { type: 'lock_acquired'; lock: LockInfo; replaced?: LockInfo }
  | { type: 'staleness_checked'; objects: number; readCalls: number }
  | { type: 'apply_started'; runId: string; journal: string; actions: number; waves: number }
  | { type: 'wave_started'; index: number; waves: number; addresses: Address[] }
  | ({ type: 'action_started' } & ActionRef)
  | ({ type: 'action_applied'; remoteId?: string; ms: number } & ActionRef)
  | ({ type: 'action_failed'; error: ActionError; ms: number } & ActionRef)
  | ({ type: 'action_skipped'; reason: SkipReason } & ActionRef)
  | { type: 'apply_finished'; runId: string; summary: ApplySummary; ms: number };

export type OnApplyEvent = (event: ApplyEvent) => void;

/** One object that differs from what the saved plan read. */
export interface StaleObject {
  address: Address;
  type: ResourceType;
  /** `created` — exists now though the plan would create it; `deleted` — gone; `changed` — attributes differ. */
  change: 'created' | 'deleted' | 'changed';
  /** For `changed`: which attributes, from what the plan saw to what the org has now. */
  changes: AttributeChange[];
}

export type Refusal =
  | { kind: 'format_version'; found: unknown; expected: number }
  | { kind: 'target_mismatch'; planned: string; actual: string }
  /** The model file changed since the saved plan was made (its config hash differs). */
  | { kind: 'config_changed'; planned: string; actual: string }
  | { kind: 'stale'; objects: StaleObject[] }
  /** The saved plan is not the plan the model and the org give now (edited, or made from something else). */
  | { kind: 'plan_differs'; differences: PlanDifference[] }
  /** A signing key is set and the saved plan carries no signature, or one that does not match it. */
  | { kind: 'plan_signature'; problem: 'unsigned' | 'mismatch' }
  | { kind: 'locked'; holder: LockInfo; ageMs: number }
  /** The lock file is not a lock (damaged, edited): nobody can tell whether an apply holds it. */
  | { kind: 'lock_corrupt'; lock: CorruptLock }
  | { kind: 'data_loss'; actions: { address: Address; action: ActionKind; impact?: DataImpact }[] }
  | { kind: 'declined' };

export type ApplyResult =
  | { status: 'refused'; refusal: Refusal }
  /** The plan has nothing for the API to do (manual steps may remain). */
  | { status: 'no_changes'; manual: number }
  | {
      /**
       * `applied` when nothing failed; `partial` when at least one action failed (its dependents skipped) or the run
       * was stopped before every action started.
       */
      status: 'applied' | 'partial';
      runId: string;
      journal: string;
      outcomes: ActionOutcome[];
      summary: ApplySummary;
    };

/** What `confirm` is asked before anything is changed. */
export interface ConfirmRequest {
  kind: 'apply';
  target: string;
  counts: PlanCounts;
}
