/**
 * CSV for tools, in long form so every report fits one file: `report,table,row,column,value` (RFC 4180 quoting),
 * every row of every table (totals as row `total`), raw values (numbers unformatted).
 */
import type { ReportDocument } from '../run-report.js';

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderReportCsv(document: ReportDocument): string {
  const lines = ['report,table,row,column,value'];
  for (const report of document.reports)
    for (const table of report.tables)
      for (const row of table.total === undefined ? table.rows : [...table.rows, table.total])
        for (const column of table.columns)
          lines.push([report.id, table.id, row.key, column.key, row.cells[column.key] ?? null].map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function renderReportJson(document: ReportDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
