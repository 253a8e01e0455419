/**
 * Support volume: Desk tickets per customer, the customer being the CRM account whose Desk link field holds the
 * ticket's Desk account ("… (Desk only)" for an unlinked Desk account, "(no account)" without one).
 * Per period: tickets created (createdTime), closed (closedTime). Per customer over the window: created, closed,
 * open now (statusType not Closed, whenever created), and tickets per 1,000 invoiced (non-void invoice totals of
 * the linked Books customer in the window). Also: customers with tickets in the window and no won deal.
 */
import { dayOf, periodOf, within } from '../periods.js';
import type { ReportResult, Row, Table } from '../result.js';
import { add, settled, zero } from './money.js';
import type { ComputeOptions } from './options.js';
import { isVoid, type World } from './world.js';

const TOP = 10;

interface PerCustomer {
  name: string;
  accountId: string | null;
  created: number;
  closed: number;
  open: number;
}

interface Counted {
  perPeriod: Map<string, { created: number; closed: number }>;
  perCustomer: Map<string, PerCustomer>;
  byStatus: Map<string, number>;
  counted: number;
}

/** The customer a Desk account stands for: its linked CRM account, else the Desk account itself. */
function customerKey(
  world: World,
  deskAccountId: string | null,
): { key: string; accountId: string | null; name: string } {
  const accountId = deskAccountId === null ? undefined : world.accountOfDeskAccount.get(deskAccountId);
  const account = accountId === undefined ? undefined : world.accounts.get(accountId);
  const name =
    account?.name ??
    (deskAccountId === null ? '(no account)' : `${world.deskAccounts.get(deskAccountId) ?? deskAccountId} (Desk only)`);
  return { key: accountId ?? `desk:${deskAccountId ?? ''}`, accountId: accountId ?? null, name };
}

function countTickets(world: World, options: ComputeOptions): Counted {
  const out: Counted = { perPeriod: new Map(), perCustomer: new Map(), byStatus: new Map(), counted: 0 };
  const customerOf = (deskAccountId: string | null): PerCustomer => {
    const who = customerKey(world, deskAccountId);
    let c = out.perCustomer.get(who.key);
    if (c === undefined) {
      c = { name: who.name, accountId: who.accountId, created: 0, closed: 0, open: 0 };
      out.perCustomer.set(who.key, c);
    }
    return c;
  };
  const bump = (day: string, field: 'created' | 'closed') => {
    const key = periodOf(day, options.period).key;
    const p = out.perPeriod.get(key) ?? { created: 0, closed: 0 };
    p[field] += 1;
    out.perPeriod.set(key, p);
    out.counted += 1;
  };
  for (const t of world.facts.tickets) {
    const created = dayOf(t.createdTime);
    const closed = t.closedTime === null ? null : dayOf(t.closedTime);
    if (t.statusType !== 'Closed') {
      customerOf(t.accountId).open += 1;
      const label = options.labels.status('desk:tickets.status', t.status);
      out.byStatus.set(label, (out.byStatus.get(label) ?? 0) + 1);
    }
    if (within(created, options.window)) {
      customerOf(t.accountId).created += 1;
      bump(created, 'created');
    }
    if (within(closed, options.window)) {
      customerOf(t.accountId).closed += 1;
      bump(closed, 'closed');
    }
  }
  return out;
}

function customerRow(c: PerCustomer, invoiced: ReadonlyMap<string, number>): Row {
  const revenue = c.accountId === null ? undefined : invoiced.get(c.accountId);
  return {
    key: c.accountId ?? c.name,
    cells: {
      customer: c.name,
      account_id: c.accountId,
      created: c.created,
      closed: c.closed,
      open_now: c.open,
      invoiced: revenue === undefined ? null : revenue,
      per_1000: revenue === undefined || revenue <= 0 ? null : Math.round((c.created / revenue) * 1000 * 1000) / 1000,
    },
  };
}

function tables(world: World, options: ComputeOptions, counted: Counted, ranked: PerCustomer[]): Table[] {
  const { labels } = options;
  const customer = labels.term('customer', 'Customer');
  const ticket = labels.term('ticket', 'Ticket');
  const invoiced = invoicedPerAccount(world, options);
  const wonAccounts = new Set(world.won.map((w) => w.deal.accountId));
  const noDeal = ranked.filter((c) => c.created > 0 && (c.accountId === null || !wonAccounts.has(c.accountId)));
  const who = [
    { key: 'customer', label: customer, kind: 'text' as const },
    { key: 'account_id', label: 'CRM id', kind: 'text' as const },
  ];
  return [
    {
      id: 'by_period',
      title: `${ticket}s created and closed per ${options.period}`,
      columns: [
        { key: 'period', label: 'Period', kind: 'text' },
        { key: 'created', label: 'Created', kind: 'count' },
        { key: 'closed', label: 'Closed', kind: 'count' },
      ],
      rows: options.periods.map((p) => {
        const v = counted.perPeriod.get(p.key) ?? { created: 0, closed: 0 };
        return { key: p.key, cells: { period: p.key, created: v.created, closed: v.closed } };
      }),
    },
    {
      id: 'by_customer',
      title: `${ticket}s per ${customer.toLowerCase()}`,
      columns: [
        ...who,
        { key: 'created', label: 'Created', kind: 'count' },
        { key: 'closed', label: 'Closed', kind: 'count' },
        { key: 'open_now', label: 'Open now', kind: 'count' },
        { key: 'invoiced', label: 'Invoiced', kind: 'money' },
        { key: 'per_1000', label: `${ticket}s per 1,000 invoiced`, kind: 'number' },
      ],
      rows: ranked.map((c) => customerRow(c, invoiced)),
    },
    {
      id: 'open_by_status',
      title: `Open ${ticket.toLowerCase()}s by status`,
      columns: [
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'open', label: 'Open now', kind: 'count' },
      ],
      rows: [...counted.byStatus.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([status, n]) => ({ key: status, cells: { status, open: n } })),
    },
    {
      id: 'no_won_deal',
      title: `${customer}s with ${ticket.toLowerCase()}s and no won ${labels.term('deal', 'Deal').toLowerCase()}`,
      columns: [...who, { key: 'created', label: 'Created', kind: 'count' }],
      rows: noDeal.map((c) => ({
        key: c.accountId ?? c.name,
        cells: { customer: c.name, account_id: c.accountId, created: c.created },
      })),
    },
  ];
}

export function supportVolume(world: World, options: ComputeOptions): ReportResult {
  const customer = options.labels.term('customer', 'Customer');
  const ticket = options.labels.term('ticket', 'Ticket');
  const counted = countTickets(world, options);
  const ranked = [...counted.perCustomer.values()]
    .filter((c) => c.created + c.closed + c.open > 0)
    .sort((a, b) => b.created - a.created || b.open - a.open || a.name.localeCompare(b.name));
  const top = ranked.filter((c) => c.created > 0).slice(0, TOP);
  return {
    id: options.report.id,
    title: options.report.title,
    period: options.period,
    window: options.window,
    groupBy: 'customer',
    currency: options.money.currency,
    empty: counted.counted === 0,
    tables: tables(world, options, counted, ranked),
    charts: [
      {
        id: 'top_customers',
        kind: 'hbars',
        title: `Top ${customer.toLowerCase()}s by ${ticket.toLowerCase()}s created`,
        unit: 'count',
        categories: top.map((c) => c.name),
        series: [{ key: 'created', label: 'Created', values: top.map((c) => c.created) }],
      },
    ],
    notes: ['Open now counts every ticket whose status type is not Closed, whenever it was created.'],
  };
}

/** Σ non-void invoice totals in the window per CRM account (through the Books customer link). */
function invoicedPerAccount(world: World, options: ComputeOptions): Map<string, number> {
  const sums = new Map<string, ReturnType<typeof zero>>();
  for (const invoice of world.facts.invoices) {
    if (isVoid(invoice) || !within(invoice.date, options.window)) continue;
    const accountId = world.accountOfCustomer.get(invoice.customerId);
    if (accountId === undefined) continue;
    const m = sums.get(accountId) ?? zero();
    add(m, options.money, invoice.total, invoice.currencyCode, invoice.exchangeRate);
    sums.set(accountId, m);
  }
  return new Map([...sums].map(([k, m]) => [k, settled(m).amount]));
}
