import { Flags } from '@oclif/core';
import type { BackfillRecord, EntryState, Preview } from '@zlc/flow';
import { USAGE_ERROR, withExitCodes } from '../../base/exit-codes-help.js';
import { fileFlag, locationFlags } from '../../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../../base/zlc-command.js';
import { allowOutsideFlag, insecureFlag } from '../../safety-flags.js';
import { withLocations } from '../../state-dir.js';
import { ledgerSpec } from './flow-context.js';
import { flowLog, LOG_FORMATS, logFormatOf } from './flow-log.js';

/** The `--json` result of `zlc flow backfill`: the records found since the date, and (not a dry run) the ledger. */
export interface FlowBackfillResult {
  since: string;
  dryRun: boolean;
  records: BackfillRecord[];
  counts?: Record<EntryState, number>;
}

/** `2026-01-01` or an ISO date-time with its zone; anything else is refused. */
function parseSince(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function previewLine(preview: Preview | undefined): string {
  if (preview === undefined) return '';
  switch (preview.kind) {
    case 'would_run':
      return preview.effects.map((e) => `\n    ${e}`).join('');
    case 'would_block':
      return `\n    would wait for: ${preview.missing.join(', ')}`;
    case 'not_in_stage':
      return '\n    nothing: no longer in the trigger stage';
    case 'gone':
      return '\n    nothing: the record is gone';
  }
}

export default class FlowBackfill extends ZlcCommand<FlowBackfillResult> {
  static override summary = 'Process history on purpose: the records that entered each trigger since a date.';
  static override description = withExitCodes(
    'A new ledger starts from now: serve and poll never look further back than when the ledger started. backfill is the only way to run handoffs for earlier records: it finds the records modified since --since that are in each trigger stage (or had ticket events), records them in the ledger (a record already there is not run twice) and runs them, within the org’s API limits. With --dry-run it lists each record and what its run would do (create, keep in step, wait for data), reading only: nothing changes in Zoho or in the ledger. Run the dry run first.',
    [
      [0, 'listed (--dry-run), or the work found ran (zlc flow status shows how it ended)'],
      [1, `${USAGE_ERROR} (--since is not a date); or the org or the ledger could not be reached`],
    ],
  );
  static override examples = [
    '<%= config.bin %> flow backfill --since 2026-01-01 --dry-run',
    '<%= config.bin %> flow backfill --since 2026-01-01',
    '<%= config.bin %> flow backfill --since 2026-06-01T00:00:00Z --handoff won-deal-to-books --json',
  ];
  static override flags = {
    file: fileFlag,
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    since: Flags.string({
      description: 'Records modified at or after this date (YYYY-MM-DD, UTC) or date-time with its zone.',
      required: true,
    }),
    'dry-run': Flags.boolean({ description: 'List the records and what each run would do; change nothing.' }),
    handoff: Flags.string({ description: 'Only this handoff (repeatable; default all).', multiple: true }),
    ledger: Flags.string({ description: 'A SQLite ledger file (default: runtime.ledger).' }),
    'log-format': Flags.string({
      description: 'text or json lines for the events (default: text on a terminal, json otherwise; ZLC_LOG_FORMAT).',
      options: [...LOG_FORMATS],
    }),
    ...locationFlags,
  };

  async run(): Promise<Outcome<FlowBackfillResult>> {
    const { flags } = await this.parse(FlowBackfill);
    const since = parseSince(flags.since);
    if (since === undefined)
      return this.fail(`--since ${flags.since} is not a date: give YYYY-MM-DD (UTC) or an ISO date-time with its zone`);
    const env = withLocations(process.env, flags);
    const { FlowWorker, backfill, openLedger } = await import('@zlc/flow');
    const model = await loadModelOrExit(this, flags.file, flags);
    const unknown = (flags.handoff ?? []).filter((h) => !model.handoffs.some((m) => m.id === h));
    if (unknown.length > 0)
      return this.fail(
        `no handoff ${unknown.join(', ')} in the model: use one of ${model.handoffs.map((h) => h.id).join(', ')}`,
      );
    const spec = flags['dry-run'] ? undefined : ledgerSpec(this, model, flags.ledger, env);
    const target = await openTargetOrExit(this, env, { insecure: flags.insecure });
    this.log(`Target: ${target.label}`);
    const ledger = spec === undefined ? undefined : await openLedger(spec);
    const onEvent = this.jsonMode ? undefined : (await flowLog(this, logFormatOf(flags['log-format']))).onEvent;
    // The work runs while the records are still being offered (a long history starts at once).
    const worker =
      ledger === undefined
        ? undefined
        : new FlowWorker({ clients: target.clients, model, ledger, ...(onEvent ? { onEvent } : {}) });
    try {
      worker?.start();
      const found = await backfill({
        clients: target.clients,
        model,
        since,
        dryRun: flags['dry-run'],
        ...(ledger === undefined ? {} : { ledger }),
        ...(flags.handoff === undefined ? {} : { handoffs: flags.handoff }),
      });
      this.log(
        `${found.records.length} record(s) since ${found.since}${found.dryRun ? ' (dry run: nothing changes)' : ''}`,
      );
      for (const r of found.records)
        this.log(
          `  ${r.handoff} ${r.recordId}${r.name ? ` ${r.name}` : ''}${r.offered ? `: ${r.offered}` : ''}${previewLine(r.preview)}`,
        );
      if (ledger === undefined || worker === undefined) return this.done(0, found);
      // The loop stops claiming (two loops claiming at once would exceed the concurrency); drain runs the rest.
      await worker.stop();
      await worker.drain();
      return this.done(0, { ...found, counts: await ledger.counts() });
    } finally {
      await worker?.stop();
      await ledger?.close();
      await target.close();
    }
  }
}
