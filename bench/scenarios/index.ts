import type { Scenario } from '../scenario.js';
import { sandboxFieldsLatency, sandboxSeedLarge } from './sandbox.js';
import { validate5kLines, validateColdStart } from './validate.js';

/** Every scenario `pnpm bench` knows, in the order it runs them. Add yours with one import and one entry. */
export const SCENARIOS: Scenario[] = [sandboxSeedLarge, sandboxFieldsLatency, validate5kLines, validateColdStart];
