/** Every resource type zlc manages, in a fixed order (also the order of a plan's sections). */
import type { ResourceType } from '../plan-types.js';
import { booksCustomField } from './books-custom-field.js';
import { booksItem } from './books-item.js';
import { crmField } from './crm-field.js';
import { crmLayoutRequired } from './crm-layout-required.js';
import { crmStagePicklist } from './crm-stage-picklist.js';
import { crmWebhook } from './crm-webhook.js';
import { crmWorkflowRule } from './crm-workflow-rule.js';
import { deskField } from './desk-field.js';
import { deskWebhook } from './desk-webhook.js';
import type { ResourceDef } from './resource-def.js';

export const RESOURCE_DEFS: readonly ResourceDef[] = [
  crmField,
  crmStagePicklist,
  crmLayoutRequired,
  crmWebhook,
  crmWorkflowRule,
  deskField,
  deskWebhook,
  booksItem,
  booksCustomField,
];

const BY_TYPE = new Map<ResourceType, ResourceDef>(RESOURCE_DEFS.map((d) => [d.type, d]));

export function resourceDef(type: ResourceType): ResourceDef {
  const def = BY_TYPE.get(type);
  if (!def) throw new Error(`internal: no resource definition for ${type}`);
  return def;
}

export type { BooksCustomFieldAttributes } from './books-custom-field.js';
export type { BooksItemAttributes } from './books-item.js';
export type { CrmFieldAttributes } from './crm-field.js';
export type { CrmLayoutRequiredAttributes } from './crm-layout-required.js';
export type { CrmStagePicklistAttributes, StageValue } from './crm-stage-picklist.js';
export type { CrmWebhookAttributes, NameValue } from './crm-webhook.js';
export type { CrmWorkflowRuleAttributes, RuleCriteria } from './crm-workflow-rule.js';
export type { DeskFieldAttributes } from './desk-field.js';
export type { DeskWebhookAttributes } from './desk-webhook.js';
export type { DesiredContext, ReadScope, ResourceDef } from './resource-def.js';
export {
  CRM_SECRET_HEADER,
  DESK_TOKEN_PARAM,
  hookName,
  hookUrl,
  secretRef,
  splitDeskToken,
  storedSecretRef,
} from './webhook-secret.js';
