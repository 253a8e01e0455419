/**
 * `crm_stage_picklist` in two steps, each through the call Zoho documents for it:
 *
 * 1. The Stage values themselves: `PATCH /settings/fields/{Stage id}?module=Deals` adds a missing value (both
 *    `display_value` and `actual_value`, fields.yaml) with its `probability` and `forecast_type`, and changes those
 *    of a kept value, at most ten entries a request. pipeline.yaml's `maps` carry no probability, so the values'
 *    probability and forecast can be set only here: fields.yaml's update schema leaves these keys out, while Zoho's
 *    v8 field documents use them (the excuse in `@zlc/testkit` names the sources).
 * 2. The pipeline of the Standard Deals layout: `PATCH /settings/pipeline/{id}?layout_id=` maps each wanted value
 *    by its id, in order (`sequence_number`), and takes out (`_delete`) only the stages the plan removes — a new
 *    Stage value is in no pipeline until this call (pipeline.yaml).
 */
import { CRM_PICKLIST_VALUES_PER_REQUEST, type CrmPicklistChange, type CrmPicklistValue } from '@zlc/zoho';
import type { Executor, ExecutorContext } from '../executor.js';
import { removedValues } from '../shared/impact.js';
import type { StageExtras } from '../shared/picklist-patch.js';
import { crmStagePicklistCodec, type StageValue } from './attributes.js';
import { pipelineMaps } from './pipeline-maps.js';
import { readRemoteStages } from './remote-stages.js';

const FORECAST_TYPE: Record<StageValue['forecastCategory'], string> = {
  Pipeline: 'Open',
  Closed: 'Closed Won',
  Omitted: 'Closed Lost',
};

const extras = (v: StageValue): StageExtras => ({
  probability: v.probability,
  forecast_type: FORECAST_TYPE[v.forecastCategory],
});

/** The Stage values to add, and the kept ones whose probability or forecast differ; order is the pipeline's. */
function valuePatch(current: readonly CrmPicklistValue[], values: readonly StageValue[]): CrmPicklistChange[] {
  const byName = new Map(current.map((v) => [v.display_value, v]));
  return values.flatMap((v): CrmPicklistChange[] => {
    const want = extras(v);
    const have = byName.get(v.value);
    if (have === undefined) return [{ display_value: v.value, actual_value: v.value, ...want }];
    const differs = have.probability !== want.probability || have.forecast_type !== want.forecast_type;
    return have.id !== undefined && differs ? [{ id: have.id, ...want }] : [];
  });
}

async function converge(values: StageValue[], removing: string[], ctx: ExecutorContext): Promise<string> {
  const remote = await readRemoteStages(ctx.clients, ctx.once);
  if (remote === undefined) throw new Error('CRM Deals has no Standard layout with a Stage field');
  const patch = valuePatch(remote.stage.pick_list_values ?? [], values);
  for (let i = 0; i < patch.length; i += CRM_PICKLIST_VALUES_PER_REQUEST)
    await ctx.clients.crm.updateField('Deals', remote.stage.id, {
      pick_list_values: patch.slice(i, i + CRM_PICKLIST_VALUES_PER_REQUEST),
    });
  const added = patch.some((e) => !('id' in e));
  // The ids of values just added come from CRM (fresh, not the wave's memo).
  const ids = added
    ? await ctx.clients.crm.listPicklistValues('Deals', remote.stage.id)
    : (remote.stage.pick_list_values ?? []);
  const pipeline = remote.pipeline;
  if (pipeline === undefined) throw new Error(`the Deals layout ${remote.layoutId} has no pipeline`);
  const maps = pipelineMaps(
    pipeline.maps ?? [],
    ids,
    values.map((v) => v.value),
    removing,
  );
  if (maps.length > 0) await ctx.clients.crm.updatePipeline(remote.layoutId, pipeline.id, { maps });
  return remote.stage.id;
}

export const crmStagePicklistExecutor: Executor = {
  // A create (the plan read no stages) removes nothing: only an update the plan shows removes stages.
  create: (action, ctx) => converge(crmStagePicklistCodec.decode(action.after).values, [], ctx),
  async update(action, ctx) {
    await converge(crmStagePicklistCodec.decode(action.after).values, removedValues(action, 'values'), ctx);
  },
  async remove() {
    // The stages are never removed: the model can only stop managing them.
  },
};
