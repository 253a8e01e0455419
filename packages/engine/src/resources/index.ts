/**
 * Every resource type zlc manages, in a fixed order (also the order of a plan's sections). A type lives in its own
 * folder (definition, attributes and their codec, executor); adding one is a folder and a line here.
 */
import type { ResourceType } from '../plan-types.js';
import { booksCustomField } from './books-custom-field/definition.js';
import { booksItem } from './books-item/definition.js';
import { booksWebhook } from './books-webhook/definition.js';
import { crmField } from './crm-field/definition.js';
import { crmLayoutRequired } from './crm-layout-required/definition.js';
import { crmStagePicklist } from './crm-stage-picklist/definition.js';
import { crmWebhook } from './crm-webhook/definition.js';
import { crmWorkflowRule } from './crm-workflow-rule/definition.js';
import { deskField } from './desk-field/definition.js';
import { deskWebhook } from './desk-webhook/definition.js';
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
  booksWebhook,
];

const BY_TYPE = new Map<ResourceType, ResourceDef>(RESOURCE_DEFS.map((d) => [d.type, d]));

export function resourceDef(type: ResourceType): ResourceDef {
  const def = BY_TYPE.get(type);
  if (!def) throw new Error(`internal: no resource definition for ${type}`);
  return def;
}

export type { BooksCustomFieldAttributes } from './books-custom-field/attributes.js';
export { booksCustomFieldSteps } from './books-custom-field/definition.js';
export { type BooksFieldToMake, booksFieldsToMake } from './books-custom-field/manual-fields.js';
export type { BooksItemAttributes } from './books-item/attributes.js';
export type { BooksWebhookAttributes } from './books-webhook/attributes.js';
export { booksWebhookSteps } from './books-webhook/definition.js';
export { type BooksHookToMake, booksHooksToMake } from './books-webhook/manual-hooks.js';
export type { CrmFieldAttributes } from './crm-field/attributes.js';
export type { CrmLayoutRequiredAttributes } from './crm-layout-required/attributes.js';
export type { CrmStagePicklistAttributes, StageValue } from './crm-stage-picklist/attributes.js';
export type { CrmWebhookAttributes, NameValue } from './crm-webhook/attributes.js';
export type { CrmWorkflowRuleAttributes, RuleCriteria } from './crm-workflow-rule/attributes.js';
export type { DeskFieldAttributes } from './desk-field/attributes.js';
export type { DeskWebhookAttributes } from './desk-webhook/attributes.js';
export type { DesiredContext, ReadScope, ResourceDef } from './resource-def.js';
export {
  CRM_SECRET_HEADER,
  DESK_TOKEN_PARAM,
  hookName,
  hookUrl,
  secretRef,
  splitDeskToken,
  storedSecretRef,
} from './shared/webhook-secret.js';
