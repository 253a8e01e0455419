/**
 * `/settings/pipeline?layout_id=` (pipeline.yaml): the Deals pipelines of one layout. Reads join each pipeline's
 * stage ids with the Stage picklist's values; updates (PATCH or PUT, by id in the path or in the body — "an
 * alternate HTTP verb for the identical operation") map existing Stage values into the pipeline (`maps[].id`),
 * move them (`sequence_number`), take them out (`_delete`), rename the pipeline or make it the default.
 */
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { type CrmError, crmError, errorResponse } from './errors.js';
import { applyMaps } from './pipeline-maps.js';
import { type PipelineDoc, pipelines, pipelinesOfLayout, stageValues } from './pipeline-store.js';
import { isObj, type Obj, str } from './settings-body.js';
import { layoutsOf } from './state.js';

const FORECAST = {
  Open: { id: '1000000000001', name: 'Pipeline' },
  'Closed Won': { id: '1000000000002', name: 'Closed' },
  'Closed Lost': { id: '1000000000003', name: 'Omitted' },
} as const;

function pipelineJson(ctx: SandboxContext, p: PipelineDoc): Record<string, unknown> {
  const values = stageValues(ctx);
  const maps = p.stages.flatMap((id, i) => {
    const v = values.get(id);
    if (v === undefined) return [];
    const type = (v.forecast_type ?? 'Open') as keyof typeof FORECAST;
    return [
      {
        display_value: v.display_value,
        sequence_number: i + 1,
        forecast_category: v.forecast_category ?? FORECAST[type] ?? FORECAST.Open,
        actual_value: v.actual_value,
        id: v.id,
        forecast_type: v.forecast_type ?? 'Open',
        ...(v.colour_code === null ? {} : { colour_code: v.colour_code }),
      },
    ];
  });
  return { display_value: p.display_value, default: p.default, maps, actual_value: p.actual_value, id: p.id };
}

/** pipeline.yaml `InvalidLayoutID`: the same answer for a missing and for an unknown `layout_id`. */
function layoutOf(ctx: SandboxContext, query: URLSearchParams): string | SandboxResponse {
  const layoutId = query.get('layout_id') ?? '';
  if (!layoutsOf(ctx, 'Deals').has(layoutId))
    return errorResponse(400, crmError('INVALID_DATA', 'Invalid layoutid', { param_name: 'layout_id' }));
  return layoutId;
}

export const listPipelines: Handler = (req, ctx) => {
  const layoutId = layoutOf(ctx, req.query);
  if (typeof layoutId !== 'string') return layoutId;
  const list = pipelinesOfLayout(ctx, layoutId);
  if (list.length === 0) return { status: 204 };
  return { status: 200, body: { pipeline: list.map((p) => pipelineJson(ctx, p)) } };
};

export const getPipeline: Handler = (req, ctx) => {
  const layoutId = layoutOf(ctx, req.query);
  if (typeof layoutId !== 'string') return layoutId;
  const p = pipelines(ctx).get(req.params.id ?? '');
  return p?.layout_id === layoutId ? { status: 200, body: { pipeline: [pipelineJson(ctx, p)] } } : { status: 204 };
};

const itemError = (error: CrmError): SandboxResponse => ({ status: 400, body: { pipeline: [error] } });

/** One pipeline item: rename, default, maps; or `_delete` the pipeline. */
function updateOne(ctx: SandboxContext, p: PipelineDoc, item: Obj): SandboxResponse {
  const siblings = pipelinesOfLayout(ctx, p.layout_id).filter((o) => o.id !== p.id);
  if (item._delete !== undefined) {
    if (siblings.length === 0)
      return itemError(crmError('CANNOT_DELETE', 'Cannot delete the only pipeline of a layout', {}));
    pipelines(ctx).delete(p.id);
    return updated(p.id);
  }
  const next: PipelineDoc = { ...p };
  if (item.display_value !== undefined && str(item.display_value) === undefined)
    return itemError(
      crmError('MANDATORY_NOT_FOUND', 'required  field not found', {
        api_name: 'display_value',
        json_path: '$.pipeline[0].display_value',
      }),
    );
  const label = str(item.display_value);
  if (label !== undefined) {
    if (siblings.some((o) => o.display_value === label))
      return itemError(
        crmError('DUPLICATE_DATA', 'Duplicate pipeline label found', {
          api_name: 'display_value',
          json_path: '$.pipeline[0].display_value',
        }),
      );
    next.display_value = label;
  }
  if (item.maps !== undefined) {
    const stages = applyMaps(ctx, p.stages, item.maps);
    if (!Array.isArray(stages)) return itemError(stages);
    next.stages = stages;
  }
  ctx.store.transaction(() => {
    if (item.default === true)
      for (const o of siblings) if (o.default) pipelines(ctx).put(o.id, { ...o, default: false });
    if (typeof item.default === 'boolean') next.default = item.default;
    pipelines(ctx).put(next.id, next);
  });
  return updated(p.id);
}

const updated = (id: string): SandboxResponse => ({
  status: 200,
  body: { pipeline: [{ code: 'SUCCESS', details: { id }, message: 'Pipeline updated', status: 'success' }] },
});

/** The body's one pipeline item, or pipeline.yaml's answer to a body that has none or more than one. */
function theItem(body: unknown): { ok: true; item: Obj } | { ok: false; answer: SandboxResponse } {
  const list = isObj(body) ? body.pipeline : undefined;
  const [first] = Array.isArray(list) ? list : [];
  if (!isObj(first))
    return {
      ok: false,
      answer: itemError(
        crmError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'pipeline', json_path: '$.pipeline' }),
      ),
    };
  if (Array.isArray(list) && list.length > 1)
    return {
      ok: false,
      answer: errorResponse(
        400,
        crmError('INVALID_DATA', 'invalid data', { maximum_length: 1, api_name: 'pipeline', json_path: '$.pipeline' }),
      ),
    };
  return { ok: true, item: first };
}

/** `PATCH|PUT /settings/pipeline/{id}?layout_id=`. */
export const updatePipelineById: Handler = (req, ctx) => {
  const layoutId = layoutOf(ctx, req.query);
  if (typeof layoutId !== 'string') return layoutId;
  const p = pipelines(ctx).get(req.params.id ?? '');
  if (p?.layout_id !== layoutId)
    return errorResponse(400, crmError('INVALID_DATA', 'invalid pick_list_values id', { resource_path_index: 2 }));
  const body = theItem(req.body);
  return body.ok ? updateOne(ctx, p, body.item) : body.answer;
};

/** `PATCH|PUT /settings/pipeline?layout_id=`: the pipeline named by `id` in the body. */
export const updatePipelines: Handler = (req, ctx) => {
  const layoutId = layoutOf(ctx, req.query);
  if (typeof layoutId !== 'string') return layoutId;
  const body = theItem(req.body);
  if (!body.ok) return body.answer;
  const id = str(body.item.id);
  if (id === undefined)
    return itemError(
      crmError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: '$.pipeline[0].id' }),
    );
  const p = pipelines(ctx).get(id);
  if (p?.layout_id !== layoutId) return itemError(crmError('INVALID_DATA', 'required field not found', { id }));
  return updateOne(ctx, p, body.item);
};
