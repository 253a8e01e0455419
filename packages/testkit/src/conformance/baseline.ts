/**
 * Conformance errors seen today that are open fidelity work (issue 14), per suite. The list only shrinks: a new
 * error fails its suite, and an entry its suite no longer produces fails too, until it is removed here. When the
 * fidelity work is done this list is empty; what remains excused is in `excuses.ts`, each with its source.
 */

export interface BaselineEntry {
  /** The suites (`judgeConformance(report, suite)`) that produce this error. */
  suites: readonly string[];
  /** `describeError()` of the error. */
  error: string;
  /** The open work that removes it. */
  work: string;
}

export const BASELINE: readonly BaselineEntry[] = [
  {
    suites: ['zoho-client'],
    error: 'request crm:Enable Notifications POST 201 schema /body/watch/*/channel_id must be object',
    work: 'issue 14: source the difference or follow the document',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error:
      'request crm:createFields POST 201 schema /body/fields/*/unique must NOT have unevaluated properties: casesensitive',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error: 'request crm:createFields POST 201 schema /body/fields/*/unique must be boolean',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error:
      "request crm:createFields POST 201 schema /body/fields/*/unique must have required property 'case_sensitive'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error: 'request crm:createFields POST 201 schema /body/fields/*/unique must match a schema in anyOf',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error:
      'request crm:putFieldsWithId PATCH 200 schema /body/fields/*/pick_list_values must NOT have more than 10 items',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error:
      'request crm:putFieldsWithId PATCH 200 schema /body/fields/*/pick_list_values/* must NOT have additional properties: _delete',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error:
      'request crm:putFieldsWithId PATCH 200 schema /body/fields/*/pick_list_values/* must NOT have additional properties: sequence_number',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['zoho-client'],
    error:
      'request crm:replacePipelineById PUT 200 schema /body/pipeline/* must NOT have additional properties: actual_value',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['zoho-client'],
    error:
      'request crm:replacePipelineById PUT 200 schema /body/pipeline/* must NOT have additional properties: child_available',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['zoho-client'],
    error: 'request crm:replacePipelineById PUT 200 schema /body/pipeline/* must NOT have additional properties: id',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['zoho-client'],
    error:
      'request crm:replacePipelineById PUT 200 schema /body/pipeline/*/maps/* must NOT have additional properties: actual_value',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['zoho-client'],
    error:
      'request crm:replacePipelineById PUT 200 schema /body/pipeline/*/maps/* must NOT have additional properties: colour_code',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['zoho-client'],
    error:
      'request crm:replacePipelineById PUT 200 schema /body/pipeline/*/maps/* must NOT have additional properties: forecast_category',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['zoho-client'],
    error:
      'request crm:replacePipelineById PUT 200 schema /body/pipeline/*/maps/* must NOT have additional properties: forecast_type',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error: 'request crm:updateLayout PATCH 200 schema /body/layouts/* must NOT have additional properties: id',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error:
      'request crm:updateLayout PATCH 200 schema /body/layouts/*/sections/*/fields/* must NOT have additional properties: required',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm', 'zoho-client'],
    error: 'response crm:Get Notifications GET 200 schema /watch/*/channel_id must be object',
    work: 'issue 14: source the difference or follow the document',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:Get User GET 200 schema /users/*/time_zone must be object,null',
    work: 'issue 14: source the difference or follow the document',
  },
  {
    suites: ['sandbox-crm', 'zoho-client'],
    error: 'response crm:Get Users GET 200 schema /users/*/time_zone must be object,null',
    work: 'issue 14: source the difference or follow the document',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs'],
    error: 'response crm:createFields POST 201 schema /fields must NOT have more than 5 items',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: allowed_modules',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: category',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error:
      'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: file_upolad_optionlist',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: refer_from_field',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: show_type',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: sub_module',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getFields GET 200 schema /fields/* must NOT have additional properties: subform',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: "response crm:getFields GET 200 schema /fields/* must have required property 'history_tracking_enabled'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: "response crm:getFields GET 200 schema /fields/* must have required property 'public'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: "response crm:getFields GET 200 schema /fields/* must have required property 'range'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: allowed_modules',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: category',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: file_upolad_optionlist',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: refer_from_field',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: show_type',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: sub_module',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getFieldsWithID GET 200 schema /fields/* must NOT have additional properties: subform',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      "response crm:getFieldsWithID GET 200 schema /fields/* must have required property 'history_tracking_enabled'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: "response crm:getFieldsWithID GET 200 schema /fields/* must have required property 'public'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: "response crm:getFieldsWithID GET 200 schema /fields/* must have required property 'range'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      "response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Accounts must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Accounts/id must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Accounts/name must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      "response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Contacts must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Contacts/id must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Contacts/name must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      "response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Deals must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Deals/id must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/Deals/name must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error:
      "response crm:getLayoutById GET 200 schema /layouts/*/convert_mapping/SalesOrders must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error:
      "response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Accounts must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Accounts/id must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Accounts/name must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error:
      "response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Contacts must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Contacts/id must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Contacts/name must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error:
      "response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Deals must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Deals/id must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error: 'response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/Deals/name must be string',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['apply-converge', 'apply-kill', 'flow-handoffs', 'sandbox-crm', 'zoho-client'],
    error:
      "response crm:getLayouts GET 200 schema /layouts/*/convert_mapping/SalesOrders must have required property 'display_label'",
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getLayouts GET 400 schema /details must NOT have additional properties: param',
    work: 'issue 14: CRM fields and layouts as fields.yaml and layouts.yaml document them',
  },
  {
    suites: ['sandbox-crm'],
    error: 'response crm:getPipeline GET 200 schema /pipeline/* must NOT have additional properties: child_available',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
  {
    suites: ['sandbox-crm', 'zoho-client'],
    error: 'response crm:getPipelines GET 200 schema /pipeline/* must NOT have additional properties: child_available',
    work: 'issue 14: pipelines as pipeline.yaml documents them',
  },
];
