/**
 * Where the Deal stages live in CRM: the `Stage` picklist holds each value with its probability and forecast type
 * (shown in the Deals layouts, layouts.yaml), and each pipeline of a Deals layout maps a subset of those values, in
 * its own order (pipeline.yaml: "Pipelines are configured per layout"). zlc manages the default pipeline of the
 * Standard layout.
 */
import type { CrmLayout, CrmLayoutField, CrmPipeline, ZohoClients } from '@zlc/zoho';
import { standardLayout, standardLayoutFields } from '../shared/standard-layout.js';

export interface RemoteStages {
  layoutId: string;
  stage: CrmLayoutField & { id: string };
  pipeline: CrmPipeline | undefined;
}

/** The Standard Deals layout's Stage field and its default pipeline; undefined when the org shows neither. */
export async function readRemoteStages(
  clients: ZohoClients,
  once: <T>(key: string, load: () => Promise<T>) => Promise<T>,
): Promise<RemoteStages | undefined> {
  const layouts = await once<CrmLayout[]>('crm:layouts:Deals', () => clients.crm.listLayouts('Deals'));
  const layout = standardLayout(layouts);
  const stage = standardLayoutFields(layouts).find((f) => f.api_name === 'Stage');
  if (layout === undefined || stage?.id === undefined) return undefined;
  const pipelines = await once<CrmPipeline[]>('crm:pipelines:Deals', () => clients.crm.listPipelines(layout.id));
  const pipeline = pipelines.find((p) => p.default === true) ?? pipelines[0];
  return { layoutId: layout.id, stage: { ...stage, id: stage.id }, pipeline };
}
