/**
 * A pipeline update's `maps` (pipeline.yaml `PipelineUpdateRequestUrl`): each entry names an existing Stage
 * picklist value by `id` ("Each stage entry in maps must reference an existing stage ID"). An id the pipeline
 * lacks is added to it; `sequence_number` places a stage (1-based in the final list, the same fill rule as
 * picklist order: `placeInOrder`); `_delete: {permanent: null}` takes it out, and at least one stage must remain.
 */
import type { SandboxContext } from '../core/types.js';
import { type CrmError, crmError, invalidBody } from './errors.js';
import type { PickValue } from './model.js';
import { placeInOrder } from './pick-values.js';
import { stageValues } from './pipeline-store.js';
import { isObj, str } from './settings-body.js';

const PATH = '$.pipeline[0].maps';

export function applyMaps(ctx: SandboxContext, current: readonly string[], raw: unknown): string[] | CrmError {
  if (!Array.isArray(raw)) return invalidBody('maps', PATH, 'jsonarray');
  // pipeline.yaml `NoMappingFoundErrorRespones`.
  if (raw.length === 0) return crmError('INVALID_DATA', 'No mapping found ', {});
  const values = stageValues(ctx);
  let stages = current.filter((id) => values.has(id));
  const places = new Map<string, number>();
  for (const [i, entry] of raw.entries()) {
    const p = `${PATH}[${i}]`;
    if (!isObj(entry)) return invalidBody('maps', p, 'jsonobject');
    const id = str(entry.id);
    if (id === undefined)
      return crmError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `${p}.id` });
    if (!values.has(id))
      return crmError('INVALID_DATA', 'Invalid child option id', { api_name: 'id', json_path: `${p}.id` });
    if (entry._delete !== undefined) {
      stages = stages.filter((s) => s !== id);
      places.delete(id);
      if (stages.length === 0)
        return crmError('CANNOT_DELETE', 'Cannot delete the last stage associated with the pipeline', {
          api_name: 'id',
          json_path: `${p}.id`,
        });
      continue;
    }
    if (!stages.includes(id)) stages.push(id);
    const seq = entry.sequence_number;
    if (seq !== undefined) {
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1)
        return invalidBody('sequence_number', `${p}.sequence_number`, 'integer');
      places.set(id, seq);
    }
  }
  // Placed like picklist values: the stages an entry places go there, the others keep their order around them.
  const asValues = stages.flatMap((id): PickValue[] => {
    const v = values.get(id);
    return v === undefined ? [] : [v];
  });
  return placeInOrder(asValues, (v) => places.get(v.id)).map((v) => v.id);
}
