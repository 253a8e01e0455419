import { Command, Flags } from '@oclif/core';
import type { FlowStatus } from '@zlc/flow';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { ledgerSpec, loadFlowModel, openExistingLedger } from './flow-context.js';

export default class FlowStatusCommand extends Command {
  static override summary =
    'Show the ledger: counts per state, and pending, blocked, failed and dead work with reasons.';
  static override description = 'Reads only the local ledger; talks to no org. --all lists finished entries too.';
  static override examples = ['<%= config.bin %> flow status', '<%= config.bin %> flow status --json'];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    all: Flags.boolean({ description: 'List done entries too.' }),
    json: Flags.boolean({ description: 'Print the status as JSON.' }),
  };

  async run(): Promise<FlowStatus> {
    const { flags } = await this.parse(FlowStatusCommand);
    const { flowStatus } = await import('@zlc/flow');
    const model = await loadFlowModel(this, flags.file, flags);
    const ledger = await openExistingLedger(this, ledgerSpec(this, model, flags.ledger));
    try {
      const status = await flowStatus(ledger, { all: flags.all });
      if (flags.json) {
        this.log(JSON.stringify(status, null, 2));
        return status;
      }
      const c = status.counts;
      this.log(
        `Ledger ${status.ledger}: ${c.pending} pending, ${c.running} running, ${c.blocked} blocked, ${c.done} done, ${c.failed} failed, ${c.dead} dead`,
      );
      for (const e of status.entries) {
        const why = e.reason ?? e.lastError ?? '';
        const recheck =
          e.state === 'blocked' && e.nextAttemptAt > Date.now()
            ? ` (checked again from ${new Date(e.nextAttemptAt).toISOString()}, or edit the record, or replay it)`
            : '';
        const steps = e.steps.map((s) => `${s.stepId}=${s.outcome}`).join(' ');
        this.log(
          `  #${e.id} ${e.state.padEnd(7)} ${e.handoff} ${e.recordId} (attempts ${e.attempts}) ${why}${recheck}${steps ? `  [${steps}]` : ''}`,
        );
      }
      if (c.failed + c.dead > 0) this.log('Fix the cause, then: zlc flow replay ID');
      return status;
    } finally {
      await ledger.close();
    }
  }
}
