import Apply from './commands/apply.js';
import Demo from './commands/demo.js';
import Export from './commands/export.js';
import ForceUnlock from './commands/force-unlock.js';
import PlanCommand from './commands/plan.js';
import SandboxReset from './commands/sandbox/reset.js';
import SandboxServe from './commands/sandbox/serve.js';
import Validate from './commands/validate.js';

/** Every zlc command, by id (oclif's explicit command strategy: no directory scan at start-up). */
export const COMMANDS = {
  apply: Apply,
  demo: Demo,
  export: Export,
  'force-unlock': ForceUnlock,
  plan: PlanCommand,
  'sandbox:serve': SandboxServe,
  'sandbox:reset': SandboxReset,
  validate: Validate,
};
