/** Reads of CRM settings the fields, layouts and pipeline tests share. */
import { type CrmClient, first, type Json, list } from './crm-helpers.js';

export async function fieldsOf(client: CrmClient, module: string): Promise<Json[]> {
  return list((await client.call('GET', `/settings/fields?module=${module}`)).body, 'fields');
}

export async function fieldOf(client: CrmClient, module: string, apiName: string): Promise<Json> {
  const field = (await fieldsOf(client, module)).find((f) => f.api_name === apiName);
  if (field === undefined) throw new Error(`no field ${module}.${apiName}`);
  return field;
}

export async function standardLayout(client: CrmClient, module: string): Promise<Json> {
  return first((await client.call('GET', `/settings/layouts?module=${module}`)).body, 'layouts');
}

/** The fields of a module's Standard layout, as its sections show them (flags and picklist values). */
export async function layoutFields(client: CrmClient, module: string): Promise<Json[]> {
  const layout = await standardLayout(client, module);
  return (layout.sections as Json[]).flatMap((s) => s.fields as Json[]);
}

/** A picklist's values in the Standard layout's order. */
export async function layoutValues(client: CrmClient, module: string, apiName: string): Promise<Json[]> {
  const field = (await layoutFields(client, module)).find((f) => f.api_name === apiName);
  return (field?.pick_list_values as Json[] | undefined) ?? [];
}

export async function dealsPipeline(client: CrmClient): Promise<{ layoutId: string; pipeline: Json }> {
  const layout = await standardLayout(client, 'Deals');
  const answer = await client.call('GET', `/settings/pipeline?layout_id=${layout.id}`);
  return { layoutId: String(layout.id), pipeline: first(answer.body, 'pipeline') };
}

export const names = (values: Json[]): unknown[] => values.map((v) => v.display_value);
