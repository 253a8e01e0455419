/**
 * Close to first invoice: for each won deal closed in the window, days = date of its first non-void invoice −
 * close day (stage history entry into the won stage, else Closing_Date). Per period of closing: deals won, deals
 * invoiced, median (p50), p90 and max of the days, percentiles by nearest rank (the value at rank ⌈p/100 × n⌉).
 * Deals won and not invoiced yet are listed with their age (today − close day).
 */
import { daysBetween, periodOf, within } from '../periods.js';
import type { ReportResult, Row } from '../result.js';
import type { ComputeOptions } from './options.js';
import { percentile, type World } from './world.js';

/** Bins of the distribution chart: days from close to first invoice. */
const BINS: readonly [string, number, number][] = [
  ['0–7', 0, 7],
  ['8–14', 8, 14],
  ['15–30', 15, 30],
  ['31–60', 31, 60],
  ['61+', 61, Number.POSITIVE_INFINITY],
];

export function closeToInvoice(world: World, options: ComputeOptions): ReportResult {
  const deal = options.labels.term('deal', 'Deal');
  const perPeriod = new Map<string, { won: number; days: number[] }>();
  const waiting: Row[] = [];
  const all: number[] = [];
  const invoicedRows: Row[] = [];
  let earlier = 0;
  for (const w of world.won) {
    if (!within(w.closedOn, options.window)) continue;
    const key = periodOf(w.closedOn, options.period).key;
    const entry = perPeriod.get(key) ?? { won: 0, days: [] };
    entry.won += 1;
    perPeriod.set(key, entry);
    const first = world.invoicesByDeal.get(w.deal.id)?.[0];
    if (first === undefined) {
      waiting.push({
        key: w.deal.id,
        cells: {
          deal: w.deal.name,
          deal_id: w.deal.id,
          account: w.deal.accountName,
          closed_on: w.closedOn,
          age_days: daysBetween(w.closedOn, options.today),
        },
      });
      continue;
    }
    const days = daysBetween(w.closedOn, first.date);
    if (days < 0) earlier += 1;
    entry.days.push(days);
    all.push(days);
    invoicedRows.push({
      key: w.deal.id,
      cells: {
        deal: w.deal.name,
        deal_id: w.deal.id,
        closed_on: w.closedOn,
        closed_by: w.closedBy === 'stage_history' ? 'stage history' : 'closing date',
        invoice: first.number,
        invoice_id: first.id,
        invoiced_on: first.date,
        days,
      },
    });
  }
  const rows: Row[] = options.periods.map((p) => {
    const e = perPeriod.get(p.key) ?? { won: 0, days: [] };
    const sorted = [...e.days].sort((a, b) => a - b);
    return {
      key: p.key,
      cells: {
        period: p.key,
        won: e.won,
        invoiced: sorted.length,
        median_days: percentile(sorted, 50),
        p90_days: percentile(sorted, 90),
        max_days: sorted.at(-1) ?? null,
      },
    };
  });
  const sortedAll = [...all].sort((a, b) => a - b);
  waiting.sort((a, b) => Number(b.cells.age_days) - Number(a.cells.age_days));
  const notes = [
    'The close day is when the deal entered the won stage in CRM’s stage history, or its Closing_Date when the history has no such entry.',
  ];
  if (earlier > 0) notes.push(`${earlier} ${deal.toLowerCase()}(s) were invoiced before they closed (negative days).`);
  return {
    id: options.report.id,
    title: options.report.title,
    period: options.period,
    window: options.window,
    groupBy: 'none',
    currency: options.money.currency,
    empty: perPeriod.size === 0,
    tables: [
      {
        id: 'by_period',
        title: `Days from close to first invoice, per ${options.period} of closing`,
        columns: [
          { key: 'period', label: 'Period', kind: 'text' },
          { key: 'won', label: `${deal}s won`, kind: 'count' },
          { key: 'invoiced', label: 'Invoiced', kind: 'count' },
          { key: 'median_days', label: 'Median days', kind: 'days' },
          { key: 'p90_days', label: 'p90 days', kind: 'days' },
          { key: 'max_days', label: 'Max days', kind: 'days' },
        ],
        rows,
        total: {
          key: 'total',
          cells: {
            period: 'total',
            won: rows.reduce((n, r) => n + Number(r.cells.won), 0),
            invoiced: sortedAll.length,
            median_days: percentile(sortedAll, 50),
            p90_days: percentile(sortedAll, 90),
            max_days: sortedAll.at(-1) ?? null,
          },
        },
      },
      {
        id: 'not_invoiced',
        title: `${deal}s won and not invoiced yet`,
        columns: [
          { key: 'deal', label: deal, kind: 'text' },
          { key: 'deal_id', label: 'CRM id', kind: 'text' },
          { key: 'account', label: options.labels.term('customer', 'Customer'), kind: 'text' },
          { key: 'closed_on', label: 'Closed on', kind: 'date' },
          { key: 'age_days', label: 'Age (days)', kind: 'days' },
        ],
        rows: waiting,
      },
      {
        id: 'deals',
        title: `${deal}s invoiced`,
        columns: [
          { key: 'deal', label: deal, kind: 'text' },
          { key: 'deal_id', label: 'CRM id', kind: 'text' },
          { key: 'closed_on', label: 'Closed on', kind: 'date' },
          { key: 'closed_by', label: 'Close day from', kind: 'text' },
          { key: 'invoice', label: 'First invoice', kind: 'text' },
          { key: 'invoice_id', label: 'Books id', kind: 'text' },
          { key: 'invoiced_on', label: 'Invoiced on', kind: 'date' },
          { key: 'days', label: 'Days', kind: 'days' },
        ],
        rows: invoicedRows,
      },
    ],
    charts: [
      {
        id: 'close_to_invoice_days',
        kind: 'histogram',
        title: 'Days from close to first invoice',
        unit: 'count',
        categories: BINS.map(([label]) => label),
        series: [
          {
            key: 'deals',
            label: `${deal}s`,
            values: BINS.map(([, lo, hi]) => all.filter((d) => Math.max(0, d) >= lo && Math.max(0, d) <= hi).length),
          },
        ],
      },
    ],
    notes,
  };
}
