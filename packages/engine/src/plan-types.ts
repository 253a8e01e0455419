/**
 * The engine's shared vocabulary: resources (desired and remote), plan actions, and the plan artefact.
 * The planner (pure) produces a `Plan`; the applier consumes it. Both sides code against this file.
 */

export type Product = 'crm' | 'books' | 'desk';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Attributes = { [key: string]: JsonValue };

/**
 * Every kind of object zlc manages. The natural key of each is given in `ResourceKey` below.
 * - `crm_field`: a CRM custom field (module + api_name), with its picklist values.
 * - `crm_stage_picklist`: the Deals `Stage` picklist (values with probability and forecast category).
 * - `crm_layout_required`: the mandatory flag of one field in one layout (module + layout + api_name).
 * - `crm_webhook`: a CRM webhook action (name) pointing at the runtime.
 * - `crm_workflow_rule`: a CRM workflow rule (name) that fires a webhook on a stage transition.
 * - `desk_field`: a Desk custom field (module + apiName).
 * - `desk_webhook`: a Desk webhook (name) subscribed to ticket events.
 * - `books_item`: a Books item referenced by a mapping (name).
 * - `books_custom_field`: a Books custom field (module + api_name): no create API, so always `manual`.
 */
export type ResourceType =
  | 'crm_field'
  | 'crm_stage_picklist'
  | 'crm_layout_required'
  | 'crm_webhook'
  | 'crm_workflow_rule'
  | 'desk_field'
  | 'desk_webhook'
  | 'books_item'
  | 'books_custom_field'
  | 'books_webhook';

/**
 * A resource's address: `<type>.<natural key parts joined by '.'>`, e.g. `crm_field.Deals.Budget`,
 * `crm_layout_required.Deals.Standard.Budget`, `crm_webhook.zlc_deal_to_books`, `desk_field.accounts.cf_crm_account_id`.
 * Unique within a plan; stable across runs; what journals, locks and messages name.
 */
export type Address = string;

/** A resource as the model wants it, or as it was read from the org, in normalised form (comparable). */
export interface Resource {
  address: Address;
  type: ResourceType;
  product: Product;
  /** Human name for summaries: `Deals › Budget (currency)`. */
  title: string;
  /** Normalised attributes: sorted where order is meaningless, server defaults filled, read-only attributes dropped. */
  attributes: Attributes;
  /** Addresses this resource needs to exist first (e.g. a workflow rule needs its webhook). */
  dependsOn: Address[];
}

/** A remote resource also carries the org's id for it and a fingerprint of what was read. */
export interface RemoteResource extends Resource {
  /** The Zoho id of the object (field id, webhook id …). */
  remoteId: string;
  /**
   * sha256 of the canonical JSON of the raw object as read (computed when first asked for); apply compares it for
   * per-object staleness.
   */
  fingerprint: () => string;
}

export interface AttributeChange {
  /** JSON-pointer-like path inside `attributes`: `label`, `picklist/3`, `required`. */
  path: string;
  before?: JsonValue;
  after?: JsonValue;
}

/** What a change would do to data already in the org, counted from the org ("312 open deals have no Budget"). */
export interface DataImpact {
  count: number;
  message: string;
}

interface ActionBase {
  address: Address;
  type: ResourceType;
  product: Product;
  title: string;
  /** Addresses of actions in earlier waves this one waits for. */
  dependsOn: Address[];
  impact?: DataImpact;
  /**
   * True when the action would delete data the org holds (an update, replace or remove whose impact counts records,
   * or whose count failed) and the plan was made without `--allow-data-loss`: apply refuses it.
   */
  requiresAllowDataLoss?: boolean;
}

export interface CreateAction extends ActionBase {
  action: 'create';
  after: Attributes;
}
export interface UpdateAction extends ActionBase {
  action: 'update';
  remoteId: string;
  before: Attributes;
  after: Attributes;
  changes: AttributeChange[];
}
/** `-/+`: an attribute that cannot be changed in place (e.g. a field's data type). */
export interface ReplaceAction extends ActionBase {
  action: 'replace';
  remoteId: string;
  before: Attributes;
  after: Attributes;
  changes: AttributeChange[];
  reason: string;
}
export interface RemoveAction extends ActionBase {
  action: 'remove';
  remoteId: string;
  before: Attributes;
  /** Why: the `remove:` entry's reason. */
  reason: string;
}
/** What the API cannot write: the plan prints the exact steps; the next plan verifies them. */
export interface ManualAction extends ActionBase {
  action: 'manual';
  after: Attributes;
  steps: string[];
  /**
   * A rename through `moved:` (API names change only in the app's own settings): the address the field is still
   * read at. Absent for other manual steps.
   */
  movedFrom?: Address;
}
export interface NoopAction extends ActionBase {
  action: 'noop';
  remoteId: string;
}

export type PlanAction = CreateAction | UpdateAction | ReplaceAction | RemoveAction | ManualAction | NoopAction;
export type ActionKind = PlanAction['action'];

/** An object in the org that zlc would manage but the model no longer mentions: reported, never deleted. */
export interface Orphan {
  address: Address;
  type: ResourceType;
  product: Product;
  title: string;
  remoteId: string;
  hint: string;
}

export interface PlanCounts {
  add: number;
  change: number;
  remove: number;
  manual: number;
}

/** The business summary shown first: what the change means for the lifecycle. */
export interface BusinessSummary {
  stages: {
    id: string;
    name: string;
    owner: string;
    requiredFields: string[];
    /** How the required fields are enforced (the stage gate, who is told, what waits), for stages that have some. */
    enforcement?: string;
    changed: boolean;
  }[];
  /** `writes`: the field references the handoff's steps set (mapped targets and write-backs). */
  handoffs: { id: string; trigger: string; writes?: string[]; affected: boolean }[];
  /** One line each: how a stage's requirements are now enforced, a Deal stage change, impacts, removals, manual steps. */
  highlights: string[];
}

/** The plan artefact (`plan --out FILE`, `plan --format json`), described by `schemas/plan.schema.json`. */
export interface Plan {
  formatVersion: 1;
  engineVersion: string;
  createdAt: string;
  /** `targetIdentity(config)` of the org planned against; apply refuses another. */
  target: string;
  /** sha256 of the canonical resolved model; tells apply whether the config changed since. */
  configHash: string;
  /** address → fingerprint of every remote object the plan's actions touch (updates, replaces, removes). */
  fingerprints: Record<Address, string>;
  summary: BusinessSummary;
  /** Every action, noops included, in wave order. */
  actions: PlanAction[];
  /** Waves of addresses from the dependency graph across products; concurrency only within a wave. */
  waves: Address[][];
  orphans: Orphan[];
  counts: PlanCounts;
  /** Things the planner could not decide that a person should know (e.g. a moved field whose source is gone). */
  warnings: string[];
  /** Whether the plan was made with `--allow-data-loss` (removals of objects holding data are allowed). */
  allowDataLoss?: boolean;
  /**
   * `hmac-sha256:<hex>` of the rest of the plan (canonical JSON), when it was saved with `ZLC_PLAN_SIGNING_KEY` set
   * (see `signPlan`); apply with the key set refuses a plan without a valid one.
   */
  signature?: string;
}

export const PLAN_FORMAT_VERSION = 1 as const;
