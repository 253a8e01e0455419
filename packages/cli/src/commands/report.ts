import { writeFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import type { ResolvedModel } from '@zlc/model';
import type { ReportDocument, ReportStoreSpec, RunReportOptions, RunReportResult } from '@zlc/report';
import { withExitCodes } from '../base/exit-codes-help.js';
import { fileFlag, locationFlags, outFlag } from '../base/flags.js';
import { loadModelOrExit, openTargetOrExit } from '../base/model-and-target.js';
import { type Outcome, ZlcCommand } from '../base/zlc-command.js';
import { REPORT_EXIT, REPORT_EXIT_CODES, reportExit } from '../report-exit.js';
import { allowOutsideFlag, insecureFlag } from '../safety-flags.js';
import { stateDir, withLocations } from '../state-dir.js';

type Format = 'text' | 'markdown' | 'json' | 'csv' | 'html';

export default class ReportCommand extends ZlcCommand<RunReportResult> {
  static override summary = 'Lifecycle reports across CRM, Books and Desk, and the reconciliation of their links.';
  static override description = withExitCodes(
    `Reports: sold_invoiced_collected, close_to_invoice, support_volume, retention_renewals and reconciliation (the formulas and the Zoho fields each one reads are in the README). Without IDS, every report the model lists, and the reconciliation.

Reads CRM through COQL (200 rows a call), Books and Desk through their lists at their largest pages, under each product's rate budget, into a local store (.zlc/reports/, or ZLC_STATE_DIR) with a watermark per source: the next run reads only what changed. Deletions show up in full reads, made once a day or with --refresh. The first lines of every report say how fresh each product is.

Formats: text (default), markdown (a pull-request comment), json (schemas/report.schema.json), csv (report,table,row,column,value), html (one self-contained file with charts; use -o). Progress goes to stderr. --json prints the envelope {status, result, warnings} instead.`,
    REPORT_EXIT_CODES,
  );
  static override examples = [
    '<%= config.bin %> report',
    '<%= config.bin %> report sold_invoiced_collected --period quarter --from 2026-01-01 --to 2026-12-31',
    '<%= config.bin %> report --format html --out report.html',
    '<%= config.bin %> report reconciliation --format json --refresh',
  ];
  static override strict = false;
  static override args = { ids: Args.string({ description: 'Report ids (several may be given).' }) };
  static override flags = {
    file: fileFlag,
    period: Flags.string({ description: 'Period of every report.', options: ['week', 'month', 'quarter', 'year'] }),
    from: Flags.string({ description: 'First day of the window (YYYY-MM-DD); default: the report’s lookback.' }),
    to: Flags.string({ description: 'Last day of the window (YYYY-MM-DD); default: --as-of.' }),
    'as-of': Flags.string({ description: 'The day ages and overdue are counted from (YYYY-MM-DD); default: today.' }),
    'group-by': Flags.string({
      description: 'Grouping of every report.',
      options: ['customer', 'owner', 'product', 'stage', 'none'],
    }),
    format: Flags.string({
      description: 'Output format.',
      options: ['text', 'markdown', 'json', 'csv', 'html'],
      default: 'text',
    }),
    out: outFlag('the report instead of standard output'),
    refresh: Flags.boolean({ description: 'Read every source in full instead of only what changed.' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
    ...locationFlags,
  };

  async run(): Promise<Outcome<RunReportResult>> {
    const { argv, flags } = await this.parse(ReportCommand);
    const env = withLocations(process.env, flags);
    const format = flags.format as Format;
    const say = (line: string) => this.logToStderr(line);
    const model = await loadModelOrExit(this, flags.file, flags, 'nothing was read');
    const window = windowOf(flags.from, flags.to, flags['as-of']);
    if (typeof window === 'string') return this.fail(`zlc report: ${window}`, REPORT_EXIT.error);
    const { checkReportRequest, openReportStore, runReport } = await import('@zlc/report');
    const { renderRefusal } = await import('../render/report.js');
    const request = {
      model,
      ids: argv.map(String),
      ...(window === undefined ? {} : { window }),
      ...(flags['as-of'] === undefined ? {} : { asOf: flags['as-of'] }),
      ...(flags['group-by'] === undefined
        ? {}
        : { groupBy: flags['group-by'] as NonNullable<RunReportOptions['groupBy']> }),
    };
    const checked = checkReportRequest(request);
    if (!checked.ok) return this.fail(`zlc report: ${renderRefusal(checked.refusal)}`, REPORT_EXIT.error);
    const { reportProgress } = await import('../render/report.js');
    const quiet = this.jsonMode;
    const progress = reportProgress(
      (text) => (quiet ? undefined : process.stderr.write(text)),
      Boolean(process.stderr.isTTY),
    );
    const target = await openTargetOrExit(this, env, {
      onZohoEvent: (e) => progress.onZohoEvent(e),
      insecure: flags.insecure,
    });
    say(`Target: ${target.label}`);
    const store = await openReportStore(reportStoreSpec(model, env, stateDir(env)), target.identity);
    say(`Store: ${store.location}`);
    try {
      const options: RunReportOptions = {
        clients: target.clients,
        model,
        store,
        ids: argv.map(String),
        refresh: flags.refresh,
        onEvent: (e) => progress.onReportEvent(e),
        ...(window === undefined ? {} : { window }),
        ...(flags['as-of'] === undefined ? {} : { asOf: flags['as-of'] }),
        ...(flags.period === undefined ? {} : { period: flags.period as NonNullable<RunReportOptions['period']> }),
        ...(flags['group-by'] === undefined
          ? {}
          : { groupBy: flags['group-by'] as NonNullable<RunReportOptions['groupBy']> }),
      };
      const result = await runReport(options);
      progress.end();
      await this.show(result, format, flags.out);
      return this.done(reportExit(result), result);
    } finally {
      await store.close();
      await target.close();
    }
  }

  private async show(result: RunReportResult, format: Format, out: string | undefined): Promise<void> {
    const { renderRefusal, renderUnreachable } = await import('../render/report.js');
    if (result.status === 'refused') return this.logToStderr(`zlc report: ${renderRefusal(result.refusal)}`);
    if (result.status === 'unreachable') return this.logToStderr(`zlc report: ${renderUnreachable(result)}`);
    const rendered = await render(result.document, format);
    if (out !== undefined) {
      writeFileSync(out, rendered);
      this.logToStderr(`Wrote the report to ${out}`);
    } else if (!this.jsonMode) process.stdout.write(rendered);
    if (result.status === 'no_data')
      this.logToStderr(`No data in the window of: ${result.empty.join(', ')} (exit ${REPORT_EXIT.noData}).`);
  }
}

async function render(document: ReportDocument, format: Format): Promise<string> {
  const r = await import('@zlc/report');
  switch (format) {
    case 'json':
      return r.renderReportJson(document);
    case 'csv':
      return r.renderReportCsv(document);
    case 'markdown':
      return r.renderReportMarkdown(document);
    case 'html':
      return r.renderReportHtml(document);
    case 'text':
      return r.renderReportText(document);
  }
}

/** `--from`/`--to` as a window (`--to` defaults to `--as-of`, then today), or what is wrong with them. */
function windowOf(from: string | undefined, to: string | undefined, asOf: string | undefined) {
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined) return '--to needs --from: give the first day of the window too';
  return { from, to: to ?? asOf ?? new Date().toISOString().slice(0, 10) };
}

/**
 * The store sits beside the runtime's ledger: PostgreSQL when the ledger is (its URL in `url_env`, the schema in
 * `ZLC_LEDGER_SCHEMA`), else SQLite under the state dir.
 */
function reportStoreSpec(
  model: ResolvedModel,
  env: Readonly<Record<string, string | undefined>>,
  state: string,
): ReportStoreSpec {
  const ledger = model.runtime.ledger;
  const url = ledger.kind === 'postgres' ? env[ledger.urlEnv]?.trim() : undefined;
  if (!url) return { kind: 'sqlite', stateDir: state };
  const schema = env.ZLC_LEDGER_SCHEMA?.trim();
  return { kind: 'postgres', url, ...(schema ? { schema } : {}) };
}
