/** The apply side: `applyPlan`, its events and outcomes, the executors, waves and staleness. */

export type { Executor, ExecutorContext } from '../resources/executor.js';
export { EXECUTORS } from '../resources/executors.js';
export { type ApplyModelOptions, applyModel } from './apply-model.js';
export { type ApplyOptions, applyPlan, newRunId } from './apply-plan.js';
export type * from './apply-types.js';
export { comparePlans } from './compare-plans.js';
export { findStaleObjects, typesTouched } from './staleness.js';
export { type RunWavesOptions, runWaves, type StepResult } from './waves.js';
