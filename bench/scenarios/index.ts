import type { Scenario } from '../scenario.js';
import { sandboxFieldsLatency, sandboxSeedLarge } from './sandbox.js';

/** Every scenario `pnpm bench` knows, in the order it runs them. Add yours with one import and one entry. */
export const SCENARIOS: Scenario[] = [sandboxSeedLarge, sandboxFieldsLatency];
