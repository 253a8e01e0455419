/** `/settings/pipeline?layout_id=` (pipeline.json): the Deals pipeline, whose stages are the `Stage` picklist. */
import type { Handler, SandboxContext } from '../core/types.js';
import { invalidBody, invalidParam, requiredParamMissing } from './errors.js';
import { pickValues } from './pick-values.js';
import { isObj, itemsAnswer, itemsOf } from './settings-body.js';
import { fieldMap, fieldsOf, layoutsOf, now } from './state.js';

function pipelineJson(ctx: SandboxContext): Record<string, unknown> {
  const stage = fieldMap(ctx, 'Deals').get('Stage');
  return {
    id: pipelineId(ctx),
    display_value: 'Standard',
    actual_value: 'Standard',
    default: true,
    child_available: false,
    maps: (stage?.pick_list_values ?? []).map((v) => ({
      id: v.id,
      display_value: v.display_value,
      actual_value: v.actual_value,
      sequence_number: v.sequence_number,
      forecast_type: v.forecast_type ?? 'Open',
      forecast_category: v.forecast_category ?? { id: '1000000000001', name: 'Pipeline' },
      colour_code: v.colour_code ?? '#FFFFFF',
    })),
  };
}

/** The Standard pipeline shares its id with the Deals `Pipeline` field's only value. */
function pipelineId(ctx: SandboxContext): string {
  return fieldMap(ctx, 'Deals').get('Pipeline')?.pick_list_values?.[0]?.id ?? '0';
}

function checkLayout(ctx: SandboxContext, query: URLSearchParams) {
  const layoutId = query.get('layout_id');
  if (!layoutId) return requiredParamMissing('layout_id');
  if (!layoutsOf(ctx, 'Deals').has(layoutId)) return invalidParam('layout_id', layoutId);
  return undefined;
}

export const listPipelines: Handler = (req, ctx) =>
  checkLayout(ctx, req.query) ?? { status: 200, body: { pipeline: [pipelineJson(ctx)] } };

export const getPipeline: Handler = (req, ctx) => {
  const refused = checkLayout(ctx, req.query);
  if (refused) return refused;
  return req.params.id === pipelineId(ctx) ? { status: 200, body: { pipeline: [pipelineJson(ctx)] } } : { status: 204 };
};

/**
 * `PUT /settings/pipeline/{id}?layout_id=`: `maps` name Stage values by `id` (reorder with `sequence_number`,
 * change `forecast_type`, remove with `_delete`); maps without an id add a stage (`display_value`, `probability`,
 * `forecast_type`). The stages are the Deals `Stage` picklist, so the change shows there too.
 */
export const updatePipeline: Handler = (req, ctx) => {
  const refused = checkLayout(ctx, req.query);
  if (refused) return refused;
  if (req.params.id !== pipelineId(ctx)) return invalidParam('id', req.params.id ?? '');
  const items = itemsOf(req.body, 'pipeline', 1);
  if (!Array.isArray(items)) return items;
  const item = items[0] ?? {};
  const stage = fieldMap(ctx, 'Deals').get('Stage');
  if (!stage?.pick_list_values) return { status: 204 };
  if (item.maps !== undefined && !Array.isArray(item.maps)) {
    return itemsAnswer('pipeline', [{ ok: false, error: invalidBody('maps', '$.pipeline[0].maps', 'jsonarray') }], 200);
  }
  const maps = (Array.isArray(item.maps) ? item.maps : []).filter(isObj);
  // `sequence_number` moves a stage as it moves a picklist value: the placement is `pickValues`'s.
  const patch = maps.map((m) => {
    const { forecast_category: _category, ...rest } = m;
    return rest;
  });
  const values = pickValues(patch, '$.pipeline[0].maps', stage.pick_list_values, () => ctx.ids.next('crm'), true);
  if (!Array.isArray(values)) return itemsAnswer('pipeline', [{ ok: false, error: values }], 200);
  fieldsOf(ctx, 'Deals').put(stage.id, { ...stage, pick_list_values: values, modified_time: now(ctx) });
  return itemsAnswer(
    'pipeline',
    [
      {
        ok: true,
        item: { code: 'SUCCESS', details: { id: pipelineId(ctx) }, message: 'pipeline updated', status: 'success' },
      },
    ],
    200,
  );
};
