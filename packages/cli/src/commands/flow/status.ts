import { Flags } from '@oclif/core';
import type { FlowStatus } from '@zlc/flow';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, stateDirFlag } from '../../base/flags.js';
import { loadModelOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';
import { ledgerSpec, openExistingLedger } from './flow-context.js';

export default class FlowStatusCommand extends ZlcCommand<FlowStatus> {
  static override summary =
    'Show the ledger: counts per state, and pending, blocked, failed and dead work with reasons.';
  static override description = withExitCodes(
    'Reads only the local ledger; talks to no org. --all lists finished entries too.',
    [
      [0, 'shown (failed or dead work is listed, not an error of this command)'],
      [1, `no ledger there; or ${USAGE_ERROR}`],
    ],
  );
  static override examples = ['<%= config.bin %> flow status', '<%= config.bin %> flow status --json'];
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    all: Flags.boolean({ description: 'List done entries too.' }),
    'state-dir': stateDirFlag,
  };

  async run(): Promise<Outcome<FlowStatus>> {
    const { flags } = await this.parse(FlowStatusCommand);
    const env = withLocations(process.env, flags);
    const { flowStatus } = await import('@zlc/flow');
    const model = await loadModelOrExit(this, flags.file, flags);
    const ledger = await openExistingLedger(this, ledgerSpec(this, model, flags.ledger, env));
    try {
      const status = await flowStatus(ledger, { all: flags.all });
      const { renderFlowStatus } = await import('../../render/flow-status.js');
      this.log(renderFlowStatus(status));
      return this.done(0, status);
    } finally {
      await ledger.close();
    }
  }
}
