/** Text for the terminal and markdown for pull requests: a heading per report, its tables, its notes. */

import type { ReportResult, Table } from '../result.js';
import type { ReportDocument } from '../run-report.js';
import { formatCell, freshnessLine, visibleRows, windowLine } from './format.js';

export interface TextOptions {
  /** Rows shown per table before "… N more" (JSON and CSV always hold every row). Default 20. */
  maxRows?: number;
}

function cellsOf(table: Table, rows: Table['rows']): string[][] {
  return rows.map((r) => table.columns.map((c) => formatCell(r.cells[c.key] ?? null, c.kind)));
}

function isNumeric(kind: string): boolean {
  return kind !== 'text' && kind !== 'date';
}

function textTable(table: Table, max: number): string {
  const { rows, hidden } = visibleRows(table, max);
  const body = cellsOf(table, table.total === undefined ? rows : [...rows, table.total]);
  const header = table.columns.map((c) => c.label);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        isNumeric(table.columns[i]?.kind ?? 'text') ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const out = [table.title, line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  if (table.rows.length === 0) out.push('(none)');
  const shown = body.map(line);
  if (table.total !== undefined && shown.length > 0)
    shown.splice(shown.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  out.push(...shown);
  if (hidden > 0) out.push(`… ${hidden} more (every row is in --format json or csv)`);
  return out.join('\n');
}

function textReport(report: ReportResult, max: number): string {
  const parts = [`== ${report.title} ==`, windowLine(report)];
  if (report.empty) parts.push('No data in this window.');
  for (const table of report.tables) parts.push('', textTable(table, max));
  for (const note of report.notes) parts.push(`Note: ${note}`);
  return parts.join('\n');
}

export function renderReportText(document: ReportDocument, options: TextOptions = {}): string {
  const max = options.maxRows ?? 20;
  return `${[freshnessLine(document), ...document.reports.map((r) => `\n${textReport(r, max)}`)].join('\n')}\n`;
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdownTable(table: Table, max: number): string {
  const { rows, hidden } = visibleRows(table, max);
  const out = [`**${mdEscape(table.title)}**`, ''];
  if (table.rows.length === 0) return [...out, '_None._'].join('\n');
  out.push(`| ${table.columns.map((c) => mdEscape(c.label)).join(' | ')} |`);
  out.push(`| ${table.columns.map((c) => (isNumeric(c.kind) ? '---:' : '---')).join(' | ')} |`);
  for (const cells of cellsOf(table, rows)) out.push(`| ${cells.map(mdEscape).join(' | ')} |`);
  if (table.total !== undefined)
    out.push(
      `| ${cellsOf(table, [table.total])[0]
        ?.map((c) => `**${mdEscape(c)}**`)
        .join(' | ')} |`,
    );
  if (hidden > 0) out.push('', `_… ${hidden} more rows (every row is in --format json or csv)._`);
  return out.join('\n');
}

export function renderReportMarkdown(document: ReportDocument, options: TextOptions = {}): string {
  const max = options.maxRows ?? 20;
  const parts = [`_${freshnessLine(document)}_`];
  for (const report of document.reports) {
    parts.push('', `### ${mdEscape(report.title)}`, '', `_${windowLine(report)}_`);
    if (report.empty) parts.push('', '**No data in this window.**');
    for (const table of report.tables) parts.push('', markdownTable(table, max));
    for (const note of report.notes) parts.push('', `> ${mdEscape(note)}`);
  }
  return `${parts.join('\n')}\n`;
}
