/**
 * Sold vs invoiced vs collected, per period (and per owner or customer when grouped):
 * - won: deals in the won stage whose close day (stage history, else Closing_Date) is in the period: count, Σ Amount;
 * - invoiced: Books invoices not void, by invoice date: Σ total, linked to a deal and not linked apart;
 * - collected: Books customer payments by payment date: Σ amount;
 * - receivables today: Σ balance of invoices neither draft nor void; overdue: those past their due date.
 * Deals are grouped by their owner or account; Books figures by the CRM account linked to the Books customer
 * (its owner for `owner`), "(not linked)" otherwise.
 */

import { periodOf, within } from '../periods.js';
import type { Chart, ReportResult, Row, Table } from '../result.js';
import { add, type Money, settled, zero } from './money.js';
import type { ComputeOptions } from './options.js';
import { customerLabel, isVoid, type World } from './world.js';

interface Bucket {
  wonCount: number;
  won: Money;
  invoicedLinked: Money;
  invoicedUnlinked: Money;
  collected: Money;
  outstanding: Money;
  overdue: Money;
}

function bucket(): Bucket {
  return {
    wonCount: 0,
    won: zero(),
    invoicedLinked: zero(),
    invoicedUnlinked: zero(),
    collected: zero(),
    outstanding: zero(),
    overdue: zero(),
  };
}

const NOT_LINKED = '(not linked)';

/** The group of a Books customer: its linked CRM account (or that account's owner). */
function booksGroup(world: World, options: ComputeOptions, customerId: string, name: string): string {
  if (options.groupBy === 'customer') return customerLabel(world, customerId, name);
  const accountId = world.accountOfCustomer.get(customerId);
  const account = accountId === undefined ? undefined : world.accounts.get(accountId);
  return account?.ownerName ?? NOT_LINKED;
}

export function soldInvoicedCollected(world: World, options: ComputeOptions): ReportResult {
  const grouped = options.groupBy === 'owner' || options.groupBy === 'customer';
  const cells = new Map<string, Bucket>();
  const at = (period: string, group: string) => {
    const key = `${period}\u0000${group}`;
    let b = cells.get(key);
    if (b === undefined) {
      b = bucket();
      cells.set(key, b);
    }
    return b;
  };
  const { money, window, period } = options;
  const crm = world.facts.crmCurrency;
  let counted = 0;
  for (const w of world.won) {
    if (!within(w.closedOn, window)) continue;
    const group = !grouped
      ? ''
      : options.groupBy === 'owner'
        ? (w.deal.ownerName ?? '(no owner)')
        : (w.deal.accountName ?? '(no account)');
    const b = at(periodOf(w.closedOn, period).key, group);
    b.wonCount += 1;
    add(b.won, money, w.deal.amount ?? 0, crm);
    counted += 1;
  }
  for (const invoice of world.facts.invoices) {
    const group = grouped ? booksGroup(world, options, invoice.customerId, invoice.customerName) : '';
    if (!isVoid(invoice) && invoice.status !== 'draft' && invoice.balance > 0) {
      const b = at('', group);
      add(b.outstanding, money, invoice.balance, invoice.currencyCode, invoice.exchangeRate);
      if (invoice.dueDate < options.today)
        add(b.overdue, money, invoice.balance, invoice.currencyCode, invoice.exchangeRate);
    }
    if (isVoid(invoice) || !within(invoice.date, window)) continue;
    const b = at(periodOf(invoice.date, period).key, group);
    const target = world.dealOfInvoice.has(invoice.id) ? b.invoicedLinked : b.invoicedUnlinked;
    add(target, money, invoice.total, invoice.currencyCode, invoice.exchangeRate);
    counted += 1;
  }
  const rateOf = new Map(world.facts.currencies.map((c) => [c.code, c.rate]));
  for (const payment of world.facts.payments) {
    if (!within(payment.date, window)) continue;
    const customer = world.customers.get(payment.customerId) ?? payment.customerId;
    const group = grouped ? booksGroup(world, options, payment.customerId, customer) : '';
    add(
      at(periodOf(payment.date, period).key, group).collected,
      money,
      payment.amount,
      payment.currencyCode,
      payment.exchangeRate || rateOf.get(payment.currencyCode),
    );
    counted += 1;
  }
  return assemble(world, options, cells, counted === 0, grouped);
}

interface Grid {
  cells: Map<string, Bucket>;
  groups: string[];
  grouped: boolean;
}

function at(grid: Grid, period: string, group: string): Bucket | undefined {
  return grid.cells.get(`${period}\u0000${group}`);
}

/** The period table: a row per period (and group), the total, and the currencies left unconverted. */
function periodTable(grid: Grid, options: ComputeOptions, apart: Set<string>): Table {
  const deal = options.labels.term('deal', 'Deal');
  const rows: Row[] = [];
  const totals = bucket();
  for (const p of options.periods)
    for (const g of grid.groups) {
      const b = at(grid, p.key, g);
      if (b === undefined && grid.grouped) continue;
      rows.push(periodRow(p.key, g, b ?? bucket(), grid.grouped, apart));
      if (b !== undefined) sumInto(totals, b);
    }
  const groupLabel = options.groupBy === 'owner' ? 'Owner' : options.labels.term('customer', 'Customer');
  const columns: Table['columns'] = [
    { key: 'period', label: 'Period', kind: 'text' },
    ...(grid.grouped ? [{ key: 'group', label: groupLabel, kind: 'text' as const }] : []),
    { key: 'won_count', label: `${deal}s won`, kind: 'count' },
    { key: 'won_amount', label: 'Won amount', kind: 'money' },
    { key: 'invoiced_linked', label: `Invoiced (linked to a ${deal.toLowerCase()})`, kind: 'money' },
    { key: 'invoiced_unlinked', label: 'Invoiced (not linked)', kind: 'money' },
    { key: 'invoiced', label: 'Invoiced', kind: 'money' },
    { key: 'collected', label: 'Collected', kind: 'money' },
  ];
  const total = periodRow('total', grid.grouped ? 'All' : '', totals, grid.grouped, apart);
  if (apart.size > 0) columns.push({ key: 'not_converted', label: 'Not converted (no rate in Books)', kind: 'text' });
  return { id: 'by_period', title: `${deal}s won, invoiced and collected per ${options.period}`, columns, rows, total };
}

function receivablesTable(grid: Grid, groupLabel: string): Table {
  return {
    id: 'receivables',
    title: 'Receivables today',
    columns: [
      { key: 'group', label: grid.grouped ? groupLabel : 'Scope', kind: 'text' },
      { key: 'outstanding', label: 'Outstanding', kind: 'money' },
      { key: 'overdue', label: 'Overdue', kind: 'money' },
    ],
    rows: grid.groups
      .map((g) => ({ g, b: at(grid, '', g) }))
      .filter((x) => x.b !== undefined || !grid.grouped)
      .map(({ g, b }) => ({
        key: g || 'all',
        cells: {
          group: grid.grouped ? g : 'All',
          outstanding: settled(b?.outstanding ?? zero()).amount,
          overdue: settled(b?.overdue ?? zero()).amount,
        },
      })),
  };
}

function chartOf(grid: Grid, options: ComputeOptions): Chart {
  const sums = options.periods.map((p) => {
    const sum = bucket();
    for (const g of grid.groups) {
      const b = at(grid, p.key, g);
      if (b !== undefined) sumInto(sum, b);
    }
    return sum;
  });
  const money = (m: (b: Bucket) => Money) => sums.map((b) => settled(m(b)).amount);
  return {
    id: 'sold_invoiced_collected',
    kind: 'bars',
    title: `Won, invoiced and collected per ${options.period} (${options.money.currency})`,
    unit: 'money',
    categories: options.periods.map((p) => p.key),
    series: [
      { key: 'won', label: 'Won', values: money((b) => b.won) },
      {
        key: 'invoiced',
        label: 'Invoiced',
        values: sums.map((b) => settled(b.invoicedLinked).amount + settled(b.invoicedUnlinked).amount),
      },
      { key: 'collected', label: 'Collected', values: money((b) => b.collected) },
    ],
  };
}

function assemble(
  world: World,
  options: ComputeOptions,
  cells: Map<string, Bucket>,
  empty: boolean,
  grouped: boolean,
): ReportResult {
  const groups = grouped
    ? [...new Set([...cells.keys()].map((k) => k.split('\u0000')[1] ?? ''))].sort((a, b) => a.localeCompare(b))
    : [''];
  const grid: Grid = { cells, groups, grouped };
  const apart = new Set<string>();
  const table = periodTable(grid, options, apart);
  const notes = [
    'Invoiced counts every invoice that is not void (drafts included), by invoice date; collected counts payments by payment date.',
    'Receivables are as of today: invoices neither draft nor void with a balance; overdue ones are past their due date.',
  ];
  if (apart.size > 0)
    notes.push(
      `Amounts in ${[...apart].join(', ')} have no rate to ${options.money.currency} in Books: they are shown apart, under Not converted.`,
    );
  if (!world.links.invoiceReferencesDeal && world.links.dealToInvoice === undefined)
    notes.push('The model writes no link between deals and invoices: every invoice counts as not linked.');
  return {
    id: options.report.id,
    title: options.report.title,
    period: options.period,
    window: options.window,
    groupBy: grouped ? options.groupBy : 'none',
    currency: options.money.currency,
    empty,
    tables: [table, receivablesTable(grid, table.columns[1]?.label ?? 'Group')],
    charts: [chartOf(grid, options)],
    notes,
  };
}

/** What could not be converted, per figure: `won USD 10,000.00; collected USD 4,000.00`. */
function notConverted(b: Bucket): string | null {
  const parts: string[] = [];
  const invoiced: Record<string, number> = { ...b.invoicedLinked.apart };
  for (const [code, v] of Object.entries(b.invoicedUnlinked.apart)) invoiced[code] = (invoiced[code] ?? 0) + v;
  for (const [label, apart] of [
    ['won', b.won.apart],
    ['invoiced', invoiced],
    ['collected', b.collected.apart],
  ] as const)
    for (const [code, v] of Object.entries(apart))
      parts.push(
        `${label} ${code} ${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
      );
  return parts.length === 0 ? null : parts.join('; ');
}

function periodRow(period: string, group: string, b: Bucket, grouped: boolean, apart: Set<string>): Row {
  for (const m of [b.won, b.invoicedLinked, b.invoicedUnlinked, b.collected])
    for (const code of Object.keys(m.apart)) apart.add(code);
  const linked = settled(b.invoicedLinked).amount;
  const unlinked = settled(b.invoicedUnlinked).amount;
  return {
    key: grouped ? `${period}/${group}` : period,
    cells: {
      period,
      ...(grouped ? { group } : {}),
      won_count: b.wonCount,
      won_amount: settled(b.won).amount,
      invoiced_linked: linked,
      invoiced_unlinked: unlinked,
      invoiced: Math.round((linked + unlinked) * 100) / 100,
      collected: settled(b.collected).amount,
      not_converted: notConverted(b),
    },
  };
}

function sumInto(total: Bucket, b: Bucket): void {
  total.wonCount += b.wonCount;
  for (const key of ['won', 'invoicedLinked', 'invoicedUnlinked', 'collected'] as const) {
    total[key].amount += b[key].amount;
    for (const [code, v] of Object.entries(b[key].apart)) total[key].apart[code] = (total[key].apart[code] ?? 0) + v;
  }
}
