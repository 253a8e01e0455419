/**
 * The CRM v8 product module: a flat route table of small resolvers (see SPEC.md, "CRM"). Settings and
 * action routes have more literal segments than the generic `/:module/...` record routes, so they win.
 */
import type { ProductModule, Route } from '../core/types.js';
import { runCoql } from './coql.js';
import { crmProductErrors } from './errors.js';
import { createFields } from './field-create.js';
import { updateField, updateFields } from './field-update.js';
import { deleteField, getField, getPickListValues, listFields, renameField } from './fields.js';
import { updateLayoutById } from './layout-update.js';
import { getLayout, listLayouts } from './layouts.js';
import { getModule, listModules } from './modules.js';
import { countUsers, getOrg, getProfile, getRole, getUser, listProfiles, listRoles, listUsers } from './org-users.js';
import { getPipeline, listPipelines, updatePipelineById, updatePipelines } from './pipeline.js';
import { deletedRecords, getRecord, listRecords } from './records-read.js';
import { countRecords, searchRecords } from './records-search.js';
import {
  createRecords,
  deleteRecord,
  deleteRecords,
  updateRecord,
  updateRecords,
  upsertRecords,
} from './records-write.js';
import { getRelated, linkRelated, linkRelatedMany, unlinkRelated } from './related.js';
import { getRelatedList, listRelatedLists } from './related-lists.js';
import { seedCrm } from './seed.js';
import { getStageHistory } from './stage-history.js';
import { deleteWatch, disableWatch, enableWatch, listWatch, updateWatch } from './watch.js';
import { createWebhooks, deleteWebhook, deleteWebhooks, getWebhook, listWebhooks, updateWebhooks } from './webhooks.js';
import {
  createWorkflowRule,
  deleteWorkflowRule,
  deleteWorkflowRules,
  getWorkflowRule,
  listWorkflowRules,
  updateWorkflowRule,
  updateWorkflowRuleById,
} from './workflow-rules.js';

const P = '/crm/v8';
const WF = `${P}/settings/automation/workflow_rules`;
const WH = `${P}/settings/automation/webhooks`;

export const crmRoutes: Route[] = [
  { method: 'GET', path: `${P}/org`, handler: getOrg },
  { method: 'GET', path: `${P}/users`, handler: listUsers },
  { method: 'GET', path: `${P}/users/:user`, handler: getUser },
  { method: 'GET', path: `${P}/users/actions/count`, handler: countUsers },
  { method: 'GET', path: `${P}/settings/roles`, handler: listRoles },
  { method: 'GET', path: `${P}/settings/roles/:role_id`, handler: getRole },
  { method: 'GET', path: `${P}/settings/profiles`, handler: listProfiles },
  { method: 'GET', path: `${P}/settings/profiles/:id`, handler: getProfile },
  { method: 'GET', path: `${P}/settings/modules`, handler: listModules },
  { method: 'GET', path: `${P}/settings/modules/:api_name`, handler: getModule },
  { method: 'GET', path: `${P}/settings/fields`, handler: listFields },
  { method: 'POST', path: `${P}/settings/fields`, handler: createFields },
  { method: 'PATCH', path: `${P}/settings/fields`, handler: updateFields },
  { method: 'GET', path: `${P}/settings/fields/:field`, handler: getField },
  { method: 'PATCH', path: `${P}/settings/fields/:field`, handler: updateField },
  { method: 'DELETE', path: `${P}/settings/fields/:field`, handler: deleteField },
  { method: 'POST', path: `${P}/__sandbox/fields/:field/rename`, handler: renameField },
  { method: 'GET', path: `${P}/settings/fields/:field_id/pick_list_values`, handler: getPickListValues },
  { method: 'GET', path: `${P}/settings/layouts`, handler: listLayouts },
  { method: 'GET', path: `${P}/settings/layouts/:id`, handler: getLayout },
  { method: 'PATCH', path: `${P}/settings/layouts/:id`, handler: updateLayoutById },
  { method: 'GET', path: `${P}/settings/related_lists`, handler: listRelatedLists },
  { method: 'GET', path: `${P}/settings/related_lists/:id`, handler: getRelatedList },
  { method: 'GET', path: `${P}/settings/pipeline`, handler: listPipelines },
  { method: 'GET', path: `${P}/settings/pipeline/:id`, handler: getPipeline },
  { method: 'PATCH', path: `${P}/settings/pipeline`, handler: updatePipelines },
  { method: 'PUT', path: `${P}/settings/pipeline`, handler: updatePipelines },
  { method: 'PATCH', path: `${P}/settings/pipeline/:id`, handler: updatePipelineById },
  { method: 'PUT', path: `${P}/settings/pipeline/:id`, handler: updatePipelineById },
  { method: 'GET', path: WF, handler: listWorkflowRules },
  { method: 'POST', path: WF, handler: createWorkflowRule },
  { method: 'PUT', path: WF, handler: updateWorkflowRule },
  { method: 'DELETE', path: WF, handler: deleteWorkflowRules },
  { method: 'GET', path: `${WF}/:id`, handler: getWorkflowRule },
  { method: 'PUT', path: `${WF}/:id`, handler: updateWorkflowRuleById },
  { method: 'DELETE', path: `${WF}/:id`, handler: deleteWorkflowRule },
  { method: 'GET', path: WH, handler: listWebhooks },
  { method: 'POST', path: WH, handler: createWebhooks },
  { method: 'PUT', path: WH, handler: updateWebhooks },
  { method: 'DELETE', path: WH, handler: deleteWebhooks },
  { method: 'GET', path: `${WH}/:id`, handler: getWebhook },
  { method: 'PUT', path: `${WH}/:id`, handler: updateWebhooks },
  { method: 'DELETE', path: `${WH}/:id`, handler: deleteWebhook },
  { method: 'GET', path: `${P}/actions/watch`, handler: listWatch },
  { method: 'POST', path: `${P}/actions/watch`, handler: enableWatch },
  { method: 'PUT', path: `${P}/actions/watch`, handler: updateWatch },
  { method: 'PATCH', path: `${P}/actions/watch`, handler: disableWatch },
  { method: 'DELETE', path: `${P}/actions/watch`, handler: deleteWatch },
  { method: 'POST', path: `${P}/coql`, handler: runCoql, heavy: true },
  { method: 'GET', path: `${P}/:module`, handler: listRecords },
  { method: 'POST', path: `${P}/:module`, handler: createRecords },
  { method: 'PUT', path: `${P}/:module`, handler: updateRecords },
  { method: 'DELETE', path: `${P}/:module`, handler: deleteRecords },
  { method: 'POST', path: `${P}/:module/upsert`, handler: upsertRecords },
  { method: 'GET', path: `${P}/:module/search`, handler: searchRecords },
  { method: 'GET', path: `${P}/:module/deleted`, handler: deletedRecords },
  { method: 'GET', path: `${P}/:module/actions/count`, handler: countRecords },
  { method: 'GET', path: `${P}/:module/:id`, handler: getRecord },
  { method: 'PUT', path: `${P}/:module/:id`, handler: updateRecord },
  { method: 'DELETE', path: `${P}/:module/:id`, handler: deleteRecord },
  { method: 'GET', path: `${P}/Deals/:id/Stage_History`, handler: getStageHistory },
  { method: 'GET', path: `${P}/:module/:id/:related`, handler: getRelated },
  { method: 'PUT', path: `${P}/:module/:id/:related`, handler: linkRelatedMany },
  { method: 'PUT', path: `${P}/:module/:id/:related/:related_id`, handler: linkRelated },
  { method: 'DELETE', path: `${P}/:module/:id/:related/:related_id`, handler: unlinkRelated },
];

export const crmModule: ProductModule = {
  product: 'crm',
  prefix: P,
  routes: crmRoutes,
  errors: crmProductErrors,
  seed: seedCrm,
};
