/** How cells read to people: money with separators and cents, ratios as percentages, empty as an em dash. */

import type { Cell, CellKind, Table } from '../result.js';
import type { ReportDocument } from '../run-report.js';

export function formatCell(cell: Cell, kind: CellKind): string {
  if (cell === null || cell === undefined) return '—';
  if (typeof cell === 'string') return cell;
  switch (kind) {
    case 'money':
      return cell.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'ratio':
      return `${(cell * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
    case 'count':
    case 'days':
    case 'number':
      return cell.toLocaleString('en-US', { maximumFractionDigits: 3 });
    default:
      return String(cell);
  }
}

/** `Books: as of 2026-12-07 10:42 UTC` per product read. */
export function freshnessLine(document: ReportDocument): string {
  const names = { crm: 'CRM', books: 'Books', desk: 'Desk' } as const;
  const parts = (['crm', 'books', 'desk'] as const)
    .filter((p) => document.freshness[p] !== undefined)
    .map((p) => `${names[p]}: as of ${(document.freshness[p] ?? '').slice(0, 16).replace('T', ' ')} UTC`);
  return parts.join(' · ');
}

/** The rows a readable rendering shows (the first `max`), and how many are left out. */
export function visibleRows(table: Table, max: number): { rows: Table['rows']; hidden: number } {
  if (table.rows.length <= max) return { rows: table.rows, hidden: 0 };
  return { rows: table.rows.slice(0, max), hidden: table.rows.length - max };
}

export function windowLine(report: { window: { from: string; to: string }; period: string; currency: string }): string {
  return `${report.window.from} to ${report.window.to}, per ${report.period}, amounts in ${report.currency}`;
}
