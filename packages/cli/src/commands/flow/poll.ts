import { Command, Flags } from '@oclif/core';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { openTarget } from '../../target.js';
import { ledgerSpec, loadFlowModel } from './flow-context.js';
import { flowLog, LOG_FORMATS, logFormatOf } from './flow-log.js';

export default class FlowPoll extends Command {
  static override summary = 'Catch up by modified-time cursors (webhooks get lost), and run the work found.';
  static override description =
    'For each handoff, finds the records changed since its cursor that may be in its trigger stage (or had ticket events), records them in the ledger (the same event as a webhook is one entry), looks again at blocked work whose re-check is due (every pass for its first ten minutes, then less often, at least hourly), and runs what is due. With --once: one pass, then exit when nothing is due; otherwise every runtime.poll_interval until SIGINT.';
  static override examples = ['<%= config.bin %> flow poll --once'];
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    once: Flags.boolean({ description: 'One pass, then exit.' }),
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    json: Flags.boolean({ description: 'Print the result as JSON (with --once).' }),
    'log-format': Flags.string({
      description: 'text or json lines for the events (default: text on a terminal, json otherwise; ZLC_LOG_FORMAT).',
      options: [...LOG_FORMATS],
    }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(FlowPoll);
    const { FlowWorker, openLedger, pollOnce } = await import('@zlc/flow');
    const model = await loadFlowModel(this, flags.file, flags);
    const spec = ledgerSpec(this, model, flags.ledger);
    const opened = await openTarget(process.env, { insecure: flags.insecure });
    if (!opened.ok) this.error(opened.errors.join('\n'), { exit: 1 });
    const { target } = opened;
    if (!flags.json) this.log(`Target: ${target.label}`);
    const ledger = await openLedger(spec);
    const onEvent = flags.json ? undefined : (await flowLog(this, logFormatOf(flags['log-format']))).onEvent;
    const worker = new FlowWorker({ clients: target.clients, model, ledger, ...(onEvent ? { onEvent } : {}) });
    let stopped = false;
    process.once('SIGINT', () => {
      stopped = true;
    });
    try {
      for (;;) {
        const results = await pollOnce({ clients: target.clients, model, ledger, ...(onEvent ? { onEvent } : {}) });
        await worker.drain();
        if (flags.once || stopped) {
          const out = { polled: results, counts: await ledger.counts() };
          if (flags.json) this.log(JSON.stringify(out, null, 2));
          return out;
        }
        await new Promise((r) => setTimeout(r, model.runtime.pollIntervalSeconds * 1000));
      }
    } finally {
      await ledger.close();
      await target.close();
    }
  }
}
