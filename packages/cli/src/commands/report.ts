import { writeFileSync } from 'node:fs';
import { Args, Command, Flags } from '@oclif/core';
import type { ResolvedModel } from '@zlc/model';
import type { ReportDocument, ReportStoreSpec, RunReportOptions, RunReportResult } from '@zlc/report';
import { REPORT_EXIT, REPORT_EXIT_HELP, reportExit } from '../report-exit.js';
import { allowOutsideFlag, insecureFlag } from '../safety-flags.js';

type Format = 'text' | 'markdown' | 'json' | 'csv' | 'html';

export default class ReportCommand extends Command {
  static override summary = 'Lifecycle reports across CRM, Books and Desk, and the reconciliation of their links.';
  static override description =
    `Reports: sold_invoiced_collected, close_to_invoice, support_volume, retention_renewals and reconciliation (the formulas and the Zoho fields each one reads are in the README). Without IDS, every report the model lists, and the reconciliation.

Reads CRM through COQL (200 rows a call), Books and Desk through their lists at their largest pages, under each product's rate budget, into a local store (.zlc/reports/, or ZLC_STATE_DIR) with a watermark per source: the next run reads only what changed. Deletions show up in full reads, made once a day or with --refresh. The first lines of every report say how fresh each product is.

Formats: text (default), markdown (a pull-request comment), json (schemas/report.schema.json), csv (report,table,row,column,value), html (one self-contained file with charts; use --out). Progress goes to stderr.

${REPORT_EXIT_HELP}`;
  static override examples = [
    '<%= config.bin %> report',
    '<%= config.bin %> report sold_invoiced_collected --period quarter --from 2026-01-01 --to 2026-12-31',
    '<%= config.bin %> report --format html --out report.html',
    '<%= config.bin %> report reconciliation --format json --refresh',
  ];
  static override strict = false;
  static override args = { ids: Args.string({ description: 'Report ids (several may be given).' }) };
  static override flags = {
    file: Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' }),
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
    json: Flags.boolean({ description: 'Same as --format json.' }),
    out: Flags.string({ char: 'o', description: 'Write the report to this file instead of stdout.' }),
    refresh: Flags.boolean({ description: 'Read every source in full instead of only what changed.' }),
    'allow-outside': allowOutsideFlag,
    insecure: insecureFlag,
  };

  async run(): Promise<RunReportResult | undefined> {
    const { argv, flags } = await this.parse(ReportCommand);
    const format: Format = flags.json ? 'json' : (flags.format as Format);
    const say = (line: string) => process.stderr.write(`${line}\n`);
    const { loadFlowModel } = await import('./flow/flow-context.js');
    const model = await loadFlowModel(this, flags.file, flags);
    const window = windowOf(flags.from, flags.to, flags['as-of']);
    if (typeof window === 'string') {
      process.stderr.write(`zlc report: ${window}\n`);
      return this.exit(REPORT_EXIT.error);
    }
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
    if (!checked.ok) {
      process.stderr.write(`zlc report: ${renderRefusal(checked.refusal)}\n`);
      return this.exit(REPORT_EXIT.error);
    }
    const { openTarget } = await import('../target.js');
    const { reportProgress } = await import('../render/report.js');
    const progress = reportProgress((text) => process.stderr.write(text), Boolean(process.stderr.isTTY));
    const opened = await openTarget(process.env, {
      onZohoEvent: (e) => progress.onZohoEvent(e),
      insecure: flags.insecure,
    });
    if (!opened.ok) this.error(opened.errors.join('\n'), { exit: REPORT_EXIT.error });
    const { target } = opened;
    const { stateDir } = await import('../state-dir.js');
    say(`Target: ${target.label}`);
    const store = await openReportStore(reportStoreSpec(model, process.env, stateDir(process.env)), target.identity);
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
      process.exitCode = reportExit(result);
      return result;
    } finally {
      await store.close();
      await target.close();
    }
  }

  private async show(result: RunReportResult, format: Format, out: string | undefined): Promise<void> {
    const { renderRefusal, renderUnreachable } = await import('../render/report.js');
    if (result.status === 'refused') return void process.stderr.write(`zlc report: ${renderRefusal(result.refusal)}\n`);
    if (result.status === 'unreachable') return void process.stderr.write(`zlc report: ${renderUnreachable(result)}\n`);
    const rendered = await render(result.document, format);
    if (out === undefined) process.stdout.write(rendered);
    else {
      writeFileSync(out, rendered);
      process.stderr.write(`Wrote the report to ${out}\n`);
    }
    if (result.status === 'no_data')
      process.stderr.write(`No data in the window of: ${result.empty.join(', ')} (exit ${REPORT_EXIT.noData}).\n`);
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
function reportStoreSpec(model: ResolvedModel, env: NodeJS.ProcessEnv, state: string): ReportStoreSpec {
  const ledger = model.runtime.ledger;
  const url = ledger.kind === 'postgres' ? env[ledger.urlEnv]?.trim() : undefined;
  if (!url) return { kind: 'sqlite', stateDir: state };
  const schema = env.ZLC_LEDGER_SCHEMA?.trim();
  return { kind: 'postgres', url, ...(schema ? { schema } : {}) };
}
