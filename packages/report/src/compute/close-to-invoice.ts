/**
 * Close to first invoice: for each won deal closed in the window, days = date of its first non-void invoice −
 * close day (stage history entry into the won stage, else Closing_Date). Per period of closing: deals won, deals
 * invoiced, median (p50), p90 and max of the days, percentiles by nearest rank (the value at rank ⌈p/100 × n⌉).
 * Deals won and not invoiced yet are listed with their age (today − close day).
 */
import { daysBetween, periodOf, within } from '../periods.js';
import type { ReportResult, Row, Table } from '../result.js';
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

interface Collected {
  perPeriod: Map<string, { won: number; days: number[] }>;
  waiting: Row[];
  invoiced: Row[];
  days: number[];
  earlier: number;
}

/** Every won deal closed in the window: its days to the first invoice, or its age when it has none. */
function collect(world: World, options: ComputeOptions): Collected {
  const out: Collected = { perPeriod: new Map(), waiting: [], invoiced: [], days: [], earlier: 0 };
  for (const w of world.won) {
    if (!within(w.closedOn, options.window)) continue;
    const key = periodOf(w.closedOn, options.period).key;
    const entry = out.perPeriod.get(key) ?? { won: 0, days: [] };
    entry.won += 1;
    out.perPeriod.set(key, entry);
    const deal = { deal: w.deal.name, deal_id: w.deal.id, closed_on: w.closedOn };
    const first = world.invoicesByDeal.get(w.deal.id)?.[0];
    if (first === undefined) {
      const age = daysBetween(w.closedOn, options.today);
      out.waiting.push({ key: w.deal.id, cells: { ...deal, account: w.deal.accountName, age_days: age } });
      continue;
    }
    const days = daysBetween(w.closedOn, first.date);
    if (days < 0) out.earlier += 1;
    entry.days.push(days);
    out.days.push(days);
    const closedBy = w.closedBy === 'stage_history' ? 'stage history' : 'closing date';
    out.invoiced.push({
      key: w.deal.id,
      cells: {
        ...deal,
        closed_by: closedBy,
        invoice: first.number,
        invoice_id: first.id,
        invoiced_on: first.date,
        days,
      },
    });
  }
  out.waiting.sort((a, b) => Number(b.cells.age_days) - Number(a.cells.age_days));
  return out;
}

function statsRow(key: string, won: number, days: readonly number[]): Row {
  const sorted = [...days].sort((a, b) => a - b);
  return {
    key,
    cells: {
      period: key,
      won,
      invoiced: sorted.length,
      median_days: percentile(sorted, 50),
      p90_days: percentile(sorted, 90),
      max_days: sorted.at(-1) ?? null,
    },
  };
}

function tables(c: Collected, options: ComputeOptions, deal: string): Table[] {
  const rows = options.periods.map((p) => {
    const e = c.perPeriod.get(p.key) ?? { won: 0, days: [] };
    return statsRow(p.key, e.won, e.days);
  });
  const won = rows.reduce((n, r) => n + Number(r.cells.won), 0);
  return [
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
      total: statsRow('total', won, c.days),
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
      rows: c.waiting,
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
      rows: c.invoiced,
    },
  ];
}

export function closeToInvoice(world: World, options: ComputeOptions): ReportResult {
  const deal = options.labels.term('deal', 'Deal');
  const c = collect(world, options);
  const notes = [
    'The close day is when the deal entered the won stage in CRM’s stage history, or its Closing_Date when the history has no such entry.',
  ];
  if (c.earlier > 0)
    notes.push(`${c.earlier} ${deal.toLowerCase()}(s) were invoiced before they closed (negative days).`);
  const bin = (lo: number, hi: number) => c.days.filter((d) => Math.max(0, d) >= lo && Math.max(0, d) <= hi).length;
  return {
    id: options.report.id,
    title: options.report.title,
    period: options.period,
    window: options.window,
    groupBy: 'none',
    currency: options.money.currency,
    empty: c.perPeriod.size === 0,
    tables: tables(c, options, deal),
    charts: [
      {
        id: 'close_to_invoice_days',
        kind: 'histogram',
        title: 'Days from close to first invoice',
        unit: 'count',
        categories: BINS.map(([label]) => label),
        series: [{ key: 'deals', label: `${deal}s`, values: BINS.map(([, lo, hi]) => bin(lo, hi)) }],
      },
    ],
    notes,
  };
}
