/**
 * CRM v8 shapes zlc reads and writes, written from Zoho's v8 documents (`../shared/specs/crm-v8-2026/*.yaml` where
 * they document the operation, else `../shared/specs/crm/*.json`). Only the properties zlc relies on are named;
 * everything else Zoho sends is kept under the index signature.
 */

export interface CrmOrg {
  [key: string]: unknown;
  id: string;
  company_name?: string;
  domain_name?: string;
  primary_email?: string;
  time_zone?: string;
  currency?: string;
  zgid?: string;
}

export interface CrmRef {
  [key: string]: unknown;
  id: string;
  name?: string;
}

export interface CrmUser {
  [key: string]: unknown;
  id: string;
  full_name?: string;
  email?: string;
  status?: string;
  role?: CrmRef;
  profile?: CrmRef;
}

export interface CrmRole {
  [key: string]: unknown;
  id: string;
  name: string;
  display_label?: string;
  reporting_to?: CrmRef | null;
}

export interface CrmProfile {
  [key: string]: unknown;
  id: string;
  name: string;
  display_label?: string;
  custom?: boolean;
}

export interface CrmModule {
  [key: string]: unknown;
  id: string;
  api_name: string;
  module_name?: string;
  singular_label?: string;
  plural_label?: string;
  api_supported?: boolean;
  generated_type?: string;
}

export interface CrmPicklistValue {
  [key: string]: unknown;
  display_value: string;
  actual_value?: string;
  id?: string;
  sequence_number?: number;
  /** Deals `Stage` values, in layout answers. */
  probability?: number;
  forecast_type?: string;
  forecast_category?: { name?: string; id?: string };
}

export interface CrmField {
  [key: string]: unknown;
  id: string;
  api_name: string;
  field_label?: string;
  display_label?: string;
  data_type?: string;
  custom_field?: boolean;
  system_mandatory?: boolean;
  length?: number;
  /** Empty in the fields API's answers ("no layout-specific configurations"); layouts carry the values. */
  pick_list_values?: CrmPicklistValue[];
  /** `{}` when the field is not unique. */
  unique?: { case_sensitive?: boolean };
  lookup?: { module?: { api_name?: string; id?: string } };
}

/** A uniqueness setting on create or update: `{case_sensitive}`, or `false` to drop it (fields.yaml). */
export type CrmUniqueInput = { case_sensitive: boolean } | boolean;

/** A new picklist value: both `display_value` and `actual_value` (fields.yaml), Stage values with probability. */
export interface CrmNewPicklistValue {
  display_value: string;
  actual_value: string;
  probability?: number;
  forecast_type?: string;
  sequence_number?: number;
}

/** What `createFields` sends for one new custom field (fields.yaml `FieldRequestBodySchema`). */
export interface CrmFieldInput {
  field_label: string;
  data_type: string;
  api_name?: string;
  length?: number;
  unique?: CrmUniqueInput;
  pick_list_values?: CrmNewPicklistValue[];
  /** Lookups: the module looked up, and the related list's label (`display_label`). */
  lookup?: { module: { api_name: string } };
  display_label?: string;
}

/** One entry of a picklist update: a new value, or an existing value by id (moved, changed or deleted). */
export type CrmPicklistChange =
  | CrmNewPicklistValue
  | {
      id: string;
      sequence_number?: number;
      _delete?: true;
      display_value?: string;
      probability?: number;
      forecast_type?: string;
    };

/** What `updateField` may change (fields.yaml `FieldUpdateRequestBodySchema`; see SPEC.md on picklist keys). */
export interface CrmFieldChanges {
  field_label?: string;
  length?: number;
  unique?: CrmUniqueInput;
  pick_list_values?: CrmPicklistChange[];
}

export interface CrmLayoutField {
  [key: string]: unknown;
  api_name: string;
  id?: string;
  required?: boolean;
  data_type?: string;
  pick_list_values?: CrmPicklistValue[];
}

export interface CrmLayoutSection {
  [key: string]: unknown;
  id?: string;
  api_name?: string;
  display_label?: string;
  fields?: CrmLayoutField[];
}

/** One layout PATCH: sections by id, fields by id with their mandatory flag (layouts.yaml `LayoutUpdateObject`). */
export interface CrmLayoutChanges {
  sections: { id: string; fields: { id: string; required?: boolean }[] }[];
}

export interface CrmLayout {
  [key: string]: unknown;
  id: string;
  name: string;
  status?: string;
  sections?: CrmLayoutSection[];
}

export interface CrmPipelineStage {
  [key: string]: unknown;
  id?: string;
  display_value?: string;
  sequence_number?: number;
  forecast_category?: { name?: string; id?: string };
  probability?: number;
}

export interface CrmPipeline {
  [key: string]: unknown;
  id: string;
  display_value: string;
  default?: boolean;
  maps?: CrmPipelineStage[];
}

/** One pipeline update (pipeline.yaml `PipelineUpdateRequestUrl`): stages by their Stage value id. */
export interface CrmPipelineChanges {
  maps: { id: string; sequence_number?: number; _delete?: { permanent: null } }[];
}

/** `{api_name, id}` of a CRM module, as the automation APIs require it (workflow_rules.yaml `ModuleOrFieldNestedSchema`). */
export interface CrmModuleRef {
  api_name: string;
  id: string;
}

export interface CrmNameValue {
  name: string;
  value: string;
}

/**
 * A webhook parameter collection (webhooks.yaml): `module_parameters` hold one merge field each
 * (`${!Deals.Id}`, API names), `custom_parameters` literals sent unchanged.
 */
export interface CrmParamLists {
  module_parameters: CrmNameValue[];
  custom_parameters: CrmNameValue[];
}

export type CrmWebhookBody =
  | { type: 'form_data'; format: null; form_data_content: Partial<CrmParamLists> }
  | { type: 'raw'; format: 'JSON' | 'XML' | 'Text' | 'HTML'; raw_data_content: string }
  | { type: 'none'; format: null };

/**
 * A webhook to create or replace (webhooks.yaml `WebhookCreateInput`; an update replaces the whole webhook).
 * `module` is the module's API name: the client adds its id, which Zoho requires.
 */
export interface CrmWebhookInput {
  name: string;
  url: string;
  http_method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  module: string;
  authentication: { type: 'general' } | { type: 'connection'; connection_name: string };
  feature_type: 'workflow' | 'approval_process' | 'blueprint_transition' | 'blueprint_state' | 'assignment_rules';
  description?: string;
  /** POST, PUT and DELETE webhooks; `module_parameters` must be present (it may be empty). */
  headers?: CrmParamLists;
  /** GET and DELETE webhooks. */
  url_parameters?: CrmParamLists;
  /** POST and PUT webhooks. */
  body?: CrmWebhookBody;
}

/** A webhook as the list answers it: a summary without headers, body, authentication or url parameters. */
export interface CrmWebhookSummary {
  [key: string]: unknown;
  id: string;
  name: string;
  url?: string;
  http_method?: string;
  feature_type?: string;
  module?: { api_name?: string; id?: string };
}

/** A webhook read by id: the whole configuration. */
export interface CrmWebhook extends CrmWebhookSummary {
  headers?: Partial<CrmParamLists> | null;
  url_parameters?: Partial<CrmParamLists> | null;
  body?: {
    type?: string;
    format?: string | null;
    form_data_content?: Partial<CrmParamLists>;
    raw_data_content?: string;
  } | null;
  authentication?: { type?: string; connection_name?: string | null } | null;
}

/** Workflow criteria: a leaf on a field of the rule's module, or an AND/OR group of 2 – 25. */
export type CrmRuleCriteria =
  | { comparator: string; field: { api_name: string }; value: unknown }
  | { group_operator: 'AND' | 'OR'; group: CrmRuleCriteria[] };

/** A webhook action of a condition, or (`_delete: null`, any type) an action an update removes. */
export type CrmRuleAction = { type: 'webhooks'; id: string } | { type: string; id: string; _delete: null };

/** A condition to create, or (with `id`) to change or (with `_delete: null`) remove in an update. */
export interface CrmRuleConditionInput {
  id?: string;
  sequence_number: number;
  criteria_details?: { criteria: CrmRuleCriteria | null };
  instant_actions?: { actions: CrmRuleAction[] };
  _delete?: null;
}

/**
 * A workflow rule to create (workflow_rules.yaml `WorkflowRulePostNestedSchema`): no `status` — a rule is created
 * active. `module` is the module's API name: the client adds its id.
 */
export interface CrmWorkflowRuleInput {
  name: string;
  module: string;
  description?: string;
  execute_when: { type: string; details?: Record<string, unknown> };
  conditions: CrmRuleConditionInput[];
}

/** A partial update (`WorkflowRulePutNestedSchema`): keys left out stay; `status.active` turns the rule on or off. */
export interface CrmWorkflowRuleUpdate {
  name?: string;
  description?: string;
  execute_when?: { type: string; details?: Record<string, unknown> };
  conditions?: CrmRuleConditionInput[];
  status?: { active: boolean };
}

/** A workflow rule as Zoho answers it; `conditions` only by id or with `include_inner_details`. */
export interface CrmWorkflowRule {
  [key: string]: unknown;
  id: string;
  name: string;
  module?: { api_name?: string; id?: string };
  execute_when?: { type?: string; details?: Record<string, unknown> };
  status?: { active?: boolean };
  conditions?: unknown[];
}

export interface CrmWatchChannel {
  [key: string]: unknown;
  channel_id: number | string;
  events?: string[];
  notify_url?: string;
  channel_expiry?: string;
  resource_name?: string;
}

/** A CRM record; `id` is set on every record Zoho returns. */
export interface CrmRecord {
  [key: string]: unknown;
  id: string;
}

/** The outcome of one record in a create/update/upsert/delete batch (CRM answers per record). */
export type CrmRecordResult =
  | { status: 'success'; code: string; action: 'insert' | 'update' | 'delete' | undefined; id: string; index: number }
  | { status: 'error'; code: string; message: string; index: number; field: string | undefined };

/** The `info` block of list, search and related-list answers. */
export interface CrmPageInfo {
  more_records: boolean;
  next_page_token?: string | null;
  page?: number;
  count?: number;
}
