/** The plan as JSON: exactly the plan file (`schemas/plan.schema.json`), one rendering for `--format json` and `--out`. */
import { serializePlan } from '../plan-file.js';
import type { Plan } from '../plan-types.js';

export function renderPlanJson(plan: Plan): string {
  return serializePlan(plan);
}
