/**
 * Deals pipelines, stored per layout (pipeline.yaml: "Pipelines are configured per layout"). A pipeline is a value
 * of the Deals `Pipeline` picklist and maps a subset of the Deals `Stage` values, in its own order; a Stage value
 * added through the fields API is in no pipeline until a pipeline is updated with its id in `maps`.
 */
import type { Collection, SandboxContext } from '../core/types.js';
import type { PickValue } from './model.js';
import { fieldMap, layoutsOf } from './state.js';

export interface PipelineDoc {
  id: string;
  layout_id: string;
  display_value: string;
  actual_value: string;
  default: boolean;
  /** Stage picklist value ids, in the pipeline's order. */
  stages: string[];
}

export const pipelines = (ctx: SandboxContext): Collection<PipelineDoc> =>
  ctx.store.collection<PipelineDoc>('crm:pipelines');

export function pipelinesOfLayout(ctx: SandboxContext, layoutId: string): PipelineDoc[] {
  return [...pipelines(ctx).values()].filter((p) => p.layout_id === layoutId);
}

/** The Deals `Stage` values by id (`-None-` is no stage). */
export function stageValues(ctx: SandboxContext): Map<string, PickValue> {
  const values = fieldMap(ctx, 'Deals').get('Stage')?.pick_list_values ?? [];
  return new Map(values.filter((v) => v.actual_value !== '-None-').map((v) => [v.id, v]));
}

/** A new org: one pipeline per Deals layout, the `Pipeline` field's value, mapping every Stage value in order. */
export function seedPipelines(ctx: SandboxContext): void {
  const pipelineValue = fieldMap(ctx, 'Deals').get('Pipeline')?.pick_list_values?.[0];
  if (pipelineValue === undefined) return;
  const stages = [...stageValues(ctx).keys()];
  for (const layout of layoutsOf(ctx, 'Deals').values()) {
    pipelines(ctx).put(pipelineValue.id, {
      id: pipelineValue.id,
      layout_id: layout.id,
      display_value: pipelineValue.display_value,
      actual_value: pipelineValue.actual_value,
      default: true,
      stages,
    });
  }
}

/**
 * Takes deleted Stage values out of every pipeline; the ids of pipelines that would be left with no stage (the
 * delete is refused then: pipeline.yaml "at least one stage must remain").
 */
export function dropStages(ctx: SandboxContext, deleted: ReadonlySet<string>, apply: boolean): string[] {
  const emptied: string[] = [];
  for (const p of pipelines(ctx).values()) {
    if (!p.stages.some((id) => deleted.has(id))) continue;
    const stages = p.stages.filter((id) => !deleted.has(id));
    if (stages.length === 0) emptied.push(p.id);
    else if (apply) pipelines(ctx).put(p.id, { ...p, stages });
  }
  return emptied;
}
