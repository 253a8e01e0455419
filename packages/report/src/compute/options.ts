/** What one report is computed with: its window, periods, grouping, currency, labels and "today". */
import type { ResolvedReport } from '@zlc/model';
import type { Labels } from '../labels.js';
import type { Period, PeriodKind, Window } from '../periods.js';
import type { GroupBy } from '../result.js';
import type { Converter } from './money.js';

export interface ComputeOptions {
  report: ResolvedReport;
  window: Window;
  period: PeriodKind;
  periods: Period[];
  groupBy: GroupBy;
  money: Converter;
  labels: Labels;
  /** The day ages and overdue are counted from (`YYYY-MM-DD`). */
  today: string;
}
