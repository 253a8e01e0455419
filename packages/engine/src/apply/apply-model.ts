/**
 * `applyModel(model, options)`: what `zlc apply` runs. The plan it applies is always one it makes itself, from the
 * model and the org, under the target's lock (`makePlan`). With a saved plan, that plan is only what a person
 * reviewed: it must be for this target and model, signed when a signing key is set, no object it read may have
 * changed since, and it must say the same as the plan made now (`comparePlans`) — otherwise nothing is changed. The
 * data-impact counts, the webhook targets and everything apply sends come from the plan made now, never from the
 * file. The plan is announced (`plan_ready`) before the question; a plan a person was asked about is checked for
 * staleness against the org again after the answer.
 */
import type { ResolvedModel } from '@zlc/model';
import { configHash } from '../config-hash.js';
import { desiredContext, type MadePlan, makePlan, type PlanEvent } from '../make-plan.js';
import { checkPlanSignature } from '../plan-signature.js';
import type { Plan } from '../plan-types.js';
import { readRemote } from '../read-remote.js';
import { EXECUTORS } from '../resources/executors.js';
import { type ApplyOptions, applyPlan } from './apply-plan.js';
import type { ApplyResult, OnApplyEvent, Refusal } from './apply-types.js';
import { comparePlans } from './compare-plans.js';
import { lockRefusal, takeLock } from './lock-refusal.js';
import { findStaleObjects } from './staleness.js';

export interface ApplyModelOptions extends Omit<ApplyOptions, 'readRemote' | 'executors'> {
  /** A plan saved by `zlc plan --out`; absent: plan now. */
  saved?: Plan;
  /** The key saved plans must be signed with (`ZLC_PLAN_SIGNING_KEY`); absent: signatures are not checked. */
  signingKey?: string;
  /** `ZLC_RUNTIME_URL`, when set. */
  runtimeUrlOverride?: string;
  /** Warnings to carry into a plan made now (e.g. from resolving the webhook secret). */
  warnings?: readonly string[];
  onPlanEvent?: (event: PlanEvent) => void;
  executors?: ApplyOptions['executors'];
}

/** Why a saved plan cannot be applied before the org is read (target, signature, model), or undefined. */
function savedPlanRefusal(saved: Plan, model: ResolvedModel, options: ApplyModelOptions): Refusal | undefined {
  if (saved.target !== options.identity)
    return { kind: 'target_mismatch', planned: saved.target, actual: options.identity };
  if (options.signingKey !== undefined) {
    const signature = checkPlanSignature(saved, options.signingKey);
    if (signature !== 'valid') return { kind: 'plan_signature', problem: signature };
  }
  const actual = configHash(model);
  if (saved.configHash !== actual) return { kind: 'config_changed', planned: saved.configHash, actual };
  return undefined;
}

/**
 * Why the plan made now cannot stand in for the saved one: objects both plans act on changed in the org since, or
 * the plans differ (an action only the saved plan has is a difference, whatever its fingerprint says).
 */
function remadeRefusal(saved: Plan, made: MadePlan): Refusal | undefined {
  const remade = new Set(made.plan.actions.map((a) => a.address));
  const shared = { ...saved, actions: saved.actions.filter((a) => remade.has(a.address)) };
  const stale = findStaleObjects(shared, made.remote);
  if (stale.length > 0) return { kind: 'stale', objects: stale };
  const differences = comparePlans(saved, made.plan);
  if (differences.length > 0) return { kind: 'plan_differs', differences };
  return undefined;
}

export async function applyModel(model: ResolvedModel, options: ApplyModelOptions): Promise<ApplyResult> {
  const emit: OnApplyEvent = options.onEvent ?? (() => {});
  const { saved } = options;
  const early = saved === undefined ? undefined : savedPlanRefusal(saved, model, options);
  if (early !== undefined) return { status: 'refused', refusal: early };
  // The lock is held from before planning to the end, so the plan made now cannot race another apply.
  const acquired = await takeLock(options);
  if (!acquired.ok) return { status: 'refused', refusal: lockRefusal(acquired) };
  const { lock } = acquired;
  try {
    emit({ type: 'lock_acquired', lock: lock.info, ...(lock.replaced ? { replaced: lock.replaced } : {}) });
    const made = await makePlan(options.clients, model, {
      target: options.identity,
      webhookSecret: options.webhookSecret,
      allowDataLoss: options.allowDataLoss === true,
      ...(options.runtimeUrlOverride === undefined ? {} : { runtimeUrlOverride: options.runtimeUrlOverride }),
      ...(options.warnings === undefined ? {} : { warnings: options.warnings }),
      ...(options.onPlanEvent === undefined ? {} : { onEvent: options.onPlanEvent }),
    });
    if (saved !== undefined) {
      const refusal = remadeRefusal(saved, made);
      if (refusal !== undefined) return { status: 'refused', refusal };
      emit({
        type: 'plan_verified',
        actions: made.plan.actions.filter((a) => a.action !== 'noop').length,
        signed: options.signingKey !== undefined,
      });
    }
    const plan = made.plan;
    emit({ type: 'plan_ready', plan, saved: saved !== undefined });
    const { add, change, remove, manual } = plan.counts;
    if (add + change + remove === 0) return { status: 'no_changes', manual };
    const context = desiredContext(model, options.runtimeUrlOverride, options.webhookSecret);
    return await applyPlan(plan, {
      ...options,
      lock,
      // The plan was read moments ago under this lock: only a question in between calls for a second read.
      checkStaleness: options.confirm !== undefined,
      executors: options.executors ?? EXECUTORS,
      readRemote: (types) => readRemote(options.clients, model, { context, secretEnv: model.runtime.secretEnv, types }),
    });
  } finally {
    await lock.release();
  }
}
