/** Every resource type's executor, by type (what `applyPlan` is given by the CLI and tests). */
import type { ResourceType } from '../plan-types.js';
import type { Executor } from './executor.js';
import { RESOURCE_DEFS } from './index.js';

export const EXECUTORS: Readonly<Record<ResourceType, Executor>> = Object.fromEntries(
  RESOURCE_DEFS.map((d) => [d.type, d.executor]),
) as Record<ResourceType, Executor>;
