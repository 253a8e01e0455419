import type { Scenario } from '../scenario.js';
import { applyLargeLatency } from './apply.js';
import { cliStartInstalled } from './cli-start.js';
import { clientReadConfigLarge } from './client.js';
import { flowWebhookLatency } from './flow.js';
import { flowBackfill } from './flow-backfill.js';
import { planLargeLatency } from './plan.js';
import { reportLargeLatency } from './report.js';
import { sandboxFieldsLatency, sandboxSeedLarge } from './sandbox.js';
import { validate5kLines, validateColdStart } from './validate.js';

/** Every scenario `pnpm bench` knows, in the order it runs them. Add yours with one import and one entry. */
export const SCENARIOS: Scenario[] = [
  sandboxSeedLarge,
  sandboxFieldsLatency,
  clientReadConfigLarge,
  validate5kLines,
  validateColdStart,
  cliStartInstalled,
  planLargeLatency,
  applyLargeLatency,
  flowWebhookLatency,
  flowBackfill,
  reportLargeLatency,
];
