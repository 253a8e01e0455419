/**
 * The `maps` of a pipeline update that make the pipeline's stages the wanted ones, in order (pipeline.yaml): a
 * Stage value the pipeline lacks is mapped by its id; stages are moved with `sequence_number` only when the order
 * would otherwise be wrong; a stage leaves (`_delete: {permanent: null}`) only when the plan removes it, and one
 * that is neither wanted nor removed stays after the wanted ones. The same rules as a picklist's (`picklistPatch`),
 * on the pipeline's own list. Removals come last in `maps`: Zoho refuses to take out a pipeline's last stage, so a
 * model that replaces every stage must have its new stages in before the old ones leave.
 */
import type { CrmPicklistValue, CrmPipelineChanges, CrmPipelineStage } from '@zlc/zoho';
import { picklistPatch } from '../shared/picklist-patch.js';

export function pipelineMaps(
  current: readonly CrmPipelineStage[],
  values: readonly CrmPicklistValue[],
  wanted: readonly string[],
  removing: readonly string[],
): CrmPipelineChanges['maps'] {
  const mapped: CrmPicklistValue[] = current.flatMap((m) =>
    m.id === undefined || m.display_value === undefined
      ? []
      : [{ id: m.id, display_value: m.display_value, sequence_number: m.sequence_number }],
  );
  const idOf = new Map(values.map((v) => [v.display_value, v.id]));
  const maps = picklistPatch(
    mapped,
    wanted.map((display) => ({ display })),
    removing,
  ).flatMap((entry): CrmPipelineChanges['maps'] => {
    const place = entry.sequence_number === undefined ? {} : { sequence_number: entry.sequence_number };
    if ('id' in entry) {
      if ('_delete' in entry && entry._delete === true) return [{ id: entry.id, _delete: { permanent: null } }];
      return [{ id: entry.id, ...place }];
    }
    const id = idOf.get(entry.display_value);
    if (id === undefined) throw new Error(`CRM has no Stage value ${entry.display_value} to map into the pipeline`);
    return [{ id, ...place }];
  });
  return [...maps.filter((m) => !('_delete' in m)), ...maps.filter((m) => '_delete' in m)];
}
