/** Every resource type's executor, by type (what `applyPlan` is given by the CLI and tests). */
import type { ResourceType } from '../../plan-types.js';
import { booksCustomFieldExecutor } from './books-custom-field.js';
import { booksItemExecutor } from './books-item.js';
import { crmFieldExecutor } from './crm-field.js';
import { crmLayoutRequiredExecutor } from './crm-layout-required.js';
import { crmStagePicklistExecutor } from './crm-stage-picklist.js';
import { crmWebhookExecutor } from './crm-webhook.js';
import { crmWorkflowRuleExecutor } from './crm-workflow-rule.js';
import { deskFieldExecutor } from './desk-field.js';
import { deskWebhookExecutor } from './desk-webhook.js';
import type { Executor } from './executor.js';

export const EXECUTORS: Readonly<Record<ResourceType, Executor>> = {
  crm_field: crmFieldExecutor,
  crm_stage_picklist: crmStagePicklistExecutor,
  crm_layout_required: crmLayoutRequiredExecutor,
  crm_webhook: crmWebhookExecutor,
  crm_workflow_rule: crmWorkflowRuleExecutor,
  desk_field: deskFieldExecutor,
  desk_webhook: deskWebhookExecutor,
  books_item: booksItemExecutor,
  books_custom_field: booksCustomFieldExecutor,
};

export type { Executor, ExecutorContext } from './executor.js';
