import Apply from './commands/apply.js';
import Demo from './commands/demo.js';
import Doctor from './commands/doctor.js';
import Drift from './commands/drift.js';
import Export from './commands/export.js';
import FlowBackfill from './commands/flow/backfill.js';
import FlowBooksToken from './commands/flow/books-token.js';
import FlowPoll from './commands/flow/poll.js';
import FlowReplay from './commands/flow/replay.js';
import FlowServe from './commands/flow/serve.js';
import FlowStatusCommand from './commands/flow/status.js';
import ForceUnlock from './commands/force-unlock.js';
import HelpCommand from './commands/help.js';
import Init from './commands/init.js';
import PlanCommand from './commands/plan.js';
import ReportCommand from './commands/report.js';
import SandboxBooksFields from './commands/sandbox/books-fields.js';
import SandboxReset from './commands/sandbox/reset.js';
import SandboxServe from './commands/sandbox/serve.js';
import Validate from './commands/validate.js';

/** Every zlc command, by id (oclif's explicit command strategy: no directory scan at start-up). */
export const COMMANDS = {
  apply: Apply,
  demo: Demo,
  doctor: Doctor,
  drift: Drift,
  export: Export,
  'flow:backfill': FlowBackfill,
  'flow:books-token': FlowBooksToken,
  'flow:poll': FlowPoll,
  'flow:replay': FlowReplay,
  'flow:serve': FlowServe,
  'flow:status': FlowStatusCommand,
  'force-unlock': ForceUnlock,
  help: HelpCommand,
  init: Init,
  plan: PlanCommand,
  report: ReportCommand,
  'sandbox:books-fields': SandboxBooksFields,
  'sandbox:serve': SandboxServe,
  'sandbox:reset': SandboxReset,
  validate: Validate,
};
