/**
 * @zlc/report — lifecycle reports across CRM, Books and Desk: a local store of what was read (per-source
 * watermarks, so a refresh reads only what changed), a pure core that computes the reports, and renderers (text,
 * markdown, JSON, CSV, one self-contained HTML file with charts). Never prints; reports through `onEvent`.
 */
export { computeReports, defaultReport, GROUPINGS, type ReportRequest, reportsOf } from './compute/compute-reports.js';
export type { OnReportEvent, ReportEvent } from './events.js';
export type * from './facts.js';
export { type Labels, labelsOf } from './labels.js';
export { type Links, linksOf } from './links.js';
export { lookbackWindow, type Period, type PeriodKind, periodOf, periodsOf, type Window } from './periods.js';
export type { SourceOutcome } from './read/sync.js';
export { renderReportCsv, renderReportJson } from './render/csv.js';
export { freshnessLine } from './render/format.js';
export { renderReportHtml } from './render/html.js';
export { renderReportMarkdown, renderReportText, type TextOptions } from './render/text.js';
export type * from './result.js';
export {
  checkReportRequest,
  FULL_READ_EVERY_MS,
  REPORT_FORMAT_VERSION,
  type ReportDocument,
  type ReportRefusal,
  type RunReportOptions,
  type RunReportResult,
  runReport,
  selectReports,
} from './run-report.js';
export { openReportStore, type ReportStoreSpec, reportStorePath } from './store/open-store.js';
export { openPostgresStore, type PostgresStoreOptions } from './store/postgres-store.js';
export type { ReportStore, SourceId, SourceWrite, Watermark } from './store/report-store.js';
export { SOURCE_IDS } from './store/report-store.js';
export { openSqliteStore, ReportStoreError } from './store/sqlite-store.js';
