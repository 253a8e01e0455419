import { Args, Command, Flags } from '@oclif/core';
import type { LedgerEntry } from '@zlc/flow';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { openTarget } from '../../target.js';
import { ledgerSpec, loadFlowModel, openExistingLedger } from './flow-context.js';
import { flowLog } from './flow-log.js';

export default class FlowReplay extends Command {
  static override summary = 'Re-drive a ledger entry: put it back to pending and run it now.';
  static override description =
    'Safe to repeat: every step finds before it creates, so a replay never makes a second record. An entry a live runtime is running is left alone until its lease runs out. Other due entries run as well. Exit 1 when the entry does not end done.';
  static override examples = ['<%= config.bin %> flow replay 42'];
  static override args = { id: Args.integer({ description: 'The entry id (see zlc flow status).', required: true }) };
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    json: Flags.boolean({ description: 'Print the entry as JSON.' }),
  };

  async run(): Promise<LedgerEntry | undefined> {
    const { args, flags } = await this.parse(FlowReplay);
    const { FlowWorker } = await import('@zlc/flow');
    const model = await loadFlowModel(this, flags.file, flags);
    const ledger = await openExistingLedger(this, ledgerSpec(this, model, flags.ledger));
    try {
      if ((await ledger.get(args.id)) === undefined) this.error(`no ledger entry ${args.id}`, { exit: 1 });
      const opened = await openTarget(process.env, { insecure: flags.insecure });
      if (!opened.ok) this.error(opened.errors.join('\n'), { exit: 1 });
      const { target } = opened;
      if (!flags.json) this.log(`Target: ${target.label}`);
      try {
        await ledger.replay(args.id);
        const worker = new FlowWorker({
          clients: target.clients,
          model,
          ledger,
          ...(flags.json ? {} : { onEvent: (await flowLog(this, 'text')).onEvent }),
        });
        await worker.drain();
      } finally {
        await target.close();
      }
      const entry = await ledger.get(args.id);
      if (flags.json) this.log(JSON.stringify(entry, null, 2));
      if (entry?.state !== 'done') process.exitCode = 1;
      return entry;
    } finally {
      await ledger.close();
    }
  }
}
