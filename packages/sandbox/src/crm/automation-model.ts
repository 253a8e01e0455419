/**
 * Stored webhooks and workflow rules (Zoho's `settings/automation` APIs, `../shared/specs/crm-v8-2026/webhooks.yaml`
 * and `workflow_rules.yaml`). Documents keep what the request set, in the shapes those files give for GET by id.
 */
import type { Collection, SandboxContext } from '../core/types.js';

export interface NameValue {
  name: string;
  value: string;
}

export interface ModuleRef {
  api_name: string;
  id: string;
}

export interface UserRef {
  name: string;
  id: string;
}

/** A parameter collection: merge fields (`${!Deals.Id}`) in `module_parameters`, literals in `custom_parameters`. */
export interface ParamLists {
  module_parameters: NameValue[];
  custom_parameters: NameValue[];
}

/** `form_data_content` and `url_parameters` also carry one user-defined literal (singular / plural key, one object). */
export interface FormDataContent extends ParamLists {
  user_defined_parameter?: NameValue;
}

export interface UrlParameters extends ParamLists {
  user_defined_parameters?: NameValue;
}

export type WebhookMethod = 'POST' | 'GET' | 'PUT' | 'DELETE';

export const FEATURE_TYPES = [
  'workflow',
  'approval_process',
  'blueprint_transition',
  'blueprint_state',
  'assignment_rules',
  'kiosk',
  'commandcenter_service',
] as const;
export type FeatureType = (typeof FEATURE_TYPES)[number];

export const RAW_FORMATS = ['JSON', 'XML', 'Text', 'HTML'] as const;
export type RawFormat = (typeof RAW_FORMATS)[number];

export type WebhookBody =
  | { type: 'none'; format: null }
  | { type: 'form_data'; format: null; form_data_content: FormDataContent }
  | { type: 'raw'; format: RawFormat; raw_data_content: string };

export type WebhookAuthentication = { type: 'general' } | { type: 'connection'; connection_name: string };

export interface DateTimeFormat {
  date_format?: string;
  datetime_format?: string;
  time_zone?: string;
}

export interface WebhookDoc {
  id: string;
  name: string;
  description: string | null;
  url: string;
  http_method: WebhookMethod;
  module: ModuleRef;
  related_module: ModuleRef | null;
  feature_type: FeatureType;
  authentication: WebhookAuthentication;
  /** POST, PUT and DELETE only. */
  headers: ParamLists | null;
  /** GET and DELETE only. */
  url_parameters: UrlParameters | null;
  /** POST and PUT only. */
  body: WebhookBody | null;
  date_time_format: DateTimeFormat | null;
  created_time: string;
  modified_time: string;
  created_by: UserRef;
  modified_by: UserRef;
}

/** Workflow criteria: a leaf `{comparator, field, value}` or a group `{group_operator, group}` (≥ 2 entries). */
export type RuleCriteria =
  | { comparator: string; field: { api_name: string }; value: unknown }
  | { group_operator: 'AND' | 'OR'; group: RuleCriteria[] };

/** An associate action: a webhook referenced by its id (the only action type the sandbox runs). */
export interface RuleAction {
  type: 'webhooks';
  id: string;
}

export interface RuleCondition {
  id: string;
  sequence_number: number;
  criteria: RuleCriteria | null;
  instant_actions: RuleAction[];
}

/** Record-action triggers (the yaml's `ExecuteWhenT1Simple`) the sandbox fires. */
export const RECORD_TRIGGERS = ['create', 'edit', 'create_or_edit', 'delete'] as const;
export type RecordTrigger = (typeof RECORD_TRIGGERS)[number];

export type ExecuteWhen =
  | { type: RecordTrigger; repeat: boolean | undefined }
  /** `ExecuteWhenT2FieldUpdate`: the watched field and the change that fires live in `criteria`. */
  | { type: 'field_update'; repeat: boolean | undefined; match_all: boolean | undefined; criteria: RuleCriteria };

export interface WorkflowRuleDoc {
  id: string;
  name: string;
  description: string | null;
  module: ModuleRef;
  execute_when: ExecuteWhen;
  conditions: RuleCondition[];
  active: boolean;
  lock: { status: boolean; message: string | null };
  last_executed_time: string | null;
  created_time: string;
  modified_time: string;
  created_by: UserRef;
  modified_by: UserRef;
}

export const webhooks = (ctx: SandboxContext): Collection<WebhookDoc> =>
  ctx.store.collection<WebhookDoc>('crm:webhooks');
export const workflowRules = (ctx: SandboxContext): Collection<WorkflowRuleDoc> =>
  ctx.store.collection<WorkflowRuleDoc>('crm:workflow_rules');

/** The rules whose conditions call the webhook `id`. */
export function rulesUsing(ctx: SandboxContext, id: string): WorkflowRuleDoc[] {
  return [...workflowRules(ctx).values()].filter((r) =>
    r.conditions.some((c) => c.instant_actions.some((a) => a.id === id)),
  );
}
