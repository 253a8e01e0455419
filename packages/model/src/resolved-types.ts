/**
 * The resolved model: everything defaulted, references replaced by what they point at, fields indexed per
 * app and module with canonical kinds. This is what the engine, the runtime and the reports consume.
 */
import type { FieldKind } from './field-kinds.js';
import type { App, InvoiceStatus, ReportId, TicketEvent } from './model-types.js';

/** A picklist value with its display label and stored value. */
export interface ResolvedPicklistValue {
  display: string;
  actual: string;
}

/** A field, standard or custom, with its kind. */
export interface ResolvedField {
  /** `app:Module.api_name`. */
  ref: string;
  app: App;
  module: string;
  apiName: string;
  label: string;
  /** The product's own type name. */
  nativeType: string;
  kind: FieldKind;
  custom: boolean;
  readOnly: boolean;
  /** Picklist values, when fixed. */
  values?: ResolvedPicklistValue[];
  lookup?: { app: App; module: string };
  length?: number;
  decimals?: number;
  /** Mandatory everywhere. */
  required: boolean;
  /** Stage ids where the field must be filled (from `required_in` and the stages' `required_fields`). */
  requiredInStages: string[];
  unique: boolean;
  description?: string;
  tooltip?: string;
}

export interface ResolvedModule {
  app: App;
  name: string;
  virtual: boolean;
  /** api name → field. */
  fields: Map<string, ResolvedField>;
}

export interface ResolvedOwner {
  id: string;
  name: string;
  description?: string;
  crm: { role?: string; user?: string; profile?: string };
  books: { user?: string; role?: string };
  desk: { department?: string; team?: string; agent?: string };
}

/** A condition with field references resolved. */
export type ResolvedCondition =
  | { kind: 'all'; conditions: ResolvedCondition[] }
  | { kind: 'any'; conditions: ResolvedCondition[] }
  | {
      kind: 'test';
      field: ResolvedField;
      operator: ConditionOperator;
      /** `undefined` for `empty` / `not_empty`. */
      value?: string | number | boolean | (string | number)[];
    };

export type ConditionOperator =
  | 'equals'
  | 'not_equals'
  | 'in'
  | 'not_in'
  | 'empty'
  | 'not_empty'
  | 'greater_than'
  | 'less_than';

export interface ResolvedStage {
  id: string;
  name: string;
  description?: string;
  /** 0-based position in the lifecycle. */
  index: number;
  app: App;
  module: string;
  owner: ResolvedOwner;
  entry?: ResolvedCondition;
  requiredFields: ResolvedField[];
  /** What the runtime does when a record enters without its required fields. */
  onMissing: 'task' | 'revert';
  next: { stage: string; when?: string; via?: string }[];
}

/**
 * A stage gate: a CRM stage with required fields, checked by the runtime when a record enters the stage (a workflow
 * rule and webhook feed it, like a handoff). The handoffs the stage triggers wait until the gate passes.
 */
export interface ResolvedGate {
  /** `gate-<stage id>`: names the gate's workflow rule and webhook (`zlc-gate-…`) and its ledger entries. */
  id: string;
  stage: ResolvedStage;
  app: 'crm';
  module: string;
  /** The stage's required fields, in model order (fields of other modules are read through `via`). */
  fields: { field: ResolvedField; via?: ResolvedField }[];
  onMissing: 'task' | 'revert';
  /** For `revert`: the field whose value moves the record (the `equals` test of the entry, e.g. Deals `Stage`). */
  revertField?: ResolvedField;
}

/** A source path resolved: the source name, the field walked to (if any), and whether it is a list. */
export interface ResolvedSource {
  path: string;
  /** The named source (`deal`, `account`, `contacts`, `item`, `steps.customer` …). */
  source: string;
  /** The module of the record the path ends on. */
  app: App;
  module: string;
  /** The field the path ends on; undefined when the path names a whole record or list. */
  field?: ResolvedField;
  list: boolean;
  kind: FieldKind | 'record';
}

/** Where a mapped value comes from. */
export type ResolvedValue =
  | { kind: 'source'; source: ResolvedSource }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'template'; template: string; placeholders: ResolvedSource[] }
  | {
      kind: 'aggregate';
      fn: 'count' | 'sum' | 'max' | 'min' | 'any';
      of: { app: App; module: string };
      field?: ResolvedField;
      where?: ResolvedCondition;
    }
  /** Whether the trigger record passes the condition. */
  | { kind: 'test'; condition: ResolvedCondition };

export interface ResolvedMapping {
  target: ResolvedField;
  value: ResolvedValue;
  /** Value map for picklist targets (total over the source values, or with a default). */
  picklist?: { values: Record<string, string>; default?: string };
}

export type MatchStrategy =
  | { by: 'link_field'; field: ResolvedField }
  | { by: 'id'; value: ResolvedSource }
  | { by: 'reference_number'; value: ResolvedSource }
  | { by: 'unique_field'; field: ResolvedField; value: ResolvedSource }
  | { by: 'email'; value: ResolvedSource };

export interface ResolvedStep {
  id: string;
  description?: string;
  app: App;
  module: string;
  action: 'upsert' | 'create' | 'update';
  forEach?: ResolvedSource;
  match?: MatchStrategy;
  mappings: ResolvedMapping[];
  contactPersons?: { from: ResolvedSource; primary?: ResolvedSource; mappings: ResolvedMapping[] };
  lineItems?: {
    from: ResolvedSource;
    itemMatch: 'name' | 'sku';
    createMissingItems: boolean;
    /** What the lines must add up to, and what happens when they do not. */
    total?: { source: ResolvedSource; whenDiffers: 'adjust' | 'block' };
    mappings: ResolvedMapping[];
  };
  document?: { kind: 'estimate' | 'invoice'; status: 'draft' | 'sent'; email: boolean; dueInDays?: number };
  writeBack: { field: ResolvedField; from: string }[];
}

export type ResolvedTrigger =
  | { on: 'record_enters_stage'; stage: string; app: App; module: string }
  | { on: 'ticket_event'; app: 'desk'; module: 'tickets'; events: TicketEvent[] }
  /** Books invoices whose status (or payments) changed, polled by modified time; `statuses` filters what runs. */
  | { on: 'invoice_status'; app: 'books'; module: 'invoices'; statuses: InvoiceStatus[]; webhook: boolean };

export interface ResolvedHandoff {
  id: string;
  description?: string;
  trigger: ResolvedTrigger;
  requires: ResolvedSource[];
  onBlocked: 'task' | 'none';
  /** The owner told when the handoff is blocked (the trigger stage's owner), if any. */
  owner?: ResolvedOwner;
  steps: ResolvedStep[];
  advanceTo?: string;
}

export interface ResolvedTerm {
  id: string;
  name: string;
  description?: string;
  perApp: Partial<Record<App, string>>;
  aliases: string[];
}

export interface ResolvedVocabulary {
  terms: ResolvedTerm[];
  statuses: { id: string; field: ResolvedField; labels: Record<string, string> }[];
  naming: {
    crmFieldPattern: string;
    booksFieldPattern: string;
    deskFieldPattern: string;
    stageNameCase: 'title' | 'sentence' | 'any';
  };
}

export interface ResolvedReport {
  id: ReportId;
  title: string;
  period: 'week' | 'month' | 'quarter' | 'year';
  groupBy: 'customer' | 'owner' | 'product' | 'stage' | 'none';
  currency?: string;
  lookback: string;
  /** retention_renewals: the date field holding the renewal date, when the model names one. */
  renewalField?: { module: 'Accounts' | 'Deals'; apiName: string };
  /** reconciliation: days a won deal may go without an invoice before it is listed. */
  graceDays?: number;
}

export interface ResolvedRuntime {
  url?: string;
  ledger: { kind: 'sqlite'; path: string } | { kind: 'postgres'; urlEnv: string };
  pollIntervalSeconds: number;
  maxAttempts: number;
  secretEnv: string;
}

export interface ResolvedPipeline {
  name: string;
  stages: { name: string; probability: number; forecastCategory: 'Pipeline' | 'Closed' | 'Omitted'; order: number }[];
}

export type ResolvedRemoval =
  | { kind: 'field'; app: App; module: string; apiName: string; reason: string }
  | { kind: 'webhook' | 'workflow'; name: string; reason: string };

/** The whole resolved model. */
export interface ResolvedModel {
  version: 1;
  vocabulary: ResolvedVocabulary;
  owners: ResolvedOwner[];
  pipeline?: ResolvedPipeline;
  stages: ResolvedStage[];
  /** The stage gates, in stage order. */
  gates: ResolvedGate[];
  /** Every module (standard and virtual), `app:Module` → module with its standard and custom fields. */
  modules: Map<string, ResolvedModule>;
  /** The declared custom fields, in file order. */
  customFields: ResolvedField[];
  handoffs: ResolvedHandoff[];
  reports: ResolvedReport[];
  runtime: ResolvedRuntime;
  moved: { from: { app: App; module: string; apiName: string }; to: ResolvedField }[];
  remove: ResolvedRemoval[];
}
