/** The desired resources of a model: every type's `desired()`, in registry order. Pure. */
import type { ResolvedModel } from '@zlc/model';
import type { Resource } from './plan-types.js';
import { RESOURCE_DEFS } from './resources/index.js';
import type { DesiredContext } from './resources/resource-def.js';

export function desiredResources(model: ResolvedModel, context: DesiredContext): Resource[] {
  return RESOURCE_DEFS.flatMap((def) => def.desired(model, context));
}
