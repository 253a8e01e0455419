/**
 * The operating model as written in lifecycle.yaml (after JSON Schema validation, before resolution).
 * Mirrors schemas/lifecycle.schema.json; the schema carries the descriptions editors show.
 */

/** The three Zoho products zlc configures. */
export type App = 'crm' | 'books' | 'desk';
export const APPS: readonly App[] = ['crm', 'books', 'desk'];

/** The whole file. */
export interface LifecycleModel {
  /** Language version; always 1. */
  version: 1;
  vocabulary?: Vocabulary;
  /** Owner id → owner. */
  owners: Record<string, Owner>;
  /** The CRM Deal stage picklist zlc manages. */
  pipeline?: Pipeline;
  /** The lifecycle, in order. */
  stages: Stage[];
  /** Custom fields per app and module. */
  fields?: FieldsSection;
  handoffs?: Handoff[];
  reports?: Report[];
  runtime?: Runtime;
  /** Renamed fields. Default `[]`. */
  moved?: Move[];
  /** Explicit deletes. Default `[]`. */
  remove?: Removal[];
}

/** Canonical terms, status labels and naming conventions. */
export interface Vocabulary {
  terms?: Record<string, Term>;
  statuses?: Record<string, StatusSet>;
  naming?: Naming;
}

/** One canonical term with its per-app names and the aliases to avoid. */
export interface Term {
  name: string;
  description?: string;
  crm?: string;
  books?: string;
  desk?: string;
  /** Words that should be replaced by `name`. Default `[]`. */
  aliases?: string[];
}

/** Labels for the values of one status field. */
export interface StatusSet {
  /** Field reference, e.g. `books:invoices.status`. */
  field: string;
  /** Stored value → label. */
  labels: Record<string, string>;
}

/** Naming conventions (regular expressions); violations are warnings. */
export interface Naming {
  /** Default `^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$`. */
  crm_field_pattern?: string;
  /** Default `^cf_[a-z0-9_]+$`. */
  books_field_pattern?: string;
  /** Default `^cf_[a-z0-9_]+$`. */
  desk_field_pattern?: string;
  /** Default `any`. */
  stage_name_case?: 'title' | 'sentence' | 'any';
}

/** Who owns a stage, per app. */
export interface Owner {
  name: string;
  description?: string;
  crm?: { role?: string; user?: string; profile?: string };
  books?: { user?: string; role?: string };
  desk?: { department?: string; team?: string; agent?: string };
}

/** The CRM Deal pipeline. */
export interface Pipeline {
  /** Default `Standard`. */
  name?: string;
  stages: PipelineStage[];
}

export interface PipelineStage {
  name: string;
  probability: number;
  forecast_category: 'Pipeline' | 'Closed' | 'Omitted';
}

/** A condition on a record: a combination, or one field test. Exactly one shape is set (checked by a rule). */
export interface Condition {
  all?: Condition[];
  any?: Condition[];
  field?: string;
  equals?: string | number | boolean;
  not_equals?: string | number | boolean;
  in?: (string | number)[];
  not_in?: (string | number)[];
  empty?: true;
  not_empty?: true;
  greater_than?: number;
  less_than?: number;
}

/** One lifecycle stage. */
export interface Stage {
  id: string;
  name: string;
  description?: string;
  /** `app:Module`, e.g. `crm:Deals`. */
  record: string;
  /** Owner id. */
  owner: string;
  entry?: Condition;
  /** Api names of the stage's module or full field references. Default `[]`. */
  required_fields?: string[];
  /**
   * What the runtime does when a record enters the stage without its `required_fields`: `task` tells the stage's
   * owner (one CRM task naming the missing fields); `revert` also moves the record back to the stage it came from.
   * Default `task`.
   */
  on_missing?: 'task' | 'revert';
  /** Ways out of the stage. Default `[]`. */
  next?: StageExit[];
}

export interface StageExit {
  stage: string;
  when?: string;
  /** Handoff id. */
  via?: string;
}

/** Custom fields, per app, per module. */
export interface FieldsSection {
  crm?: Partial<Record<string, FieldDef[]>>;
  books?: Partial<Record<string, FieldDef[]>>;
  desk?: Partial<Record<string, FieldDef[]>>;
}

/** A picklist value: the same for display and storage, or separate. */
export type PicklistValueDef = string | { display: string; actual?: string };

/** A custom field. `type` is the product's own type name (CRM `data_type`, Books data type, Desk type). */
export interface FieldDef {
  api_name: string;
  label?: string;
  type: string;
  length?: number;
  decimals?: number;
  values?: PicklistValueDef[];
  /** `app:Module` for lookups. */
  lookup?: string;
  /** Default false. */
  required?: boolean;
  /** Stage ids. Default `[]`. */
  required_in?: string[];
  /** Default false. */
  unique?: boolean;
  description?: string;
  tooltip?: string;
}

/** Where a mapped value comes from: a source path string, or one of the object forms. */
export type MapValueDef =
  | string
  | {
      value?: string | number | boolean;
      template?: string;
      /** `any`: whether at least one of the records matches `where` (a yes/no value). */
      aggregate?: 'count' | 'sum' | 'max' | 'min' | 'any';
      of?: string;
      field?: string;
      where?: Condition;
      /** True when the trigger record passes this condition (fields of the trigger's module), else false. */
      when?: Condition;
    };

export interface PicklistMapDef {
  values: Record<string, string>;
  default?: string;
}

/** One record created or updated by a handoff. */
export interface Step {
  id: string;
  description?: string;
  /** `app:module`. */
  target: string;
  /** Default `upsert`. */
  action?: 'upsert' | 'create' | 'update';
  for_each?: string;
  match?: { by: 'link_field' | 'id' | 'reference_number' | 'unique_field' | 'email'; field?: string; value?: string };
  map?: Record<string, MapValueDef>;
  picklists?: Record<string, PicklistMapDef>;
  contact_persons?: { from: string; primary?: string; map: Record<string, MapValueDef> };
  line_items?: {
    /** Default `products`. */
    from?: string;
    /** Default `name`. */
    item_match?: 'name' | 'sku';
    /** Default false. */
    create_missing_items?: boolean;
    /** The amount the lines must add up to (`deal.Amount`). */
    total?: string;
    /** Default `block`. */
    when_total_differs?: 'adjust' | 'block';
    map: Record<string, MapValueDef>;
  };
  document?: { status?: 'draft' | 'sent'; email?: boolean; due_in_days?: number };
  /** Field reference → target attribute. */
  write_back?: Record<string, string>;
}

export type TicketEvent = 'created' | 'updated' | 'closed' | 'reopened';

/** The statuses Books shows on an invoice (invoices.yml, the list's `status` filter values that are states). */
export type InvoiceStatus = 'draft' | 'sent' | 'overdue' | 'paid' | 'void' | 'partially_paid';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  'draft',
  'sent',
  'overdue',
  'paid',
  'void',
  'partially_paid',
];

/** Data moved between apps. */
export interface Handoff {
  id: string;
  description?: string;
  trigger: {
    on: 'record_enters_stage' | 'ticket_event' | 'invoice_status';
    stage?: string;
    events?: TicketEvent[];
    /** For `invoice_status`: the invoice statuses the handoff reacts to. Default: every status. */
    statuses?: InvoiceStatus[];
    /** For `invoice_status`: Books' webhook (an admin's manual step) besides the poll. Default: false. */
    webhook?: boolean;
  };
  /** Default `[]`. */
  requires?: string[];
  /** Default `task`. */
  on_blocked?: 'task' | 'none';
  steps: Step[];
  advance_to?: string;
}

export type ReportId =
  | 'sold_invoiced_collected'
  | 'close_to_invoice'
  | 'support_volume'
  | 'retention_renewals'
  | 'reconciliation';
export const REPORT_IDS: readonly ReportId[] = [
  'sold_invoiced_collected',
  'close_to_invoice',
  'support_volume',
  'retention_renewals',
  'reconciliation',
];

export interface Report {
  id: ReportId;
  title?: string;
  /** Default `month`. */
  period?: 'week' | 'month' | 'quarter' | 'year';
  /** Default `none`. */
  group_by?: 'customer' | 'owner' | 'product' | 'stage' | 'none';
  currency?: string;
  /** Default `12m`. */
  lookback?: string;
  /** retention_renewals: `crm:Accounts.<date field>` or `crm:Deals.<date field>` holding the renewal date. */
  renewal_field?: string;
  /** reconciliation: days a won deal may go without an invoice before it is listed. Default 14. */
  grace_days?: number;
}

/** The handoff runtime. */
export interface Runtime {
  url?: string;
  /** Default `{kind: sqlite, path: .zlc/flow.db}`. */
  ledger?: { kind?: 'sqlite' | 'postgres'; path?: string; url_env?: string };
  /** Default `5m`. */
  poll_interval?: string;
  /** Default 8. */
  max_attempts?: number;
  /** Default `ZLC_WEBHOOK_SECRET`. */
  secret_env?: string;
}

export interface Move {
  from: string;
  to: string;
}

export interface Removal {
  /** Field reference, `webhook:<name>` or `workflow:<name>`. */
  target: string;
  reason: string;
}
