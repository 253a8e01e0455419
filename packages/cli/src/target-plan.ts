/**
 * The plan of a model against an opened target, made the same way by `plan`, `drift` and `doctor`: the webhook
 * secret for that target, `ZLC_RUNTIME_URL` over `runtime.url`, and a signature when a signing key is set.
 * It loads `@zlc/engine`: commands import this module inside `run()`.
 */
import { makePlan, type Plan, signPlan } from '@zlc/engine';
import type { ResolvedModel } from '@zlc/model';
import type { Target } from './target.js';
import { webhookSecretFor } from './webhook-secret.js';

export interface TargetPlanOptions {
  allowDataLoss?: boolean;
  /** Signs the plan (for `apply PLAN` in a later job). */
  signingKey?: string | undefined;
}

export async function makeTargetPlan(
  target: Target,
  model: ResolvedModel,
  env: Readonly<Record<string, string | undefined>>,
  options: TargetPlanOptions = {},
): Promise<Plan> {
  const secret = webhookSecretFor(target, model, env);
  const made = await makePlan(target.clients, model, {
    target: target.identity,
    runtimeUrlOverride: env.ZLC_RUNTIME_URL,
    webhookSecret: secret.value,
    allowDataLoss: options.allowDataLoss === true,
    warnings: secret.warning === undefined ? [] : [secret.warning],
  });
  return options.signingKey === undefined ? made.plan : signPlan(made.plan, options.signingKey);
}
