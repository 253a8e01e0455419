/**
 * Retention and renewals. A customer is the CRM account linked to a Books customer (else the Books customer). It
 * is active in a period when it has a non-void invoice dated in it or a deal won (closed) in it; its revenue is
 * Σ non-void invoice totals dated in it. Per period P against the period before (P−1):
 * - logo retention = customers active in both ÷ customers active in P−1;
 * - gross revenue retention = Σ over P−1's paying customers of min(revenue P, revenue P−1) ÷ Σ revenue P−1;
 * - net revenue retention = Σ over P−1's paying customers of revenue P ÷ Σ revenue P−1.
 * Renewals (with `renewal_field`): each renewal date in the window is due; it is renewed when the account has a
 * deal won from 90 days before to 30 days after that date (for a Deals field: another won deal than that one).
 */
import { addDays, periodOf, previousPeriod, within } from '../periods.js';
import type { ReportResult, Row, Table } from '../result.js';
import { add, cents, type Money, zero } from './money.js';
import type { ComputeOptions } from './options.js';
import { isVoid, type World } from './world.js';

const RENEWED_BEFORE_DAYS = 90;
const RENEWED_AFTER_DAYS = 30;

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;
}

interface Activity {
  /** Per period key: the customers active in it. */
  active: Map<string, Set<string>>;
  /** Per period key: revenue per customer. */
  revenue: Map<string, Map<string, Money>>;
  counted: number;
}

/** Who was active when, and their revenue, from the period before the window's first through its end. */
function activity(world: World, options: ComputeOptions): Activity {
  const first = options.periods[0];
  const from = first === undefined ? options.window.from : previousPeriod(first, options.period).from;
  const span = { from, to: options.window.to };
  const out: Activity = { active: new Map(), revenue: new Map(), counted: 0 };
  const mark = (p: string, who: string) => out.active.set(p, (out.active.get(p) ?? new Set<string>()).add(who));
  for (const invoice of world.facts.invoices) {
    if (isVoid(invoice) || !within(invoice.date, span)) continue;
    const who = world.accountOfCustomer.get(invoice.customerId) ?? `books:${invoice.customerId}`;
    const p = periodOf(invoice.date, options.period).key;
    mark(p, who);
    const perP = out.revenue.get(p) ?? new Map<string, Money>();
    const m = perP.get(who) ?? zero();
    add(m, options.money, invoice.total, invoice.currencyCode, invoice.exchangeRate);
    perP.set(who, m);
    out.revenue.set(p, perP);
    if (within(invoice.date, options.window)) out.counted += 1;
  }
  for (const w of world.won) {
    if (w.deal.accountId === null || !within(w.closedOn, span)) continue;
    mark(periodOf(w.closedOn, options.period).key, w.deal.accountId);
    if (within(w.closedOn, options.window)) out.counted += 1;
  }
  return out;
}

function retentionRow(a: Activity, key: string, previous: string): Row {
  const before = a.active.get(previous) ?? new Set<string>();
  const now = a.active.get(key) ?? new Set<string>();
  const kept = [...before].filter((c) => now.has(c)).length;
  const revNow = a.revenue.get(key) ?? new Map<string, Money>();
  let base = 0;
  let gross = 0;
  let net = 0;
  for (const [who, m] of a.revenue.get(previous) ?? new Map<string, Money>()) {
    if (m.amount <= 0) continue;
    const n = revNow.get(who)?.amount ?? 0;
    base += m.amount;
    gross += Math.min(m.amount, n);
    net += n;
  }
  return {
    key,
    cells: {
      period: key,
      customers_before: before.size,
      customers: now.size,
      retained: kept,
      new_customers: [...now].filter((c) => !before.has(c)).length,
      logo_retention: ratio(kept, before.size),
      revenue_before: cents(base),
      gross_revenue_retention: ratio(gross, base),
      net_revenue_retention: ratio(net, base),
    },
  };
}

function retentionTable(rows: Row[], options: ComputeOptions): Table {
  const customer = options.labels.term('customer', 'Customer');
  const { period } = options;
  return {
    id: 'retention',
    title: `${customer} and revenue retention per ${period}`,
    columns: [
      { key: 'period', label: 'Period', kind: 'text' },
      { key: 'customers_before', label: `${customer}s the ${period} before`, kind: 'count' },
      { key: 'customers', label: `${customer}s`, kind: 'count' },
      { key: 'retained', label: 'Retained', kind: 'count' },
      { key: 'new_customers', label: 'New', kind: 'count' },
      { key: 'logo_retention', label: 'Logo retention', kind: 'ratio' },
      { key: 'revenue_before', label: `Revenue the ${period} before`, kind: 'money' },
      { key: 'gross_revenue_retention', label: 'Gross revenue retention', kind: 'ratio' },
      { key: 'net_revenue_retention', label: 'Net revenue retention', kind: 'ratio' },
    ],
    rows,
  };
}

export function retentionRenewals(world: World, options: ComputeOptions): ReportResult {
  const a = activity(world, options);
  const rows = options.periods.map((p) => retentionRow(a, p.key, previousPeriod(p, options.period).key));
  const renewals = renewalTables(world, options);
  const values = (key: string) => rows.map((r) => r.cells[key] as number | null);
  return {
    id: options.report.id,
    title: options.report.title,
    period: options.period,
    window: options.window,
    groupBy: 'none',
    currency: options.money.currency,
    empty: a.counted === 0,
    tables: [retentionTable(rows, options), ...renewals.tables],
    charts: [
      {
        id: 'retention',
        kind: 'lines',
        title: `Retention per ${options.period}`,
        unit: 'ratio',
        categories: rows.map((r) => r.key),
        series: [
          { key: 'logo', label: 'Logo retention', values: values('logo_retention') },
          { key: 'net_revenue', label: 'Net revenue retention', values: values('net_revenue_retention') },
        ],
      },
    ],
    notes: renewals.notes,
  };
}

interface Due {
  id: string;
  name: string;
  accountId: string | null;
  date: string;
  /** For a Deals field: the deal itself, which does not renew itself. */
  except?: string;
}

/** The renewal dates in the window, from the accounts or the deals holding them. */
function renewalsDue(world: World, options: ComputeOptions, field: { module: 'Accounts' | 'Deals' }): Due[] {
  const due: Due[] = [];
  if (field.module === 'Accounts') {
    for (const a of world.facts.accounts)
      if (within(a.renewalDate, options.window))
        due.push({ id: a.id, name: a.name, accountId: a.id, date: a.renewalDate });
  } else {
    for (const d of world.facts.deals)
      if (within(d.renewalDate, options.window))
        due.push({
          id: d.id,
          name: d.accountName ?? d.name,
          accountId: d.accountId,
          date: d.renewalDate,
          except: d.id,
        });
  }
  return due;
}

function renewalTables(world: World, options: ComputeOptions): { tables: ReportResult['tables']; notes: string[] } {
  const field = options.report.renewalField;
  if (field === undefined)
    return { tables: [], notes: ['No renewal_field is set on this report, so renewals due are not counted.'] };
  const due = renewalsDue(world, options, field);
  const wonBy = new Map<string, string[]>();
  for (const w of world.won) {
    if (w.deal.accountId === null) continue;
    const list = wonBy.get(w.deal.accountId) ?? [];
    list.push(`${w.closedOn}\u0000${w.deal.id}`);
    wonBy.set(w.deal.accountId, list);
  }
  const perPeriod = new Map<string, { due: number; renewed: number }>();
  const open: Row[] = [];
  for (const d of due) {
    const from = addDays(d.date, -RENEWED_BEFORE_DAYS);
    const to = addDays(d.date, RENEWED_AFTER_DAYS);
    const renewed = (wonBy.get(d.accountId ?? '') ?? []).some((entry) => {
      const [day, id] = entry.split('\u0000');
      return id !== d.except && day !== undefined && day >= from && day <= to;
    });
    const key = periodOf(d.date, options.period).key;
    const p = perPeriod.get(key) ?? { due: 0, renewed: 0 };
    p.due += 1;
    if (renewed) p.renewed += 1;
    perPeriod.set(key, p);
    if (!renewed)
      open.push({
        key: d.id,
        cells: { customer: d.name, id: d.id, renewal_date: d.date, state: to < options.today ? 'lapsed' : 'pending' },
      });
  }
  open.sort((a, b) => String(a.cells.renewal_date).localeCompare(String(b.cells.renewal_date)));
  const customer = options.labels.term('customer', 'Customer');
  return {
    tables: [
      {
        id: 'renewals',
        title: `Renewals due and renewed per ${options.period} (${options.report.renewalField?.module}.${field.apiName})`,
        columns: [
          { key: 'period', label: 'Period', kind: 'text' },
          { key: 'due', label: 'Due', kind: 'count' },
          { key: 'renewed', label: 'Renewed', kind: 'count' },
          { key: 'rate', label: 'Renewal rate', kind: 'ratio' },
        ],
        rows: options.periods.map((p) => {
          const v = perPeriod.get(p.key) ?? { due: 0, renewed: 0 };
          return {
            key: p.key,
            cells: { period: p.key, due: v.due, renewed: v.renewed, rate: ratio(v.renewed, v.due) },
          };
        }),
      },
      {
        id: 'not_renewed',
        title: 'Renewals not renewed (pending until 30 days after the date, then lapsed)',
        columns: [
          { key: 'customer', label: customer, kind: 'text' },
          { key: 'id', label: 'CRM id', kind: 'text' },
          { key: 'renewal_date', label: 'Renewal date', kind: 'date' },
          { key: 'state', label: 'State', kind: 'text' },
        ],
        rows: open,
      },
    ],
    notes: [],
  };
}
