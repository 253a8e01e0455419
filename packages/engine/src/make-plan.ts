/**
 * `makePlan(clients, model, options)`: the planner shell, in named steps — read the org (one list call per module
 * and type), work out the desired resources, check the org's limits (`OrgLimitError`) and that the owners name
 * people and groups the org has (`OwnerResolutionError`), plan (pure), ask the
 * data-impact counts the plan's actions need, and put the counts on the plan (pure). Never prints: progress goes through `onEvent`.
 */
import { booksHookToken, deskHookToken, type ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { plan, withImpacts } from './assemble-plan.js';
import { OrgLimitError, orgLimitProblems } from './check-org-limits.js';
import { checkOwners } from './check-owners.js';
import { configHash } from './config-hash.js';
import { countImpacts, impactQueries } from './count-impacts.js';
import { desiredResources } from './desired.js';
import type { Plan, RemoteResource } from './plan-types.js';
import { readRemote } from './read-remote.js';
import type { DesiredContext } from './resources/resource-def.js';
import { secretComparer, secretRef } from './resources/shared/webhook-secret.js';

export type PlanEvent =
  | { type: 'plan_read_started' }
  | { type: 'plan_read_done'; resources: number; calls: number; lists: string[] }
  | { type: 'plan_impacts_counted'; queries: number };

export interface MakePlanOptions {
  /** `targetIdentity(config)`. */
  target: string;
  /** `ZLC_RUNTIME_URL` if set; otherwise the model's `runtime.url` is used. */
  runtimeUrlOverride?: string;
  /** The webhook secret's value (see `resolveWebhookSecret`); only its reference enters the plan. */
  webhookSecret: string | undefined;
  allowDataLoss?: boolean;
  /** Extra warnings to carry in the plan (e.g. from resolving the secret). */
  warnings?: readonly string[];
  onEvent?: (event: PlanEvent) => void;
  /** ISO time for the plan (tests). */
  createdAt?: string;
}

export interface MadePlan {
  plan: Plan;
  /** List reads plus impact counts made. */
  calls: number;
  /** The org's objects as read for this plan (apply checks a saved plan's fingerprints against them). */
  remote: RemoteResource[];
}

export function desiredContext(
  model: ResolvedModel,
  runtimeUrlOverride: string | undefined,
  secret: string | undefined,
): DesiredContext {
  const override = runtimeUrlOverride?.trim();
  return {
    runtimeUrl: override ? override : model.runtime.url,
    secretRef: secretRef(model.runtime.secretEnv, secret),
    isSecret: secretComparer(secret),
    deskToken: (handoffId) => (secret ? deskHookToken(secret, handoffId) : undefined),
    booksToken: (handoffId) => (secret ? booksHookToken(secret, handoffId) : undefined),
  };
}

export async function makePlan(
  clients: ZohoClients,
  model: ResolvedModel,
  options: MakePlanOptions,
): Promise<MadePlan> {
  const emit = options.onEvent ?? (() => {});
  const context = desiredContext(model, options.runtimeUrlOverride, options.webhookSecret);
  emit({ type: 'plan_read_started' });
  // The owners' directory needs nothing from the lists, so it is read beside them; its error is raised after the
  // org's limits are checked, as before.
  const ownersRead = checkOwners(clients, model);
  ownersRead.catch(() => {});
  const remote = await readRemote(clients, model, { context, secretEnv: model.runtime.secretEnv });
  emit({ type: 'plan_read_done', resources: remote.resources.length, calls: remote.calls, lists: remote.lists });

  const warnings = [...(options.warnings ?? []), ...remote.warnings];
  if (context.runtimeUrl === undefined)
    warnings.push('runtime.url is not set (nor ZLC_RUNTIME_URL): no webhooks or workflow rules are planned.');
  const desired = desiredResources(model, context);
  const problems = orgLimitProblems(desired, remote.resources, model, clients.editions.crm);
  if (problems.length > 0) throw new OrgLimitError(problems);
  const owners = await ownersRead;
  const draft = plan(desired, remote.resources, {
    model,
    target: options.target,
    configHash: configHash(model),
    allowDataLoss: options.allowDataLoss === true,
    warnings,
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
  });

  const queries = impactQueries(draft, model);
  const reads = remote.calls + owners.calls;
  if (queries.length === 0) return { plan: draft, calls: reads, remote: remote.resources };
  const counted = await countImpacts(clients, queries);
  emit({ type: 'plan_impacts_counted', queries: queries.length });
  const made = withImpacts(draft, counted.impacts, model, counted.uncounted);
  return {
    plan: { ...made, warnings: [...made.warnings, ...counted.warnings] },
    calls: reads + queries.length,
    remote: remote.resources,
  };
}
