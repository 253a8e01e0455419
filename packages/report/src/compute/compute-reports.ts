/**
 * The pure core: facts + model + what was asked → one result per report. No network, no files, no clock (today
 * comes in). The reconciliation is computed for every model, listed or not.
 */
import { REPORT_TITLES, type ReportId, type ResolvedModel, type ResolvedReport } from '@zlc/model';
import type { Facts } from '../facts.js';
import { labelsOf } from '../labels.js';
import { linksOf } from '../links.js';
import { lookbackWindow, type PeriodKind, periodsOf, type Window } from '../periods.js';
import type { GroupBy, ReportResult } from '../result.js';
import { closeToInvoice } from './close-to-invoice.js';
import { converter } from './money.js';
import type { ComputeOptions } from './options.js';
import { reconciliation } from './reconciliation.js';
import { retentionRenewals } from './retention-renewals.js';
import { soldInvoicedCollected } from './sold-invoiced-collected.js';
import { supportVolume } from './support-volume.js';
import { buildWorld, type World } from './world.js';

export interface ReportRequest {
  /** The reports to compute, as the model resolves them (see `reportsOf`). */
  reports: readonly ResolvedReport[];
  /** Overrides every report's window. */
  window?: Window;
  /** Overrides every report's period. */
  period?: PeriodKind;
  /** Overrides every report's grouping. */
  groupBy?: GroupBy;
  /** The day ages, overdue and lookbacks count from (`YYYY-MM-DD`). */
  today: string;
}

/** The model's reports, with the reconciliation added when the model does not list it. */
export function reportsOf(model: ResolvedModel): ResolvedReport[] {
  const listed = [...model.reports];
  if (!listed.some((r) => r.id === 'reconciliation')) listed.push(defaultReport('reconciliation'));
  return listed;
}

/** A report the model does not list, with the language's defaults. */
export function defaultReport(id: ReportId): ResolvedReport {
  return { id, title: REPORT_TITLES[id], period: 'month', groupBy: 'none', lookback: '12m' };
}

/** Groupings each report supports; another one is refused before anything is read. */
export const GROUPINGS: Record<ResolvedReport['id'], readonly GroupBy[]> = {
  sold_invoiced_collected: ['none', 'owner', 'customer'],
  close_to_invoice: ['none'],
  support_volume: ['none', 'customer'],
  retention_renewals: ['none'],
  reconciliation: ['none'],
};

export function computeReports(facts: Facts, model: ResolvedModel, request: ReportRequest): ReportResult[] {
  const world = buildWorld(facts, linksOf(model));
  const labels = labelsOf(model);
  const base = facts.currencies.find((c) => c.isBase)?.code ?? facts.crmCurrency;
  return request.reports.map((report) => {
    const window = request.window ?? lookbackWindow(report.lookback, request.today);
    const period = request.period ?? report.period;
    const options: ComputeOptions = {
      report,
      window,
      period,
      periods: periodsOf(window, period),
      groupBy: request.groupBy ?? report.groupBy,
      money: converter(report.currency ?? base, facts.currencies),
      labels,
      today: request.today,
    };
    return computeOne(world, options);
  });
}

function computeOne(world: World, options: ComputeOptions): ReportResult {
  switch (options.report.id) {
    case 'sold_invoiced_collected':
      return soldInvoicedCollected(world, options);
    case 'close_to_invoice':
      return closeToInvoice(world, options);
    case 'support_volume':
      return supportVolume(world, options);
    case 'retention_renewals':
      return retentionRenewals(world, options);
    case 'reconciliation':
      return reconciliation(world, options, world.facts.readNotes);
  }
}
