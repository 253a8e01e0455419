/**
 * `crm_stage_picklist` → `PATCH /settings/fields/{Stage id}?module=Deals` with `pick_list_values` carrying
 * `probability` and `forecast_type` (CRM derives the forecast category from the type: Open → Pipeline,
 * Closed Won → Closed, Closed Lost → Omitted), moved with `sequence_number` and deleted only when the plan removes
 * them (see `picklistPatch`).
 *
 * Not the pipeline call (`PUT /settings/pipeline/{id}?layout_id=`): its `maps` carry no `probability`, pipeline.json
 * caps their `sequence_number` at 10, and it needs the layout and pipeline ids (two more reads; an org with several
 * pipelines maps a subset of the Stage values to each). The field PATCH writes the whole Stage picklist, with the
 * probabilities, after one read of the Deals fields, and keeps every value's id just as safely.
 */

import type { Executor, ExecutorContext } from '../executor.js';
import { removedValues } from '../shared/impact.js';
import { picklistPatch } from '../shared/picklist-patch.js';
import { crmStagePicklistCodec, type StageValue } from './attributes.js';

const FORECAST_TYPE: Record<StageValue['forecastCategory'], string> = {
  Pipeline: 'Open',
  Closed: 'Closed Won',
  Omitted: 'Closed Lost',
};

async function converge(values: StageValue[], removing: string[], ctx: ExecutorContext): Promise<string> {
  const fields = await ctx.once('crm:fields:Deals', () => ctx.clients.crm.listFields('Deals'));
  const stage = fields.find((f) => f.api_name === 'Stage');
  if (stage === undefined) throw new Error('CRM Deals has no Stage field');
  const patch = picklistPatch(
    stage.pick_list_values ?? [],
    values.map((v) => ({
      display: v.value,
      extra: { probability: v.probability, forecast_type: FORECAST_TYPE[v.forecastCategory] },
    })),
    removing,
  );
  if (patch.length > 0) await ctx.clients.crm.updateField('Deals', stage.id, { pick_list_values: patch });
  return stage.id;
}

export const crmStagePicklistExecutor: Executor = {
  // A create (the plan read no Stage picklist) removes nothing: only an update the plan shows removes values.
  create: (action, ctx) => converge(crmStagePicklistCodec.decode(action.after).values, [], ctx),
  async update(action, ctx) {
    await converge(crmStagePicklistCodec.decode(action.after).values, removedValues(action, 'values'), ctx);
  },
  async remove() {
    // The Stage picklist is never removed: the model can only stop managing it.
  },
};
