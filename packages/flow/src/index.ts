/**
 * @zlc/flow — the handoff runtime: webhook intake and polling feed one durable ledger; a worker runs each
 * handoff's steps with exactly-once effects in Books, Desk and CRM. Never prints; reports through `onEvent`.
 */

export { type BackfillOptions, type BackfillRecord, type BackfillResult, backfill } from './backfill.js';
export { buildPayload, crmDateTime } from './evaluate/build-payload.js';
export { matches } from './evaluate/condition.js';
export { evaluateMapping, evaluateValue } from './evaluate/evaluate-value.js';
export { readSource } from './evaluate/read-source.js';
export { blockedReason, missingRequirements } from './evaluate/requirements.js';
export type { EvalScope, Rec, SourceSnapshot, StepOutputs } from './evaluate/snapshot.js';
export type { FlowEvent, OnFlowEvent } from './events.js';
export { secretMatches } from './intake/secret.js';
export {
  createIntakeHandler,
  DEFAULT_INTAKE_LIMITS,
  DEFAULT_MAX_BODY_BYTES,
  type IntakeLimits,
  type IntakeOptions,
  MAX_BATCH_RECORDS,
  startIntakeServer,
} from './intake/server.js';
export type { FinishResult, Ledger, OfferInput } from './ledger/ledger.js';
export { LEDGER_START_CURSOR, ledgerStart } from './ledger/ledger-start.js';
export {
  ENTRY_STATES,
  type EntryState,
  type LedgerEntry,
  type OfferResult,
  type StepRecord,
} from './ledger/ledger-types.js';
export { type LedgerSpec, openLedger } from './ledger/open-ledger.js';
export { PostgresLedger, type PostgresLedgerOptions } from './ledger/postgres-ledger.js';
export { POSTGRES_LEDGER_SCHEMA_VERSION } from './ledger/postgres-schema.js';
export { blockedRecheckDelay, LEDGER_SCHEMA_VERSION } from './ledger/schema.js';
export { SqliteLedger } from './ledger/sqlite-ledger.js';
export { createFlowMetrics, type FlowMetrics, type FlowMetricsOptions, type MetricSources } from './ops/metrics.js';
export { isOpsPath, OPS_PATHS, type OpsEndpoints, opsHandler } from './ops/ops-routes.js';
export { type CheckResult, type Readiness, type ReadinessOptions, readinessCheck } from './ops/readiness.js';
export { type PollOptions, type PollResult, pollOnce, stageQuery } from './poll.js';
export { type FlowRuntime, type FlowRuntimeOptions, startFlowRuntime } from './runtime.js';
export { type LoadedSnapshot, loadSnapshot } from './sources/load-snapshot.js';
export { ATTENTION_STATES, type FlowStatus, flowStatus } from './status.js';
export type { Preview } from './steps/preview.js';
export { type HandoffResult, runHandoff } from './steps/run-handoff.js';
export { transitionOf } from './transition.js';
export { FlowWorker, isRetryable, type WorkerOptions } from './worker.js';
