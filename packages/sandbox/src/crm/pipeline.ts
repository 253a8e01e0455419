/** `/settings/pipeline?layout_id=` (pipeline.json): the Deals pipeline, whose stages are the `Stage` picklist. */
import type { Handler, SandboxContext } from '../core/types.js';
import { invalidParam, requiredParamMissing } from './errors.js';
import { fieldMap, layoutsOf } from './state.js';

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
