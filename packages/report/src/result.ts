/**
 * What a computed report is: tables and charts with typed cells, the same for every report, so that each renderer
 * (text, markdown, CSV, JSON, HTML) is written once. `schemas/report.schema.json` describes the JSON form.
 */
import type { ReportId } from '@zlc/model';
import type { PeriodKind, Window } from './periods.js';

export type GroupBy = 'customer' | 'owner' | 'product' | 'stage' | 'none';

export type CellKind = 'text' | 'count' | 'number' | 'money' | 'days' | 'ratio' | 'date';

export interface Column {
  key: string;
  label: string;
  kind: CellKind;
}

export type Cell = string | number | null;

export interface Row {
  /** Stable key of the row: a period key, a group name, a record id. */
  key: string;
  cells: Record<string, Cell>;
}

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** A closing row of totals, when the table has one. */
  total?: Row;
  /** How many rows there are in all, when `rows` holds only the first ones (text and HTML stay readable). */
  of?: number;
}

export interface Series {
  key: string;
  label: string;
  values: (number | null)[];
}

export interface Chart {
  id: string;
  /** `bars`: grouped bars per category; `histogram`: one bar per bin; `hbars`: horizontal bars; `lines`: points joined. */
  kind: 'bars' | 'histogram' | 'hbars' | 'lines';
  title: string;
  unit: 'money' | 'count' | 'days' | 'ratio';
  categories: string[];
  series: Series[];
}

export interface ReportResult {
  id: ReportId;
  title: string;
  period: PeriodKind;
  window: Window;
  groupBy: GroupBy;
  currency: string;
  /** True when none of the records the report counts fall in its window. */
  empty: boolean;
  tables: Table[];
  charts: Chart[];
  notes: string[];
}
