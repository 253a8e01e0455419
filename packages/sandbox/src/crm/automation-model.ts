/** Stored workflow rules and webhooks (Zoho's `settings/automation` APIs, documented on the v8 docs pages). */
import type { Collection, SandboxContext } from '../core/types.js';
import type { MinUser } from './model.js';

export interface NameValue {
  name: string;
  value: string;
}

export interface ParamSet {
  module_parameters: NameValue[];
  custom_parameters: NameValue[];
}

export interface WebhookDoc {
  id: string;
  name: string;
  description: string | null;
  url: string;
  http_method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
  module: { api_name: string; id: string };
  authentication: { type: 'general' | 'connection'; connection_name?: string };
  headers: ParamSet;
  url_parameters: ParamSet;
  body: {
    type: 'none' | 'form_data' | 'raw';
    module_parameters: NameValue[];
    custom_parameters: NameValue[];
    raw_data_content: string | null;
    raw_data_type: 'json' | 'text' | 'xml' | 'html' | null;
  };
  created_time: string;
  modified_time: string;
  created_by: MinUser;
  modified_by: MinUser;
}

/** Workflow criteria: a leaf `{comparator, field, value}` or a group `{group_operator, group}`. */
export type RuleCriteria =
  | { comparator: string; field: { api_name: string; id?: string }; value: unknown }
  | { group_operator: 'and' | 'or' | 'AND' | 'OR'; group: RuleCriteria[] };

export interface RuleAction {
  type: string;
  id: string;
  name?: string;
}

export interface RuleCondition {
  sequence_number: number;
  criteria_details: { criteria: RuleCriteria | null };
  instant_actions: { actions: RuleAction[] };
}

export type ExecuteType = 'create' | 'edit' | 'create_or_edit' | 'field_update' | 'delete';

export interface WorkflowRuleDoc {
  id: string;
  name: string;
  description: string | null;
  module: { api_name: string; id: string };
  execute_when: {
    type: ExecuteType;
    details: { fields?: { api_name: string; id?: string }[]; repeat?: boolean; match_all?: boolean };
  };
  conditions: RuleCondition[];
  status: { active: boolean };
  created_time: string;
  modified_time: string;
  created_by: MinUser;
  modified_by: MinUser;
}

export const webhooks = (ctx: SandboxContext): Collection<WebhookDoc> =>
  ctx.store.collection<WebhookDoc>('crm:webhooks');
export const workflowRules = (ctx: SandboxContext): Collection<WorkflowRuleDoc> =>
  ctx.store.collection<WorkflowRuleDoc>('crm:workflow_rules');
