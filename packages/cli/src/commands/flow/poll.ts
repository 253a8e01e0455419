import { Flags } from '@oclif/core';
import type { EntryState, PollResult } from '@zlc/flow';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';
import { ledgerSpec } from './flow-context.js';
import { flowLog, LOG_FORMATS, logFormatOf } from './flow-log.js';

/** The `--json` result of `zlc flow poll`: what the last pass found per handoff, and the ledger's counts. */
export interface FlowPollResult {
  polled: PollResult[];
  counts: Record<EntryState, number>;
}

export default class FlowPoll extends ZlcCommand<FlowPollResult> {
  static override summary = 'Catch up by modified-time cursors (webhooks get lost), and run the work found.';
  static override description = withExitCodes(
    'For each handoff, finds the records changed since its cursor that may be in its trigger stage (or had ticket events), records them in the ledger (the same event as a webhook is one entry), looks again at blocked work whose re-check is due (every pass for its first ten minutes, then less often, at least hourly), and runs what is due. With --once: one pass, then exit when nothing is due; otherwise every runtime.poll_interval until SIGINT.',
    [
      [0, 'polled (the work found ran; zlc flow status shows how it ended)'],
      [1, `${USAGE_ERROR}; or the org or the ledger could not be reached`],
    ],
  );
  static override examples = ['<%= config.bin %> flow poll --once', '<%= config.bin %> flow poll --once --json'];
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    once: Flags.boolean({ description: 'One pass, then exit.' }),
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    'log-format': Flags.string({
      description: 'text or json lines for the events (default: text on a terminal, json otherwise; ZLC_LOG_FORMAT).',
      options: [...LOG_FORMATS],
    }),
    ...locationFlags,
  };

  async run(): Promise<Outcome<FlowPollResult>> {
    const { flags } = await this.parse(FlowPoll);
    const env = withLocations(process.env, flags);
    const { FlowWorker, openLedger, pollOnce } = await import('@zlc/flow');
    const model = await loadModelOrExit(this, flags.file, flags);
    const spec = ledgerSpec(this, model, flags.ledger, env);
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    this.log(`Target: ${target.label}`);
    const ledger = await openLedger(spec);
    const onEvent = this.jsonMode ? undefined : (await flowLog(this, logFormatOf(flags['log-format']))).onEvent;
    const worker = new FlowWorker({ clients: target.clients, model, ledger, ...(onEvent ? { onEvent } : {}) });
    let stopped = false;
    process.once('SIGINT', () => {
      stopped = true;
    });
    try {
      for (;;) {
        const polled = await pollOnce({ clients: target.clients, model, ledger, ...(onEvent ? { onEvent } : {}) });
        await worker.drain();
        if (flags.once || stopped) return this.done(0, { polled, counts: await ledger.counts() });
        await new Promise((r) => setTimeout(r, model.runtime.pollIntervalSeconds * 1000));
      }
    } finally {
      await ledger.close();
      await target.close();
    }
  }
}
