/**
 * `makePlan(clients, model, options)`: desired resources from the model, the org read once, the pure planner,
 * then the data-impact counts the plan's actions need, and the planner again with them. Never prints: progress
 * goes through `onEvent`.
 *
 * The counts depend on the diff, but each CRM module's counts depend only on that module's lists: as soon as a
 * module's fields are in (and again when its layouts are), that module is planned alone and its counts leave,
 * while the rest of the org is still being received and parsed. The whole plan then asks the counts it needs,
 * reusing those already asked. The modules whose changes can carry counts are read first, and the model's hash
 * and desired resources are worked out only after the reads have left (hashing the resolved model alone costs
 * ~5–10 ms, which used to delay every first request).
 */
import { deskHookToken, type ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { plan } from './assemble-plan.js';
import { configHash } from './config-hash.js';
import { countImpacts, type ImpactQuery, impactQueries } from './count-impacts.js';
import { desiredResources } from './desired.js';
import type { Address, DataImpact, Plan, ResourceType } from './plan-types.js';
import { readRemote } from './read-remote.js';
import { type DesiredContext, fieldModules } from './resources/resource-def.js';
import { secretComparer, secretRef } from './resources/webhook-secret.js';

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
  };
}

/**
 * The resource types whose impact counts one CRM module's lists decide, in the order those lists arrive: its
 * fields alone decide the field and stage counts; the layout flags' counts need its layouts as well.
 */
const EARLY_TYPES: readonly (readonly ResourceType[])[] = [
  ['crm_field', 'crm_stage_picklist'],
  ['crm_field', 'crm_stage_picklist', 'crm_layout_required'],
];

/**
 * The model narrowed to one CRM module: its fields, renames and field removals (and the pipeline, for Deals).
 * Planning that alone gives the module's actions exactly as the whole plan has them, so its impact queries too:
 * a `moved:` rename stays within its module (the model's rules refuse one across modules).
 */
function narrowedToModule(model: ResolvedModel, module: string): ResolvedModel {
  const { pipeline: _pipeline, ...rest } = model;
  return {
    ...rest,
    ...(module === 'Deals' && model.pipeline !== undefined ? { pipeline: model.pipeline } : {}),
    customFields: model.customFields.filter((f) => f.app === 'crm' && f.module === module),
    moved: model.moved.filter((m) => m.from.app === 'crm' && m.from.module === module),
    remove: model.remove.filter((r) => r.kind === 'field' && r.app === 'crm' && r.module === module),
  };
}

function queryKey(q: ImpactQuery): string {
  return `${q.address}\n${q.query}`;
}

/**
 * How many of a module's declared changes can carry an impact count (a stage requirement within the module, a
 * mandatory flag, a removal, the pipeline's stages): the modules most likely to need counts are read first, so
 * their counts leave while the others' lists are still arriving.
 */
function countWeight(model: ResolvedModel, module: string): number {
  const stageIds = new Set(model.stages.filter((s) => s.app === 'crm' && s.module === module).map((s) => s.id));
  let weight = module === 'Deals' && model.pipeline !== undefined ? 1 : 0;
  for (const f of model.customFields) {
    if (f.app !== 'crm' || f.module !== module) continue;
    if (f.required) weight += 1;
    if (f.requiredInStages.some((id) => stageIds.has(id))) weight += 1;
  }
  for (const r of model.remove) if (r.kind === 'field' && r.app === 'crm' && r.module === module) weight += 1;
  return weight;
}

export async function makePlan(
  clients: ZohoClients,
  model: ResolvedModel,
  options: MakePlanOptions,
): Promise<MadePlan> {
  const emit = options.onEvent ?? (() => {});
  const context = desiredContext(model, options.runtimeUrlOverride, options.webhookSecret);
  const warnings = [...(options.warnings ?? [])];
  if (context.runtimeUrl === undefined)
    warnings.push('runtime.url is not set (nor ZLC_RUNTIME_URL): no webhooks or workflow rules are planned.');
  // The model's hash and desired resources are worked out while the reads are in flight, not before they leave.
  const narrowBase = {
    target: options.target,
    configHash: '', // a module's own plan only gives its impact queries; the whole plan carries the hash
    allowDataLoss: options.allowDataLoss === true,
    warnings,
  };
  const readOptions = { context, secretEnv: model.runtime.secretEnv, memo: new Map<string, Promise<unknown>>() };
  const counting = new Map<string, ReturnType<typeof countImpacts>>();
  const count = (q: ImpactQuery) => {
    const key = queryKey(q);
    if (!counting.has(key)) counting.set(key, countImpacts(clients, [q]));
  };

  emit({ type: 'plan_read_started' });
  const modules = new Set(fieldModules(model, 'crm'));
  if (model.pipeline !== undefined) modules.add('Deals');
  const ordered = [...modules].sort((a, b) => countWeight(model, b) - countWeight(model, a));
  // Each module's fields, then its layouts, are asked before the rest of the org (which shares them by the memo).
  const early = ordered.flatMap((module) =>
    EARLY_TYPES.map(async (types) => {
      const narrow = narrowedToModule(model, module);
      const read = await readRemote(clients, narrow, { ...readOptions, types });
      const wanted = desiredResources(narrow, context).filter((d) => types.includes(d.type));
      for (const q of impactQueries(plan(wanted, read.resources, { ...narrowBase, model: narrow }), narrow)) count(q);
    }),
  );
  // Early counts are an optimisation only: a read that fails here fails the whole read below with the same error.
  const settled = Promise.all(early.map((e) => e.catch(() => {})));
  const remote = await readRemote(clients, model, readOptions);
  emit({ type: 'plan_read_done', resources: remote.resources.length, calls: remote.calls, lists: remote.lists });
  await settled;

  const desired = desiredResources(model, context);
  const base = {
    ...narrowBase,
    model,
    configHash: configHash(model),
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
  };
  const first = plan(desired, remote.resources, base);
  const queries = impactQueries(first, model);
  for (const q of queries) count(q);
  // Every count asked is awaited (and is an API call made), including one the whole plan turned out not to need.
  await Promise.all(counting.values());
  const calls = remote.calls + counting.size;
  if (queries.length === 0) return { plan: first, calls };
  const impacts: Record<Address, DataImpact> = {};
  const countWarnings: string[] = [];
  for (const q of queries) {
    const answer = await counting.get(queryKey(q));
    Object.assign(impacts, answer?.impacts);
    countWarnings.push(...(answer?.warnings ?? []));
  }
  emit({ type: 'plan_impacts_counted', queries: queries.length });
  const final = plan(desired, remote.resources, { ...base, impacts, warnings: [...warnings, ...countWarnings] });
  return { plan: final, calls };
}
