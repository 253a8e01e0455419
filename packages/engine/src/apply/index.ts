/** The apply side: `applyPlan`, its events and outcomes, the executors, waves and staleness. */
export { type ApplyModelOptions, applyModel } from './apply-model.js';
export { type ApplyOptions, applyPlan, newRunId } from './apply-plan.js';
export type * from './apply-types.js';
export { EXECUTORS, type Executor, type ExecutorContext } from './executors/index.js';
export { findStaleObjects, typesTouched } from './staleness.js';
export { type RunWavesOptions, runWaves, type StepResult } from './waves.js';
