/**
 * `applyModel(model, options)`: what `zlc apply` runs. With a saved plan: checks that the model is the one the
 * plan was made from, then applies exactly that plan. Without: plans now (the planner's `makePlan`). Either way
 * the plan is announced (`plan_ready`) before the question. The target's lock is held from before planning to the
 * end; a saved plan, or one a person was asked about, is checked for staleness against the org before any change.
 */
import type { ResolvedModel } from '@zlc/model';
import { configHash } from '../config-hash.js';
import { acquireLock } from '../lock.js';
import { desiredContext, makePlan, type PlanEvent } from '../make-plan.js';
import type { Plan } from '../plan-types.js';
import { readRemote } from '../read-remote.js';
import { type ApplyOptions, applyPlan } from './apply-plan.js';
import type { ApplyResult } from './apply-types.js';
import { EXECUTORS } from './executors/index.js';
import { lockRefusal } from './lock-refusal.js';

export interface ApplyModelOptions extends Omit<ApplyOptions, 'readRemote' | 'executors'> {
  /** A plan saved by `zlc plan --out`; absent: plan now. */
  saved?: Plan;
  /** `ZLC_RUNTIME_URL`, when set. */
  runtimeUrlOverride?: string;
  /** Warnings to carry into a plan made now (e.g. from resolving the webhook secret). */
  warnings?: readonly string[];
  onPlanEvent?: (event: PlanEvent) => void;
  executors?: ApplyOptions['executors'];
}

export async function applyModel(model: ResolvedModel, options: ApplyModelOptions): Promise<ApplyResult> {
  const emit = options.onEvent ?? (() => {});
  // The lock is held from before planning to the end, so a plan made now cannot race another apply.
  const acquired = acquireLock({ dir: options.lockDir, identity: options.identity });
  if (!acquired.ok) return { status: 'refused', refusal: lockRefusal(acquired) };
  const { lock } = acquired;
  try {
    emit({ type: 'lock_acquired', lock: lock.info, ...(lock.replaced ? { replaced: lock.replaced } : {}) });
    let plan: Plan;
    if (options.saved !== undefined) {
      plan = options.saved;
      const actual = configHash(model);
      if (plan.configHash !== actual)
        return { status: 'refused', refusal: { kind: 'config_changed', planned: plan.configHash, actual } };
    } else {
      const made = await makePlan(options.clients, model, {
        target: options.identity,
        webhookSecret: options.webhookSecret,
        allowDataLoss: options.allowDataLoss === true,
        ...(options.runtimeUrlOverride === undefined ? {} : { runtimeUrlOverride: options.runtimeUrlOverride }),
        ...(options.warnings === undefined ? {} : { warnings: options.warnings }),
        ...(options.onPlanEvent === undefined ? {} : { onEvent: options.onPlanEvent }),
      });
      plan = made.plan;
    }
    emit({ type: 'plan_ready', plan, saved: options.saved !== undefined });
    const { add, change, remove, manual } = plan.counts;
    if (add + change + remove === 0) return { status: 'no_changes', manual };
    const context = desiredContext(model, options.runtimeUrlOverride, options.webhookSecret);
    return await applyPlan(plan, {
      ...options,
      lock,
      // A plan made just now under this lock, with no question in between, was read moments ago: no second read.
      checkStaleness: options.saved !== undefined || options.confirm !== undefined,
      executors: options.executors ?? EXECUTORS,
      readRemote: (types) => readRemote(options.clients, model, { context, secretEnv: model.runtime.secretEnv, types }),
    });
  } finally {
    lock.release();
  }
}
