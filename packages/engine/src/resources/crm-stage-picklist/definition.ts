/**
 * `crm_stage_picklist`: the Deal stages, compared by value with probability and forecast category, in the order of
 * the pipeline of the Standard Deals layout (`remote-stages.ts`): a Stage value no pipeline maps is no stage yet.
 */
import type { CrmPicklistValue, CrmPipelineStage } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { PlanAction, RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, type ResourceDef, str } from '../resource-def.js';
import { type ImpactQuery, quote, removedValues } from '../shared/impact.js';
import { type CrmStagePicklistAttributes, crmStagePicklistCodec, type StageValue } from './attributes.js';
import { crmStagePicklistExecutor } from './executor.js';
import { readRemoteStages } from './remote-stages.js';

export type { CrmStagePicklistAttributes, StageValue } from './attributes.js';

export const STAGE_PICKLIST_ADDRESS = addressOf('crm_stage_picklist', 'Deals', 'Stage');
const TITLE = 'Deals › Stage (picklist)';

function forecastOf(raw: unknown): StageValue['forecastCategory'] {
  const name = typeof raw === 'object' && raw !== null ? str((raw as Record<string, unknown>).name) : str(raw);
  return name === 'Closed' || name === 'Omitted' ? name : 'Pipeline';
}

/**
 * The stages of a pipeline in its order, each with the probability and forecast category its Stage picklist value
 * holds (`values`, from a Deals layout).
 */
export function normaliseStagePicklist(
  maps: readonly CrmPipelineStage[],
  values: readonly CrmPicklistValue[],
): CrmStagePicklistAttributes {
  const byId = new Map(values.map((v) => [v.id, v]));
  const stages = [...maps]
    .sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0))
    .flatMap((m) => {
      const v = m.id === undefined ? undefined : byId.get(m.id);
      if (v === undefined) return [];
      return [
        {
          value: v.display_value,
          probability: typeof v.probability === 'number' ? v.probability : 0,
          forecastCategory: forecastOf(v.forecast_category ?? m.forecast_category),
        },
      ];
    });
  return { module: 'Deals', apiName: 'Stage', values: stages };
}

/** An update that takes stages out: the Deals in them. */
function impacts(action: PlanAction): ImpactQuery[] {
  if (action.action !== 'update') return [];
  const gone = removedValues(action, 'values');
  if (gone.length === 0) return [];
  return [
    {
      kind: 'coql',
      address: action.address,
      module: 'Deals',
      query: `select COUNT(id) from Deals where Stage in (${gone.map(quote).join(', ')})`,
      describe: (n) => `${n} Deals are in the removed stage${gone.length > 1 ? 's' : ''} ${gone.join(', ')}`,
    },
  ];
}

export const crmStagePicklist: ResourceDef = {
  type: 'crm_stage_picklist',
  product: 'crm',
  immutable: [],
  impacts,
  executor: crmStagePicklistExecutor,

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
        attributes: crmStagePicklistCodec.encode(attributes),
        dependsOn: [],
      },
    ];
  },

  async read(clients, scope): Promise<RemoteResource[]> {
    if (!scope.model.pipeline) return [];
    const remote = await readRemoteStages(clients, scope.once);
    if (remote === undefined) return [];
    const values = remote.stage.pick_list_values ?? [];
    const maps = remote.pipeline?.maps ?? [];
    return [
      {
        address: STAGE_PICKLIST_ADDRESS,
        type: 'crm_stage_picklist',
        product: 'crm',
        title: TITLE,
        attributes: crmStagePicklistCodec.encode(normaliseStagePicklist(maps, values)),
        dependsOn: [],
        remoteId: remote.stage.id,
        fingerprint: lazyFingerprint(() => ({ values, maps })),
      },
    ];
  },
};
