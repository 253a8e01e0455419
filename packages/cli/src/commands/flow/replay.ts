import { Args, Flags } from '@oclif/core';
import type { LedgerEntry } from '@zlc/flow';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';
import { ledgerSpec, openExistingLedger } from './flow-context.js';
import { flowLog } from './flow-log.js';

export default class FlowReplay extends ZlcCommand<LedgerEntry | null> {
  static override summary = 'Re-drive a ledger entry: put it back to pending and run it now.';
  static override description = withExitCodes(
    'Safe to repeat: every step finds before it creates, so a replay never makes a second record. An entry a live runtime is running is left alone until its lease runs out. Other due entries run as well.',
    [
      [0, 'the entry ended done'],
      [1, `the entry did not end done (its state and reason are shown), no such entry; or ${USAGE_ERROR}`],
    ],
  );
  static override examples = ['<%= config.bin %> flow replay 42'];
  static override args = { id: Args.integer({ description: 'The entry id (see zlc flow status).', required: true }) };
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    ...locationFlags,
  };

  async run(): Promise<Outcome<LedgerEntry | null>> {
    const { args, flags } = await this.parse(FlowReplay);
    const env = withLocations(process.env, flags);
    const { FlowWorker } = await import('@zlc/flow');
    const model = await loadModelOrExit(this, flags.file, flags);
    const ledger = await openExistingLedger(this, ledgerSpec(this, model, flags.ledger, env));
    try {
      if ((await ledger.get(args.id)) === undefined) return this.fail(`no ledger entry ${args.id}`);
      const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
      this.log(`Target: ${target.label}`);
      try {
        await ledger.replay(args.id);
        const onEvent = this.jsonMode ? undefined : (await flowLog(this, 'text')).onEvent;
        await new FlowWorker({ clients: target.clients, model, ledger, ...(onEvent ? { onEvent } : {}) }).drain();
      } finally {
        await target.close();
      }
      const entry = (await ledger.get(args.id)) ?? null;
      return this.done(entry?.state === 'done' ? 0 : 1, entry);
    } finally {
      await ledger.close();
    }
  }
}
