import type { ProductContext } from '../product-context.js';
import { listOf } from '../transport/read-body.js';
import { crmResults, crmSingleResult } from './results.js';
import type { CrmField, CrmFieldInput, CrmLayout, CrmModule, CrmPipeline, CrmRecordResult } from './types.js';

/** CRM modules, fields, layouts and pipelines ([C:modules, fields, layouts, pipeline]). */
export function crmMetadata(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /settings/modules. */
    async listModules(): Promise<CrmModule[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/modules' });
      return listOf<CrmModule>('crm', reply.data, 'modules', ['id', 'api_name']);
    },

    /** GET /settings/fields?module=: every field of a module (204 reads as none). */
    async listFields(module: string): Promise<CrmField[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/fields', query: { module } });
      return listOf<CrmField>('crm', reply.data, 'fields', ['id', 'api_name']);
    },

    /**
     * POST /settings/fields?module=: creates custom fields. Not retried after an ambiguous failure; the engine
     * looks the field up by label before trying again (`createOnce`).
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

    /** PATCH /settings/fields/{id}?module=: changes one field (label, picklist values, length); safe to retry. */
    async updateField(module: string, id: string, changes: Record<string, unknown>): Promise<void> {
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

    /** GET /settings/layouts?module=. */
    async listLayouts(module: string): Promise<CrmLayout[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/layouts', query: { module } });
      return listOf<CrmLayout>('crm', reply.data, 'layouts', ['id', 'name']);
    },

    /** PATCH /settings/layouts/{id}?module=: e.g. marks layout fields required; safe to retry. */
    async updateLayout(module: string, id: string, changes: Record<string, unknown>): Promise<void> {
      const reply = await transport.request({
        method: 'PATCH',
        path: `/settings/layouts/${encodeURIComponent(id)}`,
        query: { module },
        body: { layouts: [{ ...changes, id }] },
      });
      crmSingleResult(reply, 'layouts', `PATCH /settings/layouts/${id}`);
    },

    /** GET /settings/pipeline?layout_id=: the Deals pipelines of one layout. */
    async listPipelines(layoutId: string): Promise<CrmPipeline[]> {
      const reply = await transport.request({
        method: 'GET',
        path: '/settings/pipeline',
        query: { layout_id: layoutId },
      });
      return listOf<CrmPipeline>('crm', reply.data, 'pipeline', ['id', 'display_value']);
    },

    /** PUT /settings/pipeline/{id}?layout_id=: replaces one pipeline's stages; safe to retry. */
    async updatePipeline(layoutId: string, id: string, changes: Record<string, unknown>): Promise<void> {
      const reply = await transport.request({
        method: 'PUT',
        path: `/settings/pipeline/${encodeURIComponent(id)}`,
        query: { layout_id: layoutId },
        body: { pipeline: [{ ...changes, id }] },
      });
      crmSingleResult(reply, 'pipeline', `PUT /settings/pipeline/${id}`);
    },
  };
}
