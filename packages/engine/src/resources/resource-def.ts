/**
 * What every resource type provides, all in its own folder (`resources/<type>/`): the desired resources derived
 * from the model, a reader that lists the org's objects of that type (one list call per module) and normalises them
 * into the same comparable shape, the data-impact counts its changes need, and the executor that applies them.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Attributes, PlanAction, Product, RemoteResource, Resource, ResourceType } from '../plan-types.js';
import type { Executor } from './executor.js';
import type { ImpactQuery } from './shared/impact.js';

/** Inputs to `desired()` that do not come from the model file. */
export interface DesiredContext {
  /** Where provisioned webhooks point: `ZLC_RUNTIME_URL`, else `runtime.url`; undefined when neither is set. */
  runtimeUrl: string | undefined;
  /** The webhook secret as a reference (`env:NAME`, `env:NAME#unset`); nothing derived from the secret itself. */
  secretRef: string;
  /**
   * Whether a value the org stores is the current secret (compared in constant time). A function, like `deskToken`,
   * so that the secret stays out of anything serialisable.
   */
  isSecret(value: string): boolean;
  /**
   * The token a Desk webhook of this handoff must carry (see `deskHookToken` in `@zlc/model`), or undefined without
   * a secret. A function rather than a value so that the secret stays out of anything serialisable.
   */
  deskToken(handoffId: string): string | undefined;
  /** The token a Books webhook of this handoff must carry (`booksHookToken` in `@zlc/model`), likewise. */
  booksToken(handoffId: string): string | undefined;
}

/**
 * A per-run memo of list calls, so that two resource types that need the same list (Deals fields for the
 * custom fields and for the Stage picklist) share one call.
 */
export interface ReadScope {
  model: ResolvedModel;
  context: DesiredContext;
  /** Runs `load` once per key for this run and shares the answer. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Turns a secret value read from the org into the same reference form as `context.secretRef` (`storedSecretRef`). */
  secretRefOf(value: string | undefined): string;
  /** Notes what a reader left out and why (an object zlc cannot address); the plan carries it as a warning. */
  warn(message: string): void;
}

export interface ResourceDef {
  type: ResourceType;
  product: Product;
  /** The resources the model wants, normalised. Pure. */
  desired(model: ResolvedModel, context: DesiredContext): Resource[];
  /** The org's objects of this type that zlc could manage, normalised the same way. */
  read(clients: ZohoClients, scope: ReadScope): Promise<RemoteResource[]>;
  /** Attributes that cannot change in place: a change to one is a `-/+` replace. */
  immutable: readonly string[];
  /** True when the API cannot write this type: a missing or different object is a `manual` action. */
  manual?: (after: Attributes) => string[];
  /**
   * For types where "not in the model" has a meaning other than orphaned (a layout flag the model no longer sets
   * is to be cleared): the attributes to converge to, or undefined to report the object as orphaned.
   */
  whenUnwanted?: (remote: RemoteResource) => Attributes | undefined;
  /**
   * The counts of what an action of this type affects ("312 Deals have no Budget", "4 Desk accounts have a value in
   * cf_x"), asked of the org at plan time, shown in the plan; on an update, replace or removal they count data it
   * would lose, and gate it behind `--allow-data-loss`. Pure. Absent: the type's changes touch no record data.
   */
  impacts?: (action: PlanAction, scope: ImpactScope) => ImpactQuery[];
  /** Applies the plan's actions of this type to the org. */
  executor: Executor;
}

/** What `impacts` may consult besides the action. */
export interface ImpactScope {
  model: ResolvedModel;
  /** Addresses the same plan creates (a new field has no values yet). */
  creating: ReadonlySet<string>;
}

/** `type.part.part`: the resource's address. */
export function addressOf(type: ResourceType, ...parts: string[]): string {
  return [type, ...parts].join('.');
}

/** The modules of `app` whose field lists a plan needs: declared fields, moved-from fields and removals. */
export function fieldModules(model: ResolvedModel, app: Product): string[] {
  const modules = new Set<string>();
  for (const f of model.customFields) if (f.app === app) modules.add(f.module);
  for (const m of model.moved) if (m.from.app === app) modules.add(m.from.module);
  for (const r of model.remove) if (r.kind === 'field' && r.app === app) modules.add(r.module);
  return [...modules].sort();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export { toAttributes } from './attributes.js';
