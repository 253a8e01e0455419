/**
 * `applyPlan(plan, options)`: checks the plan's format and target, refuses removals with data unless allowed,
 * takes the target's lock, re-reads what the plan touches (refusing if anything changed since), asks to confirm,
 * then runs the waves with a journal entry before and after every action. Never prints: progress goes through
 * `onEvent`; the outcome of every action comes back as data.
 */
import { randomBytes } from 'node:crypto';
import {
  type Clock,
  CRM_FIELDS_PER_CALL,
  isZohoError,
  type OnZohoEvent,
  systemClock,
  type ZohoClients,
} from '@zlc/zoho';
import { type Journal, type JournalOutcome, openJournal } from '../journal.js';
import type { HeldLock } from '../lock.js';
import type { LockStore } from '../lock-store.js';
import {
  type Address,
  PLAN_FORMAT_VERSION,
  type Plan,
  type PlanAction,
  type RemoteResource,
  type ResourceType,
} from '../plan-types.js';
import type { Executor, ExecutorContext } from '../resources/executor.js';
import { ActionPreconditionError } from '../runtime-probe.js';
import type {
  ActionError,
  ActionOutcome,
  ApplyResult,
  ApplySummary,
  ConfirmRequest,
  OnApplyEvent,
  Refusal,
} from './apply-types.js';
import { lockRefusal, takeLock } from './lock-refusal.js';
import { findStaleObjects, typesTouched } from './staleness.js';
import { runWaves, type SkipReason, type StepResult } from './waves.js';

export interface ApplyOptions {
  clients: ZohoClients;
  /** `targetIdentity(config)` of the org being changed; a plan for another target is refused. */
  identity: string;
  /** Where `<run id>.jsonl` goes (the CLI uses `.zlc/journal`). */
  journalDir: string;
  /** Where the target's lock file goes (the CLI uses `.zlc/locks`), unless `lockStore` says otherwise. */
  lockDir: string;
  /** Where the target's lock lives instead of `lockDir` (PostgreSQL, so that machines exclude each other). */
  lockStore?: LockStore;
  /** Lets removals (and replacements) that would delete data go ahead. Default false. */
  allowDataLoss?: boolean;
  /** Reads the current remote resources of these types (one list call per module and type). */
  readRemote: (types: ResourceType[]) => Promise<{ resources: RemoteResource[]; calls: number }>;
  /** Executors per resource type (the CLI passes `EXECUTORS`). */
  executors: Readonly<Partial<Record<ResourceType, Executor>>>;
  onEvent?: OnApplyEvent;
  /**
   * The target's lock, when the caller took it (to hold it across planning as well); applyPlan then neither takes
   * nor releases one. Absent: applyPlan takes the lock and releases it at the end.
   */
  lock?: HeldLock;
  /**
   * Re-read what the plan touches and refuse if anything changed since it was read. Default true. `applyModel` turns
   * it off only for a plan it made a moment ago under the same lock with no question in between.
   */
  checkStaleness?: boolean;
  /**
   * Asked before each action starts: once it says stop (the CLI's first Ctrl-C), actions not yet started are skipped
   * (`stopped`), those in flight finish and are journalled, and the run ends as partial.
   */
  shouldStop?: () => boolean;
  /** Asked once, after the checks and before the first change. Absent: no question (auto-approve). */
  confirm?: (request: ConfirmRequest) => Promise<boolean>;
  /** The shared webhook secret the provisioned webhooks carry (never journalled). */
  webhookSecret?: string;
  onZohoEvent?: OnZohoEvent;
  clock?: Clock;
  runId?: string;
}

export function newRunId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Updates, replacements and removals that would delete data the org holds: their impact counts records (an
 * update's impact counts only the records using values it takes out: see `impactQueries`), or the plan marks them
 * (a count that failed). The plan's counts are fresh: a saved plan is made again before it is applied.
 */
function dataLossActions(plan: Plan): Extract<Refusal, { kind: 'data_loss' }>['actions'] {
  return plan.actions
    .filter(
      (a) =>
        (a.action === 'remove' || a.action === 'replace' || a.action === 'update') &&
        ((a.impact !== undefined && a.impact.count > 0) || a.requiresAllowDataLoss === true),
    )
    .map((a) => ({ address: a.address, action: a.action, ...(a.impact === undefined ? {} : { impact: a.impact }) }));
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const emit: OnApplyEvent = options.onEvent ?? (() => {});
  const refuse = (refusal: Refusal): ApplyResult => ({ status: 'refused', refusal });
  if (plan.formatVersion !== PLAN_FORMAT_VERSION)
    return refuse({ kind: 'format_version', found: plan.formatVersion, expected: PLAN_FORMAT_VERSION });
  if (plan.target !== options.identity)
    return refuse({ kind: 'target_mismatch', planned: plan.target, actual: options.identity });
  const losing = dataLossActions(plan);
  if (losing.length > 0 && options.allowDataLoss !== true) return refuse({ kind: 'data_loss', actions: losing });

  let lock = options.lock;
  if (lock === undefined) {
    const acquired = await takeLock(options);
    if (!acquired.ok) return refuse(lockRefusal(acquired));
    lock = acquired.lock;
    emit({ type: 'lock_acquired', lock: lock.info, ...(lock.replaced ? { replaced: lock.replaced } : {}) });
  }
  try {
    if (options.confirm !== undefined) {
      const yes = await options.confirm({ kind: 'apply', target: plan.target, counts: plan.counts });
      if (!yes) return refuse({ kind: 'declined' });
    }
    // After the question, so that changes made while it was open are caught too.
    const types = options.checkStaleness === false ? [] : typesTouched(plan);
    if (types.length > 0) {
      const current = await options.readRemote(types);
      emit({ type: 'staleness_checked', objects: current.resources.length, readCalls: current.calls });
      const stale = findStaleObjects(plan, current.resources);
      if (stale.length > 0) return refuse({ kind: 'stale', objects: stale });
    }
    return await run(plan, options, emit, lock.info.id);
  } finally {
    if (options.lock === undefined) await lock.release();
  }
}

async function run(plan: Plan, options: ApplyOptions, emit: OnApplyEvent, lockId: string): Promise<ApplyResult> {
  const started = Date.now();
  const runId = options.runId ?? newRunId();
  const journal = openJournal({
    dir: options.journalDir,
    runId,
    ...(options.webhookSecret === undefined ? {} : { secrets: [options.webhookSecret] }),
  });
  const todo = plan.actions.filter((a) => a.action !== 'noop').length;
  const { ctx, memo, remoteIds } = executorContext(options);
  const record = recorder(journal, emit, (action) => execute(action, options.executors, ctx), remoteIds);
  try {
    await journal.append({ type: 'run_started', runId, target: plan.target, lockId, actions: todo });
    emit({ type: 'apply_started', runId, journal: journal.path, actions: todo, waves: plan.waves.length });
    await runWaves({
      waves: plan.waves,
      actions: new Map<Address, PlanAction>(plan.actions.map((a) => [a.address, a])),
      ...(options.shouldStop === undefined ? {} : { shouldStop: options.shouldStop }),
      // The rate budget's cap bounds the calls in flight, but an action may be waiting for a batch (CRM field
      // creates go five to a request), so up to cap × 5 actions of a product run at once.
      concurrency: (product) => options.clients.budgets[product].concurrency * CRM_FIELDS_PER_CALL,
      onWave: (index, addresses) => {
        memo.clear();
        emit({ type: 'wave_started', index, waves: plan.waves.length, addresses });
      },
      onSkip: record.skipped,
      run: record.run,
    });
    const { outcomes } = record;
    const summary = summarize(outcomes);
    await journal.append({
      type: 'run_finished',
      runId,
      applied: outcomes.filter((o) => o.status === 'applied').length,
      failed: summary.failed,
      skipped: summary.skipped,
    });
    emit({ type: 'apply_finished', runId, summary, ms: Date.now() - started });
    return {
      status:
        summary.failed > 0 || outcomes.some((o) => o.status === 'skipped' && o.reason.kind === 'stopped')
          ? 'partial'
          : 'applied',
      runId,
      journal: journal.path,
      outcomes: orderLike(plan, outcomes),
      summary,
    };
  } finally {
    await journal.close();
  }
}

/** What the executors share in one run: the ids of what they created, and the reads of one wave (`memo`). */
function executorContext(options: ApplyOptions): {
  ctx: ExecutorContext;
  memo: Map<string, Promise<unknown>>;
  remoteIds: Map<Address, string>;
} {
  const memo = new Map<string, Promise<unknown>>();
  const remoteIds = new Map<Address, string>();
  const ctx: ExecutorContext = {
    remoteIds,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let pending = memo.get(key) as Promise<T> | undefined;
      if (pending === undefined) {
        pending = load();
        memo.set(key, pending);
        // A failed read is not kept: the next action tries again.
        pending.catch(() => memo.delete(key));
      }
      return pending;
    },
    clients: options.clients,
    clock: options.clock ?? systemClock,
    onZohoEvent: options.onZohoEvent ?? (() => {}),
    ...(options.webhookSecret === undefined ? {} : { webhookSecret: options.webhookSecret }),
  };
  return { ctx, memo, remoteIds };
}

/**
 * Runs and skips actions with a journal entry before and after each, an event for each, and its outcome kept
 * (in completion order).
 */
function recorder(
  journal: Journal,
  emit: OnApplyEvent,
  apply: (action: PlanAction) => Promise<string | undefined>,
  remoteIds: Map<Address, string>,
) {
  const outcomes: ActionOutcome[] = [];
  const after = (
    action: PlanAction,
    outcome: JournalOutcome,
    extra: { remoteId?: string; error?: string; ms: number },
  ) => journal.append({ type: 'action_after', address: action.address, action: action.action, outcome, ...extra });
  const refOf = (action: PlanAction) => ({ address: action.address, action: action.action, title: action.title });
  return {
    outcomes,
    async skipped(action: PlanAction, reason: SkipReason): Promise<void> {
      const ref = refOf(action);
      outcomes.push({ ...ref, status: 'skipped', reason });
      await after(action, 'skipped', { ms: 0 });
      emit({ type: 'action_skipped', ...ref, reason });
    },
    async run(action: PlanAction): Promise<StepResult> {
      const ref = refOf(action);
      await journal.append({ type: 'action_before', address: action.address, action: action.action });
      emit({ type: 'action_started', ...ref });
      const t0 = Date.now();
      try {
        const remoteId = await apply(action);
        const ms = Date.now() - t0;
        if (remoteId !== undefined) remoteIds.set(action.address, remoteId);
        const withId = remoteId === undefined ? {} : { remoteId };
        await after(action, 'applied', { ...withId, ms });
        outcomes.push({ ...ref, status: 'applied', ...withId, ms });
        emit({ type: 'action_applied', ...ref, ...withId, ms });
        return { status: 'applied', ...withId };
      } catch (caught) {
        const ms = Date.now() - t0;
        const error = toActionError(caught);
        await after(action, 'failed', { error: error.message, ms });
        outcomes.push({ ...ref, status: 'failed', error, ms });
        emit({ type: 'action_failed', ...ref, error, ms });
        return { status: 'failed', error: caught };
      }
    },
  };
}

async function execute(
  action: PlanAction,
  executors: ApplyOptions['executors'],
  ctx: ExecutorContext,
): Promise<string | undefined> {
  const executor = executors[action.type];
  if (executor === undefined) throw new Error(`internal: no executor for ${action.type}`);
  switch (action.action) {
    case 'create':
      return executor.create(action, ctx);
    case 'update':
      await executor.update(action, ctx);
      return action.remoteId;
    case 'remove':
      await executor.remove(action, ctx);
      return undefined;
    case 'replace':
      await executor.remove(action, ctx);
      return executor.create({ address: action.address, after: action.after, title: action.title }, ctx);
    case 'manual':
    case 'noop':
      return undefined;
  }
}

function toActionError(caught: unknown): ActionError {
  if (caught instanceof ActionPreconditionError) return { message: caught.message, source: 'user', retryable: false };
  if (isZohoError(caught)) {
    const detail = caught.details
      .map((d) => [d.field, d.message].filter((p) => p !== undefined).join(': '))
      .filter((d) => d !== '')
      .join('; ');
    return {
      message: detail === '' ? caught.message : `${caught.message} (${detail})`,
      source: caught.source,
      ...(caught.zohoCode === undefined ? {} : { zohoCode: caught.zohoCode }),
      retryable: caught.retryable,
    };
  }
  const message = caught instanceof Error ? caught.message : String(caught);
  return { message, source: 'internal', retryable: false };
}

function summarize(outcomes: readonly ActionOutcome[]): ApplySummary {
  const summary: ApplySummary = { added: 0, changed: 0, removed: 0, failed: 0, skipped: 0, manual: 0 };
  for (const o of outcomes) {
    if (o.status === 'failed') summary.failed += 1;
    else if (o.status === 'skipped') {
      if (o.reason.kind === 'manual') summary.manual += 1;
      else summary.skipped += 1;
    } else if (o.action === 'create') summary.added += 1;
    else if (o.action === 'update') summary.changed += 1;
    else if (o.action === 'remove') summary.removed += 1;
    else if (o.action === 'replace') {
      summary.added += 1;
      summary.removed += 1;
    }
  }
  return summary;
}

/** Outcomes in the plan's order (they settle in completion order). */
function orderLike(plan: Plan, outcomes: ActionOutcome[]): ActionOutcome[] {
  const index = new Map(plan.actions.map((a, i) => [a.address, i]));
  return [...outcomes].sort((a, b) => (index.get(a.address) ?? 0) - (index.get(b.address) ?? 0));
}
