import type { ProductContext } from '../product-context.js';
import { listOf } from '../transport/read-body.js';
import { crmResults, crmSingleResult } from './results.js';
import type {
  CrmField,
  CrmFieldChanges,
  CrmFieldInput,
  CrmLayout,
  CrmLayoutChanges,
  CrmModule,
  CrmPicklistValue,
  CrmPipeline,
  CrmPipelineChanges,
  CrmRecordResult,
} from './types.js';

/** CRM modules, fields, layouts and pipelines (fields.yaml, layouts.yaml, pipeline.yaml, pick_list_values). */
export function crmMetadata(ctx: ProductContext) {
  return { ...crmFields(ctx), ...crmLayouts(ctx) };
}

/** Modules, their fields and a picklist's values. */
function crmFields(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /settings/modules. */
    async listModules(): Promise<CrmModule[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/modules' });
      return listOf<CrmModule>('crm', reply.data, 'modules', ['id', 'api_name']);
    },

    /**
     * GET /settings/fields?module=: every field of a module (204 reads as none). The answer carries no
     * layout-specific configuration (mandatory flags, picklist values): read those from `listLayouts`.
     */
    async listFields(module: string): Promise<CrmField[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/fields', query: { module } });
      return listOf<CrmField>('crm', reply.data, 'fields', ['id', 'api_name']);
    },

    /** GET /settings/fields/{id}/pick_list_values?module=: a picklist's values with their ids (204: none). */
    async listPicklistValues(module: string, fieldId: string): Promise<CrmPicklistValue[]> {
      const reply = await transport.request({
        method: 'GET',
        path: `/settings/fields/${encodeURIComponent(fieldId)}/pick_list_values`,
        query: { module },
      });
      return listOf<CrmPicklistValue>('crm', reply.data, 'pick_list_values', ['id', 'display_value']);
    },

    /**
     * POST /settings/fields?module=: creates up to `CRM_FIELDS_PER_CALL` (limits.ts) custom fields, answered per field. Not
     * retried after an ambiguous failure; the engine looks the fields up before trying again.
     */
    async createFields(module: string, fields: CrmFieldInput[]): Promise<CrmRecordResult[]> {
      const reply = await transport.request({
        method: 'POST',
        path: '/settings/fields',
        query: { module },
        body: { fields },
        perRecordResults: 'fields',
      });
      return crmResults(reply, 'fields');
    },

    /** PATCH /settings/fields/{id}?module=: changes one field (label, length, unique, picklist values); safe to retry. */
    async updateField(module: string, id: string, changes: CrmFieldChanges): Promise<void> {
      const request = `PATCH /settings/fields/${id}`;
      const reply = await transport.request({
        method: 'PATCH',
        path: `/settings/fields/${encodeURIComponent(id)}`,
        query: { module },
        body: { fields: [{ ...changes, id }] },
      });
      crmSingleResult(reply, 'fields', request);
    },

    /** DELETE /settings/fields/{id}?module=. */
    async deleteField(module: string, id: string): Promise<void> {
      const reply = await transport.request({
        method: 'DELETE',
        path: `/settings/fields/${encodeURIComponent(id)}`,
        query: { module },
      });
      crmSingleResult(reply, 'fields', `DELETE /settings/fields/${id}`);
    },
  };
}

/** Layouts (mandatory flags, picklist values) and the Deals pipelines of a layout. */
function crmLayouts(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /settings/layouts?module=: the layouts with their sections, mandatory flags and picklist values. */
    async listLayouts(module: string): Promise<CrmLayout[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/layouts', query: { module } });
      return listOf<CrmLayout>('crm', reply.data, 'layouts', ['id', 'name']);
    },

    /**
     * PATCH /settings/layouts/{id}?module=: one layout, at most `CRM_LAYOUT_SECTIONS_PER_PATCH` (limits.ts) sections and
     * `CRM_LAYOUT_FIELDS_PER_PATCH` field actions across them (e.g. mandatory flags); safe to retry.
     */
    async updateLayout(module: string, id: string, changes: CrmLayoutChanges): Promise<void> {
      const reply = await transport.request({
        method: 'PATCH',
        path: `/settings/layouts/${encodeURIComponent(id)}`,
        query: { module },
        body: { layouts: [changes] },
      });
      crmSingleResult(reply, 'layouts', `PATCH /settings/layouts/${id}`);
    },

    /** GET /settings/pipeline?layout_id=: the Deals pipelines of one layout (204 reads as none). */
    async listPipelines(layoutId: string): Promise<CrmPipeline[]> {
      const reply = await transport.request({
        method: 'GET',
        path: '/settings/pipeline',
        query: { layout_id: layoutId },
      });
      return listOf<CrmPipeline>('crm', reply.data, 'pipeline', ['id', 'display_value']);
    },

    /**
     * PATCH /settings/pipeline/{id}?layout_id=: maps existing Stage values into the pipeline (`maps[].id`), moves
     * them (`sequence_number`) or takes them out (`_delete`); safe to retry.
     */
    async updatePipeline(layoutId: string, id: string, changes: CrmPipelineChanges): Promise<void> {
      const reply = await transport.request({
        method: 'PATCH',
        path: `/settings/pipeline/${encodeURIComponent(id)}`,
        query: { layout_id: layoutId },
        body: { pipeline: [changes] },
      });
      crmSingleResult(reply, 'pipeline', `PATCH /settings/pipeline/${id}`);
    },
  };
}
