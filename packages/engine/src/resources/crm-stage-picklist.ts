/** `crm_stage_picklist`: the Deals `Stage` picklist, compared by value with probability and forecast category. */
import type { CrmField } from '@zlc/zoho';
import { lazyFingerprint } from '../fingerprint.js';
import type { RemoteResource, Resource } from '../plan-types.js';
import { addressOf, type ResourceDef, str, toAttributes } from './resource-def.js';

export interface StageValue {
  value: string;
  probability: number;
  forecastCategory: 'Pipeline' | 'Closed' | 'Omitted';
}

/**
 * The whole Stage picklist, in order. `apply` writes it with `PATCH /settings/fields/{Stage id}?module=Deals`:
 * `pick_list_values` with `probability`, `forecast_type` and `sequence_number`; a value is deleted only when the
 * plan shows it removed (its Deals counted as the data impact).
 */
export type CrmStagePicklistAttributes = {
  module: 'Deals';
  apiName: 'Stage';
  values: StageValue[];
};

export const STAGE_PICKLIST_ADDRESS = addressOf('crm_stage_picklist', 'Deals', 'Stage');
const TITLE = 'Deals › Stage (picklist)';

function forecastOf(raw: unknown): StageValue['forecastCategory'] {
  const name = typeof raw === 'object' && raw !== null ? str((raw as Record<string, unknown>).name) : str(raw);
  return name === 'Closed' || name === 'Omitted' ? name : 'Pipeline';
}

export function normaliseStagePicklist(stage: CrmField): CrmStagePicklistAttributes {
  const values = [...(stage.pick_list_values ?? [])]
    .sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0))
    .filter((v) => v.display_value !== '-None-')
    .map((v) => ({
      value: v.display_value,
      probability: typeof v.probability === 'number' ? v.probability : 0,
      forecastCategory: forecastOf(v.forecast_category),
    }));
  return { module: 'Deals', apiName: 'Stage', values };
}

export const crmStagePicklist: ResourceDef = {
  type: 'crm_stage_picklist',
  product: 'crm',
  immutable: [],

  desired(model): Resource[] {
    if (!model.pipeline) return [];
    const attributes: CrmStagePicklistAttributes = {
      module: 'Deals',
      apiName: 'Stage',
      values: [...model.pipeline.stages]
        .sort((a, b) => a.order - b.order)
        .map((s) => ({ value: s.name, probability: s.probability, forecastCategory: s.forecastCategory })),
    };
    return [
      {
        address: STAGE_PICKLIST_ADDRESS,
        type: 'crm_stage_picklist',
        product: 'crm',
        title: TITLE,
        attributes: toAttributes(attributes),
        dependsOn: [],
      },
    ];
  },

  async read(clients, scope): Promise<RemoteResource[]> {
    if (!scope.model.pipeline) return [];
    const fields = await scope.once('crm:fields:Deals', () => clients.crm.listFields('Deals'));
    const stage = fields.find((f) => f.api_name === 'Stage');
    if (!stage) return [];
    return [
      {
        address: STAGE_PICKLIST_ADDRESS,
        type: 'crm_stage_picklist',
        product: 'crm',
        title: TITLE,
        attributes: toAttributes(normaliseStagePicklist(stage)),
        dependsOn: [],
        remoteId: stage.id,
        fingerprint: lazyFingerprint(() => stage.pick_list_values ?? []),
      },
    ];
  },
};
